//! Running, approving and paying monthly batches (edge): load the register
//! and what was paid, compute the batch with the pure [`crate::domain::payout`]
//! rules, store it, and move it through the approval of
//! [`crate::domain::approval`] to an exactly-once payment.

use crate::app::audit::{append_anchor, ensure_lines_intact};
use crate::app::handoff::{self, Folders, Recovery};
use crate::db::approval::{PaymentOutcome, PaymentRecord, PaymentWrite};
use crate::db::dialect::now_text;
use crate::db::paid_sums::{NewPaidSums, PaidSoFar};
use crate::db::{CachedRegister, NewBatch, Store, StoredBatch};
use crate::domain::approval::{transition, Action, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::disability::disability_accruals;
use crate::domain::due::due_by_line;
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::grant::Grant;
use crate::domain::money::Ore;
use crate::domain::municipality::Municipalities;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::payment_file::{write_pain001, Payee, PaymentOrder, Transfer};
use crate::domain::payout::{
    content_hash, payment_vouchers_from_totals, plan_from_due, terms_in_month,
    totals_by_municipality_and_grant, BatchLine,
};
use crate::domain::register::Register;
use crate::domain::rules::{RateKey, RateStatus, RuleBook};
use crate::domain::users::{Role, User};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How a run of `batch run` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOutcome {
    /// The first batch of the period.
    New,
    /// The period already had a batch and nothing changed since.
    Unchanged,
    /// The period's batch was paid and the register changed since: this run
    /// pays the difference.
    Supplementary,
    /// The period's batch was not paid yet and the register changed: it was
    /// superseded by this run, which must be attested and approved again.
    Recomputed,
}

/// A batch run's result: the stored batch and its lines.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub outcome: RunOutcome,
    pub batch: StoredBatch,
    pub lines: Vec<BatchLine>,
}

/// The register's persons: the one this process built last if no event
/// was added since, else the stored snapshot of the current events, else
/// built from the events (and then stored as the snapshot, for the next
/// command).
pub async fn load_register(
    store: &Store,
    rules: &RuleBook,
    period: Period,
) -> Result<Arc<Register>> {
    let lag = rules.year(period.year)?.move_lag_months.value;
    let count = store.event_count().await?;
    if let Some(register) = store.cached_register(count, lag) {
        return Ok(register);
    }
    let _loading = store.register_loading().await;
    if let Some(register) = store.cached_register(count, lag) {
        return Ok(register); // loaded by the one this waited for
    }
    let register = match stored_snapshot(store, lag, count).await? {
        Some(register) => register,
        None => build_and_store(store, lag, count).await?,
    };
    let register = Arc::new(register);
    store.cache_register(CachedRegister {
        events: count,
        move_lag: lag,
        register: Arc::clone(&register),
    });
    Ok(register)
}

/// The snapshot stored for `count` events, if there is a readable one.
async fn stored_snapshot(store: &Store, lag: u32, count: i64) -> Result<Option<Register>> {
    let started = std::time::Instant::now();
    let Some(stored) = store.register_snapshot(lag, count).await? else {
        return Ok(None);
    };
    match stored {
        Ok(register) => {
            let persons = register.persons.len();
            tracing::info!(persons, read_and_decoded = ?started.elapsed(), "register snapshot read");
            Ok(Some(register))
        }
        Err(unreadable) => {
            // Derived data: the events are the register, so an unreadable
            // snapshot is rebuilt from them (and replaced).
            tracing::warn!(%unreadable, "register snapshot rebuilt");
            Ok(None)
        }
    }
}

/// Builds the persons from every stored event and stores them as the
/// snapshot of `count` events.
async fn build_and_store(store: &Store, lag: u32, count: i64) -> Result<Register> {
    let started = std::time::Instant::now();
    let parts = store.all_events_in_parts().await?;
    let read = started.elapsed();
    let register = Register::build(parts.iter().flatten(), lag);
    let events: usize = parts.iter().map(Vec::len).sum();
    tracing::info!(events, ?read, built = ?started.elapsed(), "register built");
    // Stored under the count read with the events only: an import in
    // between makes them differ, and the next load builds afresh.
    if events as i64 == count {
        store.save_register_snapshot(lag, count, &register).await?;
    }
    Ok(register)
}

