//! `tilskot accounts`, `report` and `audit`: the ledger, the annual
//! statements, the auditor's journal and the audit chain.

use super::Context;
use crate::app::accounts_import::{import_accounts, AccountsFiles, AccountsImportError};
use crate::app::audit::verify_audit;
use crate::app::check::check_everything;
use crate::app::handoff::Folders;
use crate::app::statements::{journal_of_year, statements_of_year};
use crate::domain::error::{Error, Result};
use crate::render::audit::audit_log_csv;
use crate::render::reports::statements_page;
use askama::Template;
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain, re-hash every batch's stored lines against
    /// its entries, check every state has its entry, and check the chain
    /// against the anchor file written at every payment.
    Verify {
        /// The anchor file (beside the payments outbox).
        #[arg(long, default_value = "audit-anchor.log")]
        anchor: PathBuf,
    },
    /// Print every entry of the audit log as CSV, with the fields its hash
    /// covers, for an auditor's own tools.
    Log,
}

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Import accounting files, all or nothing; the same files twice add nothing.
    Import {
        #[arg(long)]
        chart: Option<PathBuf>,
        #[arg(long)]
        budget: Option<PathBuf>,
        #[arg(long)]
        allocations: Option<PathBuf>,
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// Who imports: finance staff or an administrator (authenticated
        /// with TILSKOT_PASSWORD); recorded in the audit log.
        #[arg(long)]
        user: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Write the statements of a year: nine CSV files, or one HTML document.
    Statements {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "csv")]
        format: ReportFormat,
        #[arg(long, default_value = "statements")]
        out: PathBuf,
        /// The anchor file beside the payments outbox: every check runs
        /// first, the audit chain's against it.
        #[arg(long, default_value = "audit-anchor.log")]
        anchor: PathBuf,
    },
    /// Export the year's ledger as an hledger journal.
    Journal {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Csv,
    Html,
}

/// `tilskot accounts import`: all files or nothing.
pub async fn import(ctx: &Context, command: AccountsCommand, out: &mut impl Write) -> Result<()> {
    let AccountsCommand::Import {
        chart,
        budget,
        allocations,
        ledger,
        user,
    } = command;
    let store = ctx.open().await?;
    let actor = ctx.authenticate(&store, &user).await?;
    let files = AccountsFiles {
        chart: chart.as_deref(),
        budget: budget.as_deref(),
        allocations: allocations.as_deref(),
        ledger: ledger.as_deref(),
    };
    match import_accounts(&store, &files, &actor).await {
        Ok(r) => {
            let args = [
                ("accounts", r.accounts.to_string()),
                ("lines", r.budget_lines.to_string()),
                ("allocations", r.allocations.to_string()),
                ("added", r.vouchers_added.to_string()),
                ("present", r.vouchers_already_present.to_string()),
            ];
            writeln!(out, "{}", ctx.texts.with("cli-accounts-imported", &args))?
        }
        Err(AccountsImportError::Rejected(problems)) => {
            return Err(super::register::rejected(
                &problems,
                &ctx.texts.get("cli-accounts-files"),
                &ctx.texts,
            ))
        }
        Err(AccountsImportError::Store(error)) => return Err(error),
    }
    Ok(())
}

/// `tilskot report statements|journal`.
pub async fn report(ctx: &Context, command: ReportCommand, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    match command {
        ReportCommand::Statements {
            year,
            format,
            out: dir,
            anchor,
        } => {
            check_everything(&store, &anchor, Some(year)).await?;
            let (statements, data) = statements_of_year(&store, year).await?;
            create_dir(&dir)?;
            match format {
                ReportFormat::Csv => {
                    for table in statements.tables() {
                        write_file(&dir.join(table.file_name), &table.to_csv())?;
                    }
                    let count = statements.tables().len();
                    let args = [
                        ("folder", dir.display().to_string()),
                        ("count", count.to_string()),
                        ("year", year.to_string()),
                    ];
                    writeln!(out, "{}", ctx.texts.with("cli-statements-written", &args))?;
                }
                ReportFormat::Html => {
                    let path = dir.join(format!("statements-{year}.html"));
                    let page = statements_page(&statements, &data.budget_lines)
                        .render()
                        .map_err(|e| Error::internal(e.to_string()))?;
                    write_file(&path, &page)?;
                    writeln!(out, "{}", path.display())?;
                }
            }
            let checked = statements.invariants_checked.len();
            let args = [("count", checked.to_string())];
            writeln!(out, "{}", ctx.texts.with("cli-statements-checked", &args))?;
        }
        ReportCommand::Journal { year, out: file } => {
            let (journal, vouchers) = journal_of_year(&store, year).await?;
            write_file(&file, &journal)?;
            let args = [
                ("file", file.display().to_string()),
                ("vouchers", vouchers.to_string()),
            ];
            writeln!(out, "{}", ctx.texts.with("cli-journal-written", &args))?;
        }
    }
    Ok(())
}

/// `tilskot audit verify|log`.
pub async fn audit(ctx: &Context, command: AuditCommand, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    match command {
        AuditCommand::Verify { anchor } => {
            let verified = verify_audit(&store, &anchor).await?;
            let args = [
                ("entries", verified.entries.to_string()),
                ("batches", verified.batches.to_string()),
                ("anchors", verified.anchors.to_string()),
            ];
            writeln!(out, "{}", ctx.texts.with("cli-audit-intact", &args))?;
        }
        AuditCommand::Log => {
            let names = store
                .batches()
                .await?
                .into_iter()
                .map(|b| (b.id, format!("{} run {}", b.period, b.run_number)))
                .collect();
            let entries = store.audit_entries().await?;
            write!(
                out,
                "{}",
                audit_log_csv(&entries, &names).map_err(|e| internal!(e))?
            )?;
        }
    }
    Ok(())
}

fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| super::cannot_write(dir, e))
}

fn write_file(path: &Path, content: &str) -> Result<()> {
    std::fs::write(path, content).map_err(|e| super::cannot_write(path, e))
}

/// `tilskot close-year`.
pub async fn close_year(
    ctx: &Context,
    year: i32,
    user: &str,
    outbox: &std::path::Path,
    out: &mut impl Write,
) -> Result<()> {
    let store = ctx.open().await?;
    let actor = ctx.authenticate(&store, user).await?;
    let anchor = Folders::beside(outbox).anchor;
    let today = chrono::Local::now().date_naive();
    let closed = crate::app::close_year::close_year(&store, &actor, year, &anchor, today).await?;
    let t = &ctx.texts;
    for (scheme, released) in &closed.released {
        let args = [
            ("scheme", t.name("scheme", scheme)),
            ("year", year.to_string()),
            (
                "amount",
                crate::domain::money::format_nok_grouped(*released),
            ),
        ];
        writeln!(out, "{}", t.with("cli-year-released", &args))?;
    }
    let closed = t.with("cli-year-closed", &[("year", year.to_string())]);
    writeln!(out, "{closed}")?;
    Ok(())
}
