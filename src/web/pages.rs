//! The HTML pages and their forms. Every action is a plain form POST that
//! answers with a redirect (post/redirect/get), so no page needs JavaScript.

use super::access::{can_view_scheme, require_role, visible_application, visible_applications};
use super::hardening::FREE_FAILURES;
use super::views::{
    decision_options, form_of, html, ApplicationPage, ApplicationRow, ApplicationView,
    ApplicationsPage, CallOption, CommitmentRow, DecisionLetter, FormPage, FrameRow, LoginPage,
    Nav, ProposalRow, ReviewSection, SchemePage, SchemesPage, TransitionView,
};
use super::{
    cookie, expired_cookie, login_csrf_cookie, session_cookie, AppState, SignedIn, WebError,
    LOGIN_CSRF_COOKIE,
};
use crate::db::schemes::{AwardError, DecideError};
use crate::db::users::random_token;
use crate::domain::application::{
    check_decision, validate_form, ApplicationForm, DecisionKind, FieldError,
};
use crate::domain::error::Error;
use crate::domain::schemes::Scheme;
use crate::domain::users::same_secret;
use crate::domain::users::Role;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::collections::BTreeMap;

type PageResult = Result<Response, WebError>;

#[derive(serde::Deserialize)]
pub struct LoginForm {
    name: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

#[derive(serde::Deserialize)]
pub struct ApplicationFormPost {
    csrf: String,
    /// "scheme/year"; absent when editing.
    #[serde(default)]
    call: String,
    #[serde(flatten)]
    form: ApplicationForm,
}

#[derive(serde::Deserialize)]
pub struct DeclareForm {
    csrf: String,
    conflict: String,
}

#[derive(serde::Deserialize)]
pub struct DecisionForm {
    csrf: String,
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

#[derive(serde::Deserialize)]
pub struct ReasonForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

#[derive(serde::Deserialize)]
pub struct ReportForm {
    csrf: String,
    #[serde(default)]
    report: String,
}

fn see(path: String) -> Response {
    Redirect::to(&path).into_response()
}

/// The checks of every action on an application, in this order: the form
/// is from this session (403), the user may see the application (404), and
/// their role may take the action (403).
async fn may_act(
    state: &AppState,
    signed_in: &SignedIn,
    id: i64,
    csrf: &str,
    role: Role,
    what: &str,
) -> Result<crate::db::schemes::StoredApplication, WebError> {
    signed_in.check_csrf(csrf)?;
    let application = visible_application(state, &signed_in.user, id).await?;
    require_role(&signed_in.user, role, what)?;
    Ok(application)
}

pub async fn home(signed_in: Result<SignedIn, WebError>) -> Response {
    match signed_in {
        Ok(_) => see("/applications".into()),
        Err(_) => see("/login".into()),
    }
}

pub async fn login_page(State(state): State<AppState>) -> PageResult {
    login_form(&state, StatusCode::OK, None)
}

/// The sign-in form with a new CSRF token, in its cookie and in the form.
fn login_form(state: &AppState, status: StatusCode, error: Option<String>) -> PageResult {
    let csrf = random_token()?;
    let page = LoginPage {
        user: None,
        error,
        csrf: csrf.clone(),
    };
    Ok((
        status,
        [(
            header::SET_COOKIE,
            login_csrf_cookie(&csrf, state.secure_cookies),
        )],
        html(&page),
    )
        .into_response())
}

/// The client's address, when the server knows it.
pub struct ClientAddress(pub Option<std::net::IpAddr>);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &AppState,
    ) -> Result<Self, WebError> {
        let connect = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(ClientAddress(connect.map(|c| c.0.ip())))
    }
}

/// Signs in: the form's CSRF token must match its cookie; after five
/// failures for a user name or an address each attempt waits longer, and
/// the throttling is recorded in the audit log.
pub async fn login(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if form.csrf.is_empty() || !same_secret(&form.csrf, &expected) {
        return login_form(
            &state,
            StatusCode::FORBIDDEN,
            Some("the sign-in form is stale or not from this site; try again".into()),
        );
    }
    let name = form.name.trim();
    let address = address
        .map(|a| a.to_string())
        .unwrap_or_else(|| "unknown".into());
    let keys = vec![
        format!("user:{}", name.to_lowercase()),
        format!("addr:{address}"),
    ];
    let now = std::time::Instant::now();
    if let Some(wait) = state.throttle.wait(&keys, now) {
        let error = format!(
            "too many failed sign-ins; try again in {} seconds",
            wait.as_secs().max(1)
        );
        return login_form(&state, StatusCode::TOO_MANY_REQUESTS, Some(error));
    }
    match state.store.sign_in(name, &form.password).await? {
        Some((token, _csrf)) => {
            state.throttle.succeeded(&keys);
            Ok((
                [(
                    header::SET_COOKIE,
                    session_cookie(&token, state.secure_cookies),
                )],
                Redirect::to("/applications"),
            )
                .into_response())
        }
        None => {
            let failures = state.throttle.failed(&keys, now);
            if failures >= FREE_FAILURES {
                let detail = format!("{failures} failed sign-ins for {name} or from {address}");
                state
                    .store
                    .record_security_event("sign_in_throttled", name, &detail)
                    .await?;
            }
            let error = Some("wrong user name or password".into());
            login_form(&state, StatusCode::UNAUTHORIZED, error)
        }
    }
}

