//! `tilskot disability`: the disability grant on application (R14–R19).

use super::register::rejected;
use super::Context;
use crate::app::disability::{decide_from_file, extend, import_applications, status};
use crate::app::register_import::ImportError;
use crate::domain::error::Result;
use crate::domain::money::format_nok_grouped;
use crate::io::shipped;
use crate::render::i18n::Texts;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DisabilityCommand {
    /// Import applications (CSV or XLSX): all rows or none, idempotent by
    /// reference. Header: reference,municipality,person_id,grant,grant_year,
    /// documented_expenses,originated_before_settlement,special_agreement,received
    Import {
        file: PathBuf,
        /// A caseworker of the disability grant (authenticated with
        /// TILSKOT_PASSWORD); recorded in the audit log.
        #[arg(long)]
        user: String,
    },
    /// Extend an application's deadline (R18), requested before it passes.
    Extend {
        #[arg(long)]
        reference: String,
        #[arg(long)]
        until: NaiveDate,
        /// A caseworker of the disability grant.
        #[arg(long)]
        user: String,
    },
    /// Record decisions (header reference,decision,amount,reason,date): all
    /// rows or none; a later decision on a reference replaces the earlier.
    Decide {
        #[arg(long)]
        file: PathBuf,
        /// A caseworker of the disability grant.
        #[arg(long)]
        user: String,
    },
    /// The queue of a year: received, decided, awarded, the backlog by age
    /// and the processing time from received to decided.
    Status {
        #[arg(long)]
        year: Option<i32>,
    },
}

/// `tilskot disability …`.
pub async fn run(ctx: &Context, command: DisabilityCommand, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let rules = ctx.rules()?;
    let today = chrono::Local::now().date_naive();
    let t = &ctx.texts;
    match command {
        DisabilityCommand::Import { file, user } => {
            let actor = ctx.authenticate(&store, &user).await?;
            let municipalities = shipped::municipalities();
            let imported =
                import_applications(&store, &rules, &file, &actor, &municipalities, today).await;
            let report = refused_file(imported, &file, t)?;
            let args = [
                ("file", file.display().to_string()),
                ("rows", report.rows.to_string()),
                ("added", report.added.to_string()),
                ("present", report.already_present.to_string()),
            ];
            writeln!(out, "{}", t.with("cli-disability-imported", &args))?;
        }
        DisabilityCommand::Extend {
            reference,
            until,
            user,
        } => {
            let actor = ctx.authenticate(&store, &user).await?;
            extend(&store, &rules, &actor, &reference, until, today).await?;
            let args = [("reference", reference), ("until", until.to_string())];
            writeln!(out, "{}", t.with("cli-disability-extended", &args))?;
        }
        DisabilityCommand::Decide { file, user } => {
            let actor = ctx.authenticate(&store, &user).await?;
            let decided = refused_file(
                decide_from_file(&store, &rules, &actor, &file, today).await,
                &file,
                t,
            )?;
            let args = [
                ("file", file.display().to_string()),
                ("count", decided.to_string()),
                ("user", actor.name.clone()),
            ];
            writeln!(out, "{}", t.with("cli-disability-decided", &args))?;
        }
        DisabilityCommand::Status { year } => {
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&today));
            let queue = status(&store, year, today).await?;
            let args = [
                ("year", year.to_string()),
                ("received", queue.received.to_string()),
                ("decided", queue.decided.to_string()),
                ("awarded", queue.awarded.to_string()),
                ("amount", format_nok_grouped(queue.awarded_amount)),
            ];
            writeln!(out, "{}", t.with("cli-disability-status", &args))?;
            writeln!(out, "{}", t.get("cli-disability-backlog"))?;
            for (months, count) in &queue.backlog_by_age {
                let args = [
                    ("months", format!("{months:>3}")),
                    ("count", count.to_string()),
                ];
                writeln!(out, "  {}", t.with("cli-disability-backlog-line", &args))?;
            }
            writeln!(out, "{}", t.get("cli-disability-days"))?;
            for (month, (mean, median)) in &queue.processing_days {
                writeln!(out, "  {month}: {mean:>4} {median:>4}")?;
            }
        }
    }
    Ok(())
}

/// A refused file's problems printed, one per line; the refusal returned.
fn refused_file<T>(
    result: Result<T, ImportError>,
    file: &std::path::Path,
    texts: &Texts,
) -> Result<T> {
    match result {
        Ok(value) => Ok(value),
        Err(ImportError::Rejected(problems)) => {
            Err(rejected(&problems, &file.display().to_string(), texts))
        }
        Err(ImportError::Store(error)) => Err(error),
    }
}
