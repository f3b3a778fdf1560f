//! The HTML pages and their forms. Every action is a plain form POST that
//! answers with a redirect (post/redirect/get), so no page needs JavaScript.

use super::access::{can_view_scheme, require_role, visible_application, visible_applications};
use super::hardening::FREE_FAILURES;
use super::listing::{page_of_applications, ListQuery};
use super::views::{
    decision_options, eligibility_warnings, form_of, html, ApplicationPage, ApplicationRow,
    ApplicationView, ApplicationsPage, CallOption, CallView, CallsPage, CommitmentRow,
    DecisionLetter, FormPage, FrameRow, LoginPage, Nav, ProposalRow, ReviewSection, SchemePage,
    SchemesPage, TransitionView,
};
use super::{
    cookie, expired_cookie, login_csrf_cookie, session_cookie, AppState, SignedIn, WebError,
    LOGIN_CSRF_COOKIE,
};
use crate::db::schemes::DecideError;
use crate::db::users::random_token;
use crate::domain::application::{
    check_decision, validate_form, ApplicationForm, DecisionKind, FieldError,
};
use crate::domain::error::{Error, Message};
use crate::domain::schemes::Scheme;
use crate::domain::users::same_secret;
use crate::domain::users::Role;
use crate::render::i18n::Texts;
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

pub async fn login_page(State(state): State<AppState>, t: Texts) -> PageResult {
    login_form(&state, t, StatusCode::OK, None, "")
}

/// The sign-in form with a new CSRF token, in its cookie and in the form;
/// after a failure, with the error and the user name typed.
fn login_form(
    state: &AppState,
    t: Texts,
    status: StatusCode,
    error: Option<Message>,
    name: &str,
) -> PageResult {
    let csrf = random_token()?;
    let page = LoginPage {
        t,
        user: None,
        error: error.map(|m| t.message(&m)),
        name: name.to_string(),
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
    t: Texts,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if form.csrf.is_empty() || !same_secret(&form.csrf, &expected) {
        return login_form(
            &state,
            t,
            StatusCode::FORBIDDEN,
            Some(Message::new("error-stale-form")),
            &form.name,
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
        let error = Message::new("login-throttled").arg("seconds", wait.as_secs().max(1));
        return login_form(&state, t, StatusCode::TOO_MANY_REQUESTS, Some(error), name);
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
            let error = Some(Message::new("login-wrong"));
            login_form(&state, t, StatusCode::UNAUTHORIZED, error, name)
        }
    }
}

/// An unknown address: the error page of the layout, with the way back.
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

pub async fn applications(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> PageResult {
    let all = visible_applications(&state, &signed_in.user).await?;
    let (shown, listing) = page_of_applications(all, &query);
    Ok(html(&ApplicationsPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows: shown.iter().map(ApplicationRow::of).collect(),
        can_create: signed_in.user.role == Role::Applicant,
        can_export: super::export::may_export(signed_in.user.role),
        listing,
    })
    .into_response())
}

/// The open calls, for everyone: deadline, frame, who may apply and the
/// criteria the applications are scored by.
pub async fn calls(
    State(state): State<AppState>,
    signed_in: Result<SignedIn, WebError>,
    t: Texts,
) -> PageResult {
    let calls = open_calls(&state).await?;
    Ok(html(&CallsPage {
        t,
        user: signed_in.ok().and_then(|s| Nav::of(&s.user, &s.csrf)),
        calls: calls.iter().map(CallView::of).collect(),
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

pub async fn new_form(State(state): State<AppState>, signed_in: SignedIn, t: Texts) -> PageResult {
    require_role(&signed_in.user, Role::Applicant, "apply")?;
    let calls = open_calls(&state).await?;
    let chosen = calls
        .first()
        .map(|c| format!("{}/{}", c.code, c.year))
        .unwrap_or_default();
    let page = FormPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        title: t.get("nav-new-application"),
        action: "/applications".into(),
        calls: CallOption::list(t, &calls, &chosen, signed_in.user.organisation_kind),
        form: ApplicationForm::default(),
        errors: if calls.is_empty() {
            vec![FieldError::new("call", Message::new("field-no-open-call"))]
        } else {
            Vec::new()
        },
        warnings: Vec::new(),
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
            Message::new("field-choose-open-call"),
        )));
    };
    if let Some(kind) = signed_in.user.organisation_kind {
        if !scheme.eligible.contains(&kind) {
            return Ok(Err(FieldError::new(
                "call",
                Message::new("ineligible-kind").arg("kind", kind.code()),
            )));
        }
    }
    Ok(Ok(scheme))
}

pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
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
                t,
                user: Nav::of(&signed_in.user, &signed_in.csrf),
                title: t.get("nav-new-application"),
                action: "/applications".into(),
                calls: CallOption::list(t, &calls, &post.call, signed_in.user.organisation_kind),
                form: post.form,
                errors,
                warnings: Vec::new(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(id): Path<i64>,
) -> PageResult {
    let application = visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Applicant, "change an application")?;
    if !application.state.editable() {
        return Err(WebError::conflict(
            Message::new("error-not-draft").arg("id", id),
        ));
    }
    let page = FormPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        title: format!("{} {id}", t.get("application-edit")),
        action: format!("/applications/{id}/edit"),
        calls: Vec::new(),
        form: form_of(&application),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    Ok(html(&page).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
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
                t,
                user: Nav::of(&signed_in.user, &signed_in.csrf),
                title: format!("{} {id}", t.get("application-edit")),
                action: format!("/applications/{id}/edit"),
                calls: Vec::new(),
                form: post.form,
                errors,
                warnings: Vec::new(),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
    }
}