/// An unknown address: a page of its own, with the way back.
pub async fn not_found() -> WebError {
    WebError::NotFound
}

pub async fn logout(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    signed_in.check_csrf(&form.csrf)?;
    state.store.sign_out(&signed_in.token).await?;
    Ok((
        [(header::SET_COOKIE, expired_cookie(state.secure_cookies))],
        Redirect::to("/login"),
    )
        .into_response())
}

pub async fn applications(State(state): State<AppState>, signed_in: SignedIn) -> PageResult {
    let rows = visible_applications(&state, &signed_in.user)
        .await?
        .iter()
        .map(ApplicationRow::of)
        .collect();
    Ok(html(&ApplicationsPage {
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows,
        can_create: signed_in.user.role == Role::Applicant,
    })
    .into_response())
}

async fn open_calls(state: &AppState) -> Result<Vec<Scheme>, WebError> {
    let today = state.today();
    Ok(state
        .store
        .scheme_calls()
        .await?
        .into_iter()
        .filter(|c| c.call_opens <= today && today <= c.call_closes)
        .collect())
}

pub async fn new_form(State(state): State<AppState>, signed_in: SignedIn) -> PageResult {
    require_role(&signed_in.user, Role::Applicant, "apply")?;
    let calls = open_calls(&state).await?;
    let chosen = calls
        .first()
        .map(|c| format!("{}/{}", c.code, c.year))
        .unwrap_or_default();
    let page = FormPage {
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        title: "Ny søknad".into(),
        action: "/applications".into(),
        calls: CallOption::list(&calls, &chosen, signed_in.user.organisation_kind),
        form: ApplicationForm::default(),
        errors: if calls.is_empty() {
            vec![FieldError::new("call", "no call is open today")]
        } else {
            Vec::new()
        },
    };
    Ok(html(&page).into_response())
}

/// The call "scheme/year" a form names, if it is open today and the
/// applicant's kind may apply.
async fn chosen_call(
    state: &AppState,
    signed_in: &SignedIn,
    call: &str,
) -> Result<Result<Scheme, FieldError>, WebError> {
    let open = open_calls(state).await?;
    let Some(scheme) = open
        .into_iter()
        .find(|c| format!("{}/{}", c.code, c.year) == call)
    else {
        return Ok(Err(FieldError::new(
            "call",
            "choose a call that is open today",
        )));
    };
    if let Some(kind) = signed_in.user.organisation_kind {
        if !scheme.eligible.contains(&kind) {
            return Ok(Err(FieldError::new(
                "call",
                format!("a {} cannot apply to {}", kind.code(), scheme.name),
            )));
        }
    }
    Ok(Ok(scheme))
}

pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(post): Form<ApplicationFormPost>,
) -> PageResult {
    signed_in.check_csrf(&post.csrf)?;
    require_role(&signed_in.user, Role::Applicant, "apply")?;
    let call = chosen_call(&state, &signed_in, &post.call).await?;
    let year = call.as_ref().map(|s| s.year).unwrap_or_default();
    let figures = validate_form(&post.form, year);
    match (call, figures) {
        (Ok(scheme), Ok(figures)) => {
            let organisation = signed_in.user.organisation.clone().unwrap_or_default();
            let id = state
                .store
                .create_application(
                    &scheme.code,
                    scheme.year,
                    &organisation,
                    &figures,
                    &signed_in.user.name,
                )
                .await?;
            Ok(see(format!("/applications/{id}")))
        }
        (call, figures) => {
            let mut errors: Vec<FieldError> = call.err().into_iter().collect();
            errors.extend(figures.err().unwrap_or_default());
            let calls = open_calls(&state).await?;
            let page = FormPage {
                user: Nav::of(&signed_in.user, &signed_in.csrf),
                title: "Ny søknad".into(),
                action: "/applications".into(),
                calls: CallOption::list(&calls, &post.call, signed_in.user.organisation_kind),
                form: post.form,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> PageResult {
    let application = visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Applicant, "change an application")?;
    if !application.state.editable() {
        return Err(WebError::Conflict(format!(
            "application {id} is {}: only a draft can be changed",
            application.state
        )));
    }
    let page = FormPage {
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        title: format!("Endre søknad {id}"),
        action: format!("/applications/{id}/edit"),
        calls: Vec::new(),
        form: form_of(&application),
        errors: Vec::new(),
    };
    Ok(html(&page).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(post): Form<ApplicationFormPost>,
) -> PageResult {
    let application = may_act(
        &state,
        &signed_in,
        id,
        &post.csrf,
        Role::Applicant,
        "change an application",
    )
    .await?;
    match validate_form(&post.form, application.year) {
        Ok(figures) => {
            state
                .store
                .update_draft(id, &figures, &signed_in.user.name)
                .await
                .map_err(WebError::from)?;
            Ok(see(format!("/applications/{id}")))
        }
        Err(errors) => {
            let page = FormPage {
                user: Nav::of(&signed_in.user, &signed_in.csrf),
                title: format!("Endre søknad {id}"),
                action: format!("/applications/{id}/edit"),
                calls: Vec::new(),
                form: post.form,
                errors,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
    }
}

pub async fn application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> PageResult {
    let user = &signed_in.user;
    let application = visible_application(&state, user, id).await?;
    let scheme = state
        .store
        .scheme_call(&application.scheme, application.year)
        .await?;
    let reservations = state.store.reservations(id).await?;
    let review = if user.role == Role::Caseworker {
        let reviews = state.store.reviews_for(id, Some(&user.name)).await?;
        Some(ReviewSection::of(
            &user.name,
            &scheme,
            &reviews,
            application.state.open_for_review(),
        ))
    } else {
        None
    };
    let role = user.role;
    let unreleased_award = application.committed.is_some()
        && application.paid.is_none()
        && application.released.is_none();
    let page = ApplicationPage {
        user: Nav::of(user, &signed_in.csrf),
        app: ApplicationView::of(&application, &scheme, &reservations),
        transitions: state
            .store
            .transitions(id)
            .await?
            .iter()
            .map(TransitionView::of)
            .collect(),
        can_edit: role == Role::Applicant && application.state.editable(),
        can_submit: role == Role::Applicant && application.state.editable(),
        can_report: role == Role::Applicant
            && application.state == crate::domain::application::ApplicationState::Paid,
        review,
        can_decide: role == Role::Caseworker && application.state.open_for_review(),
        decision_options: decision_options(),
        can_pay: role == Role::Finance && unreleased_award,
        can_release: role == Role::Finance && unreleased_award,
        has_letter: application.decision.is_some(),
    };
    Ok(html(&page).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Applicant,
        "submit an application",
    )
    .await?;
    state
        .store
        .submit_application(id, state.today(), &signed_in.user.name)
        .await
        .map_err(WebError::from)?;
    Ok(see(format!("/applications/{id}")))
}

pub async fn declare(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<DeclareForm>,
) -> PageResult {
    may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Caseworker,
        "review applications",
    )
    .await?;
    state
        .store
        .declare_review(id, &signed_in.user.name, form.conflict == "true")
        .await
        .map_err(WebError::from)?;
    Ok(see(format!("/applications/{id}")))
}

/// The scores of a form: `score_<criterion>` fields, blanks left out.
pub fn scores_of(fields: &[(String, String)]) -> Result<BTreeMap<String, u32>, WebError> {
    let mut scores = BTreeMap::new();
    for (name, value) in fields {
        let Some(criterion) = name.strip_prefix("score_") else {
            continue;
        };
        if value.trim().is_empty() {
            continue;
        }
        let score: u32 = value.trim().parse().map_err(|_| {
            WebError::BadRequest(format!("{criterion}: '{value}' is not a score 0–5"))
        })?;
        scores.insert(criterion.to_string(), score);
    }
    Ok(scores)
}

pub async fn scores(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    signed_in.check_csrf(&field("csrf"))?;
    visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Caseworker, "score applications")?;
    let scores = scores_of(&fields)?;
    state
        .store
        .save_scores(
            id,
            &signed_in.user.name,
            &scores,
            field("action") == "submit",
        )
        .await
        .map_err(|e| match e {
            // A score the form got wrong is the form's to fix.
            Error::Refused(message) => WebError::BadRequest(message),
            other => WebError::from(other),
        })?;
    Ok(see(format!("/applications/{id}")))
}

/// Maps a decision's failure to the answer: a used-up frame or a moved
/// state is a conflict, a wrong field a bad request.
pub fn decide_error(error: DecideError) -> WebError {
    match error {
        DecideError::Award(e @ AwardError::FrameExceeded { .. }) => {
            WebError::Conflict(e.to_string())
        }
        DecideError::Award(e @ AwardError::NotOpen(..)) => WebError::Conflict(e.to_string()),
        DecideError::Award(e @ AwardError::NotReviewed { .. }) => WebError::Conflict(e.to_string()),
        DecideError::Other(e) => WebError::from(e),
    }
}

pub async fn decision(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> PageResult {
    let application = may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Caseworker,
        "decide applications",
    )
    .await?;
    decide(
        &state,
        &signed_in,
        &application,
        &form.kind,
        &form.amount,
        &form.reason,
    )
    .await?;
    Ok(see(format!("/applications/{id}")))
}

/// Checks and writes a decision for the pages and the API alike. A
/// caseworker with a conflict of interest in the application cannot decide it.
pub async fn decide(
    state: &AppState,
    signed_in: &SignedIn,
    application: &crate::db::schemes::StoredApplication,
    kind: &str,
    amount: &str,
    reason: &str,
) -> Result<(), WebError> {
    let kind = DecisionKind::parse(kind)
        .ok_or_else(|| WebError::BadRequest(format!("kind: '{kind}' is not a decision")))?;
    let reviews = state
        .store
        .reviews_for(application.id, Some(&signed_in.user.name))
        .await?;
    if reviews
        .iter()
        .any(|r| r.reviewer == signed_in.user.name && r.conflict_of_interest)
    {
        return Err(WebError::Forbidden(format!(
            "you declared a conflict of interest in application {}; another caseworker decides it",
            application.id
        )));
    }
    let request = check_decision(kind, amount, reason, application.figures.amount_applied)
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    state
        .store
        .decide(application.id, &request, &signed_in.user.name)
        .await
        .map_err(decide_error)
}

#[derive(serde::Deserialize)]
pub struct PayForm {
    csrf: String,
    /// The payment date, ISO; today when empty.
    #[serde(default)]
    date: String,
}

pub async fn pay(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<PayForm>,
) -> PageResult {
    may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Finance,
        "pay awards",
    )
    .await?;
    let date = if form.date.trim().is_empty() {
        state.today()
    } else {
        crate::domain::calendar::parse_iso_date(&form.date)
            .map_err(|e| WebError::BadRequest(format!("date: {e}")))?
    };
    state
        .store
        .pay_commitment(id, date, &signed_in.user.name)
        .await
        .map_err(WebError::from)?;
    Ok(see(format!("/applications/{id}")))
}

pub async fn release(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<ReasonForm>,
) -> PageResult {
    may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Finance,
        "release commitments",
    )
    .await?;
    state
        .store
        .release_commitment(id, &signed_in.user.name, &form.reason)
        .await
        .map_err(WebError::from)?;
    Ok(see(format!("/applications/{id}")))
}

pub async fn report(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<ReportForm>,
) -> PageResult {
    may_act(
        &state,
        &signed_in,
        id,
        &form.csrf,
        Role::Applicant,
        "report on a project",
    )
    .await?;
    state
        .store
        .report_on_application(id, &form.report, &signed_in.user.name)
        .await
        .map_err(WebError::from)?;
    Ok(see(format!("/applications/{id}")))
}

pub async fn letter(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> PageResult {
    let application = visible_application(&state, &signed_in.user, id).await?;
    let scheme = state
        .store
        .scheme_call(&application.scheme, application.year)
        .await?;
    let reservations = state.store.reservations(id).await?;
    let letter =
        DecisionLetter::of(&application, &scheme, &reservations).ok_or(WebError::NotFound)?;
    let body = letter
        .render()
        .map_err(|e| WebError::Internal(Error::internal(format!("letter: {e}"))))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"vedtak-{id}.html\""),
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn schemes(State(state): State<AppState>, signed_in: SignedIn) -> PageResult {
    let mut rows = Vec::new();
    for scheme in state.store.scheme_calls().await? {
        if can_view_scheme(&signed_in.user, &scheme.code) {
            let status = state.store.frame_status(&scheme.code, scheme.year).await?;
            rows.push(FrameRow::of(&scheme, &status));
        }
    }
    if signed_in.user.role == Role::Applicant {
        return Err(WebError::Forbidden(
            "frames are for caseworkers and finance staff".into(),
        ));
    }
    Ok(html(&SchemesPage {
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows,
    })
    .into_response())
}

pub async fn scheme(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path((code, year)): Path<(String, i32)>,
) -> PageResult {
    if !can_view_scheme(&signed_in.user, &code) {
        return Err(WebError::NotFound);
    }
    let scheme = state
        .store
        .scheme_call(&code, year)
        .await
        .map_err(|_| WebError::NotFound)?;
    let status = state.store.frame_status(&code, year).await?;
    let proposal = state
        .store
        .propose_allocation(&code, year, &BTreeMap::new())
        .await?;
    Ok(html(&SchemePage {
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        frame: FrameRow::of(&scheme, &status),
        proposal: ProposalRow::list(&proposal.decisions),
        not_reviewed: proposal.not_reviewed,
        commitments: CommitmentRow::list(&state.store.applications_of_call(&code, year).await?),
    })
    .into_response())
}
