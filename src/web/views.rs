//! The data of the askama pages in `reports/web/` and of the decision
//! letter in `reports/letter.html`: figures formatted here, laid out there.

use crate::db::schemes::{Review, StoredApplication, Transition};
use crate::domain::application::{
    later_years_text, ApplicationForm, DecisionKind, FieldError, FrameStatus,
};
use crate::domain::error::Message;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::schemes::{Decision, Outcome, Scheme};
use crate::domain::users::{Role, User};
use crate::render::i18n::Texts;
use askama::Template;
use axum::response::Html;
use std::collections::BTreeMap;

/// Renders a page; a template error becomes a plain message, never a panic.
pub fn html<T: Template>(template: &T) -> Html<String> {
    Html(template.render().unwrap_or_else(|e| {
        tracing::error!("template: {e}");
        "the page could not be rendered; the error is logged".to_string()
    }))
}

/// The signed-in user as the navigation shows them.
pub struct Nav {
    pub name: String,
    pub role: &'static str,
    pub csrf: String,
    pub is_applicant: bool,
    pub is_admin: bool,
    pub is_finance: bool,
}

impl Nav {
    pub fn of(user: &User, csrf: &str) -> Option<Nav> {
        Some(Nav {
            name: user.name.clone(),
            role: user.role.code(),
            csrf: csrf.to_string(),
            is_applicant: user.role == Role::Applicant,
            is_admin: user.role == Role::Admin,
            is_finance: matches!(
                user.role,
                Role::FinanceOfficer | Role::Approver | Role::Finance | Role::Auditor
            ),
        })
    }
}

pub fn nok(amount: Ore) -> String {
    format_nok_grouped(amount)
}

#[derive(Template)]
#[template(path = "web/error.html")]
pub struct ErrorPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub status: u16,
    pub title: String,
    pub message: String,
    /// The problems listed under the message, each in the reader's language.
    pub listed: Vec<String>,
}

#[derive(Template)]
#[template(path = "web/login.html")]
pub struct LoginPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub error: Option<String>,
    /// The user name typed, kept when the sign-in fails.
    pub name: String,
    /// The sign-in form's CSRF token (also in its cookie).
    pub csrf: String,
}

pub struct ApplicationRow {
    pub id: i64,
    pub scheme: String,
    pub year: i32,
    pub organisation: String,
    pub project: String,
    pub amount: String,
    pub state: &'static str,
    pub decision: &'static str,
}

impl ApplicationRow {
    pub fn of(a: &StoredApplication) -> ApplicationRow {
        ApplicationRow {
            id: a.id,
            scheme: a.scheme.clone(),
            year: a.year,
            organisation: format!("{} {}", a.organisation.id, a.organisation.name),
            project: a.figures.project.clone(),
            amount: nok(a.figures.amount_applied),
            state: a.state.code(),
            decision: a.decision.map(|d| d.code()).unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "web/applications.html")]
pub struct ApplicationsPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub rows: Vec<ApplicationRow>,
    pub can_create: bool,
    /// Caseworkers and finance staff download the list as CSV and XLSX.
    pub can_export: bool,
    pub listing: super::listing::Listing,
}

