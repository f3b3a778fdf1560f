//! The reference data compiled into the binary from `rules/`, in one place:
//! the municipality list, the payer and the payees' accounts, the chart of
//! accounts and budget lines a new database starts with, and the schemes of
//! 2022. Every file is parsed by the domain's strict parsers; a broken file
//! is a build that fails its tests, not a surprise at run time.

use crate::domain::error::{Error, Result};
use crate::domain::ledger::{parse_budget_lines, parse_chart, Account, BudgetLine, Rows};
use crate::domain::municipality::{Municipalities, MunicipalityNumber};
use crate::domain::payment_file::{parse_payees, parse_payer, Payer};
use crate::domain::schemes::{parse_schemes, SchemeDefinition};
use crate::io::tabular::read_csv;
use std::collections::BTreeMap;

/// `rules/kommunar-2022.csv`: the 356 municipalities of 2020–2023.
pub const MUNICIPALITIES_FILE: &str = include_str!("../../rules/kommunar-2022.csv");
/// `rules/payer.toml`: the payer of every transfer (**synthetic** numbers
/// with valid check digits; a deployment sets the directorate's own).
pub const PAYER_FILE: &str = include_str!("../../rules/payer.toml");
/// `rules/municipality-accounts.csv`: each municipality's organisation and
/// account number.
pub const PAYEES_FILE: &str = include_str!("../../rules/municipality-accounts.csv");
/// `rules/chart.csv`: the chart of accounts a new database starts with.
pub const CHART_FILE: &[u8] = include_bytes!("../../rules/chart.csv");
/// `rules/budget-lines.csv`: the chapters and posts a new database starts with.
pub const BUDGET_LINES_FILE: &[u8] = include_bytes!("../../rules/budget-lines.csv");
/// `rules/schemes-2022.toml`: the schemes of 2022, loaded by `tilskot init`.
/// The allocations of 2022 per budget line (the demo imports them, as a
/// finance officer imports the allocation letter).
pub const ALLOCATIONS_2022_FILE: &str = include_str!("../../rules/allocations-2022.csv");
pub const SCHEMES_FILE: &str = include_str!("../../rules/schemes-2022.toml");

/// The shipped municipality list.
pub fn municipalities() -> Municipalities {
    Municipalities::from_csv(MUNICIPALITIES_FILE).expect("the shipped municipality list is valid")
}

/// The shipped payer.
pub fn payer() -> Result<Payer> {
    parse_payer(PAYER_FILE).map_err(|e| Error::internal(format!("rules/{e}")))
}

/// The shipped payees: organisation and account number per municipality.
pub fn payees() -> Result<BTreeMap<MunicipalityNumber, (String, String)>> {
    parse_payees(PAYEES_FILE)
        .map_err(|e| Error::internal(format!("rules/municipality-accounts.csv: {e}")))
}

/// The shipped chart and budget lines, for a new database.
pub fn reference_data() -> Result<(Vec<Account>, Vec<BudgetLine>)> {
    let chart =
        read_csv(CHART_FILE).map_err(|p| Error::internal(p.display_in("rules/chart.csv")))?;
    let budget = read_csv(BUDGET_LINES_FILE)
        .map_err(|p| Error::internal(p.display_in("rules/budget-lines.csv")))?;
    let rows = Rows {
        header: &chart.header,
        rows: &chart.rows,
    };
    let accounts = parse_chart(rows, crate::domain::statements::check_chart_line)
        .map_err(|p| Error::internal(format!("rules/chart.csv: {p:?}")))?;
    let budget_lines = parse_budget_lines(Rows {
        header: &budget.header,
        rows: &budget.rows,
    })
    .map_err(|p| Error::internal(format!("rules/budget-lines.csv: {p:?}")))?;
    Ok((accounts, budget_lines))
}

/// The shipped schemes of 2022.
pub fn schemes() -> Result<Vec<SchemeDefinition>> {
    parse_schemes(SCHEMES_FILE, "rules/schemes-2022.toml")
        .map_err(|e| Error::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_parses() {
        assert_eq!(municipalities().len(), 356);
        assert_eq!(payees().unwrap().len(), 356);
        let (accounts, budget_lines) = reference_data().unwrap();
        assert!(!accounts.is_empty() && !budget_lines.is_empty());
        assert!(!schemes().unwrap().is_empty());
    }

    #[test]
    fn the_shipped_payer_file_parses_with_valid_check_digits() {
        let payer = payer().unwrap();
        assert_eq!(payer.organisation_number, "900000006");
        assert_eq!(payer.account, "76940500016");
    }

    #[test]
    fn a_payer_file_with_a_wrong_check_digit_or_an_unknown_key_is_refused() {
        let wrong_account = PAYER_FILE.replace("76940500016", "76940500017");
        assert!(parse_payer(&wrong_account)
            .unwrap_err()
            .contains("account '76940500017' is not a valid account number"));
        let wrong_number = PAYER_FILE.replace("900000006", "900000007");
        assert!(parse_payer(&wrong_number)
            .unwrap_err()
            .contains("organisation_number"));
        let unknown = format!("{PAYER_FILE}iban = \"NO93\"\n");
        assert!(parse_payer(&unknown).unwrap_err().contains("iban"));
    }
}
