//! Users of the web application: roles, what a role reaches, and the
//! comparison of secrets.

use crate::domain::schemes::ApplicantKind;

/// How long a session lasts without signing in again.
pub const SESSION_HOURS: i64 = 8;

/// What a web user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebRole {
    /// Søkjar: sees and edits only their organisation's applications.
    Applicant,
    /// Saksbehandlar: reviews and decides the applications of their schemes.
    Caseworker,
    /// Økonomi: sees frames, pays and releases commitments.
    Finance,
}

impl WebRole {
    pub fn code(self) -> &'static str {
        match self {
            WebRole::Applicant => "applicant",
            WebRole::Caseworker => "caseworker",
            WebRole::Finance => "finance",
        }
    }

    pub fn parse(text: &str) -> Option<WebRole> {
        [WebRole::Applicant, WebRole::Caseworker, WebRole::Finance]
            .into_iter()
            .find(|r| r.code() == text)
    }
}

/// A signed-in user, with what their role reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUser {
    pub name: String,
    pub role: WebRole,
    /// The applicant's organisation.
    pub organisation: Option<String>,
    pub organisation_kind: Option<ApplicantKind>,
    /// The caseworker's schemes.
    pub schemes: Vec<String>,
}

/// A new web user.
pub struct NewWebUser<'a> {
    pub name: &'a str,
    pub password: &'a str,
    pub role: WebRole,
    pub organisation: Option<&'a str>,
    pub schemes: &'a [String],
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