pub struct CallOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl CallOption {
    pub fn list(
        t: Texts,
        calls: &[Scheme],
        chosen: &str,
        kind: Option<crate::domain::schemes::ApplicantKind>,
    ) -> Vec<CallOption> {
        calls
            .iter()
            .filter(|c| kind.is_none_or(|k| c.eligible.contains(&k)))
            .map(|c| {
                let value = format!("{}/{}", c.code, c.year);
                CallOption {
                    selected: value == chosen,
                    label: t.with(
                        "call-option",
                        &[
                            ("scheme", t.name("scheme", &c.code)),
                            ("year", c.year.to_string()),
                            ("opens", c.call_opens.to_string()),
                            ("closes", c.call_closes.to_string()),
                        ],
                    ),
                    value,
                }
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "web/application_form.html")]
pub struct FormPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub title: String,
    pub action: String,
    /// Empty when editing: the scheme of a draft does not change.
    pub calls: Vec<CallOption>,
    pub form: ApplicationForm,
    pub errors: Vec<FieldError>,
    /// The scheme's rules the figures do not meet yet: shown before the
    /// applicant submits, not refusing the draft.
    pub warnings: Vec<String>,
}

impl FormPage {
    /// Every error of a field, in the reader's language.
    pub fn error_of(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| self.t.message(&e.message))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    pub fn errors_summary(&self) -> String {
        self.t
            .with("form-errors", &[("count", self.errors.len().to_string())])
    }
}

/// The scheme's eligibility rules the figures fail, as warnings: the
/// same check that rejects an application at allocation.
pub fn eligibility_warnings(
    t: Texts,
    scheme: &Scheme,
    kind: crate::domain::schemes::ApplicantKind,
    figures: &crate::domain::application::ApplicationFigures,
    today: chrono::NaiveDate,
) -> Vec<String> {
    let application = crate::domain::schemes::Application {
        id: String::new(),
        applicant_kind: kind,
        submitted: today.clamp(scheme.call_opens, scheme.call_closes),
        amount_applied: figures.amount_applied,
        budget_total: figures.budget_total,
        own_financing: figures.own_financing,
        participants: figures.participants,
        later_years: figures.later_years.clone(),
    };
    match crate::domain::schemes::eligibility(scheme, &application) {
        Ok(()) => Vec::new(),
        Err(ineligible) => vec![t.message(&ineligible.message)],
    }
}

/// A draft's figures back into the form.
pub fn form_of(a: &StoredApplication) -> ApplicationForm {
    ApplicationForm {
        project: a.figures.project.clone(),
        amount_applied: a.figures.amount_applied.to_decimal_nok().to_string(),
        budget_total: a.figures.budget_total.to_decimal_nok().to_string(),
        own_financing: a.figures.own_financing.to_decimal_nok().to_string(),
        participants: a.figures.participants.to_string(),
        later_years: later_years_text(&a.figures.later_years),
    }
}

pub struct ApplicationView {
    pub id: i64,
    pub scheme: String,
    pub scheme_name: String,
    pub year: i32,
    pub organisation: String,
    pub organisation_kind: &'static str,
    pub decided_on: String,
    pub project: String,
    pub amount_applied: String,
    pub budget_total: String,
    pub own_financing: String,
    pub participants: u32,
    pub later_years: String,
    pub state: &'static str,
    pub submitted_on: String,
    pub decision: String,
    pub decision_reason: String,
    pub decided_by: String,
    pub committed: String,
    pub paid: String,
    pub released: String,
    pub reservations: String,
    pub report_text: String,
}

impl ApplicationView {
    pub fn of(
        t: Texts,
        a: &StoredApplication,
        scheme: &Scheme,
        reservations: &[(i32, Ore)],
    ) -> ApplicationView {
        let amount = |o: Option<Ore>| o.map(nok).unwrap_or_default();
        ApplicationView {
            id: a.id,
            scheme: a.scheme.clone(),
            scheme_name: scheme.name.clone(),
            year: a.year,
            organisation: format!("{} {}", a.organisation.id, a.organisation.name),
            organisation_kind: a.organisation.kind.code(),
            decided_on: decision_date(a),
            project: a.figures.project.clone(),
            amount_applied: nok(a.figures.amount_applied),
            budget_total: nok(a.figures.budget_total),
            own_financing: nok(a.figures.own_financing),
            participants: a.figures.participants,
            later_years: a
                .figures
                .later_years
                .iter()
                .map(|(y, o)| format!("{y}: {}", nok(*o)))
                .collect::<Vec<_>>()
                .join("; "),
            state: a.state.code(),
            submitted_on: a.submitted_on.map(|d| d.to_string()).unwrap_or_default(),
            decision: a.decision.map(|d| d.code()).unwrap_or_default().to_string(),
            decision_reason: decision_reason(t, a),
            decided_by: a.decided_by.clone().unwrap_or_default(),
            committed: amount(a.committed),
            paid: amount(a.paid),
            released: amount(a.released),
            reservations: reservations
                .iter()
                .map(|(y, o)| format!("{y}: {}", nok(*o)))
                .collect::<Vec<_>>()
                .join("; "),
            report_text: a.report_text.clone().unwrap_or_default(),
        }
    }
}

pub struct CriterionRow {
    pub code: String,
    pub name: String,
    pub weight: u32,
    /// The reviewer's own score, as the input's value (or as typed, when
    /// the form came back with errors).
    pub own: String,
    /// What is wrong with the typed score, in the reader's language.
    pub error: String,
}

pub struct OtherReview {
    pub reviewer: String,
    /// The catalogue key of the review's status.
    pub status: &'static str,
    pub scores: String,
}

/// A caseworker's part of the application page.
pub struct ReviewSection {
    pub declared: bool,
    pub conflict: bool,
    pub submitted: bool,
    pub open: bool,
    pub criteria: Vec<CriterionRow>,
    pub others: Vec<OtherReview>,
    /// The score fields with errors, when the form came back.
    pub errors: usize,
}

impl ReviewSection {
    pub fn of(viewer: &str, scheme: &Scheme, reviews: &[Review], open: bool) -> ReviewSection {
        let own = reviews.iter().find(|r| r.reviewer == viewer);
        ReviewSection {
            declared: own.is_some(),
            conflict: own.is_some_and(|r| r.conflict_of_interest),
            submitted: own.is_some_and(|r| r.submitted),
            open,
            criteria: scheme
                .criteria
                .iter()
                .map(|c| CriterionRow {
                    code: c.code.clone(),
                    name: c.name.clone(),
                    weight: c.weight,
                    own: own
                        .and_then(|r| r.scores.get(&c.code))
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                    error: String::new(),
                })
                .collect(),
            errors: 0,
            others: reviews
                .iter()
                .filter(|r| r.reviewer != viewer)
                .map(|r| OtherReview {
                    reviewer: r.reviewer.clone(),
                    status: if r.conflict_of_interest {
                        "review-status-conflict"
                    } else if r.submitted {
                        "review-status-submitted"
                    } else {
                        "review-status-in-progress"
                    },
                    scores: if r.scores.is_empty() {
                        String::new()
                    } else {
                        r.scores
                            .iter()
                            .map(|(c, v)| format!("{c} {v}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                })
                .collect(),
        }
    }
}

impl ReviewSection {
    /// The section as the form came back: the typed scores kept and each
    /// wrong one named beside its field.
    pub fn with_typed(
        mut self,
        t: Texts,
        typed: &BTreeMap<String, String>,
        errors: &BTreeMap<String, Message>,
    ) -> ReviewSection {
        for row in &mut self.criteria {
            if let Some(value) = typed.get(&row.code) {
                row.own = value.clone();
            }
            if let Some(message) = errors.get(&row.code) {
                row.error = t.message(message);
            }
        }
        self.errors = errors.len();
        self
    }

    pub fn errors_summary(&self, t: &Texts) -> String {
        t.with("form-errors", &[("count", self.errors.to_string())])
    }
}

/// The decisions a caseworker may choose, by code.
pub fn decision_options() -> Vec<&'static str> {
    DecisionKind::ALL.into_iter().map(|k| k.code()).collect()
}

/// The reasons of a decision in the reader's language: a proposed
/// decision's message, or the caseworker's own words.
pub fn decision_reason(t: Texts, a: &StoredApplication) -> String {
    match &a.decision_message {
        Some(message) => t.message(message),
        None => a.decision_reason.clone().unwrap_or_default(),
    }
}

/// The date of a decision (the first ten characters of its time stamp).
pub fn decision_date(a: &StoredApplication) -> String {
    a.decided_at
        .as_deref()
        .map(|t| t.chars().take(10).collect())
        .unwrap_or_default()
}

pub struct TransitionView {
    pub at: String,
    pub actor: String,
    pub from: Option<String>,
    pub to: String,
}

impl TransitionView {
    pub fn of(t: &Transition) -> TransitionView {
        TransitionView {
            at: t.at.chars().take(16).collect::<String>().replace('T', " "),
            actor: t.actor.clone(),
            from: t.from.clone().filter(|from| from != &t.to),
            to: t.to.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "web/application.html")]
pub struct ApplicationPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub app: ApplicationView,
    pub transitions: Vec<TransitionView>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_report: bool,
    pub review: Option<ReviewSection>,
    pub can_decide: bool,
    pub decision_options: Vec<&'static str>,
    pub decision_error: Option<String>,
    /// The decision form as typed when it came back: kind, amount, reasons.
    pub decision_typed: (String, String, String),
    pub can_pay: bool,
    pub can_release: bool,
    pub has_letter: bool,
    pub warnings: Vec<String>,
    pub pay_error: Option<String>,
    /// The payment date in the form: as typed, or the default.
    pub today: String,
}

pub struct FrameRow {
    pub scheme: String,
    pub year: i32,
    pub name: String,
    pub budget_line: String,
    pub frame: String,
    pub awarded: String,
    pub paid: String,
    pub released: String,
    pub outstanding: String,
    pub available: String,
    pub underspend: String,
}

impl FrameRow {
    pub fn of(scheme: &Scheme, status: &FrameStatus) -> FrameRow {
        FrameRow {
            scheme: scheme.code.clone(),
            year: scheme.year,
            name: scheme.name.clone(),
            budget_line: scheme.budget_key.to_string(),
            frame: nok(status.frame),
            awarded: nok(status.awarded),
            paid: nok(status.paid),
            released: nok(status.released),
            outstanding: nok(status.outstanding()),
            available: nok(status.available()),
            underspend: nok(status.underspend()),
        }
    }
}

#[derive(Template)]
#[template(path = "web/schemes.html")]
pub struct SchemesPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub rows: Vec<FrameRow>,
}

pub struct ProposalRow {
    pub position: usize,
    pub id: String,
    pub organisation: String,
    /// The weighted score, two decimals.
    pub score: String,
    pub outcome: Message,
    pub amount: String,
}

impl ProposalRow {
    /// The proposal in its order (by weighted score, highest first), with
    /// each application's applicant and score.
    pub fn list(decisions: &[Decision], applications: &[StoredApplication]) -> Vec<ProposalRow> {
        decisions
            .iter()
            .enumerate()
            .map(|(index, d)| {
                let (outcome, amount) = match &d.outcome {
                    Outcome::Awarded(a) => (Message::new("decision-awarded"), nok(*a)),
                    Outcome::PartlyAwarded(a) => (Message::new("decision-partly-awarded"), nok(*a)),
                    Outcome::RecommendedNotFunded => (
                        Message::new("decision-recommended-not-funded"),
                        String::new(),
                    ),
                    Outcome::Rejected(ineligible) => (ineligible.message.clone(), String::new()),
                };
                let organisation = applications
                    .iter()
                    .find(|a| a.id.to_string() == d.application_id)
                    .map(|a| format!("{} {}", a.organisation.id, a.organisation.name))
                    .unwrap_or_default();
                ProposalRow {
                    position: index + 1,
                    id: d.application_id.clone(),
                    organisation,
                    score: d.score.map(|s| s.shown()).unwrap_or_default(),
                    outcome,
                    amount,
                }
            })
            .collect()
    }
}

/// A decided application of a call: what it commits, what was paid and released.
pub struct CommitmentRow {
    pub id: i64,
    pub organisation: String,
    pub decision: &'static str,
    pub committed: String,
    pub paid: String,
    pub released: String,
    pub state: &'static str,
}

impl CommitmentRow {
    pub fn list(applications: &[StoredApplication]) -> Vec<CommitmentRow> {
        applications
            .iter()
            .filter(|a| a.decision.is_some())
            .map(|a| CommitmentRow {
                id: a.id,
                organisation: format!("{} {}", a.organisation.id, a.organisation.name),
                decision: a.decision.map(|d| d.code()).unwrap_or_default(),
                committed: a.committed.map(nok).unwrap_or_default(),
                paid: a.paid.map(nok).unwrap_or_default(),
                released: a.released.map(nok).unwrap_or_default(),
                state: a.state.code(),
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "web/scheme.html")]
pub struct SchemePage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub frame: FrameRow,
    pub proposal: Vec<ProposalRow>,
    /// Eligible applications nobody has reviewed yet: not ranked.
    pub not_reviewed: Vec<i64>,
    pub commitments: Vec<CommitmentRow>,
}

/// The decision letter (vedtaksbrev) in the reader's language, dated by
/// the decision and signed by the caseworker who made it.
#[derive(Template)]
#[template(path = "letter.html")]
pub struct DecisionLetter {
    pub t: Texts,
    /// The decision's code; the heading is `letter-heading-<code>`.
    pub kind: &'static str,
    pub application_id: i64,
    pub organisation: String,
    pub introduction: String,
    pub amount_applied: String,
    pub awarded: bool,
    pub amount_awarded: String,
    pub budget_text: String,
    pub reservations: Vec<String>,
    pub reason: String,
    /// The caseworker's full name (the user name when none is set).
    pub decided_by: String,
    /// The caseworker's title in the letter's language.
    pub signer_title: String,
    pub decided_on: String,
    /// A decision can be appealed; a notice that an application was
    /// recommended but not funded is not a decision of its own.
    pub appealable: bool,
}

impl DecisionLetter {
    pub fn of(
        t: Texts,
        a: &StoredApplication,
        reservations: &[(i32, Ore)],
        budget_line: &str,
        signature: Option<&crate::domain::users::Signature>,
    ) -> Option<DecisionLetter> {
        let kind = a.decision?;
        let year = a.year.to_string();
        Some(DecisionLetter {
            t,
            kind: kind.code(),
            application_id: a.id,
            organisation: format!("{} {}", a.organisation.name, a.organisation.id),
            introduction: t.with(
                "letter-introduction",
                &[
                    ("id", a.id.to_string()),
                    ("scheme", t.name("scheme", &a.scheme)),
                    ("year", year.clone()),
                    ("project", a.figures.project.clone()),
                ],
            ),
            amount_applied: nok(a.figures.amount_applied),
            awarded: kind.commits(),
            amount_awarded: a.committed.map(nok).unwrap_or_default(),
            budget_text: t.with(
                "letter-budget",
                &[("line", budget_line.to_string()), ("year", year)],
            ),
            reservations: reservations
                .iter()
                .map(|(y, o)| format!("{y}: {}", nok(*o)))
                .collect(),
            reason: decision_reason(t, a),
            decided_by: signer_name(signature, a.decided_by.as_deref().unwrap_or_default()),
            signer_title: signer_title(t, signature),
            decided_on: decision_date(a),
            appealable: kind != DecisionKind::RecommendedNotFunded,
        })
    }
}

/// The name a letter is signed with: the full name, else the user name.
pub fn signer_name(signature: Option<&crate::domain::users::Signature>, user: &str) -> String {
    signature
        .map(|s| s.full_name.clone())
        .unwrap_or_else(|| user.to_string())
}

/// The title a letter is signed with, in its language ("saksbehandlar"
/// when the caseworker has none set).
pub fn signer_title(t: Texts, signature: Option<&crate::domain::users::Signature>) -> String {
    signature
        .map(|s| t.name("title", s.title.code()))
        .unwrap_or_else(|| t.get("letter-caseworker"))
}

/// An open call as the public page shows it.
pub struct CallView {
    pub code: String,
    pub year: i32,
    pub opens: String,
    pub closes: String,
    pub frame: String,
    pub budget_line: String,
    pub eligible: Vec<&'static str>,
    pub min_participants: Option<u32>,
    pub min_own_financing_percent: Option<u32>,
    pub criteria: Vec<(String, u32)>,
}

impl CallView {
    pub fn of(scheme: &Scheme) -> CallView {
        CallView {
            code: scheme.code.clone(),
            year: scheme.year,
            opens: scheme.call_opens.to_string(),
            closes: scheme.call_closes.to_string(),
            frame: nok(scheme.frame),
            budget_line: scheme.budget_key.to_string(),
            eligible: scheme.eligible.iter().map(|k| k.code()).collect(),
            min_participants: scheme.min_participants,
            min_own_financing_percent: scheme.min_own_financing_percent,
            criteria: scheme
                .criteria
                .iter()
                .map(|c| (c.code.clone(), c.weight))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "web/calls.html")]
pub struct CallsPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub calls: Vec<CallView>,
}
