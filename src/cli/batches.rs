//! `tilskot batch`: the monthly payout batch, computed, attested, approved
//! by another person, paid once, and shown.

use super::Context;
use crate::app::batches::{act_on_batch, pay_batch, run_batch, RunOutcome};
use crate::app::check::check_everything;
use crate::app::handoff::{self, Folders, Recovery};
use crate::db::batches::StoredBatch;
use crate::domain::approval::{Action, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::money::format_nok_grouped;
use crate::io::shipped;
use crate::render::i18n::Texts;
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

/// The columns of `batch list`, by their catalogue keys.
const LIST_COLUMNS: [&str; 8] = [
    "cli-batch-list-month",
    "cli-batch-list-run",
    "cli-batch-list-status",
    "cli-batch-list-lines",
    "cli-batch-list-total",
    "cli-batch-list-rates",
    "cli-batch-list-attested",
    "cli-batch-list-approved",
];

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
    let t = &ctx.texts;
    let header = LIST_COLUMNS.map(|key| t.get(key));
    writeln!(out, "{}", row(header.each_ref().map(String::as_str)))?;
    for b in &batches {
        let line = row([
            &b.period.to_string(),
            &b.run_number.to_string(),
            &t.name("batch-status", b.status.code()),
            &b.line_count.to_string(),
            &format_nok_grouped(b.total),
            &t.name("rate-status", &b.weakest_rate_status),
            b.attested_by.as_deref().unwrap_or("–"),
            b.approved_by.as_deref().unwrap_or("–"),
        ]);
        writeln!(out, "{line}")?;
    }
    let waiting = batches.iter().filter(|b| b.status.is_open()).count();
    let footer = t.with(
        "cli-batch-list-footer",
        &[
            ("runs", batches.len().to_string()),
            ("waiting", waiting.to_string()),
        ],
    );
    writeln!(out, "{footer}")?;
    Ok(())
}

async fn compute(ctx: &Context, period: Period, user: &str, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let actor = ctx.authenticate(&store, user).await?;
    let book = ctx.rules()?;
    let t = &ctx.texts;
    let progress = spinner(&t.with("cli-batch-computing", &[("period", period.to_string())]));
    let result = run_batch(&store, &book, period, &actor).await;
    progress.finish_and_clear();
    let result = result?;
    let outcome = t.get(match result.outcome {
        RunOutcome::New => "cli-batch-outcome-new",
        RunOutcome::Unchanged => "cli-batch-outcome-unchanged",
        RunOutcome::Supplementary => "cli-batch-outcome-supplementary",
        RunOutcome::Recomputed => "cli-batch-outcome-recomputed",
    });
    let batch = &result.batch;
    let computed = t.with(
        "cli-batch-computed",
        &[
            ("period", batch.period.to_string()),
            ("run", batch.run_number.to_string()),
            ("outcome", outcome),
            ("status", t.name("batch-status", batch.status.code())),
            ("lines", batch.line_count.to_string()),
            ("total", format_nok_grouped(batch.total)),
        ],
    );
    writeln!(out, "{computed}")?;
    write!(out, "{}", rate_warning(&batch.weakest_rate_status, t))?;
    let summary = municipality_summary(&result.lines, &shipped::municipalities(), t);
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
    let actor = ctx.authenticate(&store, user).await?;
    let batch = act_on_batch(&store, &book, period, action.clone(), &actor).await?;
    let key = match action {
        Action::Attest => "cli-batch-attested",
        Action::Approve => "cli-batch-approved",
        Action::Pay => "cli-batch-paid",
        Action::Reject { .. } => "cli-batch-rejected",
    };
    let t = &ctx.texts;
    let text = t.with(
        key,
        &[
            ("period", batch.period.to_string()),
            ("run", batch.run_number.to_string()),
            ("user", user.to_string()),
            ("status", t.name("batch-status", batch.status.code())),
        ],
    );
    writeln!(out, "{text}")?;
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
    let actor = ctx.authenticate(&store, user).await?;
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
        write!(
            out,
            "{}",
            recovery_text(recovered, &Folders::beside(&dir), &ctx.texts)
        )?;
    }
    let r = &result.record;
    let key = if result.already_paid {
        "cli-payment-already-made"
    } else {
        "cli-payment-made"
    };
    let t = &ctx.texts;
    let text = t.with(
        key,
        &[
            ("payment", r.payment_id.to_string()),
            ("transfers", r.transfers.to_string()),
            ("total", format_nok_grouped(r.total)),
            ("file", result.file.display().to_string()),
        ],
    );
    writeln!(out, "{text}")?;
    if !result.carried.is_empty() {
        let carried = result.carried.join(", ");
        writeln!(
            out,
            "{}",
            t.with("cli-payment-carried", &[("municipalities", carried)])
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
        let actor = ctx.authenticate(&store, user).await?;
        let lock = handoff::lock(&folders)?;
        let recovery = handoff::recover(&store, &folders, &lock, &actor.name).await?;
        write!(out, "{}", recovery_text(&recovery, &folders, &ctx.texts))?;
    }
    let checked = check_everything(&store, &folders.anchor, year).await?;
    let years: Vec<String> = checked.statement_years.iter().map(i32::to_string).collect();
    let t = &ctx.texts;
    let years = if years.is_empty() {
        t.get("cli-check-no-year")
    } else {
        years.join(", ")
    };
    let text = t.with(
        "cli-check-passed",
        &[
            ("entries", checked.audit_entries.to_string()),
            ("anchors", checked.anchors.to_string()),
            ("batches", checked.batches.to_string()),
            ("years", years),
            ("calls", checked.scheme_calls.to_string()),
            ("snapshots", checked.register_snapshots.to_string()),
        ],
    );
    writeln!(out, "{text}")?;
    if checked.event_pages {
        writeln!(out, "{}", t.get("cli-check-event-pages"))?;
    }
    Ok(())
}

