//! The double-entry ledger (hovudbok): accounts of the state's standard
//! chart with their statement lines, budget lines (kapittel/post),
//! allocations (tildelingar), and vouchers of postings that balance.
//!
//! Pure: parses the rows of the accounting files and checks them; the store
//! writes them. Every voucher balances; postings are never changed.

use crate::domain::calendar::parse_iso_date;
use crate::domain::error::{Message, Reason};
use crate::domain::money::Ore;
use crate::domain::register::{not_true_or_false, Problem};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A budget line: chapter and post, written `0671.60` (statskonto).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BudgetKey {
    /// Four digits, `0671`.
    pub chapter: String,
    /// Two digits, `60`.
    pub post: String,
}

impl BudgetKey {
    /// Parses `0671.60`.
    pub fn parse(text: &str) -> Result<BudgetKey, Reason> {
        let (chapter, post) = text
            .trim()
            .split_once('.')
            .ok_or_else(|| not_a_budget_key(text))?;
        BudgetKey::new(chapter, post)
    }

    pub fn new(chapter: &str, post: &str) -> Result<BudgetKey, Reason> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(chapter, 4) || !digits(post, 2) {
            return Err(not_a_budget_key(&format!("{chapter}.{post}")));
        }
        Ok(BudgetKey {
            chapter: chapter.to_string(),
            post: post.to_string(),
        })
    }

    pub fn post_number(&self) -> u32 {
        self.post.parse().unwrap_or(0)
    }
}

impl fmt::Display for BudgetKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.chapter, self.post)
    }
}

/// An account of the chart (artskonto) and where it is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub account: String,
    pub name: String,
    /// `income_operating`, `salary`, …, `balance`, `settlement`, `treasury_in`, `treasury_out`.
    pub group: String,
    /// The statement line; for balance accounts `treasury-line|note8-line`.
    pub line: String,
}

impl Account {
    /// For a balance account: the line of the balance with the treasury
    /// (empty when the balance is not reported to the treasury).
    pub fn treasury_line(&self) -> Option<&str> {
        self.line
            .split_once('|')
            .map(|(t, _)| t)
            .filter(|t| !t.is_empty())
    }

    /// For a balance account: the line of note 8.
    pub fn note8_line(&self) -> Option<&str> {
        self.line
            .split_once('|')
            .map(|(_, n)| n)
            .filter(|n| !n.is_empty())
    }
}

/// The account groups of the chart that a file may use.
pub const ACCOUNT_GROUPS: [&str; 16] = [
    "income_operating",
    "salary",
    "other_operating",
    "finance_income",
    "finance_expense",
    "investment",
    "shares",
    "collection",
    "grants",
    "common_group_life",
    "common_employer_tax",
    "common_vat",
    "balance",
    "settlement",
    "treasury_in",
    "treasury_out",
];

/// A line of the state budget and how the appropriation statement treats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetLine {
    pub key: BudgetKey,
    pub chapter_name: String,
    pub post_text: String,
    /// Expense or income.
    pub income: bool,
    /// "kan overførast": unused money may move to next year (note B).
    pub transferable: bool,
    /// The notes the line appears in: `A`, `B`.
    pub notes: BTreeSet<String>,
}

/// The allocation of a budget line in a year (tildeling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub year: i32,
    pub key: BudgetKey,
    /// Overført frå førre år.
    pub transferred: Ore,
    /// Årets tildelingar.
    pub allocated: Ore,
}

/// One posting of a voucher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub account: String,
    pub budget_key: Option<BudgetKey>,
    /// Debit positive, credit negative.
    pub amount: Ore,
    pub counterparty: Option<String>,
    pub text: String,
}

/// A voucher (bilag): postings on one date that balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    pub reference: String,
    pub date: NaiveDate,
    pub postings: Vec<Posting>,
}