pub async fn application(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(id): Path<i64>,
) -> PageResult {
    let page = application_page(&state, &signed_in, t, id, Returned::default()).await?;
    Ok(html(&page).into_response())
}

/// What a form that came back with errors brings to the application page:
/// the scores as typed and what is wrong with each, or the decision's error.
#[derive(Default)]
pub struct Returned {
    pub typed_scores: BTreeMap<String, String>,
    pub score_errors: BTreeMap<String, Message>,
    pub decision_error: Option<Message>,
    /// The decision form as typed: kind, amount and reasons.
    pub decision_typed: (String, String, String),
    pub pay_error: Option<Message>,
    pub pay_typed: String,
}

/// The application page: the figures, the history, and the actions the
/// signed-in user may take (and no others).
pub async fn application_page(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    id: i64,
    returned: Returned,
) -> Result<ApplicationPage, WebError> {
    let user = &signed_in.user;
    let application = visible_application(state, user, id).await?;
    let scheme = state
        .store
        .scheme_call(&application.scheme, application.year)
        .await?;
    let reservations = state.store.reservations(id).await?;
    let role = user.role;
    let mut conflict = false;
    let review = if role == Role::Caseworker {
        let reviews = state.store.reviews_for(id, Some(&user.name)).await?;
        conflict = reviews
            .iter()
            .any(|r| r.reviewer == user.name && r.conflict_of_interest);
        let section = ReviewSection::of(
            &user.name,
            &scheme,
            &reviews,
            application.state.open_for_review(),
        );
        Some(section.with_typed(t, &returned.typed_scores, &returned.score_errors))
    } else {
        None
    };
    let unreleased_award = application.committed.is_some()
        && application.paid.is_none()
        && application.released.is_none();
    let editable = role == Role::Applicant && application.state.editable();
    let warnings = match (editable, application.organisation.kind) {
        (true, kind) => eligibility_warnings(t, &scheme, kind, &application.figures, state.today()),
        _ => Vec::new(),
    };
    Ok(ApplicationPage {
        t,
        user: Nav::of(user, &signed_in.csrf),
        app: ApplicationView::of(t, &application, &scheme, &reservations),
        transitions: state
            .store
            .transitions(id)
            .await?
            .iter()
            .map(TransitionView::of)
            .collect(),
        can_edit: editable,
        can_submit: editable,
        can_report: role == Role::Applicant
            && application.state == crate::domain::application::ApplicationState::Paid,
        review,
        can_decide: role == Role::Caseworker && application.state.open_for_review() && !conflict,
        decision_options: decision_options(),
        decision_error: returned.decision_error.map(|m| t.message(&m)),
        decision_typed: returned.decision_typed,
        can_pay: role == Role::Finance && unreleased_award,
        can_release: role == Role::Finance && unreleased_award,
        has_letter: application.decision.is_some(),
        warnings,
        pay_error: returned.pay_error.map(|m| t.message(&m)),
        today: if returned.pay_typed.is_empty() {
            default_payment_date(state.today(), application.year)
        } else {
            returned.pay_typed
        },
    })
}

