//! The disability grant in the browser (R14–R19): a municipality applies
//! for a person it settled and follows its own applications; a caseworker
//! of the grant sees every application, what the rules allow, every
//! decision, and decides. The checks are the use cases' (`app::disability`),
//! the same as for the files.

use super::views::{html, nok, Nav};
use super::{AppState, SignedIn, WebError};
use crate::app::disability::{allowed_for, decide_one, require_caseworker, submit_application};
use crate::db::disability::StoredDisability;
use crate::domain::disability::DisabilityGrant;
use crate::domain::disability_file::{parse_decision_row, DecisionRow};
use crate::domain::error::Message;
use crate::domain::register::Problem;
use crate::domain::users::{Role, User};
use crate::render::i18n::Texts;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

type PageResult = Result<Response, WebError>;

/// An application as the list shows it.
pub struct CaseRow {
    pub reference: String,
    pub municipality: String,
    pub person: String,
    pub grant: u8,
    pub grant_year: u8,
    pub received: String,
    /// The status's code; the page shows its name.
    pub status: &'static str,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "web/disability.html")]
pub struct DisabilityPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub grant_numbers: [u8; 2],
    pub rows: Vec<CaseRow>,
    pub can_apply: bool,
    pub form: ApplyForm,
    pub errors: Vec<String>,
    /// For caseworkers, finance and auditors: the queue of this year.
    pub queue: Option<QueueView>,
}

/// The queue as the caseworkers' page shows it.
pub struct QueueView {
    pub year: i32,
    /// Received, decided and awarded, as a sentence.
    pub summary: String,
    pub received: usize,
    pub decided: usize,
    pub awarded: usize,
    pub awarded_amount: String,
    pub backlog: Vec<(u32, usize)>,
    pub processing: Vec<(String, i64, i64)>,
}

#[derive(Template)]
#[template(path = "web/disability_case.html")]
pub struct CasePage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub row: CaseRow,
    pub allowed: String,
    pub expenses: String,
    pub decisions: Vec<(String, &'static str, String, String, String)>,
    pub can_decide: bool,
    pub today: String,
    pub error: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct ApplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub person_id: String,
    #[serde(default)]
    pub grant: String,
    #[serde(default)]
    pub grant_year: String,
    #[serde(default)]
    pub documented_expenses: String,
    #[serde(default)]
    pub originated_before_settlement: String,
    #[serde(default)]
    pub special_agreement: String,
}

#[derive(serde::Deserialize)]
pub struct DecideForm {
    csrf: String,
    decision: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    date: String,
}

/// The status of an application, by code: pending or the decision in force.
fn status_code(s: &StoredDisability) -> &'static str {
    s.in_force().map(|d| d.kind.code()).unwrap_or("pending")
}

fn case_row(s: &StoredDisability) -> CaseRow {
    let a = &s.application;
    CaseRow {
        reference: a.reference.clone(),
        municipality: a.municipality.to_string(),
        person: a.person_id.clone(),
        grant: a.grant.number(),
        grant_year: a.grant_year,
        received: a.received.to_string(),
        status: status_code(s),
        amount: s.in_force().map(|d| nok(d.amount)).unwrap_or_default(),
    }
}

/// What a user may see: a caseworker of the grant, finance and auditors
/// every application; a municipality its own; no one else anything.
fn visible(user: &User, s: &StoredDisability) -> bool {
    match user.role {
        Role::Applicant => {
            user.organisation.as_deref() == Some(s.application.municipality.to_string().as_str())
        }
        Role::Caseworker => require_caseworker(user).is_ok(),
        Role::Finance | Role::Auditor => true,
        _ => false,
    }
}