/// The move lags of the rule book's years, each once: one snapshot each.
pub fn move_lags(rules: &RuleBook) -> Vec<u32> {
    let lags: BTreeSet<u32> = rules
        .years()
        .map(|year| year.move_lag_months.value)
        .collect();
    lags.into_iter().collect()
}

/// Builds and stores the register snapshot for every move lag of the rule
/// book, so that the commands after an import read it instead of building.
pub async fn prepare_register(store: &Store, rules: &RuleBook) -> Result<()> {
    let count = store.event_count().await?;
    for lag in move_lags(rules) {
        if !store.has_register_snapshot(lag, count).await? {
            let register = build_and_store(store, lag, count).await?;
            if store.cached_register(count, lag).is_none() {
                store.cache_register(CachedRegister {
                    events: count,
                    move_lag: lag,
                    register: Arc::new(register),
                });
            }
        }
    }
    Ok(())
}

/// The lines a batch of `period` would have now, and the weakest status of
/// the rates behind them.
pub async fn compute_lines(
    store: &Store,
    rules: &RuleBook,
    period: Period,
) -> Result<(Vec<BatchLine>, RateStatus)> {
    let start = store.start_period().await?;
    let terms = terms_in_month(rules, period)?;
    if terms.is_empty() {
        return Ok((Vec::new(), RateStatus::Adopted));
    }
    let started = std::time::Instant::now();
    // What was paid is read and verified on another worker while this one
    // decodes the register and accrues: neither needs the other (at scale
    // 10 each takes a third of a term's run).
    let paid = {
        let store = store.clone();
        tokio::spawn(async move { store.paid_by_line().await })
    };
    let register = load_register(store, rules, period).await?;
    let loaded = started.elapsed();
    let through = *terms.values().max().expect("non-empty");
    let decided = super::disability::decided_applications(store).await?;
    let extra = disability_accruals(&decided, start, through);
    let due = due_by_line(&register, rules, start, &terms, &extra)?;
    let accrued = started.elapsed();
    let paid = paid
        .await
        .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))?;
    let paid_loaded = started.elapsed();
    let accruals = due.accruals;
    let lines = plan_from_due(&terms, due.due, &paid);
    tracing::info!(
        %period,
        persons = register.persons.len(),
        accruals,
        paid_lines = paid.len(),
        ?loaded,
        ?accrued,
        ?paid_loaded,
        planned = ?started.elapsed(),
        "batch computed"
    );
    let weakest = weakest_status_used(rules, &due.rates_used, &lines, period);
    Ok((lines, weakest))
}

/// The current (latest, not superseded) run of a period.
pub async fn current_run(store: &Store, period: Period) -> Result<StoredBatch> {
    store
        .batches_of_period(period)
        .await?
        .into_iter()
        .rfind(|b| b.status != BatchStatus::Superseded)
        .ok_or_else(|| {
            Error::NotFound(Reason::told(
                Message::new("error-no-batch").arg("period", period),
                format!("no batch for {period}: run `tilskot batch run --period {period}` first"),
            ))
        })
}

/// The roles that compute a batch: finance staff who prepare payments. The
/// person is recorded on the run's audit entry, and on the superseding of
/// the run it replaces.
pub const CALCULATORS: [Role; 2] = [Role::FinanceOfficer, Role::Finance];