impl Voucher {
    /// The sum of the postings; zero for a balanced voucher.
    /// The sum of the postings, exact in i128: amounts that wrap an i64 to
    /// zero still show as out of balance (saturated at the i64 range).
    pub fn imbalance(&self) -> Ore {
        let total: i128 = self.postings.iter().map(|p| i128::from(p.amount.0)).sum();
        Ore(total.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }

    /// Opening balances (inngåande balanse) are carried by vouchers `IB-*`.
    pub fn is_opening_balance(&self) -> bool {
        self.reference.starts_with("IB-")
    }

    /// A fingerprint of the content, so that importing the same voucher twice
    /// adds nothing and the same reference with other content is refused.
    pub fn content_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        hasher.update(format!("{}|{}", self.reference, self.date).as_bytes());
        for p in &self.postings {
            hasher.update(
                format!(
                    "\n{}|{}|{}|{}|{}",
                    p.account,
                    p.budget_key
                        .as_ref()
                        .map(|k| k.to_string())
                        .unwrap_or_default(),
                    p.amount.0,
                    p.counterparty.as_deref().unwrap_or(""),
                    p.text
                )
                .as_bytes(),
            );
        }
        hasher
            .finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Text that is not a chapter and post like `0671.60`.
fn not_a_budget_key(text: &str) -> Reason {
    Reason::told(
        Message::new("problem-not-a-budget-key").arg("text", text),
        format!("'{text}' is not a chapter.post like 0671.60"),
    )
}

/// A chapter and post that no budget line has.
fn unknown_budget_key(key: &BudgetKey) -> Reason {
    Reason::told(
        Message::new("problem-unknown-budget-key").arg("key", key),
        format!("unknown chapter/post {key}"),
    )
}

/// The rows of a CSV file with its header, as read by the edge.
pub struct Rows<'a> {
    pub header: &'a [String],
    pub rows: &'a [(usize, Vec<String>)],
}

impl Rows<'_> {
    fn check_header(&self, expected: &[&str]) -> Result<(), Vec<Problem>> {
        let found: Vec<&str> = self.header.iter().map(|h| h.trim()).collect();
        if found == expected {
            Ok(())
        } else {
            let columns = expected.join(",");
            Err(vec![Problem::told(
                1,
                "-",
                Message::new("problem-header").arg("columns", &columns),
                format!("the header must be exactly {columns}"),
            )])
        }
    }

    fn cell<'b>(cells: &'b [String], header: &[&str], name: &str) -> &'b str {
        let index = header
            .iter()
            .position(|h| *h == name)
            .expect("known column");
        cells.get(index).map(|c| c.trim()).unwrap_or("")
    }
}

const CHART_COLUMNS: [&str; 4] = ["account", "name", "group", "line"];
const BUDGET_COLUMNS: [&str; 7] = [
    "chapter",
    "post",
    "chapter_name",
    "post_text",
    "kind",
    "transferable",
    "notes",
];
const ALLOCATION_COLUMNS: [&str; 5] = ["year", "chapter", "post", "transferred", "allocated"];
const LEDGER_COLUMNS: [&str; 6] = ["date", "voucher", "account", "statskonto", "amount", "text"];

/// Parses the chart of accounts (`account,name,group,line`).
///
/// `check_line` says whether the statements' layout knows an account's
/// line in its group (see `statements::check_chart_line`): an account on
/// an unknown line would fall out of every printed total.
pub fn parse_chart(
    rows: Rows,
    check_line: impl Fn(&str, &str) -> Result<(), Reason>,
) -> Result<Vec<Account>, Vec<Problem>> {
    rows.check_header(&CHART_COLUMNS)?;
    let mut problems = Vec::new();
    let mut accounts = Vec::new();
    let mut seen = BTreeSet::new();
    for (row, cells) in rows.rows {
        let cell = |name| Rows::cell(cells, &CHART_COLUMNS, name);
        let account = cell("account");
        if account.is_empty() || !account.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(Problem::told(
                *row,
                "account",
                Message::new("problem-not-an-account").arg("text", account),
                format!("'{account}' is not an account number"),
            ));
            continue;
        }
        if !seen.insert(account.to_string()) {
            problems.push(Problem::told(
                *row,
                "account",
                Message::new("problem-twice").arg("text", account),
                format!("account {account} appears twice"),
            ));
        }
        if !ACCOUNT_GROUPS.contains(&cell("group")) {
            problems.push(Problem::told(
                *row,
                "group",
                Message::new("problem-unknown-group").arg("text", cell("group")),
                format!("unknown group '{}'", cell("group")),
            ));
        }
        if cell("name").is_empty() {
            problems.push(Problem::new(*row, "name", Reason::missing("missing name")));
        }
        if cell("group") == "balance" && !cell("line").contains('|') {
            problems.push(Problem::told(
                *row,
                "line",
                Message::new("problem-balance-line"),
                "a balance account's line is 'treasury-line|note8-line'",
            ));
        } else if ACCOUNT_GROUPS.contains(&cell("group")) {
            if let Err(reason) = check_line(cell("group"), cell("line")) {
                problems.push(Problem::new(*row, "line", reason));
            }
        }
        accounts.push(Account {
            account: account.to_string(),
            name: cell("name").to_string(),
            group: cell("group").to_string(),
            line: cell("line").to_string(),
        });
    }
    if problems.is_empty() {
        Ok(accounts)
    } else {
        Err(problems)
    }
}