async fn page(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    form: ApplyForm,
    errors: Vec<String>,
) -> Result<DisabilityPage, WebError> {
    let rows = state
        .store
        .disability_applications()
        .await?
        .iter()
        .filter(|s| visible(&signed_in.user, s))
        .map(case_row)
        .collect();
    let queue = if signed_in.user.role == Role::Applicant {
        None
    } else {
        let year = chrono::Datelike::year(&state.today());
        let status = crate::app::disability::status(&state.store, year, state.today()).await?;
        Some(QueueView {
            year,
            summary: t.with(
                "disability-queue-summary",
                &[
                    ("received", status.received.to_string()),
                    ("decided", status.decided.to_string()),
                    ("awarded", status.awarded.to_string()),
                    ("amount", nok(status.awarded_amount)),
                ],
            ),
            received: status.received,
            decided: status.decided,
            awarded: status.awarded,
            awarded_amount: nok(status.awarded_amount),
            backlog: status.backlog_by_age.into_iter().collect(),
            processing: status
                .processing_days
                .into_iter()
                .map(|(month, (mean, median))| (month.to_string(), mean, median))
                .collect(),
        })
    };
    Ok(DisabilityPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        grant_numbers: [DisabilityGrant::One.number(), DisabilityGrant::Two.number()],
        rows,
        can_apply: signed_in.user.role == Role::Applicant,
        form,
        errors,
        queue,
    })
}

pub async fn list(State(state): State<AppState>, signed_in: SignedIn, t: Texts) -> PageResult {
    let page = page(&state, &signed_in, t, ApplyForm::default(), Vec::new()).await?;
    Ok(html(&page).into_response())
}

pub async fn apply(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Form(form): Form<ApplyForm>,
) -> PageResult {
    signed_in.check_csrf(&form.csrf)?;
    if signed_in.user.role != Role::Applicant {
        return Err(WebError::forbidden(Message::new(
            "error-municipality-applies",
        )));
    }
    let municipality = signed_in.user.organisation.clone().unwrap_or_default();
    let cells = [
        form.reference.clone(),
        municipality,
        form.person_id.clone(),
        form.grant.clone(),
        form.grant_year.clone(),
        form.documented_expenses.clone(),
        (!form.originated_before_settlement.is_empty()).to_string(),
        (!form.special_agreement.is_empty()).to_string(),
        state.today().to_string(),
    ];
    let municipalities = crate::io::shipped::municipalities();
    let parsed = crate::domain::disability_file::parse_application_row(
        0,
        &cells,
        &municipalities,
        state.today(),
    );
    let problems = match parsed {
        Ok(application) => {
            match submit_application(&state.store, &state.rules, application, &signed_in.user)
                .await?
            {
                Ok(()) => return Ok(Redirect::to("/disability").into_response()),
                Err(problems) => problems,
            }
        }
        Err(problems) => problems,
    };
    let errors = problems.iter().map(|p| field_error(t, p)).collect();
    let page = page(&state, &signed_in, t, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
}

/// A problem of the form, in the reader's language: the field and what is
/// wrong with it, or where the parser told nothing more, what the field
/// takes (the parser's English text goes to the log).
fn field_error(t: Texts, p: &Problem) -> String {
    tracing::info!("disability form: {}: {}", p.column, p.reason);
    let field = ("field", t.name("disability-column", &p.column));
    match &p.reason.message {
        Some(told) => t.with("disability-problem", &[field, ("reason", t.message(told))]),
        None => {
            let expected = t.name("disability-expected", &p.column);
            t.with("disability-problem", &[field, ("reason", expected)])
        }
    }
}

async fn stored_case(
    state: &AppState,
    user: &User,
    reference: &str,
) -> Result<StoredDisability, WebError> {
    state
        .store
        .disability_applications()
        .await?
        .into_iter()
        .find(|s| s.application.reference == reference && visible(user, s))
        .ok_or(WebError::NotFound)
}

async fn case_page(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    s: &StoredDisability,
    error: Option<String>,
) -> Result<CasePage, WebError> {
    let allowed = allowed_for(&state.store, &state.rules, &s.application).await?;
    Ok(CasePage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        row: case_row(s),
        allowed: nok(allowed),
        expenses: s
            .application
            .documented_expenses
            .map(nok)
            .unwrap_or_default(),
        decisions: s
            .decisions
            .iter()
            .map(|d| {
                (
                    d.decided_on.to_string(),
                    d.kind.code(),
                    nok(d.amount),
                    d.decided_by.clone(),
                    d.reason.clone(),
                )
            })
            .collect(),
        can_decide: require_caseworker(&signed_in.user).is_ok(),
        today: state.today().to_string(),
        error,
    })
}

