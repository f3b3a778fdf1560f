//! `tilskot scheme` and `tilskot serve`: discretionary schemes on the
//! command line, and the web application.

use super::Context;
use crate::app::schemes::{load_scheme_file, propose};
use crate::db::schemes::Organisation;
use crate::domain::application::check_organisation_id;
use crate::domain::error::{Error, Message, Result};
use crate::domain::money::format_nok_grouped;
use crate::domain::schemes::{ApplicantKind, Outcome};
use crate::domain::users::Role;
use crate::io::shipped;
use crate::render::i18n::Texts;
use crate::render::tables::frame_status_table;
use crate::web::{serve as serve_web, AppState};
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SchemeCommand {
    /// Load scheme definitions (calls, frames, criteria) from a TOML file.
    Load { file: PathBuf },
    /// List the calls with their frames.
    List,
    /// Frame, awarded, paid, released, outstanding and available of a call.
    Status {
        #[arg(long)]
        scheme: String,
        #[arg(long)]
        year: i32,
    },
    /// Add an applicant organisation (a municipality by its number, a county
    /// or voluntary organisation by its organisation number).
    Organisation {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        /// municipality, county or voluntary_organisation.
        #[arg(long)]
        kind: String,
        /// The administrator who adds it (authenticated with
        /// TILSKOT_PASSWORD); recorded in the audit log.
        #[arg(long)]
        user: String,
    },
    /// Print the allocation the ranking proposes; with --apply, write it as
    /// decisions, each in its own transaction with the frame check.
    Propose {
        #[arg(long)]
        scheme: String,
        #[arg(long)]
        year: i32,
        #[arg(long, requires = "user")]
        apply: bool,
        /// The caseworker who decides with --apply (authenticated with
        /// TILSKOT_PASSWORD); recorded on each decision.
        #[arg(long, requires = "apply")]
        user: Option<String>,
    },
    /// Pay an award's commitment and post it to the ledger.
    Pay {
        #[arg(long)]
        application: i64,
        /// The payment date (default today); it must fall in the scheme's year.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// The user who acts (authenticated with TILSKOT_PASSWORD).
        #[arg(long)]
        user: String,
    },
    /// Release an unpaid commitment back to the frame.
    Release {
        #[arg(long)]
        application: i64,
        #[arg(long)]
        reason: String,
        /// The user who acts (authenticated with TILSKOT_PASSWORD).
        #[arg(long)]
        user: String,
    },
    /// Year end: release every unpaid commitment of a call and print the underspend.
    CloseYear {
        #[arg(long)]
        scheme: String,
        #[arg(long)]
        year: i32,
        /// The user who acts (authenticated with TILSKOT_PASSWORD).
        #[arg(long)]
        user: String,
    },
}

/// Runs one `scheme` subcommand.
pub async fn run(ctx: &Context, command: SchemeCommand, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let t = &ctx.texts;
    match command {
        SchemeCommand::Load { file } => {
            let count = load_scheme_file(&store, &file).await?;
            let loaded = t.with("cli-schemes-loaded", &[("count", count.to_string())]);
            writeln!(out, "{loaded}")?;
        }
        SchemeCommand::List => {
            for scheme in store.scheme_calls().await? {
                let args = [
                    ("code", scheme.code.clone()),
                    ("year", scheme.year.to_string()),
                    ("line", scheme.budget_key.to_string()),
                    ("name", scheme.name.clone()),
                    ("frame", format_nok_grouped(scheme.frame)),
                    ("opens", scheme.call_opens.to_string()),
                    ("closes", scheme.call_closes.to_string()),
                ];
                writeln!(out, "{}", t.with("cli-scheme-listed", &args))?;
            }
        }
        SchemeCommand::Status { scheme, year } => {
            let call = store.scheme_call(&scheme, year).await?;
            let status = store.frame_status(&scheme, year).await?;
            let name = format!("{} {} ({})", call.name, year, call.budget_key);
            write!(out, "{}", frame_status_table(&name, &status, t))?;
        }
        SchemeCommand::Organisation {
            id,
            name,
            kind,
            user,
        } => add_organisation(ctx, &store, &id, name, &kind, &user, out).await?,
        SchemeCommand::Propose {
            scheme,
            year,
            apply,
            user,
        } => {
            let actor = match (apply, user) {
                (true, Some(user)) => Some(ctx.authenticate(&store, &user).await?),
                (true, None) => {
                    return Err(Error::invalid_told(
                        Message::new("error-apply-needs-user"),
                        "--apply decides: name the caseworker with --user",
                    ))
                }
                (false, _) => None,
            };
            let deciding = actor.as_ref().map(|a| a.name.as_str());
            print_proposal(&store, &scheme, year, deciding, t, out).await?
        }
        SchemeCommand::Pay {
            application,
            date,
            user,
        } => {
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let actor = ctx.authenticate(&store, &user).await?;
            let amount = store.pay_commitment(application, date, &actor.name).await?;
            let args = [
                ("id", application.to_string()),
                ("amount", format_nok_grouped(amount)),
                ("date", date.to_string()),
            ];
            writeln!(out, "{}", t.with("cli-commitment-paid", &args))?;
        }
        SchemeCommand::Release {
            application,
            reason,
            user,
        } => {
            let actor = ctx.authenticate(&store, &user).await?;
            let amount = store
                .release_commitment(application, &actor.name, &reason)
                .await?;
            let args = [
                ("id", application.to_string()),
                ("amount", format_nok_grouped(amount)),
            ];
            writeln!(out, "{}", t.with("cli-commitment-released", &args))?;
        }
        SchemeCommand::CloseYear { scheme, year, user } => {
            let actor = ctx.authenticate(&store, &user).await?;
            let released = store.release_unpaid(&scheme, year, &actor.name).await?;
            let args = [("amount", format_nok_grouped(released))];
            writeln!(out, "{}", t.with("cli-commitments-released", &args))?;
            let status = store.frame_status(&scheme, year).await?;
            if !status.outstanding().is_zero() {
                return Err(Error::internal(
                    "commitments remain outstanding after closing the year",
                ));
            }
            let name = format!("{} {year}", t.name("scheme", &scheme));
            write!(out, "{}", frame_status_table(&name, &status, t))?;
        }
    }
    Ok(())
}