/// Computes and stores the batch of `period`, as `actor`.
pub async fn run_batch(
    store: &Store,
    rules: &RuleBook,
    period: Period,
    actor: &User,
) -> Result<RunResult> {
    crate::app::users::require_any_role(
        actor,
        &CALCULATORS,
        crate::app::users::Duty::ComputeBatch,
    )?;
    let start = store.start_period().await?;
    if period < start {
        refuse_told!(
            crate::domain::error::Message::new("error-before-start-period")
                .arg("period", period)
                .arg("start", start),
            "{period} is before the start period {start}: earlier months were paid by the previous system"
        );
    }
    store
        .refuse_if_closed(period.year, "no batch of its months is run")
        .await?;
    let all = store.batches().await?;
    if let Some(latest) = all.iter().map(|b| b.period).max() {
        if latest > period {
            refuse_told!(
                crate::domain::error::Message::new("error-month-order")
                    .arg("latest", latest)
                    .arg("period", period),
                "the batch of {latest} exists: batches are run in month order, and {period} is earlier"
            );
        }
    }
    if let Some(open) = all.iter().find(|b| b.period < period && b.status.is_open()) {
        refuse_told!(
            crate::domain::error::Message::new("error-earlier-batch-open")
                .arg("period", open.period)
                .arg("run", open.run_number),
            "batch {} run {} is {}: it must be paid (or recomputed) before the batch of a later month is run",
            open.period,
            open.run_number,
            open.status
        );
    }
    let (lines, weakest) = compute_lines(store, rules, period).await?;
    let hashing = std::time::Instant::now();
    let hash = content_hash(period, &lines);
    tracing::debug!(hashed = ?hashing.elapsed(), "batch content hashed");
    let events = store.event_count().await?;
    let current = all
        .iter()
        .rfind(|b| b.period == period && b.status != BatchStatus::Superseded)
        .cloned();
    let last_run_number = all
        .iter()
        .filter(|b| b.period == period)
        .map(|b| b.run_number)
        .max()
        .unwrap_or(0);

    let (outcome, supersedes) = match &current {
        Some(current) if current.status == BatchStatus::Paid && lines.is_empty() => {
            let lines = store.batch_lines(current.id).await?;
            return Ok(RunResult {
                outcome: RunOutcome::Unchanged,
                batch: current.clone(),
                lines,
            });
        }
        Some(current) if current.status == BatchStatus::Paid => (RunOutcome::Supplementary, None),
        Some(current) if current.content_hash == hash => {
            return Ok(RunResult {
                outcome: RunOutcome::Unchanged,
                batch: current.clone(),
                lines,
            });
        }
        Some(current) => (RunOutcome::Recomputed, Some(current)),
        None => (RunOutcome::New, None),
    };
    let computed_from = computed_from(rules, events);
    let storing = std::time::Instant::now();
    let batch = store
        .insert_batch(NewBatch {
            period,
            run_number: last_run_number + 1,
            lines: &lines,
            content_hash: &hash,
            weakest_rate_status: weakest.code(),
            register_events: events,
            computed_from: &computed_from,
            supersedes,
            actor: &actor.name,
        })
        .await?;
    tracing::info!(%period, lines = lines.len(), stored = ?storing.elapsed(), "batch stored");
    Ok(RunResult {
        outcome,
        batch,
        lines,
    })
}

/// Attests, approves or rejects the current run of a period. Approval checks
/// first that the batch is still what the register gives: a batch that
/// changed after attestation must be recomputed and attested again.
pub async fn act_on_batch(
    store: &Store,
    rules: &RuleBook,
    period: Period,
    action: Action,
    user: &User,
) -> Result<StoredBatch> {
    let batch = current_run(store, period).await?;
    let next = transition(
        batch.status,
        &action,
        &user.name,
        user.role,
        batch.attested_by.as_deref(),
    )?;
    // Approval (and payment) check that the batch is still what the
    // register gives; a stale attestation is caught there.
    if action == Action::Approve {
        ensure_unchanged(store, rules, &batch).await?;
        ensure_lines_intact(store, &batch).await?;
    }
    let detail = match &action {
        Action::Reject { reason } => format!("rejected: {reason}"),
        other => other.code().to_string(),
    };
    store
        .transition_batch(
            &batch,
            batch.status,
            next,
            action.code(),
            &user.name,
            &detail,
        )
        .await?;
    current_run(store, period).await
}