/// The named rule **a year opens from its own opening voucher**: the
/// postings that make up the balances of `year`. With an opening voucher
/// (`IB-`) in the year or earlier, the latest such voucher's year is the
/// base: its opening postings count, and every other posting from the base
/// year through `year`; earlier postings are in that opening already and
/// are not added twice. Without one, every non-opening posting through the
/// year counts. Used by the statements and the auditor's journal alike.
pub fn counts_toward_balances(year: i32, base: Option<i32>, opening: bool, posted: i32) -> bool {
    match base {
        Some(base) if opening => posted == base,
        Some(base) => posted >= base && posted <= year,
        None => !opening && posted <= year,
    }
}

/// The base year of [`counts_toward_balances`]: the latest year, up to
/// `year`, with an opening voucher.
pub fn opening_base_year(year: i32, opening_years: impl Iterator<Item = i32>) -> Option<i32> {
    opening_years.filter(|y| *y <= year).max()
}

/// Chart rows that would change the group or statement line of an account
/// with postings in a closed year (`posted_in_closed`): that year's
/// statements would change under the auditor's feet.
pub fn closed_year_chart_problems(
    incoming: &[(usize, &Account)],
    stored: &BTreeMap<String, Account>,
    posted_in_closed: &BTreeMap<String, i32>,
) -> Vec<Problem> {
    incoming
        .iter()
        .filter_map(|(row, account)| {
            let before = stored.get(&account.account)?;
            let year = posted_in_closed.get(&account.account)?;
            let changed = before.group != account.group || before.line != account.line;
            changed.then(|| {
                Problem::told(
                    *row,
                    "line",
                    Message::new("problem-account-closed-year")
                        .arg("account", &account.account)
                        .arg("year", year)
                        .arg("group", &before.group)
                        .arg("line", &before.line),
                    format!(
                        "account {} has postings in {year}, which is closed: its group and line stay {} {}",
                        account.account, before.group, before.line
                    ),
                )
            })
        })
        .collect()
}

/// Allocation rows of a closed year that differ from what is stored.
pub fn closed_year_allocation_problems(
    incoming: &[(usize, &Allocation)],
    stored: &[Allocation],
    closed: &BTreeSet<i32>,
) -> Vec<Problem> {
    incoming
        .iter()
        .filter(|(_, a)| closed.contains(&a.year))
        .filter(|(_, a)| !stored.contains(a))
        .map(|(row, a)| {
            Problem::told(
                *row,
                "allocated",
                Message::new("problem-allocation-closed-year")
                    .arg("year", a.year)
                    .arg("key", &a.key),
                format!(
                    "{} is closed: the allocation of {} in {} does not change",
                    a.year, a.key, a.year
                ),
            )
        })
        .collect()
}

/// A control character (a newline, a tab, …) in a field that is written
/// into the journal and the reports would let one field forge lines there.
pub fn control_character(text: &str) -> Option<Reason> {
    text.chars().find(|c| c.is_control()).map(|c| {
        Reason::told(
            Message::new("problem-control-character").arg("character", format!("{c:?}")),
            format!(
                "contains the control character {c:?}; a voucher's reference and text are one line of printable text"
            ),
        )
    })
}

