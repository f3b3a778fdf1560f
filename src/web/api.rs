//! The JSON API: the same rules as the pages, answers as JSON. Errors are
//! `{"error": "…", "code": "…"}` (the text in the client's language —
//! `Accept-Language` or `?lang`, Nynorsk by default — and the catalogue key
//! for programs; with `"fields"` for validation) and the status codes
//! 401, 403, 404, 409 and 422. Writes take only `application/json` bodies.

use super::access::{can_view_scheme, require_role, visible_application, visible_applications};
use super::listing::{page_of_applications, ListQuery};
use super::pages::decide;
use super::{AppState, SignedIn, WebError};
use crate::db::schemes::StoredApplication;
use crate::domain::application::{validate_form, ApplicationForm, FieldError};
use crate::domain::error::{Error, Message};
use crate::domain::money::Ore;
use crate::domain::users::Role;
use crate::render::i18n::Texts;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// A refusal as JSON.
pub struct ApiError(WebError, Vec<FieldError>);

impl From<WebError> for ApiError {
    fn from(error: WebError) -> ApiError {
        ApiError(error, Vec::new())
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        ApiError(WebError::from(error), Vec::new())
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        ApiError(
            WebError::BadRequest(rejection.body_text().into()),
            Vec::new(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let shown = self.0.shown();
        let body = error_body(Texts::default(), &shown, &self.1);
        let mut response = (self.0.status(), Json(body)).into_response();
        // `language::localise` writes the body again in the client's language.
        response.extensions_mut().insert(ApiRefusal {
            shown,
            fields: self.1,
        });
        response
    }
}

/// A JSON error before it is put in the client's language.
#[derive(Clone)]
pub struct ApiRefusal {
    pub shown: Message,
    pub fields: Vec<FieldError>,
}

/// `{"error", "code", "fields"}`: what a person reads, in `t`'s language,
/// and the messages' keys for programs.
pub fn error_body(t: Texts, shown: &Message, fields: &[FieldError]) -> Value {
    let mut body = json!({ "error": t.message(shown), "code": shown.key });
    if !fields.is_empty() {
        body["fields"] = fields
            .iter()
            .map(|e| json!({ "field": e.field, "code": e.message.key, "reason": t.message(&e.message) }))
            .collect();
    }
    body
}

type ApiResult = Result<Response, ApiError>;

/// The signed-in user, or 401 as JSON (the pages redirect instead).
pub struct ApiUser(SignedIn);

impl axum::extract::FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, ApiError> {
        SignedIn::from_request_parts(parts, state)
            .await
            .map(ApiUser)
            .map_err(ApiError::from)
    }
}

fn kroner(amount: Ore) -> String {
    amount.to_decimal_nok().to_string()
}

/// An application as JSON; amounts as NOK strings with two decimals, so
/// that no client reads money as a float.
pub fn application_json(a: &StoredApplication) -> Value {
    json!({
        "id": a.id,
        "scheme": a.scheme,
        "year": a.year,
        "organisation": a.organisation,
        "project": a.figures.project,
        "amount_applied": kroner(a.figures.amount_applied),
        "budget_total": kroner(a.figures.budget_total),
        "own_financing": kroner(a.figures.own_financing),
        "participants": a.figures.participants,
        "later_years": a.figures.later_years.iter().map(|(y, o)| json!({"year": y, "amount": kroner(*o)})).collect::<Vec<_>>(),
        "state": a.state.code(),
        "submitted_on": a.submitted_on.map(|d| d.to_string()),
        "decision": a.decision.map(|d| d.code()),
        "decision_reason": a.decision_reason,
        "committed": a.committed.map(kroner),
        "paid": a.paid.map(kroner),
        "released": a.released.map(kroner),
    })
}

/// One page of the applications the user may see: `?q` searches project
/// and applicant, `?sort` orders (`id`, `-id`, `project`, `organisation`,
/// `-amount`, `state`), `?page` and `?per_page` (at most 200) page.
pub async fn applications(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> ApiResult {
    let all = visible_applications(&state, &signed_in.user).await?;
    let (shown, listing) = page_of_applications(all, &query);
    let list: Vec<Value> = shown.iter().map(application_json).collect();
    Ok(Json(json!({
        "applications": list,
        "page": listing.page,
        "per_page": listing.per_page,
        "pages": listing.pages,
        "total": listing.total,
        "sort": listing.sort,
    }))
    .into_response())
}

pub async fn application(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    Path(id): Path<i64>,
) -> ApiResult {
    let application = visible_application(&state, &signed_in.user, id).await?;
    Ok(Json(application_json(&application)).into_response())
}

/// The call an application is for; its figures are an `ApplicationForm`
/// read from the same body (not flattened, so that a wrong type is named
/// by its field).
#[derive(serde::Deserialize)]
pub struct CallRef {
    scheme: String,
    year: i32,
}

/// Reads `T` from a JSON body, naming the field of a wrong type.
fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        tracing::info!("API body: {e}");
        let field = FieldError::new(&e.path().to_string(), Message::new("field-wrong-type"));
        ApiError(
            WebError::BadRequest("the application has errors; see fields".into()),
            vec![field],
        )
    })
}

