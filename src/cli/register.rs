//! `tilskot register`, `accruals`, `explain` and `generate`: the settlement
//! register and what it accrues.

use super::Context;
use crate::app::batches::{load_register, move_lags, prepare_register};
use crate::app::explain::explain_person;
use crate::app::register_import::{import_register_sheet, ImportError};
use crate::domain::accrual::{compute_accruals, totals_by_municipality_grant_month};
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Message, Result};
use crate::domain::generate::{generate_register, to_csv, GenerateOptions};
use crate::domain::register::FileProblem;
use crate::io::shipped;
use crate::render::errors::problem_text;
use crate::render::explain::explanation_text;
use crate::render::i18n::Texts;
use crate::render::progress::spinner;
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Import a register file (CSV or XLSX): all events or none.
    Import {
        file: std::path::PathBuf,
        /// The sheet of a workbook to read (default: the first visible one).
        #[arg(long)]
        sheet: Option<String>,
        /// Who imports: finance staff or an administrator (authenticated
        /// with TILSKOT_PASSWORD); recorded in the audit log.
        #[arg(long)]
        user: String,
    },
}

/// Accruals are printed as CSV only.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CsvFormat {
    Csv,
}

/// `tilskot register import`.
pub async fn run(ctx: &Context, command: RegisterCommand, out: &mut impl Write) -> Result<()> {
    let RegisterCommand::Import { file, sheet, user } = command;
    let store = ctx.open().await?;
    let actor = ctx.authenticate(&store, &user).await?;
    let today = chrono::Local::now().date_naive();
    let t = &ctx.texts;
    let progress = spinner(&t.with("cli-importing", &[("file", file.display().to_string())]));
    let municipalities = shipped::municipalities();
    let rules = ctx.rules()?;
    let lags = move_lags(&rules);
    let imported = import_register_sheet(
        &store,
        &file,
        sheet.as_deref(),
        &actor,
        &municipalities,
        today,
        &lags,
    )
    .await;
    progress.finish_and_clear();
    if let Ok(report) = &imported {
        for warning in &report.warnings {
            let warning = t.message(warning);
            eprintln!("{}: {}: {warning}", t.get("cli-warning"), file.display());
        }
    }
    match imported {
        Ok(report) => {
            let args = [
                ("file", report.file.clone()),
                ("rows", report.rows_read.to_string()),
                ("added", report.events_added.to_string()),
                ("present", report.events_already_present.to_string()),
            ];
            writeln!(out, "{}", t.with("cli-register-imported", &args))?;
            // The events are stored; the snapshot spares the next commands
            // rebuilding the persons from them.
            let progress = spinner(&t.get("cli-building-persons"));
            prepare_register(&store, &rules).await?;
            progress.finish_and_clear();
        }
        Err(ImportError::Rejected(problems)) => {
            return Err(rejected(&problems, &file.display().to_string(), t))
        }
        Err(ImportError::Store(error)) => return Err(error),
    }
    Ok(())
}

/// Prints every problem of a refused file, in the reader's language, and
/// returns the refusal.
pub fn rejected(problems: &[FileProblem], file: &str, texts: &Texts) -> Error {
    for problem in problems {
        eprintln!("{}", problem_text(problem, texts));
    }
    let message = Message::new("error-file-refused")
        .arg("count", problems.len())
        .arg("file", file);
    Error::invalid_told(
        message,
        format!(
            "{} problem(s) in {file}; nothing was imported",
            problems.len()
        ),
    )
}

/// `tilskot accruals`: CSV of municipality, grant, month and amount.
pub async fn accruals(ctx: &Context, from: Period, to: Period, out: &mut impl Write) -> Result<()> {
    if from > to {
        return Err(from_after_to(from, to));
    }
    let store = ctx.open().await?;
    let book = ctx.rules()?;
    let register = load_register(&store, &book, to).await?;
    let mut accruals = compute_accruals(&register, &book, from, to).map_err(Error::from)?;
    let decided = crate::app::disability::decided_applications(&store).await?;
    accruals.extend(crate::domain::disability::disability_accruals(
        &decided, from, to,
    ));
    writeln!(out, "municipality,grant,month,amount")?;
    for ((municipality, grant, month), amount) in totals_by_municipality_grant_month(&accruals) {
        writeln!(out, "{municipality},{grant},{month},{amount}")?;
    }
    Ok(())
}

/// `--from` after `--to`.
fn from_after_to(from: impl std::fmt::Display, to: impl std::fmt::Display) -> Error {
    Error::invalid_told(
        Message::new("error-from-after-to")
            .arg("from", &from)
            .arg("to", &to),
        format!("--from {from} is after --to {to}"),
    )
}

/// `tilskot explain`.
pub async fn explain(
    ctx: &Context,
    person: &str,
    period: Option<Period>,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let book = ctx.rules()?;
    let municipalities = shipped::municipalities();
    let explanation = explain_person(&store, &book, &municipalities, person, period).await?;
    write!(
        out,
        "{}",
        explanation_text(&ctx.texts, &explanation, &municipalities)
    )?;
    let (first_year, last_year) = explanation.rule_years;
    let (from, to) = (explanation.from, explanation.to);
    if from > Period::new(first_year, 1).expect("January") || period.is_none() {
        let args = [
            ("from", from.to_string()),
            ("to", to.to_string()),
            ("first", first_year.to_string()),
            ("last", last_year.to_string()),
        ];
        writeln!(out, "\n{}", ctx.texts.with("cli-explain-months", &args))?;
    }
    Ok(())
}

/// `tilskot generate`: a synthetic register shaped by the annual report.
pub fn generate(
    ctx: &Context,
    options: &GenerateOptions,
    file: &Path,
    out: &mut impl Write,
) -> Result<()> {
    let (from, to) = (options.from_year, options.to_year);
    if from > to {
        return Err(from_after_to(from, to));
    }
    if options.events_per_person == Some(0) {
        return Err(Error::invalid_told(
            Message::new("error-events-per-person"),
            "--events-per-person must be at least 1",
        ));
    }
    super::check_scale(options.scale)?;
    let t = &ctx.texts;
    let progress = spinner(&t.get("cli-generating"));
    let events = generate_register(options, &shipped::municipalities());
    let created = std::fs::File::create(file).map_err(|e| super::cannot_write(file, e))?;
    to_csv(&events, std::io::BufWriter::new(created))
        .map_err(|e| Error::internal(e.to_string()))?;
    progress.finish_and_clear();
    let args = [
        ("file", file.display().to_string()),
        ("events", events.len().to_string()),
        ("from", from.to_string()),
        ("to", to.to_string()),
        ("seed", options.seed.to_string()),
        ("scale", options.scale.to_string()),
    ];
    writeln!(out, "{}", t.with("cli-generated", &args))?;
    Ok(())
}
