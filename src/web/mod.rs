//! The web application (edge): askama pages that work without JavaScript
//! and a JSON API, served by axum over the same store as the command line.
//!
//! - `session`: users, argon2 passwords, cookie sessions, CSRF tokens
//! - `access`: who may see and do what with an application
//! - `pages`: the HTML pages and their forms
//! - `api`: the JSON API
//! - `views`: the askama templates' data

pub mod access;
pub mod api;
pub mod batches;
pub mod disability;
pub mod export;
pub mod hardening;
pub mod language;
pub mod letters;
pub mod listing;
pub mod openapi;
pub mod pages;
pub mod users;
pub mod views;

use crate::db::Store;
use crate::domain::error::{Error, Message, Reason};
use crate::domain::users::{same_secret, User, SESSION_HOURS};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDate;

/// The cookie that carries the session token over HTTPS: `__Host-` makes
/// the browser keep it to this host, path `/` and secure connections.
pub const SESSION_COOKIE: &str = "__Host-tilskot_session";
/// The session cookie's name over plain HTTP (`--insecure-cookies`), where a
/// `__Host-` cookie is refused by browsers.
pub const INSECURE_SESSION_COOKIE: &str = "tilskot_session";
/// The cookie that carries the sign-in form's CSRF token.
pub const LOGIN_CSRF_COOKIE: &str = "tilskot_login_csrf";

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    /// A fixed date for calls and payments (tests, demonstrations); the
    /// machine's date when `None`.
    pub today: Option<NaiveDate>,
    /// Mark the session cookie `Secure` and `__Host-` (the default; plain
    /// HTTP on localhost needs `--insecure-cookies`).
    pub secure_cookies: bool,
    /// Failed sign-ins per user name and client address.
    pub throttle: std::sync::Arc<hardening::Throttle>,
    /// The rules the disability grant's pages and the batches check against.
    pub rules: std::sync::Arc<crate::domain::rules::RuleBook>,
    /// Where paid batches' payment files go (staging and void beside it).
    pub outbox: std::path::PathBuf,
}

impl AppState {
    pub fn new(store: Store, today: Option<NaiveDate>, secure_cookies: bool) -> AppState {
        AppState {
            store,
            today,
            secure_cookies,
            throttle: Default::default(),
            rules: Default::default(),
            outbox: std::path::PathBuf::from("payments"),
        }
    }

    /// The outbox of payment files.
    pub fn with_outbox(mut self, outbox: std::path::PathBuf) -> AppState {
        self.outbox = outbox;
        self
    }

    /// The rules of the disability grant's checks.
    pub fn with_rules(mut self, rules: crate::domain::rules::RuleBook) -> AppState {
        self.rules = std::sync::Arc::new(rules);
        self
    }

    /// The name of the session cookie in this mode.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            SESSION_COOKIE
        } else {
            INSECURE_SESSION_COOKIE
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// The router of pages and API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/login", get(pages::login_page).post(pages::login))
        .route("/logout", post(pages::logout))
        .route(
            "/applications",
            get(pages::applications).post(pages::create),
        )
        .route("/applications/new", get(pages::new_form))
        .route("/applications.csv", get(export::csv))
        .route("/applications.xlsx", get(export::xlsx))
        .route("/applications/{id}", get(pages::application))
        .route(
            "/applications/{id}/edit",
            get(pages::edit_form).post(pages::edit),
        )
        .route("/applications/{id}/submit", post(pages::submit))
        .route("/applications/{id}/declare", post(pages::declare))
        .route("/applications/{id}/scores", post(pages::scores))
        .route("/applications/{id}/decision", post(pages::decision))
        .route("/applications/{id}/pay", post(pages::pay))
        .route("/applications/{id}/release", post(pages::release))
        .route("/applications/{id}/report", post(pages::report))
        .route("/applications/{id}/letter", get(pages::letter))
        .route("/applications/{id}/letter.pdf", get(pages::letter_pdf))
        .route("/schemes", get(pages::schemes))
        .route("/calls", get(pages::calls))
        .route("/users", get(users::users).post(users::save))
        .route("/users/signature", post(users::save_signature))
        .route("/users/state", post(users::save_state))
        .route("/batches", get(batches::list))
        .route("/batches/{period}", get(batches::detail).post(batches::act))
        .route("/batches/{period}/payment-file", get(batches::payment_file))
        .route(
            "/batches/{period}/{municipality}",
            get(batches::municipality),
        )
        .route(
            "/batches/{period}/{municipality}/{person}",
            get(batches::person),
        )
        .route("/disability", get(disability::list).post(disability::apply))
        .route("/disability/{reference}", get(disability::case))
        .route("/disability/{reference}/decision", post(disability::decide))
        .route("/disability/{reference}/letter", get(disability::letter))
        .route(
            "/disability/{reference}/letter.pdf",
            get(disability::letter_pdf),
        )
        .route("/schemes/{scheme}/{year}", get(pages::scheme))
        .route(
            "/api/applications",
            get(api::applications).post(api::create),
        )
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/applications/{id}", get(api::application))
        .route("/api/applications/{id}/submit", post(api::submit))
        .route("/api/applications/{id}/decision", post(api::decision))
        .route("/api/schemes/{scheme}/{year}/status", get(api::status))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            language::localise,
        ))
        .layer(axum::middleware::from_fn(hardening::refuse_bad_bodies))
        .layer(axum::extract::DefaultBodyLimit::max(
            hardening::MAX_BODY_BYTES,
        ))
        .layer(axum::middleware::from_fn(hardening::security_headers))
        .with_state(state)
}

