//! The ledger of a year as an hledger journal, so that an auditor can
//! reproduce the statement totals with a tool they trust:
//! `hledger -f FILE balance --pivot statskonto` gives the appropriation
//! statement's accounts per chapter/post, `hledger -f FILE balance artskonto`
//! the object accounts. Pure: ledger entries in, journal text out.

use crate::domain::ledger::{counts_toward_balances, opening_base_year, Account};
use crate::domain::money::Ore;
use chrono::Datelike;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A voucher for the journal: reference, date, text and postings.
#[derive(Debug, Clone)]
pub struct JournalVoucher {
    pub reference: String,
    pub date: chrono::NaiveDate,
    pub text: String,
    /// (account, chapter.post, amount)
    pub postings: Vec<(String, Option<String>, Ore)>,
}

/// The hledger account name of an artskonto: `artskonto:<group>:<account> <name>`.
pub fn account_name(account: &str, accounts: &BTreeMap<String, Account>) -> String {
    match accounts.get(account) {
        Some(a) => {
            // hledger ends an account name at two spaces and reads ';' as a comment.
            let name: Vec<&str> = a
                .name
                .split(|c: char| c.is_whitespace() || "();:".contains(c))
                .filter(|w| !w.is_empty())
                .collect();
            format!("artskonto:{}:{} {}", a.group, a.account, name.join(" "))
        }
        None => format!("artskonto:unknown:{account}"),
    }
}

/// The account groups whose closing balance the journal asserts at year
/// end: the balance accounts, the settlement with the treasury and the
/// treasury accounts.
const ASSERTED_GROUPS: [&str; 4] = ["balance", "settlement", "treasury_in", "treasury_out"];

/// Writes the journal of `year` so that `hledger check -s` passes on it:
/// the commodity and every account of the chart declared, an opening
/// transaction with the balances carried in, every voucher of the year
/// (each posting with a budget line tagged `statskonto:CCCC.PP`), and a
/// last transaction asserting the closing balance of every balance and
/// treasury account.
pub fn write_journal(
    year: i32,
    vouchers: &[JournalVoucher],
    accounts: &BTreeMap<String, Account>,
) -> String {
    let mut out = String::new();
    write_preamble(&mut out, year, accounts);
    let opening = carried_in(year, vouchers);
    let mut closing = opening.clone();
    if !opening.is_empty() {
        writeln!(out, "{year}-01-01 * (IB-{year}) Opening balances").ok();
        for (account, amount) in &opening {
            write_posting(&mut out, &account_name(account, accounts), *amount, "");
        }
        out.push('\n');
    }
    for voucher in vouchers
        .iter()
        .filter(|v| v.date.year() == year && !v.reference.starts_with("IB-"))
    {
        writeln!(
            out,
            "{} * ({}) {}",
            voucher.date,
            one_line(&voucher.reference),
            one_line(&voucher.text)
        )
        .ok();
        for (account, statskonto, amount) in &voucher.postings {
            *closing.entry(account.clone()).or_default() += *amount;
            let tag = statskonto
                .as_ref()
                .map(|s| format!("  ; statskonto:{s}"))
                .unwrap_or_default();
            write_posting(&mut out, &account_name(account, accounts), *amount, &tag);
        }
        out.push('\n');
    }
    writeln!(out, "{year}-12-31 * Closing balances (assertions)").ok();
    for (account, details) in accounts {
        if ASSERTED_GROUPS.contains(&details.group.as_str()) {
            let balance = closing.get(account).copied().unwrap_or_default();
            writeln!(
                out,
                "    {:<70} {:>20} NOK = {} NOK",
                account_name(account, accounts),
                "0.00",
                balance
            )
            .ok();
        }
    }
    out
}

fn write_preamble(out: &mut String, year: i32, accounts: &BTreeMap<String, Account>) {
    writeln!(
        out,
        "; tilskot ledger {year}: amounts in NOK, debit positive"
    )
    .ok();
    writeln!(
        out,
        "; hledger -f FILE balance --pivot statskonto   (appropriation statement, accounts column)"
    )
    .ok();
    writeln!(
        out,
        "; hledger -f FILE balance artskonto            (object-account statement)"
    )
    .ok();
    writeln!(out, "; hledger -f FILE check -s                    (strict: declared accounts and commodity, assertions)\n").ok();
    writeln!(out, "commodity 1000.00 NOK\n").ok();
    for account in accounts.keys() {
        writeln!(out, "account {}", account_name(account, accounts)).ok();
    }
    out.push('\n');
}

fn write_posting(out: &mut String, account: &str, amount: Ore, tag: &str) {
    writeln!(out, "    {account:<70} {:>20} NOK{tag}", amount.to_string()).ok();
}