/// What a recovery did, one line per file, or that there was nothing to do.
fn recovery_text(recovery: &Recovery, folders: &Folders, t: &Texts) -> String {
    let mut text = String::new();
    let mut line = |key: &str, name: &str, folder: &std::path::Path| {
        let args = [
            ("file", name.to_string()),
            ("folder", folder.display().to_string()),
        ];
        text.push_str(&t.with(key, &args));
        text.push('\n');
    };
    for name in &recovery.published {
        line("cli-recovery-published", name, &folders.outbox);
    }
    for name in &recovery.voided {
        line("cli-recovery-voided", name, &folders.void);
    }
    if text.is_empty() {
        text.push_str(&t.get("cli-recovery-nothing"));
        text.push('\n');
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
        return Err(Error::NotFound(Reason::told(
            Message::new("error-no-batch").arg("period", period),
            format!("no batch for {period}: run `tilskot batch run --period {period}` first"),
        )));
    }
    if let Some(r) = run {
        if !batches.iter().any(|b| b.run_number == r) {
            return Err(Error::NotFound(Reason::told(
                Message::new("error-no-run")
                    .arg("period", period)
                    .arg("run", r),
                format!("the batch of {period} has no run {r}"),
            )));
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
            let t = &ctx.texts;
            for batch in &batches {
                writeln!(out, "{}", run_line(batch, t))?;
            }
            let summary = municipality_summary(&lines, &shipped::municipalities(), t);
            write!(out, "{summary}")?;
        }
    }
    Ok(())
}

/// One run of `batch show`: status, when computed, size, total and rates,
/// and whether it was paid on rates not adopted (who chose so is in the
/// audit log).
fn run_line(batch: &StoredBatch, t: &Texts) -> String {
    let mut text = t.with(
        "cli-batch-shown",
        &[
            ("period", batch.period.to_string()),
            ("run", batch.run_number.to_string()),
            ("status", t.name("batch-status", batch.status.code())),
            ("computed", batch.computed_at.to_string()),
            ("lines", batch.line_count.to_string()),
            ("total", format_nok_grouped(batch.total)),
            ("rates", t.name("rate-status", &batch.weakest_rate_status)),
        ],
    );
    if batch.unverified_rates_allowed.is_some() {
        text.push(' ');
        text.push_str(&t.get("cli-batch-unverified-allowed"));
    }
    text
}
