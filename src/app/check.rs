//! `tilskot check`: every invariant tilskot knows, in one run, each
//! failure named (like `hledger check` and `bean-check`). `report
//! statements` and `close-year` run it first.

use super::audit::{audit_problems, failed_checks};
use crate::db::event_pages::{Paged, UnreadablePage};
use crate::db::Store;
use crate::domain::error::{Message, Reason, Result};
use crate::domain::money::format_nok_grouped;
use crate::domain::register::Register;
use crate::domain::statements::{build_statements, InvariantFailure, StatementInput};
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
    let (verified, mut failures) = audit_problems(store, anchor).await?;
    let mut checked = Checked {
        audit_entries: verified.entries,
        batches: verified.batches,
        anchors: verified.anchors,
        ..Checked::default()
    };
    for (reference, sum) in store.unbalanced_vouchers().await? {
        failures.push(Reason::told(
            Message::new("error-voucher-unbalanced")
                .arg("reference", &reference)
                .arg("difference", format_nok_grouped(sum)),
            format!("voucher {reference} does not balance: its postings sum to {sum}"),
        ));
    }
    let (years, statement_failures) = check_statements(store, year).await?;
    checked.statement_years = years;
    failures.extend(statement_failures);
    let (pages, page_failure) = check_event_pages(store).await?;
    checked.event_pages = pages;
    failures.extend(page_failure);
    let (snapshots, snapshot_failures) = check_snapshots(store).await?;
    checked.register_snapshots = snapshots;
    failures.extend(snapshot_failures);
    let (calls, frame_failures) = check_frames(store).await?;
    checked.scheme_calls = calls;
    failures.extend(frame_failures);
    if failures.is_empty() {
        Ok(checked)
    } else {
        Err(failed_checks(failures))
    }
}

/// The statements of `year`, or of every year with postings, must build
/// with every invariant holding. Returns the years built, and what failed.
async fn check_statements(store: &Store, year: Option<i32>) -> Result<(Vec<i32>, Vec<Reason>)> {
    let data = store.ledger_data().await?;
    let years: BTreeSet<i32> = match year {
        Some(year) => [year].into(),
        None => data.entries.iter().map(|e| e.date.year()).collect(),
    };
    let (mut built, mut failures) = (Vec::new(), Vec::new());
    for year in years {
        let input = StatementInput {
            year,
            accounts: &data.accounts,
            budget_lines: &data.budget_lines,
            allocations: &data.allocations,
            entries: &data.entries,
        };
        match build_statements(&input) {
            Ok(_) => built.push(year),
            Err(failure) => failures.push(statements_failed(year, failure)),
        }
    }
    Ok((built, failures))
}

/// A failed invariant of a year's statements: the amounts, then the check
/// as a person reads it. Where to look is in the log's text.
fn statements_failed(year: i32, failure: InvariantFailure) -> Reason {
    let amounts = Message::new("check-statements-failed")
        .arg("year", year)
        .arg("asserted", format_nok_grouped(failure.asserted))
        .arg("calculated", format_nok_grouped(failure.calculated))
        .arg("difference", format_nok_grouped(failure.difference));
    let told = (*failure.told).clone();
    Reason::told(amounts, format!("the statements of {year}: {failure}")).with_listed(vec![told])
}

/// Every call's frame must cover what was awarded, paid and released.
/// Returns how many were checked, and what failed.
async fn check_frames(store: &Store) -> Result<(usize, Vec<Reason>)> {
    let calls = store.scheme_calls().await?;
    let mut failures = Vec::new();
    for call in &calls {
        let status = store.frame_status(&call.code, call.year).await?;
        if status.available().0 < 0 || status.outstanding().0 < 0 {
            failures.push(Reason::told(
                Message::new("check-frame-overrun")
                    .arg("scheme", &call.name)
                    .arg("year", call.year)
                    .arg("awarded", format_nok_grouped(status.awarded))
                    .arg("paid", format_nok_grouped(status.paid))
                    .arg("released", format_nok_grouped(status.released))
                    .arg("frame", format_nok_grouped(status.frame)),
                format!(
                    "{} {}: awarded {}, paid {}, released {} against a frame of {}",
                    call.code,
                    call.year,
                    status.awarded,
                    status.paid,
                    status.released,
                    status.frame
                ),
            ));
        }
    }
    Ok((calls.len(), failures))
}