/// Parses the budget lines (`chapter,post,chapter_name,post_text,kind,transferable,notes`).
pub fn parse_budget_lines(rows: Rows) -> Result<Vec<BudgetLine>, Vec<Problem>> {
    rows.check_header(&BUDGET_COLUMNS)?;
    let mut problems = Vec::new();
    let mut lines = Vec::new();
    let mut seen = BTreeSet::new();
    for (row, cells) in rows.rows {
        let cell = |name| Rows::cell(cells, &BUDGET_COLUMNS, name);
        let key = match BudgetKey::new(cell("chapter"), cell("post")) {
            Ok(key) => key,
            Err(reason) => {
                problems.push(Problem::new(*row, "post", reason));
                continue;
            }
        };
        if !seen.insert(key.clone()) {
            let twice = Message::new("problem-twice").arg("text", &key);
            problems.push(Problem::told(
                *row,
                "post",
                twice,
                format!("{key} appears twice"),
            ));
        }
        let income = match cell("kind") {
            "expense" => false,
            "income" => true,
            other => {
                problems.push(Problem::told(
                    *row,
                    "kind",
                    Message::new("problem-not-expense-or-income").arg("text", other),
                    format!("'{other}' is not expense or income"),
                ));
                continue;
            }
        };
        let transferable = match cell("transferable") {
            "true" => true,
            "false" => false,
            other => {
                problems.push(Problem::new(*row, "transferable", not_true_or_false(other)));
                continue;
            }
        };
        lines.push(BudgetLine {
            key,
            chapter_name: cell("chapter_name").to_string(),
            post_text: cell("post_text").to_string(),
            income,
            transferable,
            notes: cell("notes")
                .split(',')
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .collect(),
        });
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

/// Parses allocations (`year,chapter,post,transferred,allocated`, whole NOK)
/// against the known budget lines.
pub fn parse_allocations(
    rows: Rows,
    budget: &BTreeSet<BudgetKey>,
) -> Result<Vec<Allocation>, Vec<Problem>> {
    rows.check_header(&ALLOCATION_COLUMNS)?;
    let mut problems = Vec::new();
    let mut allocations = Vec::new();
    for (row, cells) in rows.rows {
        let cell = |name: &'static str| Rows::cell(cells, &ALLOCATION_COLUMNS, name);
        let Ok(year) = cell("year").parse::<i32>() else {
            problems.push(Problem::told(
                *row,
                "year",
                Message::new("problem-not-a-year").arg("text", cell("year")),
                format!("'{}' is not a year", cell("year")),
            ));
            continue;
        };
        let key = match BudgetKey::new(cell("chapter"), cell("post")) {
            Ok(key) if budget.contains(&key) => key,
            Ok(key) => {
                problems.push(Problem::new(*row, "post", unknown_budget_key(&key)));
                continue;
            }
            Err(reason) => {
                problems.push(Problem::new(*row, "post", reason));
                continue;
            }
        };
        // Allocations are whole kroner, so that note B's 5 % of an
        // allocation is an exact number of øre.
        let mut amount = |name: &'static str| match Ore::parse_nok(cell(name)) {
            Ok(ore) if ore.0 % 100 == 0 => Some(ore),
            Ok(_) => {
                problems.push(Problem::told(
                    *row,
                    name,
                    Message::new("problem-not-whole-kroner").arg("text", cell(name)),
                    format!(
                        "'{}' is not whole kroner: allocations are whole NOK",
                        cell(name)
                    ),
                ));
                None
            }
            Err(reason) => {
                problems.push(Problem::new(*row, name, reason));
                None
            }
        };
        let (Some(transferred), Some(allocated)) = (amount("transferred"), amount("allocated"))
        else {
            continue;
        };
        allocations.push(Allocation {
            year,
            key,
            transferred,
            allocated,
        });
    }
    if problems.is_empty() {
        Ok(allocations)
    } else {
        Err(problems)
    }
}

/// Parses a general ledger (`date,voucher,account,statskonto,amount,text`,
/// NOK with two decimals, debit positive) into vouchers, checking accounts,
/// budget lines and that every voucher balances.
pub fn parse_ledger(
    rows: Rows,
    accounts: &BTreeMap<String, Account>,
    budget: &BTreeSet<BudgetKey>,
) -> Result<Vec<Voucher>, Vec<Problem>> {
    rows.check_header(&LEDGER_COLUMNS)?;
    let mut problems = Vec::new();
    let mut vouchers: BTreeMap<String, (usize, Voucher)> = BTreeMap::new();
    for (row, cells) in rows.rows {
        let cell = |name| Rows::cell(cells, &LEDGER_COLUMNS, name);
        let date = parse_iso_date(cell("date"))
            .map_err(|reason| problems.push(Problem::new(*row, "date", reason)))
            .ok();
        let reference = cell("voucher").to_string();
        if reference.is_empty() {
            problems.push(Problem::new(
                *row,
                "voucher",
                Reason::missing("missing voucher"),
            ));
        }
        for column in ["voucher", "text"] {
            if let Some(reason) = control_character(cell(column)) {
                problems.push(Problem::new(*row, column, reason));
            }
        }
        let account = cell("account").to_string();
        if !accounts.contains_key(&account) {
            problems.push(Problem::told(
                *row,
                "account",
                Message::new("problem-unknown-account").arg("text", &account),
                format!("unknown account '{account}'"),
            ));
        }
        let budget_key = match cell("statskonto") {
            "" => None,
            text => match BudgetKey::parse(text) {
                Ok(key) if budget.contains(&key) => Some(key),
                Ok(key) => {
                    problems.push(Problem::new(*row, "statskonto", unknown_budget_key(&key)));
                    None
                }
                Err(reason) => {
                    problems.push(Problem::new(*row, "statskonto", reason));
                    None
                }
            },
        };
        let amount = Ore::parse_nok(cell("amount"))
            .map_err(|reason| problems.push(Problem::new(*row, "amount", reason)))
            .ok();
        let (Some(date), Some(amount)) = (date, amount) else {
            continue;
        };
        let entry = vouchers.entry(reference.clone()).or_insert_with(|| {
            (
                *row,
                Voucher {
                    reference: reference.clone(),
                    date,
                    postings: Vec::new(),
                },
            )
        });
        if entry.1.date != date {
            problems.push(Problem::told(
                *row,
                "date",
                Message::new("problem-voucher-other-date")
                    .arg("voucher", &reference)
                    .arg("date", entry.1.date),
                format!(
                    "voucher {reference} is dated {} on an earlier row",
                    entry.1.date
                ),
            ));
        }
        entry.1.postings.push(Posting {
            account,
            budget_key,
            amount,
            counterparty: None,
            text: cell("text").to_string(),
        });
    }
    for (first_row, voucher) in vouchers.values() {
        let imbalance = voucher.imbalance();
        if !imbalance.is_zero() {
            problems.push(Problem::told(
                *first_row,
                "amount",
                Message::new("problem-voucher-unbalanced")
                    .arg("voucher", &voucher.reference)
                    .arg("sum", crate::domain::money::format_nok_grouped(imbalance)),
                format!(
                    "voucher {} does not balance: its postings sum to {imbalance}",
                    voucher.reference
                ),
            ));
        }
    }
    if problems.is_empty() {
        let mut list: Vec<(usize, Voucher)> = vouchers.into_values().collect();
        list.sort_by_key(|(row, _)| *row);
        Ok(list.into_iter().map(|(_, v)| v).collect())
    } else {
        problems.sort_by_key(|p| p.row);
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Vec<String>, Vec<(usize, Vec<String>)>) {
        let mut lines = text.lines();
        let header = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_string)
            .collect();
        let rows = lines
            .enumerate()
            .map(|(i, l)| (i + 2, l.split(',').map(str::to_string).collect()))
            .collect();
        (header, rows)
    }

    fn chart() -> BTreeMap<String, Account> {
        let (h, r) = rows("account,name,group,line\n870,Tilskot til kommunar,grants,note7.kommunar\n60088702,Noregs Bank KK /utbetalingar,treasury_out,");
        parse_chart(
            Rows {
                header: &h,
                rows: &r,
            },
            |_, _| Ok(()),
        )
        .unwrap()
        .into_iter()
        .map(|a| (a.account.clone(), a))
        .collect()
    }

    fn budget() -> BTreeSet<BudgetKey> {
        [BudgetKey::parse("0671.60").unwrap()].into_iter().collect()
    }

    fn ledger(text: &str) -> Result<Vec<Voucher>, Vec<Problem>> {
        let (h, r) = rows(text);
        parse_ledger(
            Rows {
                header: &h,
                rows: &r,
            },
            &chart(),
            &budget(),
        )
    }

    const HEADER: &str = "date,voucher,account,statskonto,amount,text";

    #[test]
    fn a_balanced_voucher_parses_into_postings_in_ore() {
        let vouchers = ledger(&format!(
            "{HEADER}\n2022-12-31,V1,870,0671.60,100.50,x\n2022-12-31,V1,60088702,,-100.50,x"
        ))
        .unwrap();
        assert_eq!(vouchers.len(), 1);
        assert_eq!(vouchers[0].postings[0].amount, Ore(10_050));
        assert_eq!(
            vouchers[0].postings[0]
                .budget_key
                .as_ref()
                .unwrap()
                .to_string(),
            "0671.60"
        );
        assert!(vouchers[0].imbalance().is_zero());
    }

    #[test]
    fn postings_that_wrap_an_i64_to_zero_do_not_balance() {
        let mut voucher = ledger(&format!(
            "{HEADER}\n2022-12-31,V1,870,0671.60,100.50,x\n2022-12-31,V1,60088702,,-100.50,x"
        ))
        .unwrap()
        .remove(0);
        for (posting, amount) in voucher.postings.iter_mut().zip([i64::MAX, i64::MAX]) {
            posting.amount = Ore(amount);
        }
        let mut third = voucher.postings[0].clone();
        third.amount = Ore(2);
        voucher.postings.push(third);
        // i64::MAX + i64::MAX + 2 = 2^64: zero when wrapped, not here.
        assert!(!voucher.imbalance().is_zero());
    }

    #[test]
    fn every_ledger_mistake_is_named_by_row_and_column() {
        // (rows, expected row, column, words of the reason)
        let table = [
            (
                "2022-12-31,V1,870,0671.60,100.00,x\n2022-12-31,V1,60088702,,-99.99,x",
                2,
                "amount",
                "does not balance",
            ),
            (
                "2022-12-31,V1,871,0671.60,100.00,x\n2022-12-31,V1,60088702,,-100.00,x",
                2,
                "account",
                "unknown account '871'",
            ),
            (
                "2022-12-31,V1,870,0671.99,100.00,x\n2022-12-31,V1,60088702,,-100.00,x",
                2,
                "statskonto",
                "unknown chapter/post 0671.99",
            ),
            (
                "2022-12-31,V1,870,0671.60,100.001,x\n2022-12-31,V1,60088702,,-100.00,x",
                2,
                "amount",
                "more than two decimals",
            ),
            (
                "2022-12-31,V1,870,0671.60,1OO.00,x\n2022-12-31,V1,60088702,,-100.00,x",
                2,
                "amount",
                "not an amount",
            ),
            (
                "31.12.2022,V1,870,0671.60,100.00,x\n2022-12-31,V1,60088702,,-100.00,x",
                2,
                "date",
                "not a date",
            ),
        ];
        for (body, row, column, reason) in table {
            let problems = ledger(&format!("{HEADER}\n{body}")).unwrap_err();
            assert!(
                problems
                    .iter()
                    .any(|p| p.row == row && p.column == column && p.reason.text.contains(reason)),
                "{body}: {problems:?}"
            );
        }
    }

    #[test]
    fn allocations_are_whole_kroner_of_known_budget_lines() {
        let (h, r) = rows("year,chapter,post,transferred,allocated\n2022,0671,60,0,100\n2022,0671,60,0,100.50\n2022,0671,99,0,1\n2022,0671,60,x,1");
        let problems = parse_allocations(
            Rows {
                header: &h,
                rows: &r,
            },
            &budget(),
        )
        .unwrap_err();
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.column.as_str()))
            .collect();
        assert_eq!(found, [(3, "allocated"), (4, "post"), (5, "transferred")]);
        assert!(problems[0].reason.text.contains("whole NOK"));
        let (h, r) = rows("year,chapter,post,transferred,allocated\n2022,0671,60,-5,100");
        let parsed = parse_allocations(
            Rows {
                header: &h,
                rows: &r,
            },
            &budget(),
        )
        .unwrap();
        assert_eq!(
            (parsed[0].transferred, parsed[0].allocated),
            (Ore(-500), Ore(10_000))
        );
    }

    #[test]
    fn the_content_hash_changes_with_any_amount() {
        let a = ledger(&format!(
            "{HEADER}\n2022-12-31,V1,870,0671.60,1.00,x\n2022-12-31,V1,60088702,,-1.00,x"
        ))
        .unwrap();
        let b = ledger(&format!(
            "{HEADER}\n2022-12-31,V1,870,0671.60,1.01,x\n2022-12-31,V1,60088702,,-1.01,x"
        ))
        .unwrap();
        assert_ne!(a[0].content_hash(), b[0].content_hash());
        assert_eq!(a[0].content_hash(), a[0].clone().content_hash());
    }

    #[test]
    fn a_year_opens_from_its_own_opening_voucher_and_never_counts_twice() {
        // (year, opening voucher years, opening?, posted, counts?)
        let table = [
            (2022, vec![2021, 2022], true, 2022, true),
            (2022, vec![2021, 2022], true, 2021, false),
            (2022, vec![2021, 2022], false, 2021, false),
            (2022, vec![2021, 2022], false, 2022, true),
            (2022, vec![2021], true, 2021, true),
            (2022, vec![2021], false, 2021, true),
            (2022, vec![2021], false, 2023, false),
            (2022, vec![], false, 2020, true),
            (2021, vec![2022], true, 2022, false),
        ];
        for (year, openings, opening, posted, expected) in table {
            let base = opening_base_year(year, openings.iter().copied());
            assert_eq!(
                counts_toward_balances(year, base, opening, posted),
                expected,
                "{year} {openings:?} {opening} {posted}"
            );
        }
    }
}
