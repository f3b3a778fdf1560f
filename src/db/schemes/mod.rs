//! Discretionary schemes in the database (edge): calls and frames,
//! organisations, applications and their transitions, reviews, awards
//! against the frame, payments to the ledger and releases.
//!
//! The frame is enforced where the award is written: one conditional
//! `UPDATE scheme_call SET bound_ore = bound_ore + amount WHERE … AND
//! bound_ore + amount <= frame_ore` in the award's transaction. Whichever of
//! two concurrent awards comes second sees the first one's sum, on SQLite
//! (one writer at a time) and on PostgreSQL (the row lock re-evaluates the
//! condition).

mod applications;
mod awards;
mod calls;
mod payments;
mod reviews;

use crate::db::dialect::now_text;
use crate::db::ledger::insert_vouchers;
use crate::db::{refused_by_constraint, Store};
use crate::domain::application::{
    check_free_text, scheme_payment_voucher, ApplicationFigures, ApplicationState, DecisionKind,
    DecisionRequest, FrameStatus, DECISION_MESSAGE_WORDS, MAX_NAME_CHARS,
};
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::ledger::BudgetKey;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::schemes::{
    allocate, eligibility, ApplicantKind, Application, Criterion, Decision, Outcome, Scheme,
    SchemeDefinition, Score,
};
use crate::domain::users::Role;
use chrono::{Datelike, NaiveDate};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeMap;

/// An organisation that applies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "kind_code")]
    pub kind: ApplicantKind,
}

fn kind_code<S: serde::Serializer>(kind: &ApplicantKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.code())
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplication {
    pub id: i64,
    pub scheme: String,
    pub year: i32,
    pub organisation: Organisation,
    pub figures: ApplicationFigures,
    pub state: ApplicationState,
    pub submitted_on: Option<NaiveDate>,
    pub decision: Option<DecisionKind>,
    pub decision_reason: Option<String>,
    /// A proposed decision's reason as a catalogue message (the pages and
    /// letters show it instead of `decision_reason`).
    pub decision_message: Option<Message>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub committed: Option<Ore>,
    pub paid: Option<Ore>,
    pub released: Option<Ore>,
    pub report_text: Option<String>,
}

/// A recorded transition of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
    pub at: String,
    pub detail: String,
}

/// A reviewer's declaration and scores on one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub reviewer: String,
    pub conflict_of_interest: bool,
    pub submitted: bool,
    /// criterion code → 0–5.
    pub scores: BTreeMap<String, u32>,
}

/// Why an award was not written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AwardError {
    #[error(
        "the frame of {scheme} {year} has {available} left; an award of {wanted} would exceed it"
    )]
    FrameExceeded {
        scheme: String,
        year: i32,
        available: Ore,
        wanted: Ore,
    },
    #[error("application {0} is not open for a decision (it is {1})")]
    NotOpen(i64, String),
    #[error("application {id} has {submitted} of the {required} submitted reviews the scheme requires before a decision")]
    NotReviewed {
        id: i64,
        submitted: u32,
        required: u32,
    },
}

const APPLICATION_COLUMNS: &str = "a.id, a.scheme, a.year, a.organisation, o.name, o.kind, \
    a.project, a.amount_ore, a.budget_total_ore, a.own_financing_ore, a.participants, a.state, \
    a.submitted_on, a.decision, a.decision_reason, a.decided_by, a.decided_at, c.amount_ore, \
    p.amount_ore, r.amount_ore, a.report_text, a.decision_message";

const APPLICATION_FROM: &str = "application a JOIN organisation o ON o.id = a.organisation \
    LEFT JOIN commitment c ON c.application_id = a.id \
    LEFT JOIN scheme_payment p ON p.application_id = a.id \
    LEFT JOIN commitment_release r ON r.application_id = a.id";

/// What the ranking proposes for a call's undecided applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub decisions: Vec<Decision>,
    /// Eligible applications without a submitted review: not ranked yet.
    pub not_reviewed: Vec<i64>,
}