pub async fn create(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    body: Result<Json<Value>, JsonRejection>,
) -> ApiResult {
    require_role(&signed_in.user, Role::Applicant, "apply")?;
    let Json(value) = body?;
    let call: CallRef = from_json(value.clone())?;
    let form: ApplicationForm = from_json(value)?;
    let scheme = state
        .store
        .scheme_call(&call.scheme, call.year)
        .await
        .map_err(|e| WebError::BadRequest(e.to_string().into()))?;
    if let Some(kind) = signed_in.user.organisation_kind {
        if !scheme.eligible.contains(&kind) {
            return Err(WebError::bad_request(
                Message::new("ineligible-kind").arg("kind", kind.code()),
            )
            .into());
        }
    }
    let figures = validate_form(&form, call.year).map_err(|errors| {
        ApiError(
            WebError::BadRequest("the application has errors; see fields".into()),
            errors,
        )
    })?;
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
    let stored = state.store.application(id).await?;
    Ok((StatusCode::CREATED, Json(application_json(&stored))).into_response())
}

pub async fn submit(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    Path(id): Path<i64>,
    body: Result<Json<Value>, JsonRejection>,
) -> ApiResult {
    let _empty_body = body?;
    visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Applicant, "submit an application")?;
    state
        .store
        .submit_application(id, state.today(), &signed_in.user.name)
        .await
        .map_err(WebError::from)?;
    let stored = state.store.application(id).await?;
    Ok(Json(application_json(&stored)).into_response())
}

#[derive(serde::Deserialize)]
pub struct DecisionBody {
    kind: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
}

pub async fn decision(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    Path(id): Path<i64>,
    body: Result<Json<DecisionBody>, JsonRejection>,
) -> ApiResult {
    let Json(body) = body?;
    let application = visible_application(&state, &signed_in.user, id).await?;
    require_role(&signed_in.user, Role::Caseworker, "decide applications")?;
    decide(
        &state,
        &signed_in,
        &application,
        &body.kind,
        &body.amount,
        &body.reason,
    )
    .await?;
    let stored = state.store.application(id).await?;
    Ok(Json(application_json(&stored)).into_response())
}

pub async fn status(
    State(state): State<AppState>,
    ApiUser(signed_in): ApiUser,
    Path((scheme, year)): Path<(String, i32)>,
) -> ApiResult {
    if !can_view_scheme(&signed_in.user, &scheme) {
        return Err(WebError::NotFound.into());
    }
    let status = state
        .store
        .frame_status(&scheme, year)
        .await
        .map_err(|_| WebError::NotFound)?;
    Ok(Json(json!({
        "scheme": scheme,
        "year": year,
        "frame": kroner(status.frame),
        "awarded": kroner(status.awarded),
        "paid": kroner(status.paid),
        "released": kroner(status.released),
        "outstanding": kroner(status.outstanding()),
        "available": kroner(status.available()),
        "underspend": kroner(status.underspend()),
    }))
    .into_response())
}