/// Serves until the process is stopped.
pub async fn serve(addr: &str, state: AppState) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        Error::invalid_told(
            crate::domain::error::Message::new("error-cannot-listen").arg("address", addr),
            format!("cannot listen on {addr}: {e}"),
        )
    })?;
    tracing::info!("serving on http://{}", listener.local_addr()?);
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app).await?;
    Ok(())
}

/// Why a request was refused. The reasons carry a catalogue message where
/// a person may read them; the error page renders them in the reader's
/// language (see `language::localise`).
#[derive(Debug)]
pub enum WebError {
    /// Not signed in.
    Unauthorized,
    /// Signed in, but the role may not do this.
    Forbidden(Reason),
    /// No such thing, or not the user's to see: the two are not told apart.
    NotFound,
    /// The request is wrong; the reason says how.
    BadRequest(Reason),
    /// The state changed, or the frame is used up.
    Conflict(Reason),
    /// Something failed inside: logged with a reference, never shown.
    /// Boxed: an error is large, and answers are passed by value.
    Internal(Box<Error>),
}

/// The store's and the use cases' typed errors as answers: not found 404,
/// not allowed 403, refused 409, invalid 422, internal 500.
impl From<Error> for WebError {
    fn from(error: Error) -> WebError {
        match error {
            Error::NotFound(_) => WebError::NotFound,
            Error::NotAllowed(reason) => WebError::Forbidden(reason),
            Error::Refused(reason) => WebError::Conflict(reason),
            Error::Invalid { ref summary, .. } => WebError::BadRequest(Reason {
                text: error.to_string(),
                message: summary.message.clone(),
                listing: summary.listing.clone(),
            }),
            Error::Internal(_) => WebError::Internal(Box::new(error)),
        }
    }
}

impl WebError {
    /// A refusal of the role or the rules, with its catalogue message.
    pub fn forbidden(message: Message) -> WebError {
        WebError::Forbidden(Reason::told(message.clone(), message.key))
    }

    /// A wrong request, with its catalogue message.
    pub fn bad_request(message: Message) -> WebError {
        WebError::BadRequest(Reason::told(message.clone(), message.key))
    }

    /// A refusal of the state, with its catalogue message.
    pub fn conflict(message: Message) -> WebError {
        WebError::Conflict(Reason::told(message.clone(), message.key))
    }
}

/// A short random reference that ties a 500 page to its log line.
pub fn error_reference() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        return "unknown".into();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) => StatusCode::FORBIDDEN,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problems a told refusal lists under its message (those of
    /// `tilskot check`, or what differs in a changed paid record).
    pub fn listed(&self) -> Vec<Message> {
        match self {
            WebError::Forbidden(reason)
            | WebError::BadRequest(reason)
            | WebError::Conflict(reason)
                if reason.message.is_some() =>
            {
                reason.listed().to_vec()
            }
            _ => Vec::new(),
        }
    }

    /// What a person reads: the reason's message, or where the reason has
    /// none, what the kind of refusal means. An internal error is logged
    /// with a reference, and only the reference is shown.
    pub fn shown(&self) -> Message {
        let reason = match self {
            WebError::Unauthorized => return Message::new("error-unauthorized"),
            WebError::NotFound => return Message::new("error-not-found"),
            WebError::Internal(e) => {
                let reference = error_reference();
                tracing::error!(reference = %reference, "internal error: {e}");
                return Message::new("error-internal").arg("reference", reference);
            }
            WebError::Forbidden(reason)
            | WebError::BadRequest(reason)
            | WebError::Conflict(reason) => reason,
        };
        if let Some(message) = &reason.message {
            return message.clone();
        }
        tracing::info!(status = %self.status(), "refused: {}", reason.text);
        match self {
            WebError::Forbidden(_) => Message::new("error-forbidden"),
            WebError::BadRequest(_) => Message::new("error-bad-request"),
            _ => Message::new("error-conflict"),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if matches!(self, WebError::Unauthorized) {
            return Redirect::to("/login").into_response();
        }
        let status = self.status();
        language::error_response(status, self.shown(), self.listed())
    }
}

/// A signed-in request: the user and the session's CSRF token.
pub struct SignedIn {
    pub user: User,
    pub csrf: String,
    pub token: String,
}

impl SignedIn {
    /// Refuses a form whose CSRF token is not the session's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), WebError> {
        if same_secret(sent, &self.csrf) {
            Ok(())
        } else {
            Err(WebError::forbidden(Message::new("error-stale-form")))
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let token =
            cookie(&parts.headers, state.session_cookie_name()).ok_or(WebError::Unauthorized)?;
        let (user, csrf) = state
            .store
            .session_user(&token)
            .await?
            .ok_or(WebError::Unauthorized)?;
        Ok(SignedIn { user, csrf, token })
    }
}

/// The value of a cookie of the request.
pub fn cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

/// The `Set-Cookie` value of a session.
pub fn session_cookie(token: &str, secure: bool) -> String {
    let name = if secure {
        SESSION_COOKIE
    } else {
        INSECURE_SESSION_COOKIE
    };
    format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        SESSION_HOURS * 3600,
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value that ends a session in the browser.
pub fn expired_cookie(secure: bool) -> String {
    let name = if secure {
        SESSION_COOKIE
    } else {
        INSECURE_SESSION_COOKIE
    };
    format!(
        "{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The `Set-Cookie` value of the sign-in form's CSRF token.
pub fn login_csrf_cookie(token: &str, secure: bool) -> String {
    format!(
        "{LOGIN_CSRF_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        if secure { "; Secure" } else { "" }
    )
}