/// A decision that was not written: a rule of the award, or the database.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error(transparent)]
    Award(#[from] AwardError),
    #[error(transparent)]
    Other(#[from] Error),
}

impl AwardError {
    /// What the refusal tells the caseworker, in the catalogue.
    pub fn message(&self) -> Message {
        match self {
            AwardError::FrameExceeded {
                available, wanted, ..
            } => Message::new("error-frame-exceeded")
                .arg("available", format_nok_grouped(*available))
                .arg("wanted", format_nok_grouped(*wanted)),
            AwardError::NotOpen(id, _) => Message::new("error-not-open").arg("id", id),
            AwardError::NotReviewed {
                submitted,
                required,
                ..
            } => Message::new("error-not-reviewed")
                .arg("submitted", submitted)
                .arg("required", required),
        }
    }

    /// The refusal, told in the catalogue, with its English text for the log.
    pub fn reason(&self) -> Reason {
        Reason::told(self.message(), self.to_string())
    }
}

impl From<DecideError> for Error {
    fn from(error: DecideError) -> Error {
        match error {
            DecideError::Award(award) => Error::Refused(award.reason()),
            DecideError::Other(other) => other,
        }
    }
}

/// A field refused by the domain's checks, as an invalid input naming it.
fn field_invalid(error: crate::domain::application::FieldError) -> Error {
    Error::field(&error.field, error.to_string())
}

/// The request that writes a proposed decision.
pub fn request_of(decision: &Decision) -> DecisionRequest {
    match &decision.outcome {
        Outcome::Awarded(amount) => DecisionRequest {
            kind: DecisionKind::Awarded,
            amount: *amount,
            reason: String::new(),
            message: None,
        },
        Outcome::PartlyAwarded(amount) => DecisionRequest {
            kind: DecisionKind::PartlyAwarded,
            amount: *amount,
            reason: "the frame did not cover the whole amount applied for".into(),
            message: Some(Message::new("decision-reason-partial-frame")),
        },
        Outcome::RecommendedNotFunded => DecisionRequest {
            kind: DecisionKind::RecommendedNotFunded,
            amount: Ore::ZERO,
            reason: "the frame was used up by applications ranked higher".into(),
            message: Some(Message::new("decision-reason-frame-used")),
        },
        Outcome::Rejected(ineligible) => DecisionRequest {
            kind: DecisionKind::Rejected,
            amount: Ore::ZERO,
            reason: ineligible.rule.clone(),
            message: Some(ineligible.message.clone()),
        },
    }
}

async fn write_later_years(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    years: &[(i32, Ore)],
) -> Result<()> {
    for (year, amount) in years {
        sqlx::query(
            "INSERT INTO application_later_year (application_id, year, amount_ore) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i64::from(*year))
        .bind(amount.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn record_transition(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    from: Option<ApplicationState>,
    to: ApplicationState,
    actor: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO application_transition (application_id, from_state, to_state, actor, at, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.map(|s| s.code().to_string()))
    .bind(to.code())
    .bind(actor)
    .bind(now_text())
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn application_from_row(
    row: &AnyRow,
    later: &BTreeMap<i64, Vec<(i32, Ore)>>,
) -> Result<StoredApplication> {
    let id: i64 = row.get(0);
    let state: String = row.get(11);
    Ok(StoredApplication {
        id,
        scheme: row.get(1),
        year: row.get::<i64, _>(2) as i32,
        organisation: Organisation {
            id: row.get(3),
            name: row.get(4),
            kind: parse_kind(&row.get::<String, _>(5))?,
        },
        figures: ApplicationFigures {
            project: row.get(6),
            amount_applied: Ore(row.get(7)),
            budget_total: Ore(row.get(8)),
            own_financing: Ore(row.get(9)),
            participants: row.get::<i64, _>(10) as u32,
            later_years: later.get(&id).cloned().unwrap_or_default(),
        },
        state: ApplicationState::parse(&state)
            .ok_or_else(|| internal!("stored state '{state}'"))?,
        submitted_on: row
            .get::<Option<String>, _>(12)
            .map(|d| parse_date(&d))
            .transpose()?,
        decision: row
            .get::<Option<String>, _>(13)
            .and_then(|d| DecisionKind::parse(&d)),
        decision_reason: row.get(14),
        decision_message: row
            .get::<Option<String>, _>(21)
            .and_then(|text| Message::from_stored(&text, &DECISION_MESSAGE_WORDS)),
        decided_by: row.get(15),
        decided_at: row.get(16),
        committed: row.get::<Option<i64>, _>(17).map(Ore),
        paid: row.get::<Option<i64>, _>(18).map(Ore),
        released: row.get::<Option<i64>, _>(19).map(Ore),
        report_text: row.get(20),
    })
}

fn parse_kind(text: &str) -> Result<ApplicantKind> {
    ApplicantKind::parse(text).ok_or_else(|| internal!("stored applicant kind '{text}'"))
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| internal!("stored date '{text}'"))
}
