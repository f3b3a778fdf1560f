//! The data of the askama pages in `reports/web/` and of the decision
//! letter in `reports/letter.html`: figures formatted here, laid out there.

use crate::db::schemes::{Review, StoredApplication, Transition};
use crate::domain::application::{
    later_years_text, ApplicationForm, DecisionKind, FieldError, FrameStatus,
};
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::schemes::{Decision, Outcome, Scheme};
use crate::domain::users::{Role, User};
use askama::Template;
use axum::response::Html;

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
    pub user: Option<Nav>,
    pub status: u16,
    pub message: String,
}

#[derive(Template)]
#[template(path = "web/login.html")]
pub struct LoginPage {
    pub user: Option<Nav>,
    pub error: Option<String>,
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
    pub state: String,
    pub decision: String,
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
            state: a.state.code().to_string(),
            decision: a.decision.map(|d| d.code().to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "web/applications.html")]
pub struct ApplicationsPage {
    pub user: Option<Nav>,
    pub rows: Vec<ApplicationRow>,
    pub can_create: bool,
}

pub struct CallOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl CallOption {
    pub fn list(
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
                    label: format!(
                        "{} {} (open {} to {})",
                        c.name, c.year, c.call_opens, c.call_closes
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
    pub user: Option<Nav>,
    pub title: String,
    pub action: String,
    /// Empty when editing: the scheme of a draft does not change.
    pub calls: Vec<CallOption>,
    pub form: ApplicationForm,
    pub errors: Vec<FieldError>,
}

impl FormPage {
    pub fn error_of(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.reason.clone())
            .collect::<Vec<_>>()
            .join("; ")
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
            decision: a.decision.map(|d| d.code().to_string()).unwrap_or_default(),
            decision_reason: a.decision_reason.clone().unwrap_or_default(),
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
    /// The reviewer's own score, as the input's value.
    pub own: String,
}

pub struct OtherReview {
    pub reviewer: String,
    pub status: String,
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
                })
                .collect(),
            others: reviews
                .iter()
                .filter(|r| r.reviewer != viewer)
                .map(|r| OtherReview {
                    reviewer: r.reviewer.clone(),
                    status: if r.conflict_of_interest {
                        "conflict of interest declared".into()
                    } else if r.submitted {
                        "submitted".into()
                    } else {
                        "in progress".into()
                    },
                    scores: if r.scores.is_empty() {
                        "hidden until both reviews are submitted".into()
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

pub struct DecisionOption {
    pub code: &'static str,
    pub label: &'static str,
}

pub fn decision_options() -> Vec<DecisionOption> {
    DecisionKind::ALL
        .into_iter()
        .map(|k| DecisionOption {
            code: k.code(),
            label: k.letter_heading(),
        })
        .collect()
}

pub struct TransitionView {
    pub at: String,
    pub actor: String,
    pub change: String,
    pub detail: String,
}

impl TransitionView {
    pub fn of(t: &Transition) -> TransitionView {
        TransitionView {
            at: t.at.clone(),
            actor: t.actor.clone(),
            change: match &t.from {
                Some(from) if from != &t.to => format!("{from} → {}", t.to),
                Some(_) => t.to.clone(),
                None => format!("→ {}", t.to),
            },
            detail: t.detail.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "web/application.html")]
pub struct ApplicationPage {
    pub user: Option<Nav>,
    pub app: ApplicationView,
    pub transitions: Vec<TransitionView>,
    pub can_edit: bool,
    pub can_submit: bool,
    pub can_report: bool,
    pub review: Option<ReviewSection>,
    pub can_decide: bool,
    pub decision_options: Vec<DecisionOption>,
    pub can_pay: bool,
    pub can_release: bool,
    pub has_letter: bool,
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
    pub user: Option<Nav>,
    pub rows: Vec<FrameRow>,
}

pub struct ProposalRow {
    pub position: usize,
    pub id: String,
    pub outcome: String,
    pub amount: String,
}

impl ProposalRow {
    pub fn list(decisions: &[Decision]) -> Vec<ProposalRow> {
        decisions
            .iter()
            .enumerate()
            .map(|(index, d)| {
                let (outcome, amount) = match &d.outcome {
                    Outcome::Awarded(a) => ("award".to_string(), nok(*a)),
                    Outcome::PartlyAwarded(a) => ("partial award".to_string(), nok(*a)),
                    Outcome::RecommendedNotFunded => {
                        ("recommended, not funded".to_string(), String::new())
                    }
                    Outcome::Rejected(rule) => (format!("reject: {rule}"), String::new()),
                };
                ProposalRow {
                    position: index + 1,
                    id: d.application_id.clone(),
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
    pub decision: String,
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
                decision: a.decision.map(|d| d.code().to_string()).unwrap_or_default(),
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
    pub user: Option<Nav>,
    pub frame: FrameRow,
    pub proposal: Vec<ProposalRow>,
    /// Eligible applications nobody has reviewed yet: not ranked.
    pub not_reviewed: Vec<i64>,
    pub commitments: Vec<CommitmentRow>,
}

/// The decision letter (vedtaksbrev), in Nynorsk as IMDi writes.
#[derive(Template)]
#[template(path = "letter.html")]
pub struct DecisionLetter {
    pub heading: &'static str,
    pub application_id: i64,
    pub organisation: String,
    pub scheme_name: String,
    pub year: i32,
    pub budget_line: String,
    pub project: String,
    pub amount_applied: String,
    pub awarded: bool,
    pub amount_awarded: String,
    pub reservations: Vec<String>,
    pub reason: String,
    pub decided_by: String,
    pub decided_on: String,
}

impl DecisionLetter {
    pub fn of(
        a: &StoredApplication,
        scheme: &Scheme,
        reservations: &[(i32, Ore)],
    ) -> Option<DecisionLetter> {
        let kind = a.decision?;
        Some(DecisionLetter {
            heading: kind.letter_heading(),
            application_id: a.id,
            organisation: format!("{} {}", a.organisation.name, a.organisation.id),
            scheme_name: scheme.name.clone(),
            year: a.year,
            budget_line: scheme.budget_key.to_string(),
            project: a.figures.project.clone(),
            amount_applied: nok(a.figures.amount_applied),
            awarded: kind.commits(),
            amount_awarded: a.committed.map(nok).unwrap_or_default(),
            reservations: reservations
                .iter()
                .map(|(y, o)| format!("{y}: {}", nok(*o)))
                .collect(),
            reason: a.decision_reason.clone().unwrap_or_default(),
            decided_by: a.decided_by.clone().unwrap_or_default(),
            decided_on: a
                .decided_at
                .as_deref()
                .map(|t| t.chars().take(10).collect())
                .unwrap_or_default(),
        })
    }
}
