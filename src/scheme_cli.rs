//! The `tilskot scheme …` and `tilskot serve` commands (edge).

use crate::application::{check_organisation_id, FrameStatus};
use crate::money::format_nok_grouped;
use crate::municipality::Municipalities;
use crate::scheme_store::{request_of, Organisation};
use crate::schemes::{parse_schemes, ApplicantKind, Outcome};
use crate::store::Store;
use crate::web::session::{NewWebUser, WebRole};
use crate::web::{serve, AppState};
use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// The shipped schemes of 2022, loaded by `tilskot init`.
pub const SHIPPED_SCHEMES: &str = include_str!("../rules/schemes-2022.toml");

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
    },
    /// Add a web user; the password is read from TILSKOT_PASSWORD or the
    /// first line of standard input.
    User {
        #[arg(long)]
        name: String,
        /// applicant, caseworker or finance.
        #[arg(long)]
        role: String,
        /// The applicant's organisation.
        #[arg(long)]
        organisation: Option<String>,
        /// A caseworker's schemes (repeat for several).
        #[arg(long = "scheme")]
        schemes: Vec<String>,
    },
    /// Print the allocation the ranking proposes; with --apply, write it as
    /// decisions, each in its own transaction with the frame check.
    Propose {
        #[arg(long)]
        scheme: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        apply: bool,
        /// Who decides (recorded on each decision).
        #[arg(long, default_value = "tilskot")]
        user: String,
    },
    /// Pay an award's commitment and post it to the ledger.
    Pay {
        #[arg(long)]
        application: i64,
        /// The payment date (default today); it must fall in the scheme's year.
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "tilskot")]
        user: String,
    },
    /// Release an unpaid commitment back to the frame.
    Release {
        #[arg(long)]
        application: i64,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "tilskot")]
        user: String,
    },
    /// Year end: release every unpaid commitment of a call and print the underspend.
    CloseYear {
        #[arg(long)]
        scheme: String,
        #[arg(long)]
        year: i32,
        #[arg(long, default_value = "tilskot")]
        user: String,
    },
}

/// Loads the shipped schemes into a database (by `tilskot init`).
pub async fn load_shipped_schemes(store: &Store) -> Result<()> {
    let definitions =
        parse_schemes(SHIPPED_SCHEMES, "rules/schemes-2022.toml").map_err(|e| anyhow!(e))?;
    store.load_schemes(&definitions).await
}

pub fn print_status(out: &mut impl Write, name: &str, status: &FrameStatus) -> Result<()> {
    writeln!(out, "{name}")?;
    for (label, amount) in [
        ("frame", status.frame),
        ("awarded", status.awarded),
        ("paid", status.paid),
        ("released", status.released),
        ("outstanding", status.outstanding()),
        ("available", status.available()),
        ("underspend", status.underspend()),
    ] {
        writeln!(out, "  {label:<12} {:>22}", format_nok_grouped(amount))?;
    }
    Ok(())
}

