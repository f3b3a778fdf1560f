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
use crate::domain::error::{Error, Message};
use crate::domain::users::{Role, User};
use crate::render::explain::{disability_lines, nothing_due_line, rate_text, why_text};
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
    pub municipalities: i64,
    pub attested_by: String,
    pub approved_by: String,
    /// The weakest status of the rates the batch used, by code.
    pub rates: String,
    pub payment_file: Option<String>,
}

/// A municipality's amount of one grant in a batch, beside what the
/// previous paid batch paid it.
pub struct MunicipalityLine {
    pub number: String,
    pub municipality: String,
    pub grant: &'static str,
    pub budget_line: &'static str,
    pub amount: String,
    pub previous: String,
    pub difference: String,
}

/// One person's line in a municipality's part of a batch.
pub struct PersonLine {
    pub person: String,
    pub grant: &'static str,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "web/batch_municipality.html")]
pub struct MunicipalityPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub period: String,
    pub run_number: i64,
    /// The municipality's number, for the links to its persons.
    pub number: String,
    pub municipality: String,
    pub lines: Vec<PersonLine>,
    pub total: String,
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
    pub budget_lines: Vec<(String, String)>,
    /// One page of the lines per municipality and grant.
    pub municipality_lines: Vec<MunicipalityLine>,
    pub listing: super::listing::Listing,
    /// The month of the paid batch the lines are compared with.
    pub previous_period: Option<String>,
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

fn row(b: &StoredBatch, payment_file: Option<String>, municipalities: i64) -> BatchRow {
    BatchRow {
        period: b.period.to_string(),
        run_number: b.run_number,
        status: b.status.code(),
        total: nok(b.total),
        lines: b.line_count,
        municipalities,
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
    let counts = state.store.municipality_counts().await?;
    for batch in state.store.batches().await?.iter().rev() {
        let file = state.store.payment_of_batch(batch.id).await?;
        let municipalities = counts.get(&batch.id).copied().unwrap_or_default();
        rows.push(row(batch, file.map(|p| p.file_name), municipalities));
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
    match crate::app::batches::current_run(&state.store, period).await {
        Ok(batch) => Ok(batch),
        Err(Error::NotFound(_)) => Err(WebError::NotFound),
        // A failure inside is not a missing page.
        Err(other) => Err(WebError::from(other)),
    }
}

pub async fn detail(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(period): Path<String>,
    axum::extract::Query(query): axum::extract::Query<super::listing::ListQuery>,
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
    let municipalities = totals
        .keys()
        .map(|(municipality, _)| municipality)
        .collect::<std::collections::BTreeSet<_>>()
        .len() as i64;
    let (previous_period, previous) = previous_paid(&state, &batch).await?;
    let all_lines = municipality_lines(&totals, &previous);
    let (municipality_lines, listing) = super::listing::page_of(all_lines, &query, 200);
    Ok(html(&BatchDetailPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        row: row(&batch, payment.map(|p| p.file_name), municipalities),
        municipality_lines,
        listing,
        previous_period,
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

type Totals = std::collections::BTreeMap<
    (
        crate::domain::municipality::MunicipalityNumber,
        crate::domain::grant::Grant,
    ),
    crate::domain::money::Ore,
>;

/// The totals of the last paid batch before this one, and its month.
async fn previous_paid(
    state: &AppState,
    batch: &StoredBatch,
) -> Result<(Option<String>, Totals), WebError> {
    let previous = state
        .store
        .batches()
        .await?
        .into_iter()
        .filter(|b| b.status == BatchStatus::Paid && b.period < batch.period)
        .max_by_key(|b| (b.period, b.run_number));
    match previous {
        Some(b) => Ok((
            Some(b.period.to_string()),
            state.store.batch_totals(b.id).await?,
        )),
        None => Ok((None, Totals::new())),
    }
}

/// Every municipality and grant of this batch or the previous paid one, with
/// both amounts and their difference.
fn municipality_lines(totals: &Totals, previous: &Totals) -> Vec<MunicipalityLine> {
    let names = crate::io::shipped::municipalities();
    let keys: std::collections::BTreeSet<_> = totals.keys().chain(previous.keys()).collect();
    keys.into_iter()
        .map(|key @ (municipality, grant)| {
            let now = totals.get(key).copied().unwrap_or_default();
            let before = previous.get(key).copied().unwrap_or_default();
            MunicipalityLine {
                number: municipality.to_string(),
                municipality: names
                    .get(*municipality)
                    .map(|m| format!("{municipality} {}", m.name))
                    .unwrap_or_else(|| municipality.to_string()),
                grant: grant.code(),
                budget_line: grant.budget_line(),
                amount: nok(now),
                previous: nok(before),
                difference: nok(now - before),
            }
        })
        .collect()
}

/// The persons behind a municipality's amounts in a batch.
pub async fn municipality(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path((period, number)): Path<(String, String)>,
) -> PageResult {
    may_see(&signed_in.user)?;
    let batch = current(&state, &period).await?;
    let lines: Vec<_> = state
        .store
        .batch_lines(batch.id)
        .await?
        .into_iter()
        .filter(|line| line.key.municipality.to_string() == number)
        .collect();
    if lines.is_empty() {
        return Err(WebError::NotFound);
    }
    let names = crate::io::shipped::municipalities();
    let municipality = lines[0].key.municipality;
    let total: crate::domain::money::Ore = lines.iter().map(|l| l.amount).sum();
    Ok(html(&MunicipalityPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        period: batch.period.to_string(),
        run_number: batch.run_number,
        number: number.clone(),
        municipality: names
            .get(municipality)
            .map(|m| format!("{municipality} {}", m.name))
            .unwrap_or_else(|| municipality.to_string()),
        lines: lines
            .iter()
            .map(|l| PersonLine {
                person: l.key.person_id.as_deref().unwrap_or_default().to_string(),
                grant: l.key.grant.code(),
                amount: nok(l.amount),
            })
            .collect(),
        total: nok(total),
    })
    .into_response())
}

/// An accrual of a person as the page shows it.
pub struct AccrualRow {
    pub period: String,
    pub grant: &'static str,
    pub rule: String,
    pub grant_year: u8,
    /// The category's code, named by the page; empty when none.
    pub category: String,
    pub municipality: String,
    pub amount: String,
    /// The rate used, in the reader's language ("" when unknown).
    pub rate: String,
    /// Why the grant is due that month and to that municipality.
    pub why: String,
}

/// A payment to a person as the page shows it.
pub struct PaymentRow {
    pub period: String,
    pub run_number: i64,
    pub grant: &'static str,
    pub municipality: String,
    pub amount: String,
}

#[derive(Template)]
#[template(path = "web/person.html")]
pub struct PersonPage {
    pub t: Texts,
    pub user: Option<Nav>,
    pub person: String,
    pub year: i32,
    pub back: String,
    pub accruals: Vec<AccrualRow>,
    pub payments: Vec<PaymentRow>,
    /// Why a grant accrued nothing in the year, one sentence each.
    pub nothing_due: Vec<String>,
    /// Each application for the disability grant: what was applied for,
    /// and under it what the rules allow and every decision.
    pub disability: Vec<(String, Vec<String>)>,
}

/// Why a person is paid what they are: the accruals of the batch's year,
/// rule by rule, and every payment to them.
pub async fn person(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path((period, number, person)): Path<(String, String, String)>,
) -> PageResult {
    may_see(&signed_in.user)?;
    let batch = current(&state, &period).await?;
    let names = crate::io::shipped::municipalities();
    let year = batch.period.year;
    let accounts =
        crate::app::explain::person_accounts(&state.store, &state.rules, &names, &person, year)
            .await
            .map_err(|e| match e {
                Error::Internal(_) => WebError::from(e),
                other => {
                    tracing::info!("person page: {other}");
                    WebError::NotFound
                }
            })?;
    let accruals = accounts
        .accruals
        .iter()
        .map(|a| AccrualRow {
            period: a.period.to_string(),
            grant: a.grant.code(),
            rule: a.rule.to_string(),
            grant_year: a.grant_year,
            category: a.category.map(|c| c.code().to_string()).unwrap_or_default(),
            municipality: a.municipality.clone(),
            amount: nok(a.amount),
            rate: a
                .rate
                .as_ref()
                .map(|r| rate_text(&t, r))
                .unwrap_or_default(),
            why: why_text(&t, &a.why),
        })
        .collect();
    Ok(html(&PersonPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        back: format!("/batches/{}/{number}", batch.period),
        year,
        accruals,
        disability: accounts
            .disability
            .iter()
            .map(|application| disability_lines(&t, application, &names))
            .collect(),
        nothing_due: accounts
            .nothing_due
            .iter()
            .map(|reason| nothing_due_line(&t, reason))
            .collect(),
        payments: accounts
            .payments
            .iter()
            .map(|p| PaymentRow {
                period: p.period.to_string(),
                run_number: p.run_number,
                grant: p.grant.code(),
                municipality: names.labelled(p.municipality),
                amount: nok(p.amount),
            })
            .collect(),
        person,
    })
    .into_response())
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
