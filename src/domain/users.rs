//! Users: one identity for every actor on the command line and the web,
//! their roles, what a role reaches, and the comparison of secrets.

use crate::domain::error::{Message, Reason};
use crate::domain::schemes::ApplicantKind;

/// How long a session lasts without signing in again.
pub const SESSION_HOURS: i64 = 8;

/// What a user may do. One user has one role, so that no one holds two
/// duties that must be separate (attesting and approving a batch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Økonomimedarbeidar: runs, attests and pays the monthly batches.
    FinanceOfficer,
    /// Anvisar: approves a batch that another person attested.
    Approver,
    /// Saksbehandlar: reviews and decides the applications of their schemes.
    Caseworker,
    /// Søkjar: sees and edits only their organisation's applications.
    Applicant,
    /// Økonomi: sees frames, pays and releases scheme commitments.
    Finance,
    /// Revisor: reads everything, changes nothing.
    Auditor,
    /// Administrator: adds users and changes their roles.
    Admin,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::FinanceOfficer,
        Role::Approver,
        Role::Caseworker,
        Role::Applicant,
        Role::Finance,
        Role::Auditor,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::FinanceOfficer => "finance_officer",
            Role::Approver => "approver",
            Role::Caseworker => "caseworker",
            Role::Applicant => "applicant",
            Role::Finance => "finance",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text)
    }

    /// The role codes, for messages: "finance_officer, approver, …".
    pub fn list() -> String {
        Role::ALL.map(Role::code).join(", ")
    }
}

/// The title a caseworker signs letters with (stilling); its name in each
/// language is in the message catalogues (`title-<code>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Title {
    /// Rådgjevar.
    Adviser,
    /// Seniorrådgjevar.
    SeniorAdviser,
    /// Fagdirektør.
    Director,
    /// Seksjonssjef.
    HeadOfSection,
}

impl Title {
    pub const ALL: [Title; 4] = [
        Title::Adviser,
        Title::SeniorAdviser,
        Title::Director,
        Title::HeadOfSection,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Title::Adviser => "adviser",
            Title::SeniorAdviser => "senior_adviser",
            Title::Director => "director",
            Title::HeadOfSection => "head_of_section",
        }
    }

    pub fn parse(text: &str) -> Option<Title> {
        Title::ALL.into_iter().find(|t| t.code() == text)
    }
}

/// How a user signs decision letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub full_name: String,
    pub title: Title,
}

/// A signed-in (authenticated) user, with what their role reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// The applicant's organisation.
    pub organisation: Option<String>,
    pub organisation_kind: Option<ApplicantKind>,
    /// The caseworker's schemes.
    pub schemes: Vec<String>,
}

/// A new user, or new password, role, organisation and schemes of one.
pub struct NewUser<'a> {
    pub name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub organisation: Option<&'a str>,
    pub schemes: &'a [String],
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (argon2 hashes any length; a bound keeps a
/// request from costing without end).
pub const MAX_PASSWORD_CHARS: usize = 200;

/// A user name is 1–32 characters of letters, digits, `.`, `_` and `-`.
pub fn check_user_name(name: &str) -> Result<(), Reason> {
    let ok = (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Reason::told(
            Message::new("problem-not-a-user-name").arg("text", name),
            format!(
                "'{name}' is not a user name: 1–32 characters of letters, digits, '.', '_' and '-'"
            ),
        ))
    }
}

/// A password has 10 to 200 characters.
pub fn check_password(password: &str) -> Result<(), Reason> {
    let chars = password.chars().count();
    if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&chars) {
        return Err(Reason::told(
            Message::new("problem-password-length")
                .arg("min", MIN_PASSWORD_CHARS)
                .arg("max", MAX_PASSWORD_CHARS),
            format!("a password has {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Compares two secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_code() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn user_names_and_passwords_have_bounds() {
        assert!(check_user_name("kari.nordmann-2").is_ok());
        for bad in ["", "kari nordmann", "kari\u{200b}", &"k".repeat(33), "kåri"] {
            assert!(check_user_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_password("123456789").is_err());
        assert!(check_password("1234567890").is_ok());
        assert!(check_password(&"x".repeat(201)).is_err());
    }
}