/// The balances carried into `year`: from the year's own opening voucher
/// (`IB-<year>`), which repeats the year before's closing balances; without
/// one, from the latest earlier opening voucher and the postings since;
/// without any, every posting before the year.
fn carried_in(year: i32, vouchers: &[JournalVoucher]) -> BTreeMap<String, Ore> {
    let is_opening = |v: &JournalVoucher| v.reference.starts_with("IB-");
    let base = opening_base_year(
        year,
        vouchers
            .iter()
            .filter(|v| is_opening(v))
            .map(|v| v.date.year()),
    );
    let mut opening: BTreeMap<String, Ore> = BTreeMap::new();
    for voucher in vouchers {
        let posted = voucher.date.year();
        // Carried in: what counts toward the year's balances, but for the
        // year's own postings, which the journal lists one by one.
        let counted = counts_toward_balances(year, base, is_opening(voucher), posted);
        if counted && (is_opening(voucher) || posted < year) {
            for (account, _, amount) in &voucher.postings {
                *opening.entry(account.clone()).or_default() += *amount;
            }
        }
    }
    opening.retain(|_, amount| !amount.is_zero());
    opening
}

/// A reference or text as one line: the import refuses control
/// characters, and this keeps an older row from breaking the journal.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_journal_carries_opening_balances_and_tags_budget_lines() {
        let accounts: BTreeMap<String, Account> = [
            ("870", "Tilskot til kommunar", "grants"),
            ("60088702", "Noregs Bank KK /utbetalingar", "treasury_out"),
            ("150", "Fordringar på tilsette", "balance"),
            ("199", "Avregning med statskassa", "settlement"),
        ]
        .into_iter()
        .map(|(a, n, g)| {
            (
                a.to_string(),
                Account {
                    account: a.into(),
                    name: n.into(),
                    group: g.into(),
                    line: String::new(),
                },
            )
        })
        .collect();
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let vouchers = vec![
            JournalVoucher {
                reference: "IB-2022".into(),
                date: date("2022-01-01"),
                text: "Opening".into(),
                postings: vec![
                    ("150".into(), None, Ore(791_700)),
                    ("199".into(), None, Ore(-791_700)),
                ],
            },
            JournalVoucher {
                reference: "V1".into(),
                date: date("2022-12-31"),
                text: "Utbetaling".into(),
                postings: vec![
                    ("870".into(), Some("0671.60".into()), Ore(100_050)),
                    ("60088702".into(), None, Ore(-100_050)),
                ],
            },
        ];
        let journal = write_journal(2022, &vouchers, &accounts);
        assert!(journal.contains("2022-01-01 * (IB-2022) Opening balances"));
        assert!(journal.contains("artskonto:balance:150 Fordringar på tilsette"));
        assert!(journal.contains("7917.00 NOK"));
        assert!(journal.contains("2022-12-31 * (V1) Utbetaling"));
        assert!(journal.contains("1000.50 NOK  ; statskonto:0671.60"));
        assert!(journal.contains("-1000.50 NOK\n"));
    }

    #[test]
    fn a_year_opens_from_its_own_opening_voucher_and_asserts_its_closing_balances() {
        let accounts: BTreeMap<String, Account> =
            [("150", "balance"), ("199", "settlement"), ("870", "grants")]
                .into_iter()
                .map(|(a, g)| {
                    let account = Account {
                        account: a.into(),
                        name: format!("Konto {a}"),
                        group: g.into(),
                        line: String::new(),
                    };
                    (a.to_string(), account)
                })
                .collect();
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let voucher = |reference: &str, day: &str, amount: i64| JournalVoucher {
            reference: reference.into(),
            date: date(day),
            text: "t".into(),
            postings: vec![
                ("150".into(), None, Ore(amount)),
                ("199".into(), None, Ore(-amount)),
            ],
        };
        // 2021 opens with 100, adds 50; 2022 opens (IB-2022) with the 150
        // 2021 closed at, adds 7: 157 at the end of 2022, not 307.
        let vouchers = [
            voucher("IB-2021", "2021-01-01", 10_000),
            voucher("V21", "2021-06-01", 5_000),
            voucher("IB-2022", "2022-01-01", 15_000),
            voucher("V22", "2022-06-01", 700),
        ];
        let journal = write_journal(2022, &vouchers, &accounts);
        let opening = journal
            .lines()
            .skip_while(|l| !l.contains("Opening balances"))
            .nth(1)
            .unwrap();
        assert!(opening.contains(" 150.00 NOK"), "{opening}");
        assert!(journal.contains("= 157.00 NOK"), "{journal}");
        assert!(journal.contains("= -157.00 NOK"), "{journal}");
        assert!(journal.contains("account artskonto:grants:870 Konto 870"));
        assert!(
            !journal.contains("= 0.00 NOK\n    artskonto:grants"),
            "grants are not asserted"
        );
    }
}
