//! Running a monthly batch (edge): load the register and what was paid,
//! compute the batch with the pure [`crate::payout`] rules, store it.

use crate::accrual::{compute_accruals, Accrual};
use crate::calendar::Period;
use crate::payout::{content_hash, plan_batch, terms_in_month, BatchLine};
use crate::register::Register;
use crate::rules::{RateStatus, RuleBook};
use crate::store::{Store, StoredBatch};
use anyhow::{bail, Result};
use std::collections::BTreeSet;

/// How a run of `batch run` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOutcome {
    /// The first batch of the period.
    New,
    /// The period already had a batch and nothing changed since.
    Unchanged,
    /// The register changed after the period's earlier run(s): this run pays
    /// the difference.
    Supplementary,
}

/// A batch run's result: the stored batch and its lines.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub outcome: RunOutcome,
    pub batch: StoredBatch,
    pub lines: Vec<BatchLine>,
}

/// Loads the register from the store and builds the persons.
pub async fn load_register(store: &Store, rules: &RuleBook, period: Period) -> Result<Register> {
    let events = store.all_events().await?;
    let lag = rules.year(period.year)?.move_lag_months.value;
    Ok(Register::build(&events, lag))
}

/// Computes and stores the batch of `period`. Until approval exists, a
/// batch counts as paid when it is stored.
pub async fn run_batch(store: &Store, rules: &RuleBook, period: Period) -> Result<RunResult> {
    let start = store.start_period().await?;
    if period < start {
        bail!("{period} is before the start period {start}: earlier months were paid by the previous system");
    }
    let all = store.batches().await?;
    if let Some(latest) = all.iter().map(|b| b.period).max() {
        if latest > period {
            bail!("the batch of {latest} exists: batches are run in month order, and {period} is earlier");
        }
    }
    let earlier_runs = store.batches_of_period(period).await?;
    let terms = terms_in_month(rules, period)?;
    let events = store.event_count().await?;

    let (lines, weakest) = if terms.is_empty() {
        (Vec::new(), RateStatus::Adopted)
    } else {
        let register = load_register(store, rules, period).await?;
        let through = *terms.values().max().expect("non-empty");
        let accruals = compute_accruals(&register, rules, start, through)?;
        let paid = store.paid_by_line().await?;
        let lines = plan_batch(&terms, start, &accruals, &paid);
        let weakest = weakest_status_used(rules, &accruals, &lines, period);
        (lines, weakest)
    };

    if let Some(last) = earlier_runs.last() {
        if lines.is_empty() {
            let lines = store.batch_lines(last.id).await?;
            return Ok(RunResult {
                outcome: RunOutcome::Unchanged,
                batch: last.clone(),
                lines,
            });
        }
        let batch = store
            .insert_batch(
                period,
                last.run_number + 1,
                &lines,
                &content_hash(period, &lines),
                weakest.code(),
                events,
            )
            .await?;
        return Ok(RunResult {
            outcome: RunOutcome::Supplementary,
            batch,
            lines,
        });
    }
    let batch = store
        .insert_batch(
            period,
            1,
            &lines,
            &content_hash(period, &lines),
            weakest.code(),
            events,
        )
        .await?;
    Ok(RunResult {
        outcome: RunOutcome::New,
        batch,
        lines,
    })
}

/// The least trusted status among the rates behind a batch's lines and the
/// payment terms of its month. A batch paid on anything but `adopted` rates
/// says so.
fn weakest_status_used(
    rules: &RuleBook,
    accruals: &[Accrual],
    lines: &[BatchLine],
    period: Period,
) -> RateStatus {
    let grants: BTreeSet<_> = lines.iter().map(|l| l.key.grant).collect();
    let mut weakest = RateStatus::Adopted;
    let mut seen = BTreeSet::new();
    for accrual in accruals.iter().filter(|a| grants.contains(&a.grant)) {
        if seen.insert((accrual.period.year, accrual.rate)) {
            if let Some(rate) = rules
                .year(accrual.period.year)
                .ok()
                .and_then(|y| y.rate(accrual.rate))
            {
                weakest = weakest.max(rate.status);
            }
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