/// What a batch is computed from: the rules and the register. Register
/// events are never changed or removed, so the same number of events is the
/// same register; while a batch is open no other batch can be paid, so what
/// was paid before it cannot change either.
fn computed_from(rules: &RuleBook, register_events: i64) -> String {
    format!("rules {} events {register_events}", rules.fingerprint())
}

/// Refuses a batch whose content no longer matches the register. When
/// neither rules nor register changed, the batch is as computed; otherwise
/// it is recomputed and compared.
async fn ensure_unchanged(store: &Store, rules: &RuleBook, batch: &StoredBatch) -> Result<()> {
    if batch.computed_from == computed_from(rules, store.event_count().await?) {
        return Ok(());
    }
    let (lines, _) = compute_lines(store, rules, batch.period).await?;
    if content_hash(batch.period, &lines) != batch.content_hash {
        refuse_told!(
            crate::domain::error::Message::new("error-register-changed").arg("period", batch.period),
            "what batch {} run {} pays changed since it was computed (the register, the rates or a decision): run `tilskot batch run --period {}` again and attest the new run",
            batch.period,
            batch.run_number,
            batch.period
        );
    }
    Ok(())
}

/// Where a payment was written, and whether this call recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayResult {
    pub record: PaymentRecord,
    pub already_paid: bool,
    pub carried: Vec<String>,
    /// The file in the outbox.
    pub file: PathBuf,
    /// What the recovery before the payment did.
    pub recovery: Recovery,
}

/// The environment variable that makes `batch pay` stop at a named point
/// (`after-payment-file`, `after-payment-commit`), to test recovery from a
/// crash. Read only in a build with the `failpoints` feature.
pub const FAILPOINT_VARIABLE: &str = "TILSKOT_FAILPOINT";

/// Stops the process at `name` when the failpoint variable names it.
#[cfg(feature = "failpoints")]
fn failpoint(name: &str) {
    if std::env::var(FAILPOINT_VARIABLE).as_deref() == Ok(name) {
        eprintln!("failpoint {name}: stopping here");
        std::process::exit(97);
    }
}

/// Without the `failpoints` feature there are no crash hooks.
#[cfg(not(feature = "failpoints"))]
fn failpoint(_name: &str) {}