pub async fn run_scheme_command(
    store: &Store,
    command: SchemeCommand,
    out: &mut impl Write,
) -> Result<()> {
    match command {
        SchemeCommand::Load { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let definitions =
                parse_schemes(&text, &file.display().to_string()).map_err(|e| anyhow!(e))?;
            store.load_schemes(&definitions).await?;
            writeln!(out, "Loaded {} scheme call(s)", definitions.len())?;
        }
        SchemeCommand::List => {
            for scheme in store.scheme_calls().await? {
                writeln!(
                    out,
                    "{} {} {} {} frame {} call {}–{}",
                    scheme.code,
                    scheme.year,
                    scheme.budget_key,
                    scheme.name,
                    format_nok_grouped(scheme.frame),
                    scheme.call_opens,
                    scheme.call_closes
                )?;
            }
        }
        SchemeCommand::Status { scheme, year } => {
            let call = store.scheme_call(&scheme, year).await?;
            let status = store.frame_status(&scheme, year).await?;
            print_status(
                out,
                &format!("{} {} ({})", call.name, year, call.budget_key),
                &status,
            )?;
        }
        SchemeCommand::Organisation { id, name, kind } => {
            let kind = ApplicantKind::parse(&kind).ok_or_else(|| {
                anyhow!("kind: '{kind}' is not municipality, county or voluntary_organisation")
            })?;
            let id = check_organisation_id(kind, &id, &Municipalities::shipped())
                .map_err(|e| anyhow!("id: {e}"))?;
            store
                .add_organisation(&Organisation {
                    id: id.clone(),
                    name,
                    kind,
                })
                .await?;
            writeln!(out, "Organisation {id} added")?;
        }
        SchemeCommand::User {
            name,
            role,
            organisation,
            schemes,
        } => {
            let role = WebRole::parse(&role)
                .ok_or_else(|| anyhow!("role: '{role}' is not applicant, caseworker or finance"))?;
            let password = match std::env::var("TILSKOT_PASSWORD") {
                Ok(password) => password,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\n', '\r']).to_string()
                }
            };
            store
                .add_web_user(&NewWebUser {
                    name: &name,
                    password: &password,
                    role,
                    organisation: organisation.as_deref(),
                    schemes: &schemes,
                })
                .await?;
            writeln!(out, "Web user {name} ({}) added", role.code())?;
        }
        SchemeCommand::Propose {
            scheme,
            year,
            apply,
            user,
        } => {
            let proposal = store
                .propose_allocation(&scheme, year, &BTreeMap::new())
                .await?;
            for id in &proposal.not_reviewed {
                writeln!(
                    out,
                    "application {id}: not reviewed yet, not ranked (a caseworker submits a review first)"
                )?;
            }
            for decision in &proposal.decisions {
                let text = match &decision.outcome {
                    Outcome::Awarded(a) => format!("award {}", format_nok_grouped(*a)),
                    Outcome::PartlyAwarded(a) => {
                        format!("partial award {}", format_nok_grouped(*a))
                    }
                    Outcome::RecommendedNotFunded => "recommended, not funded".into(),
                    Outcome::Rejected(rule) => format!("reject: {rule}"),
                };
                writeln!(out, "application {}: {text}", decision.application_id)?;
            }
            if apply {
                for decision in &proposal.decisions {
                    let id: i64 = decision.application_id.parse()?;
                    store
                        .decide(id, &request_of(decision), &user)
                        .await
                        .map_err(|e| anyhow!("application {id}: {e}"))?;
                }
                writeln!(out, "{} decision(s) written", proposal.decisions.len())?;
                let status = store.frame_status(&scheme, year).await?;
                print_status(out, &format!("{scheme} {year}"), &status)?;
            }
        }
        SchemeCommand::Pay {
            application,
            date,
            user,
        } => {
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let amount = store.pay_commitment(application, date, &user).await?;
            writeln!(
                out,
                "Application {application}: {} paid and posted on {date}",
                format_nok_grouped(amount)
            )?;
        }
        SchemeCommand::Release {
            application,
            reason,
            user,
        } => {
            let amount = store
                .release_commitment(application, &user, &reason)
                .await?;
            writeln!(
                out,
                "Application {application}: {} released",
                format_nok_grouped(amount)
            )?;
        }
        SchemeCommand::CloseYear { scheme, year, user } => {
            let released = store.release_unpaid(&scheme, year, &user).await?;
            writeln!(
                out,
                "Released {} of unpaid commitments",
                format_nok_grouped(released)
            )?;
            let status = store.frame_status(&scheme, year).await?;
            if !status.outstanding().is_zero() {
                bail!("commitments remain outstanding after closing the year");
            }
            print_status(out, &format!("{scheme} {year}"), &status)?;
        }
    }
    Ok(())
}

/// `tilskot serve`.
pub async fn run_serve(
    store: Store,
    addr: &str,
    today: Option<NaiveDate>,
    secure_cookies: bool,
) -> Result<()> {
    eprintln!("tilskot serving on http://{addr}");
    serve(
        addr,
        AppState {
            store,
            today,
            secure_cookies,
        },
    )
    .await
}
