//! The register import (edge): file → rows → validated events → one
//! transaction. All or nothing: one bad row and nothing is written.

use crate::db::Store;
use crate::domain::error::Result;
use crate::domain::municipality::Municipalities;
use crate::domain::register::{
    self, case_conflicts, parse_row, validate_batch_rows, Problem, RawRow, COLUMNS,
};
use crate::io::tabular::{read_table, Table};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::Path;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub file: String,
    pub rows_read: usize,
    pub events_added: usize,
    pub events_already_present: usize,
    /// Other sheets of a workbook that hold data and were not read.
    pub warnings: Vec<String>,
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file's problems, each as `file:row:column: reason`.
    #[error("{} problem(s) in the file; nothing was imported:\n{}", .0.len(), .0.join("\n"))]
    Rejected(Vec<String>),
    #[error(transparent)]
    Store(#[from] crate::domain::error::Error),
}

/// Imports a register file into the store, or nothing; a workbook's first
/// visible sheet.
pub async fn import_register(
    store: &Store,
    path: &Path,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<ImportReport, ImportError> {
    import_register_sheet(store, path, None, municipalities, today).await
}

/// Imports a register file, or the named sheet of a workbook, or nothing.
pub async fn import_register_sheet(
    store: &Store,
    path: &Path,
    sheet: Option<&str>,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<ImportReport, ImportError> {
    let file = path.display().to_string();
    let started = std::time::Instant::now();
    let reject = |problems: Vec<Problem>| {
        ImportError::Rejected(problems.iter().map(|p| p.display_in(&file)).collect())
    };
    let table = read_table(path, sheet).map_err(|p| reject(vec![p]))?;
    let rows_read = table.rows.len();
    let read = started.elapsed();
    let parsed = parse_table(&table, municipalities, today).map_err(reject)?;
    let parsed_at = started.elapsed();

    let mut persons: BTreeSet<String> = BTreeSet::new();
    for (_, event) in &parsed {
        persons.insert(event.person_id.clone());
        if let Some(mother) = &event.mother_id {
            persons.insert(mother.clone());
        }
    }
    let persons: Vec<String> = persons.into_iter().collect();
    let spellings = store.person_spellings(&persons).await?;
    let conflicts = case_conflicts(&parsed, &spellings);
    if !conflicts.is_empty() {
        return Err(reject(conflicts));
    }
    let existing = store.events_of_persons(&persons).await?;
    let existing_at = started.elapsed();
    let incoming = parsed.len();
    // Each new event keeps its source row for the audit trail.
    let with_rows = validate_batch_rows(parsed, &existing).map_err(reject)?;
    let validated = started.elapsed();
    if !with_rows.is_empty() {
        store.insert_import(&file, rows_read, &with_rows).await?;
    }
    tracing::info!(
        rows = rows_read,
        added = with_rows.len(),
        ?read,
        ?parsed_at,
        ?existing_at,
        ?validated,
        written = ?started.elapsed(),
        "register imported"
    );
    Ok(ImportReport {
        file,
        rows_read,
        events_added: with_rows.len(),
        events_already_present: incoming - with_rows.len(),
        warnings: table.warnings.clone(),
    })
}

/// Checks the header and parses every row, collecting every problem.
pub fn parse_table(
    table: &Table,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<Vec<(usize, register::Event)>, Vec<Problem>> {
    register::check_header(&table.header, &COLUMNS).map_err(|p| vec![p])?;
    let mut events = Vec::with_capacity(table.rows.len());
    let mut problems = table.width_problems.clone();
    for (row, cells) in &table.rows {
        if cells.len() > COLUMNS.len() && cells[COLUMNS.len()..].iter().any(|c| !c.is_empty()) {
            problems.push(Problem::new(
                *row,
                "-",
                format!("more than {} columns", COLUMNS.len()),
            ));
            continue;
        }
        let raw = RawRow {
            row: *row,
            cells: cells.clone(),
        };
        match parse_row(&raw, municipalities, today) {
            Ok(event) => events.push((*row, event)),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(events)
    } else {
        Err(problems)
    }
}
