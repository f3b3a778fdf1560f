//! The monthly batches in the browser, for finance staff: every batch with
//! its status and who attested and approved it; a batch's totals per
//! budget line; attest (a finance officer), approve or reject (an
//! approver), pay (a finance officer) and download the payment file. The
//! rules are the use cases' (`app::batches`), the same as on the command
//! line: the two-person rule compares the signed-in users.

use super::views::{html, nok, Nav};
use super::{AppState, SignedIn, WebError};
use crate::app::batches::{act_on_batch, pay_batch};
use crate::db::StoredBatch;
use crate::domain::approval::{Action, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::error::Message;
use crate::domain::users::{Role, User};
use crate::render::i18n::Texts;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

type PageResult = Result<Response, WebError>;

/// A batch as the list shows it.
pub struct BatchRow {
    pub period: String,
    pub run_number: i64,
    /// The status's code; the page shows its name.
    pub status: &'static str,
    pub total: String,
    pub lines: i64,
    pub attested_by: String,
    pub approved_by: String,
    /// The weakest status of the rates the batch used, by code.
    pub rates: String,
    pub payment_file: Option<String>,
}

/// A municipality's amount of one grant in a batch.
pub struct MunicipalityLine {
    pub municipality: String,
    pub grant: &'static str,
    pub budget_line: &'static str,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "web/batches.html")]
pub struct BatchesPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub rows: Vec<BatchRow>,
}

#[derive(Template)]
#[template(path = "web/batch.html")]
pub struct BatchDetailPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub row: BatchRow,
    pub municipalities: usize,
    pub budget_lines: Vec<(String, String)>,
    pub municipality_lines: Vec<MunicipalityLine>,
    pub can_attest: bool,
    pub can_approve: bool,
    pub can_pay: bool,
}

#[derive(serde::Deserialize)]
pub struct ActionForm {
    csrf: String,
    action: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    allow_unverified_rates: String,
}

fn row(b: &StoredBatch, payment_file: Option<String>) -> BatchRow {
    BatchRow {
        period: b.period.to_string(),
        run_number: b.run_number,
        status: b.status.code(),
        total: nok(b.total),
        lines: b.line_count,
        attested_by: b.attested_by.clone().unwrap_or_default(),
        approved_by: b.approved_by.clone().unwrap_or_default(),
        rates: b.weakest_rate_status.clone(),
        payment_file,
    }
}

/// Finance staff and auditors see the batches; no one else.
fn may_see(user: &User) -> Result<(), WebError> {
    match user.role {
        Role::FinanceOfficer | Role::Approver | Role::Finance | Role::Auditor => Ok(()),
        _ => Err(WebError::forbidden(Message::new("error-batches-forbidden"))),
    }
}

pub async fn list(State(state): State<AppState>, signed_in: SignedIn, t: Texts) -> PageResult {
    may_see(&signed_in.user)?;
    let mut rows = Vec::new();
    for batch in state.store.batches().await?.iter().rev() {
        let file = state.store.payment_of_batch(batch.id).await?;
        rows.push(row(batch, file.map(|p| p.file_name)));
    }
    Ok(html(&BatchesPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows,
    })
    .into_response())
}

async fn current(state: &AppState, period: &str) -> Result<StoredBatch, WebError> {
    let period: Period = period.parse().map_err(|_| WebError::NotFound)?;
    crate::app::batches::current_run(&state.store, period)
        .await
        .map_err(|_| WebError::NotFound)
}

pub async fn detail(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(period): Path<String>,
) -> PageResult {
    may_see(&signed_in.user)?;
    let batch = current(&state, &period).await?;
    let totals = state.store.batch_totals(batch.id).await?;
    let mut by_line: std::collections::BTreeMap<&'static str, crate::domain::money::Ore> =
        Default::default();
    for ((_, grant), amount) in &totals {
        *by_line.entry(grant.budget_line()).or_default() += *amount;
    }
    let payment = state.store.payment_of_batch(batch.id).await?;
    let role = signed_in.user.role;
    let municipalities: std::collections::BTreeSet<_> = totals.keys().map(|(m, _)| *m).collect();
    let names = crate::io::shipped::municipalities();
    Ok(html(&BatchDetailPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        row: row(&batch, payment.map(|p| p.file_name)),
        municipalities: municipalities.len(),
        municipality_lines: totals
            .iter()
            .map(|((municipality, grant), amount)| MunicipalityLine {
                municipality: names
                    .get(*municipality)
                    .map(|m| format!("{municipality} {}", m.name))
                    .unwrap_or_else(|| municipality.to_string()),
                grant: grant.code(),
                budget_line: grant.budget_line(),
                amount: nok(*amount),
            })
            .collect(),
        budget_lines: by_line
            .into_iter()
            .map(|(l, a)| (l.to_string(), nok(a)))
            .collect(),
        can_attest: role == Role::FinanceOfficer && batch.status == BatchStatus::Computed,
        can_approve: role == Role::Approver && batch.status == BatchStatus::Attested,
        can_pay: role == Role::FinanceOfficer && batch.status == BatchStatus::Approved,
    })
    .into_response())
}

pub async fn act(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(period): Path<String>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    signed_in.check_csrf(&form.csrf)?;
    may_see(&signed_in.user)?;
    let batch = current(&state, &period).await?;
    let user = &signed_in.user;
    match form.action.as_str() {
        "attest" => {
            act_on_batch(
                &state.store,
                &state.rules,
                batch.period,
                Action::Attest,
                user,
            )
            .await?
        }
        "approve" => {
            act_on_batch(
                &state.store,
                &state.rules,
                batch.period,
                Action::Approve,
                user,
            )
            .await?
        }
        "reject" => {
            let reason = form.reason.trim().to_string();
            act_on_batch(
                &state.store,
                &state.rules,
                batch.period,
                Action::Reject { reason },
                user,
            )
            .await?
        }
        "pay" => {
            let municipalities = crate::io::shipped::municipalities();
            let allow = !form.allow_unverified_rates.is_empty();
            pay_batch(
                &state.store,
                &state.rules,
                &municipalities,
                batch.period,
                &state.outbox,
                allow,
                user,
            )
            .await?;
            batch
        }
        _ => {
            return Err(WebError::bad_request(
                Message::new("field-not-action").arg("text", form.action.as_str()),
            ))
        }
    };
    Ok(Redirect::to(&format!("/batches/{period}")).into_response())
}

/// The payment file of a paid batch, from the outbox.
pub async fn payment_file(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(period): Path<String>,
) -> PageResult {
    may_see(&signed_in.user)?;
    let batch = current(&state, &period).await?;
    let payment = state
        .store
        .payment_of_batch(batch.id)
        .await?
        .ok_or(WebError::NotFound)?;
    let path = state.outbox.join(&payment.file_name);
    let body = std::fs::read(&path).map_err(|_| WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", payment.file_name),
            ),
        ],
        body,
    )
        .into_response())
}