/// `scheme propose`: the ranking's proposal, written when `apply` names the
/// deciding user.
async fn print_proposal(
    store: &crate::db::Store,
    scheme: &str,
    year: i32,
    apply: Option<&str>,
    t: &Texts,
    out: &mut impl Write,
) -> Result<()> {
    let proposal = propose(store, scheme, year, apply).await?;
    for id in &proposal.not_reviewed {
        writeln!(
            out,
            "{}",
            t.with("cli-proposal-not-reviewed", &[("id", id.to_string())])
        )?;
    }
    for decision in &proposal.decisions {
        let amount = |a: &crate::domain::money::Ore| ("amount", format_nok_grouped(*a));
        let id = ("id", decision.application_id.to_string());
        let text = match &decision.outcome {
            Outcome::Awarded(a) => t.with("cli-proposal-award", &[id, amount(a)]),
            Outcome::PartlyAwarded(a) => t.with("cli-proposal-partial", &[id, amount(a)]),
            Outcome::RecommendedNotFunded => t.with("cli-proposal-not-funded", &[id]),
            Outcome::Rejected(ineligible) => {
                let reason = t.message(&ineligible.message);
                t.with("cli-proposal-reject", &[id, ("reason", reason)])
            }
        };
        writeln!(out, "{text}")?;
    }
    if apply.is_some() {
        let count = proposal.decisions.len().to_string();
        writeln!(
            out,
            "{}",
            t.with("cli-proposal-written", &[("count", count)])
        )?;
        let status = store.frame_status(scheme, year).await?;
        let name = format!("{} {year}", t.name("scheme", scheme));
        write!(out, "{}", frame_status_table(&name, &status, t))?;
    }
    Ok(())
}

/// `tilskot serve`.
pub async fn serve(
    ctx: &Context,
    addr: &str,
    today: Option<NaiveDate>,
    secure_cookies: bool,
) -> Result<()> {
    let store = ctx.open().await?;
    // The process shows and records everything at the demonstration date.
    crate::db::clock::set_today(today);
    eprintln!(
        "{}",
        ctx.texts
            .with("cli-serving", &[("address", format!("http://{addr}"))])
    );
    let state = AppState::new(store, today, secure_cookies).with_rules(ctx.rules()?);
    serve_web(addr, state).await
}

/// `tilskot scheme organisation`: by an authenticated administrator.
async fn add_organisation(
    ctx: &Context,
    store: &crate::db::Store,
    id: &str,
    name: String,
    kind: &str,
    user: &str,
    out: &mut impl Write,
) -> Result<()> {
    let admin = ctx.authenticate(store, user).await?;
    crate::app::users::require_role(
        &admin,
        Role::Admin,
        crate::app::users::Duty::AddOrganisations,
    )?;
    let kind = ApplicantKind::parse(kind).ok_or_else(|| {
        Error::field_told(
            "kind",
            Message::new("problem-unknown-applicant-kind").arg("text", kind),
            format!("'{kind}' is not municipality, county or voluntary_organisation"),
        )
    })?;
    let id = check_organisation_id(kind, id, &shipped::municipalities()).map_err(|e| {
        let message = Message::new("problem-organisation-id").arg("text", id);
        Error::field_told("id", message, e)
    })?;
    let organisation = Organisation {
        id: id.clone(),
        name,
        kind,
    };
    store.add_organisation(&organisation, &admin.name).await?;
    writeln!(
        out,
        "{}",
        ctx.texts
            .with("cli-organisation-added", &[("id", id.to_string())])
    )?;
    Ok(())
}