pub async fn case(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(reference): Path<String>,
) -> PageResult {
    let s = stored_case(&state, &signed_in.user, &reference).await?;
    Ok(html(&case_page(&state, &signed_in, t, &s, None).await?).into_response())
}

pub async fn decide(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(reference): Path<String>,
    Form(form): Form<DecideForm>,
) -> PageResult {
    signed_in.check_csrf(&form.csrf)?;
    require_caseworker(&signed_in.user).map_err(WebError::from)?;
    let s = stored_case(&state, &signed_in.user, &reference).await?;
    let row = decision_row(t, &reference, &form, state.today());
    let problem = match row {
        Ok(row) => match decide_one(&state.store, &state.rules, &signed_in.user, row).await? {
            Ok(()) => return Ok(Redirect::to(&format!("/disability/{reference}")).into_response()),
            Err(problem) => field_error(t, &problem),
        },
        Err(problem) => problem,
    };
    let page = case_page(&state, &signed_in, t, &s, Some(problem)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
}

/// The form as a row of a decisions file, parsed by the same rules (an
/// empty date is today).
fn decision_row(
    t: Texts,
    reference: &str,
    form: &DecideForm,
    today: chrono::NaiveDate,
) -> Result<DecisionRow, String> {
    let date = if form.date.trim().is_empty() {
        today.to_string()
    } else {
        form.date.clone()
    };
    let cells = [
        reference.to_string(),
        form.decision.clone(),
        form.amount.clone(),
        form.reason.clone(),
        date,
    ];
    parse_decision_row(0, &cells, today).map_err(|problems| {
        problems
            .iter()
            .map(|p| field_error(t, p))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The decision letter of the decision in force, in the reader's
/// language, dated by the decision and signed by its caseworker.
#[derive(Template)]
#[template(path = "disability-letter.html")]
pub struct DisabilityLetter {
    pub t: Texts,
    /// The decision's code; the heading is `letter-heading-<code>`.
    pub kind: &'static str,
    pub reference: String,
    pub municipality: String,
    pub introduction: String,
    pub allowed: String,
    pub amount: String,
    pub awarded: bool,
    pub reason: String,
    pub decided_by: String,
    pub signer_title: String,
    pub decided_on: String,
}

pub async fn letter(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(reference): Path<String>,
) -> PageResult {
    case_letter(&state, &signed_in, t, reference, false).await
}

pub async fn letter_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(reference): Path<String>,
) -> PageResult {
    case_letter(&state, &signed_in, t, reference, true).await
}

/// The letter of the decision in force, as HTML or PDF.
async fn case_letter(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    reference: String,
    pdf: bool,
) -> PageResult {
    let s = stored_case(state, &signed_in.user, &reference).await?;
    let decision = s.in_force().ok_or(WebError::NotFound)?;
    let allowed = allowed_for(&state.store, &state.rules, &s.application).await?;
    let signature = state.store.signature(&decision.decided_by).await?;
    let replaces = if s.decisions.len() > 1 {
        t.get("letter-replaces")
    } else {
        String::new()
    };
    let letter = DisabilityLetter {
        t,
        kind: decision.kind.code(),
        reference: reference.clone(),
        municipality: s.application.municipality.to_string(),
        introduction: t.with(
            "letter-disability-introduction",
            &[
                ("reference", reference.clone()),
                ("received", s.application.received.to_string()),
                (
                    "grant",
                    t.name("disability-grant", s.application.grant.number()),
                ),
                ("grant_year", s.application.grant_year.to_string()),
                ("replaces", replaces),
            ],
        ),
        allowed: nok(allowed),
        amount: nok(decision.amount),
        awarded: !decision.amount.is_zero(),
        reason: decision.reason.clone(),
        decided_by: super::views::signer_name(signature.as_ref(), &decision.decided_by),
        signer_title: super::views::signer_title(t, signature.as_ref()),
        decided_on: decision.decided_on.to_string(),
    };
    let html = letter.render().map_err(|e| {
        WebError::from(crate::domain::error::Error::internal(format!(
            "letter: {e}"
        )))
    })?;
    let stem = format!("{}-{reference}", t.get("letter-file-name"));
    super::letters::deliver(html, stem, pdf).await
}
