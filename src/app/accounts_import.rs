//! The accounts import (edge): chart, budget lines, allocations and a
//! general ledger exported from the financial system, all or nothing, with
//! every problem as `file:row:column: reason`.

use crate::app::users::{require_any_role, Duty, IMPORTERS};
use crate::db::ledger::AccountsImportReport;
use crate::db::Store;
use crate::domain::error::Result;
use crate::domain::ledger::{
    closed_year_allocation_problems, closed_year_chart_problems, parse_allocations,
    parse_budget_lines, parse_chart, parse_ledger, Account, BudgetKey, BudgetLine, Rows,
};
use crate::domain::register::{FileProblem, Problem};
use crate::domain::statements::check_chart_line;
use crate::domain::users::User;
use crate::io::tabular::{read_table, Table};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The files of an accounts import; any may be left out.
#[derive(Debug, Clone, Default)]
pub struct AccountsFiles<'a> {
    pub chart: Option<&'a Path>,
    pub budget: Option<&'a Path>,
    pub allocations: Option<&'a Path>,
    pub ledger: Option<&'a Path>,
}

/// Why an accounts import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum AccountsImportError {
    #[error("{} problem(s); nothing was imported", .0.len())]
    Rejected(Vec<FileProblem>),
    #[error(transparent)]
    Store(#[from] crate::domain::error::Error),
}

/// Imports the given files into the store in one transaction, or nothing.
pub async fn import_accounts(
    store: &Store,
    files: &AccountsFiles<'_>,
    actor: &User,
) -> Result<AccountsImportReport, AccountsImportError> {
    require_any_role(actor, &IMPORTERS, Duty::ImportAccounts)?;
    let mut problems: Vec<FileProblem> = Vec::new();
    let read = |path: &Path, problems: &mut Vec<FileProblem>| -> Option<Table> {
        let file = path.display().to_string();
        let table = read_table(path, None)
            .map_err(|p| problems.push(p.in_file(&file)))
            .ok()?;
        problems.extend(table.width_problems.iter().map(|p| p.in_file(&file)));
        Some(table)
    };
    let collect = |path: &Path, found: Vec<Problem>, problems: &mut Vec<FileProblem>| {
        let file = path.display().to_string();
        problems.extend(found.iter().map(|p| p.in_file(&file)));
    };
    let stored = store.ledger_data().await?;

    let closed = store.closed_years().await?;
    let mut accounts: Vec<Account> = Vec::new();
    if let Some(path) = files.chart {
        if let Some(table) = read(path, &mut problems) {
            let rows = Rows {
                header: &table.header,
                rows: &table.rows,
            };
            match parse_chart(rows, check_chart_line) {
                Ok(parsed) => {
                    let posted = posted_in_closed_years(&stored.entries, &closed);
                    let incoming = with_rows(&table, &parsed);
                    let found = closed_year_chart_problems(&incoming, &stored.accounts, &posted);
                    collect(path, found, &mut problems);
                    accounts = parsed;
                }
                Err(found) => collect(path, found, &mut problems),
            }
        }
    }
    let mut budget_lines: Vec<BudgetLine> = Vec::new();
    if let Some(path) = files.budget {
        if let Some(table) = read(path, &mut problems) {
            match parse_budget_lines(Rows {
                header: &table.header,
                rows: &table.rows,
            }) {
                Ok(parsed) => budget_lines = parsed,
                Err(found) => collect(path, found, &mut problems),
            }
        }
    }
    // What the ledger may refer to: what is stored and what this import adds.
    let mut known_accounts: BTreeMap<String, Account> = stored.accounts.clone();
    known_accounts.extend(accounts.iter().map(|a| (a.account.clone(), a.clone())));
    let known_keys: BTreeSet<BudgetKey> = stored
        .budget_lines
        .iter()
        .chain(budget_lines.iter())
        .map(|l| l.key.clone())
        .collect();

    let mut allocations = Vec::new();
    if let Some(path) = files.allocations {
        if let Some(table) = read(path, &mut problems) {
            match parse_allocations(
                Rows {
                    header: &table.header,
                    rows: &table.rows,
                },
                &known_keys,
            ) {
                Ok(parsed) => {
                    let incoming = with_rows(&table, &parsed);
                    let found =
                        closed_year_allocation_problems(&incoming, &stored.allocations, &closed);
                    collect(path, found, &mut problems);
                    allocations = parsed;
                }
                Err(found) => collect(path, found, &mut problems),
            }
        }
    }
    let mut vouchers = Vec::new();
    if let Some(path) = files.ledger {
        if let Some(table) = read(path, &mut problems) {
            match parse_ledger(
                Rows {
                    header: &table.header,
                    rows: &table.rows,
                },
                &known_accounts,
                &known_keys,
            ) {
                Ok(parsed) => vouchers = parsed,
                Err(found) => collect(path, found, &mut problems),
            }
        }
    }
    if !problems.is_empty() {
        return Err(AccountsImportError::Rejected(problems));
    }
    let source = files
        .ledger
        .map(|p| format!("import:{}", p.display()))
        .unwrap_or_else(|| "import".into());
    Ok(store
        .import_accounts(
            &source,
            &accounts,
            &budget_lines,
            &allocations,
            &vouchers,
            &actor.name,
        )
        .await?)
}

/// Parsed items beside the rows they came from: a file that parsed made
/// one item of each row, in order.
fn with_rows<'a, T>(table: &Table, items: &'a [T]) -> Vec<(usize, &'a T)> {
    table.rows.iter().map(|(row, _)| *row).zip(items).collect()
}

/// The accounts with postings in a closed year, with the first such year.
fn posted_in_closed_years(
    entries: &[crate::domain::statements::LedgerEntry],
    closed: &BTreeSet<i32>,
) -> BTreeMap<String, i32> {
    use chrono::Datelike;
    let mut posted: BTreeMap<String, i32> = BTreeMap::new();
    for entry in entries.iter().filter(|e| closed.contains(&e.date.year())) {
        let year = posted
            .entry(entry.account.clone())
            .or_insert(entry.date.year());
        *year = (*year).min(entry.date.year());
    }
    posted
}
