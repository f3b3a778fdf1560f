//! Verifying the audit log: the hash chain, every batch's stored lines
//! against the hashes its entries recorded, every state against its entry,
//! and the chain's head against the anchor file written at every payment.

use crate::db::{Store, StoredBatch};
use crate::domain::approval::verify_chain;
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::payout::{content_hash, BatchLine, LineKey};
use crate::domain::tamper::{
    batch_problems, missing_anchors, orphan_entries, payments_without_any_anchor, Anchor,
    BatchFacts,
};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// The name of the anchor file, beside the outbox.
pub const ANCHOR_FILE: &str = "audit-anchor.log";

/// What a verification covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: usize,
    pub batches: usize,
    pub anchors: usize,
}

/// Verifies everything `audit verify` promises; every problem found is in
/// the refusal, one per line, naming the batch, entry or row.
pub async fn verify_audit(store: &Store, anchor_file: &Path) -> Result<Verified> {
    let (verified, problems) = audit_problems(store, anchor_file).await?;
    if problems.is_empty() {
        Ok(verified)
    } else {
        Err(failed_checks(problems))
    }
}

/// The refusal that lists every failed check under how many they are.
pub fn failed_checks(problems: Vec<Reason>) -> Error {
    let count = problems.len();
    Error::Refused(Reason::listing(
        Message::new("check-failed").arg("count", count),
        format!("{count} check(s) failed:"),
        problems,
    ))
}

/// What `audit verify` covered, and every problem it found. A broken link
/// of the chain is the only problem named: nothing after it can be
/// trusted.
pub async fn audit_problems(store: &Store, anchor_file: &Path) -> Result<(Verified, Vec<Reason>)> {
    let entries = store.audit_entries().await?;
    let batches = store.batches().await?;
    let anchors = read_anchors(anchor_file)?;
    let verified = Verified {
        entries: entries.len(),
        batches: batches.len(),
        anchors: anchors.len(),
    };
    if let Err(broken) = verify_chain(&entries) {
        return Ok((verified, vec![broken.reason()]));
    }
    let mut lines = Vec::with_capacity(batches.len());
    for batch in &batches {
        lines.push(store.batch_lines(batch.id).await?);
    }
    let facts: Vec<BatchFacts> = batches
        .iter()
        .zip(&lines)
        .map(|(b, l)| facts(b, l))
        .collect();
    let mut problems: Vec<Reason> = facts
        .iter()
        .flat_map(|f| batch_problems(f, &entries))
        .collect();
    problems.extend(orphan_entries(&facts, &entries));
    problems.extend(paid_sums_problems(store).await?);
    problems.extend(missing_anchors(&anchors, &entries));
    let unanchored = payments_without_any_anchor(&anchors, &entries);
    if unanchored > 0 {
        problems.push(Reason::told(
            Message::new("audit-no-anchor")
                .arg("payments", unanchored)
                .arg("file", anchor_file.display()),
            format!(
                "the audit chain records {unanchored} payment(s), but {} holds no anchor: every payment writes one to the anchor file beside its outbox; name that file (--anchor), or find out who removed it",
                anchor_file.display()
            ),
        ));
    }
    Ok((verified, problems))
}

/// What is wrong with the paid sums stored at the last payment: their hash
/// against the payment's entry, and their amounts against the sum of the
/// paid batches' lines. Edited lines are named by the batch checks.
async fn paid_sums_problems(store: &Store) -> Result<Vec<Reason>> {
    let stored = match store.stored_paid_sums().await {
        Ok(Some(stored)) => stored,
        Ok(None) => return Ok(Vec::new()),
        Err(Error::Refused(problem)) => return Ok(vec![problem]),
        Err(other) => return Err(other),
    };
    let recomputed = match store.paid_sums_recomputed(&stored.batches).await {
        Ok(sums) => sums,
        Err(Error::Refused(_)) => return Ok(Vec::new()),
        Err(other) => return Err(other),
    };
    if *stored.sums == recomputed {
        return Ok(Vec::new());
    }
    let stored_lines: BTreeSet<&BatchLine> = stored.sums.iter().collect();
    let recomputed_lines: BTreeSet<&BatchLine> = recomputed.iter().collect();
    // The keys of lines that one side has and the other has not: a changed
    // amount is in both differences and counts once.
    let differing: BTreeSet<&LineKey> = stored_lines
        .symmetric_difference(&recomputed_lines)
        .map(|line| &line.key)
        .collect();
    Ok(vec![Reason::told(
        Message::new("audit-paid-sums-differ").arg("lines", differing.len()),
        format!(
            "the paid sums stored at the last payment differ from the paid batches' lines in {} lines",
            differing.len()
        ),
    )])
}

fn facts<'a>(
    batch: &'a StoredBatch,
    lines: &'a [crate::domain::payout::BatchLine],
) -> BatchFacts<'a> {
    BatchFacts {
        id: batch.id,
        period: batch.period,
        run_number: batch.run_number,
        status: batch.status,
        content_hash: &batch.content_hash,
        lines,
    }
}

/// Refuses a batch whose stored lines no longer hash to what was computed
/// and attested: approval and payment act only on the lines a person saw.
/// Returns the lines it checked.
pub async fn ensure_lines_intact(store: &Store, batch: &StoredBatch) -> Result<Vec<BatchLine>> {
    let lines = store.batch_lines(batch.id).await?;
    let entries = store.audit_entries_of_batch(batch.id).await?;
    let stored = content_hash(batch.period, &lines);
    let attested = entries.iter().rev().find(|e| e.action == "attest");
    let matches_attestation = attested.is_none_or(|e| e.batch_hash == stored);
    if stored != batch.content_hash || !matches_attestation {
        tracing::warn!(
            "batch {} run {}: stored lines hash to {stored}, computed {}, attested {:?}",
            batch.period,
            batch.run_number,
            batch.content_hash,
            attested.map(|e| &e.batch_hash)
        );
        refuse_told!(
            Message::new("error-lines-changed")
                .arg("period", batch.period)
                .arg("run", batch.run_number),
            "batch {} run {}: its stored lines no longer hash to what was computed and attested; it is not approved or paid (see `tilskot audit verify`)",
            batch.period,
            batch.run_number
        );
    }
    Ok(lines)
}

/// The anchors of the file, none if it does not exist yet.
fn read_anchors(path: &Path) -> Result<Vec<Anchor>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Anchor::parse_all(&text).map_err(|e| {
            Error::Refused(Reason::told(
                Message::new("error-anchor-file").arg("file", path.display()),
                format!("{}: {e}", path.display()),
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// Appends the chain's head to the anchor file after a payment.
pub async fn append_anchor(store: &Store, path: &Path, payment_id: &str) -> Result<()> {
    let Some(head) = store.audit_head().await? else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(head.to_line(payment_id).as_bytes())?;
    file.sync_all()?;
    Ok(())
}