/// Pays the approved current run of a period, exactly once: the payment id
/// is made from the batch before anything is written, the file is written
/// (or found, identical) first, and the payment is recorded with the
/// batch's ledger vouchers in one transaction. A retry after a crash, a
/// second call or a concurrent call returns the first payment.
pub async fn pay_batch(
    store: &Store,
    rules: &RuleBook,
    municipalities: &Municipalities,
    period: Period,
    out_dir: &Path,
    allow_unverified_rates: bool,
    actor: &User,
) -> Result<PayResult> {
    let folders = Folders::beside(out_dir);
    let lock = handoff::lock(&folders)?;
    let recovery = handoff::recover(store, &folders, &lock, &actor.name).await?;
    let batch = current_run(store, period).await?;
    if batch.status == BatchStatus::Paid {
        let Some(record) = store.payment_of_batch(batch.id).await? else {
            refuse_told!(
                crate::domain::error::Message::new("error-nothing-to-pay").arg("period", period),
                "batch {period} run {} has nothing to pay",
                batch.run_number
            );
        };
        let file = out_dir.join(&record.file_name);
        return Ok(PayResult {
            record,
            already_paid: true,
            carried: Vec::new(),
            file,
            recovery: recovery.clone(),
        });
    }
    transition(
        batch.status,
        &Action::Pay,
        &actor.name,
        actor.role,
        batch.attested_by.as_deref(),
    )?;
    // What was paid before is read and checked on another worker while
    // this one checks the batch and writes the payment file.
    let paid_before = {
        let store = store.clone();
        tokio::spawn(async move { store.paid_so_far().await })
    };
    if let Err(error) = ensure_unchanged(store, rules, &batch).await {
        // Another process may have paid the batch since it was read: then
        // the recomputation sees it as paid, and its payment is the answer.
        if let Some(record) = store.payment_of_batch(batch.id).await? {
            let file = out_dir.join(&record.file_name);
            return Ok(PayResult {
                record,
                already_paid: true,
                carried: Vec::new(),
                file,
                recovery,
            });
        }
        return Err(error);
    }
    let lines = ensure_lines_intact(store, &batch).await?;
    let unverified_rates_note = unverified_rates_note(&batch, allow_unverified_rates)?;

    // The sums of the lines just checked against the batch's hash, not the
    // sums stored beside them for the pages.
    let totals = totals_by_municipality_and_grant(&lines);
    let mut net: BTreeMap<MunicipalityNumber, Ore> = BTreeMap::new();
    for ((municipality, _), amount) in &totals {
        *net.entry(*municipality).or_default() += *amount;
    }
    let carried: Vec<String> = net
        .iter()
        .filter(|(_, a)| a.0 < 0)
        .map(|(m, _)| m.to_string())
        .collect();
    let order = payment_order(&batch, &net, municipalities)?;
    let payment_id = order.payment_id.clone();
    let xml = write_pain001(&order).map_err(|e| internal!(e))?;
    let file_name = format!("{payment_id}.xml");
    handoff::stage(&folders, &file_name, &xml)?;
    failpoint("after-payment-file");
    let paid_before = paid_before
        .await
        .unwrap_or_else(|failed| std::panic::resume_unwind(failed.into_panic()))?;
    let paid_sums = paid_sums_after(&paid_before, &batch, lines, &carried);
    let paid_totals: std::collections::BTreeMap<_, _> = totals
        .into_iter()
        .filter(|((municipality, _), _)| !carried.contains(&municipality.to_string()))
        .collect();
    let record = PaymentRecord {
        payment_id,
        batch_id: batch.id,
        content_hash: sha256_hex(&xml),
        file_name: file_name.clone(),
        transfers: order.transfers.len() as i64,
        total: order.transfers.iter().map(|t| t.amount).sum(),
        paid_at: now_text(),
    };
    let outcome = store
        .record_payment(PaymentWrite {
            batch: &batch,
            record,
            vouchers: payment_vouchers_from_totals(period, batch.run_number, &paid_totals),
            carried: carried.clone(),
            actor: &actor.name,
            unverified_rates_note,
            paid_sums,
        })
        .await?;
    failpoint("after-payment-commit");
    // The anchor before the file: a file in the outbox always has its
    // anchor, and a crash between the two leaves the file staged, where the
    // next recovery writes the anchor again and publishes it.
    append_anchor(store, &folders.anchor, &file_name).await?;
    let file = handoff::publish(&folders, &file_name)?;
    let (record, already_paid) = match outcome {
        PaymentOutcome::Recorded(record) => (record, false),
        PaymentOutcome::AlreadyPaid(record) => (record, true),
    };
    Ok(PayResult {
        record,
        already_paid,
        carried,
        file,
        recovery,
    })
}

/// What has been paid so far once `batch` is paid: the sums `before` it
/// and its `lines`, without those of the `carried` municipalities.
fn paid_sums_after(
    before: &PaidSoFar,
    batch: &StoredBatch,
    lines: Vec<BatchLine>,
    carried: &[String],
) -> NewPaidSums {
    let carried: BTreeSet<MunicipalityNumber> = carried
        .iter()
        .filter_map(|m| MunicipalityNumber::from_trusted(m))
        .collect();
    let newly_paid: Vec<BatchLine> = lines
        .into_iter()
        .filter(|line| !carried.contains(&line.key.municipality))
        .collect();
    NewPaidSums::after_payment(before, batch.id, newly_paid)
}

/// A stored UTC time (`…Z`) as local time with its offset
/// (`2022-04-04T10:15:00+02:00`), as the bank reads `CreDtTm`. The same
/// stored time gives the same text, so a retry writes the same file.
fn local_time_with_offset(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_else(|_| utc.trim_end_matches('Z').to_string())
}

