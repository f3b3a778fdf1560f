//! The register import (edge): file → rows → validated events → one
//! transaction. All or nothing: one bad row and nothing is written.

use crate::app::users::{require_any_role, Duty, IMPORTERS};
use crate::db::register::StoredOrder;
use crate::db::Store;
use crate::domain::error::Message;
use crate::domain::error::{Error, Result};
use crate::domain::municipality::Municipalities;
use crate::domain::register::{
    self, case_conflicts, parse_cells, validate_batch_rows, EventKind, Problem, COLUMNS,
};
use crate::domain::users::User;
use crate::io::tabular::{visit_table, Table, TableShape};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub file: String,
    pub rows_read: usize,
    pub events_added: usize,
    pub events_already_present: usize,
    /// Other sheets of a workbook that hold data and were not read.
    pub warnings: Vec<crate::domain::error::Message>,
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file's problems, each with its file, row, column and reason.
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Rejected(Vec<crate::domain::register::FileProblem>),
    #[error(transparent)]
    Store(#[from] crate::domain::error::Error),
}

/// Imports a register file into the store, or nothing; a workbook's first
/// visible sheet.
pub async fn import_register(
    store: &Store,
    path: &Path,
    actor: &User,
    municipalities: &Municipalities,
    today: NaiveDate,
    snapshot_lags: &[u32],
) -> Result<ImportReport, ImportError> {
    import_register_sheet(
        store,
        path,
        None,
        actor,
        municipalities,
        today,
        snapshot_lags,
    )
    .await
}

/// Imports a register file, or the named sheet of a workbook, or nothing.
/// A CSV file is parsed as it is read: only the parsed events are held.
pub async fn import_register_sheet(
    store: &Store,
    path: &Path,
    sheet: Option<&str>,
    actor: &User,
    municipalities: &Municipalities,
    today: NaiveDate,
    snapshot_lags: &[u32],
) -> Result<ImportReport, ImportError> {
    require_any_role(actor, &IMPORTERS, Duty::ImportRegister)?;
    let file = path.display().to_string();
    let started = std::time::Instant::now();
    let reject = |problems: Vec<Problem>| {
        ImportError::Rejected(problems.iter().map(|p| p.in_file(&file)).collect())
    };
    let mut rows = RegisterRows::new(municipalities, today);
    let shape = visit_table(path, sheet, &mut |header, line, cells| {
        rows.parse(header, line, cells)
    })
    .map_err(|p| reject(vec![p]))?;
    let rows_read = rows.rows_read;
    let warnings = shape.warnings.clone();
    let parsed = rows.finish(shape).map_err(reject)?;
    let parsed_at = started.elapsed();

    // A first import has no stored person to collide with or to continue.
    let validated_against = store.event_count().await?;
    let first_import = validated_against == 0;
    let persons = if first_import {
        Vec::new()
    } else {
        persons_named(&parsed)
    };
    let spellings = store.person_spellings(&persons).await?;
    let conflicts = case_conflicts(&parsed, &spellings);
    if !conflicts.is_empty() {
        return Err(reject(conflicts));
    }
    let mut existing = store.events_of_persons(&persons).await?;
    // A withdrawn settlement must not leave a stored child without a mother:
    // the children's births come along (the file may name no child).
    let mothers = withdrawn_entries(&parsed);
    if !mothers.is_empty() {
        let births = store.births_to_mothers(&mothers).await?;
        let named: BTreeSet<&str> = persons.iter().map(String::as_str).collect();
        existing.extend(
            births
                .into_iter()
                .filter(|birth| !named.contains(birth.person_id.as_str())),
        );
    }
    let existing_at = started.elapsed();
    let incoming = parsed.len();
    // Each new event keeps its source row for the audit trail.
    let with_rows = Arc::new(validate_batch_rows(parsed, &existing).map_err(reject)?);
    let validated = started.elapsed();
    // A first import holds every event of the register: its snapshots are
    // built from them on a worker while the rows are stored (the database
    // does that work, this process waits), instead of from reading them
    // all back afterwards.
    let snapshots = (first_import && !with_rows.is_empty()).then(|| {
        let events = Arc::clone(&with_rows);
        let lags = snapshot_lags.to_vec();
        tokio::task::spawn_blocking(move || build_snapshots(&events, &lags))
    });
    if !with_rows.is_empty() {
        let in_order = StoredOrder::of(Arc::clone(&with_rows))?;
        store
            .insert_import(&file, rows_read, &in_order, validated_against, &actor.name)
            .await?;
    }
    let stored = started.elapsed();
    if let Some(built) = snapshots {
        let built = built
            .await
            .map_err(|e| Error::internal(format!("building the register snapshots: {e}")))?;
        save_snapshots(store, &built, with_rows.len()).await?;
    }
    tracing::info!(
        rows = rows_read,
        added = with_rows.len(),
        ?parsed_at,
        ?existing_at,
        ?validated,
        ?stored,
        snapshot = ?started.elapsed(),
        "register imported"
    );
    Ok(ImportReport {
        file,
        rows_read,
        events_added: with_rows.len(),
        events_already_present: incoming - with_rows.len(),
        warnings,
    })
}

