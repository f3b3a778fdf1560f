//! `tilskot batch`: the monthly payout batch, computed, attested, approved
//! by another person, paid once, and shown.

use super::{authenticate, Context};
use crate::app::batches::{act_on_batch, pay_batch, run_batch, RunOutcome};
use crate::app::check::check_everything;
use crate::app::handoff::{self, Folders, Recovery};
use crate::domain::approval::{Action, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Result};
use crate::domain::money::format_nok_grouped;
use crate::io::shipped;
use crate::render::progress::spinner;
use crate::render::reports::batch_csv;
use crate::render::tables::{municipality_summary, rate_warning};
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Compute and store the batch of a month.
    Run {
        #[arg(long)]
        period: Period,
        /// The finance officer (or finance user) who computes it.
        #[arg(long)]
        user: String,
    },
    /// Attest (check) the current run of a month.
    Attest {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
    },
    /// Approve (anvise) an attested batch; the attesting person may not.
    Approve {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
    },
    /// Reject an attested or approved batch back to computed, with a reason.
    Reject {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
        #[arg(long)]
        reason: String,
    },
    /// Pay an approved batch, exactly once, and write its pain.001 payment file.
    Pay {
        #[arg(long)]
        period: Period,
        /// Where the payment file goes.
        #[arg(long, default_value = "payments")]
        out: PathBuf,
        /// Pay even though rates are not adopted; recorded on the batch.
        #[arg(long)]
        allow_unverified_rates: bool,
        /// The finance officer who sends the payment.
        #[arg(long)]
        user: String,
    },
    /// List every run of every month (or of one year) with its status,
    /// size, total, rates and who attested and approved it: what waits for
    /// whom.
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Print the batch of a month (all its runs, or one).
    Show {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        run: Option<i64>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Text,
}

/// Runs one `batch` subcommand.
pub async fn run(ctx: &Context, command: BatchCommand, out: &mut impl Write) -> Result<()> {
    match command {
        BatchCommand::Run { period, user } => compute(ctx, period, &user, out).await,
        BatchCommand::Attest { period, user } => act(ctx, period, Action::Attest, &user, out).await,
        BatchCommand::Approve { period, user } => {
            act(ctx, period, Action::Approve, &user, out).await
        }
        BatchCommand::Reject {
            period,
            user,
            reason,
        } => act(ctx, period, Action::Reject { reason }, &user, out).await,
        BatchCommand::Pay {
            period,
            out: dir,
            allow_unverified_rates,
            user,
        } => pay(ctx, period, dir, allow_unverified_rates, &user, out).await,
        BatchCommand::Show {
            period,
            run,
            format,
        } => show(ctx, period, run, format, out).await,
        BatchCommand::List { year } => list(ctx, year, out).await,
    }
}

/// `tilskot batch list`: one line per run, in month and run order.
async fn list(ctx: &Context, year: Option<i32>, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let batches: Vec<_> = store
        .batches()
        .await?
        .into_iter()
        .filter(|b| year.is_none_or(|year| b.period.year == year))
        .collect();
    let row = |cells: [&str; 8]| {
        let line = format!(
            "{:<7} {:>3}  {:<10} {:>9} {:>22}  {:<11}  {:<12} {}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7]
        );
        line.trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        row([
            "month",
            "run",
            "status",
            "lines",
            "total NOK",
            "rates",
            "attested",
            "approved"
        ])
    )?;
    for b in &batches {
        let line = row([
            &b.period.to_string(),
            &b.run_number.to_string(),
            b.status.code(),
            &b.line_count.to_string(),
            &format_nok_grouped(b.total),
            &b.weakest_rate_status,
            b.attested_by.as_deref().unwrap_or("–"),
            b.approved_by.as_deref().unwrap_or("–"),
        ]);
        writeln!(out, "{line}")?;
    }
    let waiting = batches.iter().filter(|b| b.status.is_open()).count();
    writeln!(
        out,
        "{} run(s), {waiting} waiting for payment",
        batches.len()
    )?;
    Ok(())
}

async fn compute(ctx: &Context, period: Period, user: &str, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let actor = authenticate(&store, user).await?;
    let book = ctx.rules()?;
    let progress = spinner(&format!("computing the batch of {period}"));
    let result = run_batch(&store, &book, period, &actor).await;
    progress.finish_and_clear();
    let result = result?;
    let outcome = match result.outcome {
        RunOutcome::New => "new",
        RunOutcome::Unchanged => "unchanged since the last run; the same batch",
        RunOutcome::Supplementary => {
            "what is due changed after payment (the register, the rates or a decision): this run pays the difference"
        }
        RunOutcome::Recomputed => {
            "what is due changed before payment (the register, the rates or a decision): the earlier run is superseded; attest this one"
        }
    };
    let batch = &result.batch;
    writeln!(
        out,
        "Batch {} run {} ({outcome}): {}, {} lines, total {} NOK",
        batch.period,
        batch.run_number,
        batch.status,
        batch.line_count,
        format_nok_grouped(batch.total)
    )?;
    write!(out, "{}", rate_warning(&batch.weakest_rate_status))?;
    let summary = municipality_summary(&result.lines, &shipped::municipalities());
    write!(out, "{summary}")?;
    Ok(())
}

