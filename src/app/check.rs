//! `tilskot check`: every invariant tilskot knows, in one run, each
//! failure named (like `hledger check` and `bean-check`). `report
//! statements` and `close-year` run it first.

use super::audit::verify_audit;
use crate::db::Store;
use crate::domain::error::{Error, Result};
use crate::domain::register::Register;
use crate::domain::statements::{build_statements, StatementInput};
use chrono::Datelike;
use std::collections::BTreeSet;
use std::path::Path;

/// What a check covered, for the report of a clean run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub audit_entries: usize,
    pub batches: usize,
    pub anchors: usize,
    pub statement_years: Vec<i32>,
    pub scheme_calls: usize,
    pub register_snapshots: usize,
    /// Whether the register's events were read from their pages and
    /// compared with their rows (none for a database from before pages).
    pub event_pages: bool,
}

/// Runs every check; the refusal lists every failure, one per line. With
/// `year`, the statements of that year only (else of every year with
/// postings). The rules files were checked when they were loaded.
pub async fn check_everything(store: &Store, anchor: &Path, year: Option<i32>) -> Result<Checked> {
    let mut failures: Vec<String> = Vec::new();
    let mut checked = Checked::default();
    match verify_audit(store, anchor).await {
        Ok(verified) => {
            checked.audit_entries = verified.entries;
            checked.batches = verified.batches;
            checked.anchors = verified.anchors;
        }
        Err(Error::Refused(problems)) => failures.extend(problems.text.lines().map(String::from)),
        Err(other) => return Err(other),
    }
    for (reference, sum) in store.unbalanced_vouchers().await? {
        failures.push(format!(
            "voucher {reference} does not balance: its postings sum to {sum}"
        ));
    }
    let data = store.ledger_data().await?;
    let years: BTreeSet<i32> = match year {
        Some(year) => [year].into(),
        None => data.entries.iter().map(|e| e.date.year()).collect(),
    };
    for year in years {
        let input = StatementInput {
            year,
            accounts: &data.accounts,
            budget_lines: &data.budget_lines,
            allocations: &data.allocations,
            entries: &data.entries,
        };
        match build_statements(&input) {
            Ok(_) => checked.statement_years.push(year),
            Err(failure) => failures.push(format!("the statements of {year}: {failure}")),
        }
    }
    let (pages, page_failure) = check_event_pages(store).await?;
    checked.event_pages = pages;
    failures.extend(page_failure);
    let (snapshots, snapshot_failures) = check_snapshots(store).await?;
    checked.register_snapshots = snapshots;
    failures.extend(snapshot_failures);
    for call in store.scheme_calls().await? {
        let status = store.frame_status(&call.code, call.year).await?;
        checked.scheme_calls += 1;
        if status.available().0 < 0 || status.outstanding().0 < 0 {
            failures.push(format!(
                "{} {}: awarded {}, paid {}, released {} against a frame of {}",
                call.code, call.year, status.awarded, status.paid, status.released, status.frame
            ));
        }
    }
    if failures.is_empty() {
        Ok(checked)
    } else {
        Err(Error::Refused(
            format!(
                "{} check(s) failed:\n{}",
                failures.len(),
                failures.join("\n")
            )
            .into(),
        ))
    }
}

/// The pages of the register's events must hold exactly its rows, in their
/// order: rebuilding the register reads the pages. Returns whether they
/// were compared, and what failed.
async fn check_event_pages(store: &Store) -> Result<(bool, Option<String>)> {
    let (Some(paged), rows) = store.paged_events_and_rows().await? else {
        return Ok((false, None));
    };
    let differs = paged.iter().zip(&rows).position(|(page, row)| page != row);
    let failure = match differs {
        None if paged.len() == rows.len() => None,
        None => Some(format!(
            "the pages of register events hold {} events, its rows {}",
            paged.len(),
            rows.len()
        )),
        Some(at) => Some(format!(
            "the pages of register events differ from its rows from event {} on",
            at + 1
        )),
    };
    Ok((true, failure))
}

/// A stored register snapshot of the current events must be exactly what
/// the events build: the batch commands pay from it. Returns how many were
/// compared and what failed.
async fn check_snapshots(store: &Store) -> Result<(usize, Vec<String>)> {
    let count = store.event_count().await?;
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut events = None;
    for lag in store.stored_snapshot_lags().await? {
        let Some(stored) = store.register_snapshot(lag, count).await? else {
            continue; // built from other events: never read again
        };
        if events.is_none() {
            events = Some(store.all_events().await?);
        }
        compared += 1;
        let built = Register::build(events.as_deref().unwrap_or_default(), lag);
        match stored {
            Ok(stored) if stored.persons == built.persons => {}
            Ok(_) => failures.push(format!(
                "the stored register snapshot (move lag {lag}, {count} events) differs from the persons the events build"
            )),
            Err(unreadable) => failures.push(format!("{unreadable} (move lag {lag})")),
        }
    }
    Ok((compared, failures))
}