/// The pay form's date: today, or the last day of the scheme's year when
/// today is past it (a payment is dated in the scheme's year).
fn default_payment_date(today: chrono::NaiveDate, year: i32) -> String {
    let last = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    today.clamp(first, last).to_string()
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

/// The scores of a form: `score_<criterion>` fields, blanks left out; the
/// typed values, and every one that is not a whole number 0–5 named.
pub fn scores_of(
    fields: &[(String, String)],
) -> (
    BTreeMap<String, u32>,
    BTreeMap<String, String>,
    BTreeMap<String, Message>,
) {
    let mut scores = BTreeMap::new();
    let mut typed = BTreeMap::new();
    let mut errors = BTreeMap::new();
    for (name, value) in fields {
        let Some(criterion) = name.strip_prefix("score_") else {
            continue;
        };
        typed.insert(criterion.to_string(), value.clone());
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match value.parse::<u32>() {
            Ok(score) if score <= crate::domain::schemes::MAX_SCORE => {
                scores.insert(criterion.to_string(), score);
            }
            _ => {
                let message = Message::new("field-not-score").arg("text", value);
                errors.insert(criterion.to_string(), message);
            }
        }
    }
    (scores, typed, errors)
}

pub async fn scores(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
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
    let application = visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Caseworker, "score applications")?;
    let (scores, typed_scores, mut score_errors) = scores_of(&fields);
    let submit = field("action") == "submit";
    if submit {
        let scheme = state
            .store
            .scheme_call(&application.scheme, application.year)
            .await?;
        for criterion in &scheme.criteria {
            if !scores.contains_key(&criterion.code) {
                score_errors
                    .entry(criterion.code.clone())
                    .or_insert_with(|| Message::new("field-required"));
            }
        }
    }
    if !score_errors.is_empty() {
        let returned = Returned {
            typed_scores,
            score_errors,
            ..Returned::default()
        };
        let page = application_page(&state, &signed_in, t, id, returned).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
    }
    state
        .store
        .save_scores(id, &signed_in.user.name, &scores, submit)
        .await
        .map_err(|e| match e {
            // A score the form got wrong is the form's to fix.
            Error::Refused(reason) => WebError::BadRequest(reason),
            other => WebError::from(other),
        })?;
    Ok(see(format!("/applications/{id}")))
}

/// Maps a decision's failure to the answer: a used-up frame or a moved
/// state is a conflict, a wrong field a bad request.
pub fn decide_error(error: DecideError) -> WebError {
    match error {
        DecideError::Award(award) => WebError::Conflict(award.reason()),
        DecideError::Other(e) => WebError::from(e),
    }
}

