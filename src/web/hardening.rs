//! What every response and request goes through: security headers, a body
//! limit answered with 413, NUL bytes refused with 422 naming the field,
//! and the throttle of failed sign-ins.

use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The largest request body accepted; a larger one is answered with 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// No script at all, styles only from the page itself, no framing, forms
/// only to this site.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'none'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'";

/// Adds the security headers to every response. Every page may show a
/// signed-in user's data, so none is stored by a browser or a proxy.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Refuses a body over the limit with 413 and a body with a NUL byte in a
/// field with 422 naming the field, before any handler reads it.
pub async fn refuse_bad_bodies(request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let json = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let bytes = match to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request is larger than {MAX_BODY_BYTES} bytes"),
            )
                .into_response()
        }
    };
    if let Some(field) = field_with_nul(&bytes, json) {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{field}: contains a NUL character"),
        )
            .into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The name of a form or (with `json`) JSON field whose value holds a NUL
/// character. A JSON body that does not parse is left to its handler.
pub fn field_with_nul(body: &[u8], json: bool) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    if json {
        let value = serde_json::from_str::<serde_json::Value>(&text).ok()?;
        return json_field_with_nul(&value, "");
    }
    text.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let has_nul = |s: &str| s.contains("%00") || s.contains('\0');
        (has_nul(value) || has_nul(name)).then(|| name.replace("%00", "").replace('\0', ""))
    })
}

fn json_field_with_nul(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::String(s) if s.contains('\0') => Some(path.to_string()),
        serde_json::Value::Object(map) => map.iter().find_map(|(key, v)| {
            if key.contains('\0') {
                return Some(key.replace('\0', ""));
            }
            let inner = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            json_field_with_nul(v, &inner)
        }),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| json_field_with_nul(v, &format!("{path}[{i}]"))),
        _ => None,
    }
}

/// Failures of sign-in per key (a user name, a client address) before the
/// throttle starts.
pub const FREE_FAILURES: u32 = 5;
/// Keys tracked before old ones are pruned.
const MAX_TRACKED_KEYS: usize = 10_000;
/// The longest wait the throttle asks for.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);

/// Failed sign-ins per user name and per client address: after
/// [`FREE_FAILURES`] failures, each further attempt must wait a delay that
/// doubles with every failure (1 s, 2 s, 4 s, … up to 15 minutes), whether
/// its password is right or not.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// How long the keys must still wait, if any must.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().ok()?;
        keys.iter()
            .filter_map(|key| failures.get(key))
            .filter_map(|(count, last)| {
                let delay = delay_after(*count)?;
                (*last + delay).checked_duration_since(now)
            })
            .filter(|left| !left.is_zero())
            .max()
    }

    /// Counts a failure; returns the highest count of the keys.
    pub fn failed(&self, keys: &[String], now: Instant) -> u32 {
        let Ok(mut failures) = self.failures.lock() else {
            return 0;
        };
        // Many names tried once each must not grow the map without end:
        // entries whose wait is long over are forgotten.
        if failures.len() > MAX_TRACKED_KEYS {
            failures.retain(|_, (_, last)| now.duration_since(*last) < MAX_WAIT);
        }
        keys.iter()
            .map(|key| {
                let entry = failures.entry(key.clone()).or_insert((0, now));
                *entry = (entry.0.saturating_add(1), now);
                entry.0
            })
            .max()
            .unwrap_or(0)
    }

    /// Forgets the failures of the keys after a successful sign-in.
    pub fn succeeded(&self, keys: &[String]) {
        if let Ok(mut failures) = self.failures.lock() {
            for key in keys {
                failures.remove(key);
            }
        }
    }
}

/// The delay after `count` failures: none up to the free ones, then 1 s
/// doubling to the maximum.
pub fn delay_after(count: u32) -> Option<Duration> {
    let over = count.checked_sub(FREE_FAILURES)?;
    let seconds = 1u64.checked_shl(over).unwrap_or(u64::MAX);
    Some(Duration::from_secs(seconds).min(MAX_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_are_found_in_forms_and_json_by_field() {
        let form = |body: &[u8]| field_with_nul(body, false);
        assert_eq!(form(b"name=ok&project=a%00b"), Some("project".into()));
        assert_eq!(form(b"name=ok&project=ab"), None);
        // A form body that happens to be valid JSON is still read as a form.
        assert_eq!(form(b"\"a%00\""), Some("\"a\"".into()));
        let json = |body: &[u8]| field_with_nul(body, true);
        assert_eq!(
            json(br#"{"project":"x","figures":{"note":"a\u0000"}}"#),
            Some("figures.note".into())
        );
        assert_eq!(json(br#"{"participants":15}"#), None);
    }

    #[test]
    fn the_delay_starts_after_five_failures_and_doubles_to_a_cap() {
        assert_eq!(delay_after(4), None);
        assert_eq!(delay_after(5), Some(Duration::from_secs(1)));
        assert_eq!(delay_after(7), Some(Duration::from_secs(4)));
        assert_eq!(delay_after(200), Some(MAX_WAIT));
    }

    #[test]
    fn the_throttle_counts_per_key_and_forgets_on_success() {
        let throttle = Throttle::default();
        let now = Instant::now();
        let keys = vec!["user:kari".to_string(), "addr:10.0.0.1".to_string()];
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.wait(&keys, now), None);
            throttle.failed(&keys, now);
        }
        assert!(throttle.wait(&keys, now).is_some());
        assert!(throttle.wait(&keys, now + Duration::from_secs(2)).is_none());
        let other = vec!["user:ola".to_string()];
        assert_eq!(throttle.wait(&other, now), None);
        throttle.succeeded(&keys);
        assert_eq!(throttle.wait(&keys, now), None);
    }
}