/// The pages of the register's events must hold exactly its rows, in their
/// order: rebuilding the register reads the pages. Returns whether they
/// were compared, and what failed.
async fn check_event_pages(store: &Store) -> Result<(bool, Option<Reason>)> {
    let (paged, rows) = store.paged_events_and_rows().await?;
    let paged = match paged {
        None => return Ok((false, None)),
        Some(Paged::Read(parts)) => crate::db::event_pages::joined(parts),
        Some(Paged::Unreadable(page)) => return Ok((true, Some(unreadable_page(&page)))),
    };
    let differs = paged.iter().zip(&rows).position(|(page, row)| page != row);
    let failure = match differs {
        None if paged.len() == rows.len() => None,
        None => Some(Reason::told(
            Message::new("check-event-pages-count")
                .arg("paged", paged.len())
                .arg("rows", rows.len()),
            format!(
                "the pages of register events hold {} events, its rows {}",
                paged.len(),
                rows.len()
            ),
        )),
        Some(at) => Some(Reason::told(
            Message::new("check-event-pages-differ").arg("event", at + 1),
            format!(
                "the pages of register events differ from its rows from event {} on",
                at + 1
            ),
        )),
    };
    Ok((true, failure))
}

/// A page of events that cannot be read, numbered from 1 for the reader.
fn unreadable_page(page: &UnreadablePage) -> Reason {
    Reason::told(
        Message::new("check-event-pages-unreadable")
            .arg("page", page.page + 1)
            .arg("import", page.import_id),
        format!("{page}; the register is read from its rows"),
    )
}

/// A stored register snapshot of the current events must be exactly what
/// the events build: the batch commands pay from it. Returns how many were
/// compared and what failed.
async fn check_snapshots(store: &Store) -> Result<(usize, Vec<Reason>)> {
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
            Ok(_) => failures.push(Reason::told(
                Message::new("check-snapshot-differs")
                    .arg("lag", lag)
                    .arg("events", count),
                format!(
                    "the stored register snapshot (move lag {lag}, {count} events) differs from the persons the events build"
                ),
            )),
            Err(unreadable) => failures.push(Reason::told(
                Message::new("check-snapshot-unreadable").arg("lag", lag),
                format!("{unreadable} (move lag {lag})"),
            )),
        }
    }
    Ok((compared, failures))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Ore;

    #[test]
    fn a_failed_invariant_lists_its_amounts_then_the_check_as_a_person_reads_it() {
        let told = Message::new("statement-check-note-a");
        let failure = InvariantFailure {
            name: "appropriation total".into(),
            told: Box::new(told.clone()),
            asserted: Ore(12_345_678),
            calculated: Ore(12_345_600),
            difference: Ore(78),
            hint: "the ledger's postings on chapter 0671".into(),
        };
        let reason = statements_failed(2022, failure);
        let message = reason.message.clone().unwrap();
        assert_eq!(message.key, "check-statements-failed");
        assert_eq!(
            message.args,
            [
                ("year", "2022".to_string()),
                ("asserted", "123\u{a0}456,78".to_string()),
                ("calculated", "123\u{a0}456,00".to_string()),
                ("difference", "0,78".to_string()),
            ]
        );
        assert_eq!(reason.listed(), [told]);
        assert!(reason
            .text
            .starts_with("the statements of 2022: invariant 'appropriation total' failed"));
        assert!(reason.text.contains("chapter 0671"), "{}", reason.text);
    }
}