pub async fn decision(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
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
    let decided = decide(
        &state,
        &signed_in,
        &application,
        &form.kind,
        &form.amount,
        &form.reason,
    )
    .await;
    match decided {
        Ok(()) => Ok(see(format!("/applications/{id}"))),
        // A wrong field or a used-up frame comes back to the form.
        Err(error @ (WebError::BadRequest(_) | WebError::Conflict(_))) => {
            let status = error.status();
            let returned = Returned {
                decision_error: Some(error.shown()),
                decision_typed: (form.kind.clone(), form.amount.clone(), form.reason.clone()),
                ..Returned::default()
            };
            let page = application_page(&state, &signed_in, t, id, returned).await?;
            Ok((status, html(&page)).into_response())
        }
        Err(other) => Err(other),
    }
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
    let kind = DecisionKind::parse(kind).ok_or_else(|| {
        WebError::bad_request(Message::new("field-not-decision").arg("text", kind))
    })?;
    let reviews = state
        .store
        .reviews_for(application.id, Some(&signed_in.user.name))
        .await?;
    if reviews
        .iter()
        .any(|r| r.reviewer == signed_in.user.name && r.conflict_of_interest)
    {
        return Err(WebError::forbidden(
            Message::new("error-conflict-of-interest").arg("id", application.id),
        ));
    }
    let request = check_decision(kind, amount, reason, application.figures.amount_applied)
        .map_err(|e| WebError::bad_request(e.message))?;
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
    t: Texts,
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
    let paid = match form.date.trim() {
        "" => Ok(state.today()),
        text => crate::domain::calendar::parse_iso_date(text)
            .map_err(|_| WebError::bad_request(Message::new("field-not-date").arg("text", text))),
    };
    let paid = match paid {
        Ok(date) => state
            .store
            .pay_commitment(id, date, &signed_in.user.name)
            .await
            .map_err(WebError::from),
        Err(error) => Err(error),
    };
    match paid {
        Ok(_) => Ok(see(format!("/applications/{id}"))),
        // A wrong date, or one outside the scheme's year, comes back to the form.
        Err(error @ (WebError::BadRequest(_) | WebError::Conflict(_))) => {
            let status = error.status();
            let returned = Returned {
                pay_error: Some(error.shown()),
                pay_typed: form.date.clone(),
                ..Returned::default()
            };
            let page = application_page(&state, &signed_in, t, id, returned).await?;
            Ok((status, html(&page)).into_response())
        }
        Err(other) => Err(other),
    }
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
    t: Texts,
    Path(id): Path<i64>,
) -> PageResult {
    application_letter(&state, &signed_in, t, id, false).await
}

pub async fn letter_pdf(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Path(id): Path<i64>,
) -> PageResult {
    application_letter(&state, &signed_in, t, id, true).await
}

/// The decision letter of an application the user may see, as HTML or PDF.
async fn application_letter(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    id: i64,
    pdf: bool,
) -> PageResult {
    let application = visible_application(state, &signed_in.user, id).await?;
    let scheme = state
        .store
        .scheme_call(&application.scheme, application.year)
        .await?;
    let reservations = state.store.reservations(id).await?;
    let signature = match &application.decided_by {
        Some(name) => state.store.signature(name).await?,
        None => None,
    };
    let budget_line = scheme.budget_key.to_string();
    let letter = DecisionLetter::of(
        t,
        &application,
        &reservations,
        &budget_line,
        signature.as_ref(),
    )
    .ok_or(WebError::NotFound)?;
    let html = letter
        .render()
        .map_err(|e| WebError::from(Error::internal(format!("letter: {e}"))))?;
    super::letters::deliver(html, format!("{}-{id}", t.get("letter-file-name")), pdf).await
}

pub async fn schemes(State(state): State<AppState>, signed_in: SignedIn, t: Texts) -> PageResult {
    let mut rows = Vec::new();
    for scheme in state.store.scheme_calls().await? {
        if can_view_scheme(&signed_in.user, &scheme.code) {
            let status = state.store.frame_status(&scheme.code, scheme.year).await?;
            rows.push(FrameRow::of(&scheme, &status));
        }
    }
    if signed_in.user.role == Role::Applicant {
        return Err(WebError::forbidden(Message::new("error-frames-forbidden")));
    }
    Ok(html(&SchemesPage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows,
    })
    .into_response())
}

pub async fn scheme(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
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
    let applications = state.store.applications_of_call(&code, year).await?;
    Ok(html(&SchemePage {
        t,
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        frame: FrameRow::of(&scheme, &status),
        proposal: ProposalRow::list(&proposal.decisions, &applications),
        not_reviewed: proposal.not_reviewed,
        commitments: CommitmentRow::list(&applications),
    })
    .into_response())
}