/// Paying on rates that are not adopted is refused unless the payer says so;
/// then the note is recorded on the batch.
fn unverified_rates_note(batch: &StoredBatch, allow: bool) -> Result<Option<String>> {
    if batch.weakest_rate_status == RateStatus::Adopted.code() {
        Ok(None)
    } else if allow {
        Ok(Some(format!(
            "paid with --allow-unverified-rates: the weakest rate status was {}",
            batch.weakest_rate_status
        )))
    } else {
        refuse_told!(
            crate::domain::error::Message::new("error-rates-not-adopted").arg("status", &batch.weakest_rate_status),
            "batch {} run {} was computed with rates whose status is {}, not adopted: paying needs adopted rates, or --allow-unverified-rates to record that it was paid without them",
            batch.period,
            batch.run_number,
            batch.weakest_rate_status
        );
    }
}

/// The payment order of a batch: one transfer per municipality with a
/// positive net, to its account, from the payer. The payment id is made
/// from the batch, so a retry makes the same order.
fn payment_order(
    batch: &StoredBatch,
    net: &BTreeMap<MunicipalityNumber, Ore>,
    municipalities: &Municipalities,
) -> Result<PaymentOrder> {
    let period = batch.period;
    let payer = crate::io::shipped::payer()?;
    let payees = crate::io::shipped::payees()?;
    let mut transfers = Vec::new();
    for (municipality, amount) in net.iter().filter(|(_, a)| a.0 > 0) {
        let (organisation_number, account_number) = payees
            .get(municipality)
            .ok_or_else(|| internal!("no bank account for municipality {municipality}"))?;
        transfers.push(Transfer {
            payee: Payee {
                municipality: *municipality,
                name: municipalities.name(*municipality).to_string(),
                organisation_number: organisation_number.clone(),
                account_number: account_number.clone(),
            },
            amount: *amount,
        });
    }
    let approved_at = local_time_with_offset(&batch.approved_at.clone().unwrap_or_else(now_text));
    Ok(PaymentOrder {
        payment_id: format!(
            "TS-{period}-{}-{}",
            batch.run_number,
            &batch.content_hash[..8]
        ),
        batch_reference: format!("B{}-{period}-{}", batch.id, batch.run_number),
        created_at: approved_at,
        execution_date: (period.first_day() + chrono::Days::new(4)).to_string(),
        debtor_name: payer.name,
        debtor_organisation_number: payer.organisation_number,
        debtor_account: payer.account,
        remittance: format!("Tilskot termin {period}"),
        transfers,
    })
}

fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The least trusted status among the rates behind a batch's lines and the
/// payment terms of its month. A batch paid on anything but `adopted` rates
/// says so.
fn weakest_status_used(
    rules: &RuleBook,
    rates_used: &BTreeSet<(Grant, i32, RateKey)>,
    lines: &[BatchLine],
    period: Period,
) -> RateStatus {
    let grants: BTreeSet<_> = lines.iter().map(|l| l.key.grant).collect();
    let mut weakest = RateStatus::Adopted;
    for (_, year, rate) in rates_used.iter().filter(|(g, _, _)| grants.contains(g)) {
        if let Some(rate) = rules.year(*year).ok().and_then(|y| y.rate(*rate)) {
            weakest = weakest.max(rate.status);
        }
    }
    if let Ok(year) = rules.year(period.year) {
        for term in year
            .payment_terms
            .iter()
            .filter(|t| t.month == period.month)
        {
            weakest = weakest.max(term.status);
        }
    }
    weakest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_creation_time_is_the_same_instant_in_local_time_with_its_offset() {
        let local = local_time_with_offset("2022-04-04T08:15:00Z");
        let parsed = chrono::DateTime::parse_from_rfc3339(&local).unwrap();
        let utc = chrono::DateTime::parse_from_rfc3339("2022-04-04T08:15:00Z").unwrap();
        assert_eq!(parsed, utc, "{local}");
        // Seconds and a numeric offset, as ISODateTime in pain.001 allows.
        assert_eq!(local.len(), "2022-04-04T10:15:00+02:00".len(), "{local}");
        assert_eq!(local_time_with_offset("2022-04-04T08:15:00Z"), local);
    }
}
