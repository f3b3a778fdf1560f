//! `tilskot init`, `rules` and `user`: setting up a database, checking the
//! rates, and the users of the command line.

use super::Context;
use crate::app::init::init as init_database;
use crate::db::Store;
use crate::domain::approval::Role;
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Result};
use crate::domain::money::format_nok_grouped;
use crate::io::rules_dir::load_scheme_files;
use crate::render::tables::show_rules;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate every rules file.
    Check,
    /// Print the rates of a year with their status and source.
    Show {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, or change the role of one.
    Add {
        #[arg(long)]
        name: String,
        /// finance_officer, approver or auditor.
        #[arg(long)]
        role: String,
    },
}

/// `tilskot init`: the one command (with the demo) that creates a database.
pub async fn init(ctx: &Context, start_period: Period, out: &mut impl Write) -> Result<()> {
    let store = Store::connect(&ctx.db).await?;
    init_database(&store, start_period).await?;
    writeln!(
        out,
        "Initialised {}: tilskot pays from {}",
        ctx.db,
        store.start_period().await?
    )?;
    Ok(())
}

/// `tilskot rules check|show`.
pub fn rules(ctx: &Context, command: RulesCommand, out: &mut impl Write) -> Result<()> {
    let book = ctx.rules()?;
    match command {
        RulesCommand::Check => {
            for year in book.years() {
                writeln!(
                    out,
                    "{}: {} rates, {} payment terms, weakest status {}",
                    year.file_name,
                    year.rates.len(),
                    year.payment_terms.len(),
                    year.weakest_status()
                )?;
            }
            let municipalities = crate::io::shipped::municipalities();
            writeln!(
                out,
                "{} municipalities in the municipality list",
                municipalities.len()
            )?;
            let schemes =
                load_scheme_files(&ctx.rules_dir).map_err(|e| Error::invalid(e.to_string()))?;
            for definition in schemes {
                let scheme = &definition.scheme;
                writeln!(
                    out,
                    "scheme {} {}: frame {}, {} criteria",
                    scheme.code,
                    scheme.year,
                    format_nok_grouped(scheme.frame),
                    scheme.criteria.len()
                )?;
            }
        }
        RulesCommand::Show { year } => {
            let table = show_rules(&book, year).map_err(|e| Error::NotFound(e.to_string()))?;
            write!(out, "{table}")?;
        }
    }
    Ok(())
}

/// `tilskot user add`.
pub async fn user(ctx: &Context, command: UserCommand, out: &mut impl Write) -> Result<()> {
    let UserCommand::Add { name, role } = command;
    let role = Role::parse(&role).ok_or_else(|| {
        Error::invalid(format!(
            "'{role}' is not a role: finance_officer, approver or auditor"
        ))
    })?;
    let store = ctx.open().await?;
    store.add_user(&name, role).await?;
    writeln!(out, "User {name}: {}", role.code())?;
    Ok(())
}
