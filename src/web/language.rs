//! The reader's language: Nynorsk by default, Bokmål by choice.
//!
//! `?lang=nb` or `?lang=nn` on any page chooses the language and keeps it in
//! a cookie for a year; without either, the browser's `Accept-Language`
//! decides, and Nynorsk when it names neither. The choice reaches the
//! handlers as [`Texts`]; error pages are rendered here, after the handler,
//! in the chosen language and with the signed-in user's navigation.

use super::views::{html, ErrorPage, Nav};
use super::{cookie, AppState};
use crate::domain::error::Message;
use crate::render::i18n::{Lang, Texts};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The cookie that keeps the chosen language.
pub const LANGUAGE_COOKIE: &str = "tilskot_lang";

/// An error the handler answered with, to be rendered in the reader's
/// language by [`localise`].
#[derive(Clone)]
struct PendingError(Message, Vec<Message>);

/// An error page, with the problems the refusal lists under its message:
/// rendered here in Nynorsk without navigation, and again by [`localise`]
/// in the reader's language with it.
pub fn error_response(status: StatusCode, message: Message, listed: Vec<Message>) -> Response {
    let page = error_page(Texts::default(), None, status, &message, &listed);
    let mut response = (status, page).into_response();
    response
        .extensions_mut()
        .insert(PendingError(message, listed));
    response
}

fn error_page(
    t: Texts,
    user: Option<Nav>,
    status: StatusCode,
    message: &Message,
    listed: &[Message],
) -> axum::response::Html<String> {
    let title_key = format!("error-title-{}", status.as_u16());
    let title = if t.has(&title_key) {
        t.get(&title_key)
    } else {
        t.get("error-title")
    };
    html(&ErrorPage {
        t,
        user,
        status: status.as_u16(),
        title,
        message: t.message(message),
        listed: listed.iter().map(|problem| t.message(problem)).collect(),
    })
}

/// The language a request asks for: `?lang=` first, then the cookie, then
/// `Accept-Language`.
pub fn requested_language(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = query.and_then(language_in_query) {
        return (lang, true);
    }
    let from_cookie = cookie(headers, LANGUAGE_COOKIE).and_then(|c| Lang::parse(&c));
    let from_header = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    (from_cookie.or(from_header).unwrap_or_default(), false)
}

fn language_in_query(query: &str) -> Option<Lang> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Lang::parse(value))
}

/// Chooses the language, hands it to the handler and renders its error
/// page in that language.
pub async fn localise(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let (lang, chosen) = requested_language(request.uri().query(), request.headers());
    let headers = request.headers().clone();
    request.extensions_mut().insert(Texts::new(lang));
    let mut response = next.run(request).await;
    if let Some(PendingError(message, listed)) = response.extensions_mut().remove::<PendingError>()
    {
        let status = response.status();
        let user = signed_in_nav(&state, &headers).await;
        let t = Texts::new(lang);
        let mut page = error_page(t, user, status, &message, &listed).into_response();
        *page.status_mut() = status;
        for (name, value) in response.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                page.headers_mut().append(name, value.clone());
            }
        }
        response = page;
    }
    if let Some(refusal) = response.extensions_mut().remove::<super::api::ApiRefusal>() {
        let body = super::api::error_body(Texts::new(lang), &refusal.shown, &refusal.fields);
        let status = response.status();
        response = (status, axum::Json(body)).into_response();
    }
    if chosen {
        let value = format!(
            "{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The navigation of the signed-in user, for an error page.
async fn signed_in_nav(state: &AppState, headers: &HeaderMap) -> Option<Nav> {
    let token = cookie(headers, state.session_cookie_name())?;
    let (user, csrf) = state.store.session_user(&token).await.ok()??;
    Nav::of(&user, &csrf)
}

impl<S: Send + Sync> FromRequestParts<S> for Texts {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Texts>().copied().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_over_the_cookie_and_the_cookie_over_the_browser() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, "nb-NO".parse().unwrap());
        assert_eq!(requested_language(None, &headers), (Lang::Nb, false));
        headers.insert(header::COOKIE, "tilskot_lang=nn".parse().unwrap());
        assert_eq!(requested_language(None, &headers), (Lang::Nn, false));
        assert_eq!(
            requested_language(Some("page=2&lang=nb"), &headers),
            (Lang::Nb, true)
        );
        assert_eq!(
            requested_language(Some("lang=en"), &HeaderMap::new()),
            (Lang::Nn, false)
        );
    }
}
