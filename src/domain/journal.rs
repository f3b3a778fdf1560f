//! The ledger of a year as an hledger journal, so that an auditor can
//! reproduce the statement totals with a tool they trust:
//! `hledger -f FILE balance --pivot statskonto` gives the appropriation
//! statement's accounts per chapter/post, `hledger -f FILE balance artskonto`
//! the object accounts. Pure: ledger entries in, journal text out.

use crate::domain::ledger::Account;
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

/// Writes the journal of `year`: an opening transaction with the balances
/// carried in (from earlier years and `IB-*` vouchers), then every voucher
/// of the year. Each posting with a budget line carries the tag
/// `statskonto:CCCC.PP`.
pub fn write_journal(
    year: i32,
    vouchers: &[JournalVoucher],
    accounts: &BTreeMap<String, Account>,
) -> String {
    let mut out = String::new();
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
        "; hledger -f FILE balance artskonto            (object-account statement)\n"
    )
    .ok();
    writeln!(out, "commodity 1000.00 NOK\n").ok();
    let mut opening: BTreeMap<String, Ore> = BTreeMap::new();
    for voucher in vouchers {
        let carried = voucher.date.year() < year
            || (voucher.reference.starts_with("IB-") && voucher.date.year() == year);
        if carried {
            for (account, _, amount) in &voucher.postings {
                *opening.entry(account.clone()).or_default() += *amount;
            }
        }
    }
    opening.retain(|_, amount| !amount.is_zero());
    if !opening.is_empty() {
        writeln!(out, "{year}-01-01 * (IB-{year}) Opening balances").ok();
        for (account, amount) in &opening {
            writeln!(
                out,
                "    {:<70} {:>20} NOK",
                account_name(account, accounts),
                amount.to_string()
            )
            .ok();
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
            voucher.reference,
            voucher.text.replace('\n', " ")
        )
        .ok();
        for (account, statskonto, amount) in &voucher.postings {
            let tag = statskonto
                .as_ref()
                .map(|s| format!("  ; statskonto:{s}"))
                .unwrap_or_default();
            writeln!(
                out,
                "    {:<70} {:>20} NOK{tag}",
                account_name(account, accounts),
                amount.to_string()
            )
            .ok();
        }
        out.push('\n');
    }
    out
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
}