/// The register `events` (every event of the register) build, for each
/// move lag.
fn build_snapshots(
    events: &[(usize, register::Event)],
    lags: &[u32],
) -> Vec<(u32, register::Register)> {
    lags.iter()
        .map(|&lag| {
            (
                lag,
                register::Register::build(events.iter().map(|(_, e)| e), lag),
            )
        })
        .collect()
}

/// Stores each built register as the snapshot of `events` events.
async fn save_snapshots(
    store: &Store,
    built: &[(u32, register::Register)],
    events: usize,
) -> Result<()> {
    for (lag, register) in built {
        store
            .save_register_snapshot(*lag, events as i64, register)
            .await?;
    }
    Ok(())
}

/// The persons whose settlement or birth the file withdraws.
fn withdrawn_entries(parsed: &[(usize, register::Event)]) -> Vec<String> {
    let entries: BTreeSet<String> = parsed
        .iter()
        .filter(|(_, e)| {
            matches!(
                e.kind.withdraws(),
                Some(EventKind::Settled | EventKind::Born)
            )
        })
        .map(|(_, e)| e.person_id.to_string())
        .collect();
    entries.into_iter().collect()
}

/// Every person an import names, as a person or as a mother.
fn persons_named(parsed: &[(usize, register::Event)]) -> Vec<String> {
    let mut persons: BTreeSet<String> = BTreeSet::new();
    for (_, event) in parsed {
        persons.insert(event.person_id.to_string());
        if let Some(mother) = &event.mother_id {
            persons.insert(mother.to_string());
        }
    }
    persons.into_iter().collect()
}

/// The rows of a register file parsed as they are read, with every problem.
struct RegisterRows<'a> {
    municipalities: &'a Municipalities,
    today: NaiveDate,
    rows_read: usize,
    /// Whether the header is the register's; rows are parsed only then.
    header_ok: Option<bool>,
    events: Vec<(usize, register::Event)>,
    problems: Vec<Problem>,
}

impl<'a> RegisterRows<'a> {
    fn new(municipalities: &'a Municipalities, today: NaiveDate) -> Self {
        RegisterRows {
            municipalities,
            today,
            rows_read: 0,
            header_ok: None,
            events: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn parse(&mut self, header: &[String], row: usize, cells: &[&str]) {
        self.rows_read += 1;
        let header_ok = *self
            .header_ok
            .get_or_insert_with(|| register::check_header(header, &COLUMNS).is_ok());
        if !header_ok {
            return;
        }
        if cells.len() > COLUMNS.len() && cells[COLUMNS.len()..].iter().any(|c| !c.is_empty()) {
            let message = Message::new("problem-too-many-columns").arg("count", COLUMNS.len());
            let reason = format!("more than {} columns", COLUMNS.len());
            self.problems.push(Problem::told(row, "-", message, reason));
            return;
        }
        match parse_cells(row, cells, self.municipalities, self.today) {
            Ok(event) => self.events.push((row, event)),
            Err(mut found) => self.problems.append(&mut found),
        }
    }

    /// The events, or every problem: the header's alone if it is wrong,
    /// else the rows of the wrong width first, then the others.
    fn finish(self, shape: TableShape) -> Result<Vec<(usize, register::Event)>, Vec<Problem>> {
        register::check_header(&shape.header, &COLUMNS).map_err(|p| vec![p])?;
        let mut problems = shape.width_problems;
        problems.extend(self.problems);
        if problems.is_empty() {
            Ok(self.events)
        } else {
            Err(problems)
        }
    }
}

/// Checks the header and parses every row of a table read whole,
/// collecting every problem.
pub fn parse_table(
    table: &Table,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<Vec<(usize, register::Event)>, Vec<Problem>> {
    let mut rows = RegisterRows::new(municipalities, today);
    for (line, cells) in &table.rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        rows.parse(&table.header, *line, &cells);
    }
    rows.finish(TableShape {
        header: table.header.clone(),
        width_problems: table.width_problems.clone(),
        warnings: Vec::new(),
    })
}