async fn act(
    ctx: &Context,
    period: Period,
    action: Action,
    user: &str,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let book = ctx.rules()?;
    let actor = authenticate(&store, user).await?;
    let batch = act_on_batch(&store, &book, period, action.clone(), &actor).await?;
    let (b, r) = (batch.period, batch.run_number);
    match action {
        Action::Attest => writeln!(out, "Batch {b} run {r} attested by {user}")?,
        Action::Approve => writeln!(out, "Batch {b} run {r} approved by {user}")?,
        Action::Pay => writeln!(out, "Batch {b} run {r} paid by {user}")?,
        Action::Reject { .. } => writeln!(
            out,
            "Batch {b} run {r} rejected by {user}: back to {}",
            batch.status
        )?,
    }
    Ok(())
}

async fn pay(
    ctx: &Context,
    period: Period,
    dir: PathBuf,
    allow_unverified_rates: bool,
    user: &str,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let book = ctx.rules()?;
    let municipalities = shipped::municipalities();
    let actor = authenticate(&store, user).await?;
    let result = pay_batch(
        &store,
        &book,
        &municipalities,
        period,
        &dir,
        allow_unverified_rates,
        &actor,
    )
    .await?;
    let recovered = &result.recovery;
    if !recovered.published.is_empty() || !recovered.voided.is_empty() {
        write!(out, "{}", recovery_text(recovered, &Folders::beside(&dir)))?;
    }
    let r = &result.record;
    let verb = if result.already_paid {
        "Already paid as"
    } else {
        "Paid as"
    };
    writeln!(
        out,
        "{verb} {}: {} transfers, {} NOK, file {}",
        r.payment_id,
        r.transfers,
        format_nok_grouped(r.total),
        result.file.display()
    )?;
    if !result.carried.is_empty() {
        writeln!(
            out,
            "Carried to the next term as set-offs (negative net): {}",
            result.carried.join(", ")
        )?;
    }
    Ok(())
}

/// `tilskot check`: the recovery of the hand-off, then the audit chain.
pub async fn check(
    ctx: &Context,
    outbox: &std::path::Path,
    user: Option<&str>,
    year: Option<i32>,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    ctx.rules()?;
    let folders = Folders::beside(outbox);
    if let Some(user) = user {
        let actor = authenticate(&store, user).await?;
        let lock = handoff::lock(&folders)?;
        let recovery = handoff::recover(&store, &folders, &lock, &actor.name).await?;
        write!(out, "{}", recovery_text(&recovery, &folders))?;
    }
    let checked = check_everything(&store, &folders.anchor, year).await?;
    let years: Vec<String> = checked.statement_years.iter().map(i32::to_string).collect();
    writeln!(
        out,
        "All checks passed: the audit chain of {} entries ({} anchors), {} batches against their hashes, every voucher balanced, the statements of {}, the rules files, {} scheme frames, {} register snapshot(s) against the events",
        checked.audit_entries,
        checked.anchors,
        checked.batches,
        if years.is_empty() { "no year".to_string() } else { years.join(", ") },
        checked.scheme_calls,
        checked.register_snapshots
    )?;
    Ok(())
}

/// What a recovery did, one line per file, or that there was nothing to do.
fn recovery_text(recovery: &Recovery, folders: &Folders) -> String {
    let mut text = String::new();
    for name in &recovery.published {
        text.push_str(&format!(
            "{name}: its payment is committed; moved to the outbox {}\n",
            folders.outbox.display()
        ));
    }
    for name in &recovery.voided {
        text.push_str(&format!(
            "{name}: its payment was never committed; moved to {}\n",
            folders.void.display()
        ));
    }
    if text.is_empty() {
        text.push_str("No staged payment files: the outbox is in step with the database\n");
    }
    text
}

async fn show(
    ctx: &Context,
    period: Period,
    run: Option<i64>,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let batches = store.batches_of_period(period).await?;
    if batches.is_empty() {
        return Err(Error::NotFound(
            format!("no batch for {period}: run `tilskot batch run --period {period}` first")
                .into(),
        ));
    }
    if let Some(r) = run {
        if !batches.iter().any(|b| b.run_number == r) {
            return Err(Error::NotFound(
                format!("the batch of {period} has no run {r}").into(),
            ));
        }
    }
    let mut lines = Vec::new();
    // Without --run: every run that counts, not those superseded.
    for batch in batches.iter().filter(|b| match run {
        Some(r) => r == b.run_number,
        None => b.status != BatchStatus::Superseded,
    }) {
        lines.extend(store.batch_lines(batch.id).await?);
    }
    match format {
        Format::Csv => {
            let rules = ctx.rules()?;
            write!(out, "{}", batch_csv(&lines, rules.year(period.year)?))?
        }
        Format::Text => {
            for batch in &batches {
                writeln!(
                    out,
                    "Batch {} run {}: {}, computed {}, {} lines, total {} NOK, rates {}{}",
                    batch.period,
                    batch.run_number,
                    batch.status,
                    batch.computed_at,
                    batch.line_count,
                    format_nok_grouped(batch.total),
                    batch.weakest_rate_status,
                    batch
                        .unverified_rates_allowed
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default()
                )?;
            }
            write!(
                out,
                "{}",
                municipality_summary(&lines, &shipped::municipalities())
            )?;
        }
    }
    Ok(())
}
