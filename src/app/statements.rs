//! The annual statements and the auditor's journal, from the ledger.

use crate::db::ledger::LedgerData;
use crate::db::Store;
use crate::domain::error::{Error, Result};
use crate::domain::journal::write_journal;
use crate::domain::statements::{build_statements, StatementInput, Statements};

/// The statements of a year with the ledger they were built from. A failed
/// invariant is refused with what it asserted and calculated.
pub async fn statements_of_year(store: &Store, year: i32) -> Result<(Statements, LedgerData)> {
    let data = store.ledger_data().await?;
    let statements = build_statements(&StatementInput {
        year,
        accounts: &data.accounts,
        budget_lines: &data.budget_lines,
        allocations: &data.allocations,
        entries: &data.entries,
    })
    .map_err(|failure| {
        tracing::warn!("the statements of {year} fail their own check: {failure}");
        Error::Refused(crate::domain::error::Reason::told(
            crate::domain::error::Message::new("error-statements-not-written").arg("year", year),
            format!("the statements of {year} were not written: {failure}"),
        ))
    })?;
    Ok((statements, data))
}

/// The year's ledger as an hledger journal, and its number of vouchers.
pub async fn journal_of_year(store: &Store, year: i32) -> Result<(String, usize)> {
    let data = store.ledger_data().await?;
    let vouchers = store.journal_vouchers(year).await?;
    Ok((
        write_journal(year, &vouchers, &data.accounts),
        vouchers.len(),
    ))
}
