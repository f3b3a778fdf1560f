//! The typed errors at the seams between the layers.
//!
//! The store (`db`), the files (`io`) and the use cases (`app`) all fail in
//! the same five ways, so they share one enum: the edges decide by its
//! variant (a 404, 403, 409, 422 or 500 page; exit status 1 or 2), never by
//! its text. The text of every variant but [`Error::Internal`] is written
//! for the person who can act on it; an internal error's text is for the log.

use std::fmt;

/// The result of a store or use-case call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A field of a form or file and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// A text for a person, by its key in the message catalogues
/// (`reports/i18n/`) and its arguments: the edges render it in the
/// reader's language (Nynorsk or Bokmål). Arguments are plain values
/// (numbers, dates, names), never sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// The arguments that hold a code (a category, a basis, a rate's
    /// status), each with the catalogue prefix that names it: the edge
    /// shows the name (`category-single-adult`), never the code.
    /// Boxed, as every error's reason may hold a message.
    pub names: Box<[(&'static str, &'static str)]>,
}

impl Message {
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
            names: Box::default(),
        }
    }

    /// The message with one more argument.
    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> Message {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message with one more argument that is a thing known by its
    /// code: the reader sees its name, the message `prefix-code`.
    pub fn named(
        self,
        name: &'static str,
        prefix: &'static str,
        code: impl fmt::Display,
    ) -> Message {
        let mut message = self.arg(name, code);
        message.add_name(name, prefix);
        message
    }

    fn add_name(&mut self, name: &'static str, prefix: &'static str) {
        let mut names = std::mem::take(&mut self.names).into_vec();
        names.push((name, prefix));
        self.names = names.into_boxed_slice();
    }

    /// The catalogue prefix that names argument `name`, if it holds a code.
    pub fn prefix_of(&self, name: &str) -> Option<&'static str> {
        self.names
            .iter()
            .find(|(arg, _)| *arg == name)
            .map(|(_, prefix)| *prefix)
    }

    /// The message as stored text: `{"key": …, "args": [[name, value], …]}`
    /// (pairs, so that the arguments keep their order), with `"names":
    /// [[name, prefix], …]` when an argument holds a code.
    pub fn to_stored(&self) -> String {
        let mut stored = serde_json::json!({ "key": self.key, "args": self.args });
        if !self.names.is_empty() {
            stored["names"] = serde_json::json!(self.names);
        }
        stored.to_string()
    }

    /// A stored message, if its key and argument names are among `known`
    /// (the keys and names a store may hold; anything else is `None`, and
    /// the caller shows the text stored beside it).
    pub fn from_stored(text: &str, known: &[&'static str]) -> Option<Message> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        let find = |wanted: &str| known.iter().copied().find(|k| *k == wanted);
        let mut message = Message::new(find(value.get("key")?.as_str()?)?);
        for pair in value.get("args")?.as_array()? {
            let name = find(pair.get(0)?.as_str()?)?;
            message
                .args
                .push((name, pair.get(1)?.as_str()?.to_string()));
        }
        for pair in value
            .get("names")
            .and_then(|n| n.as_array())
            .into_iter()
            .flatten()
        {
            let name = find(pair.get(0)?.as_str()?)?;
            let prefix = find(pair.get(1)?.as_str()?)?;
            message.add_name(name, prefix);
        }
        Some(message)
    }
}

/// Why a call was refused: the text for the log and the command line, and
/// where a person may read it, the message the pages render in their
/// language. A reason without a message is shown to a person only by its
/// kind (not found, not allowed, refused), in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub text: String,
    pub message: Option<Message>,
    /// The problems under the message, one line each, when one refusal
    /// names several (`tilskot check`, `audit verify`); see
    /// [`Reason::listed`]. Boxed: every error carries a reason, and most
    /// list nothing.
    pub listing: Option<Box<Vec<Message>>>,
}

impl Reason {
    /// A field left empty; `english` names it for the log.
    pub fn missing(english: impl Into<String>) -> Reason {
        Reason::told(Message::new("problem-missing"), english)
    }

    /// A reason with a message for the pages.
    pub fn told(message: Message, text: impl Into<String>) -> Reason {
        Reason {
            text: text.into(),
            message: Some(message),
            listing: None,
        }
    }

    /// The problems listed under the message, in order.
    pub fn listed(&self) -> &[Message] {
        self.listing.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The reason with `problems` listed under its message.
    pub fn with_listed(mut self, problems: Vec<Message>) -> Reason {
        self.listing = (!problems.is_empty()).then(|| Box::new(problems));
        self
    }

    /// Several problems under one message: the text lists theirs a line
    /// each under `text`, the message theirs (and what each lists) in the
    /// same order. A problem without a message is listed as one whose
    /// details are in the log.
    pub fn listing(message: Message, text: impl Into<String>, problems: Vec<Reason>) -> Reason {
        let mut lines = vec![text.into()];
        let mut listed = Vec::new();
        for problem in problems {
            lines.push(problem.text);
            listed.push(
                problem
                    .message
                    .unwrap_or_else(|| Message::new("check-failed-unnamed")),
            );
            listed.extend(problem.listing.map(|l| *l).unwrap_or_default());
        }
        Reason::told(message, lines.join("\n")).with_listed(listed)
    }
}

impl Reason {
    /// The same reason with where it happened before its text (the
    /// message a person reads stays as it is).
    pub fn prefixed(self, prefix: impl fmt::Display) -> Reason {
        Reason {
            text: format!("{prefix}: {}", self.text),
            message: self.message,
            listing: self.listing,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A parser's refusal: the command line's value parsers return one, and
/// the usage error shows its message.
impl std::error::Error for Reason {}

impl From<String> for Reason {
    fn from(text: String) -> Reason {
        Reason {
            text,
            message: None,
            listing: None,
        }
    }
}

impl From<&str> for Reason {
    fn from(text: &str) -> Reason {
        Reason::from(text.to_string())
    }
}

impl PartialEq<str> for Reason {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

/// Why a call did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What was asked for does not exist (a batch, an application, a user).
    #[error("{0}")]
    NotFound(Reason),
    /// The actor may not do this (a role, a conflict of interest, the
    /// two-person rule).
    #[error("{0}")]
    NotAllowed(Reason),
    /// The request is well-formed but the state refuses it, with a reason a
    /// person can act on (a closed call, an exhausted frame, a paid batch).
    #[error("{0}")]
    Refused(Reason),
    /// The input is wrong; every wrong field is named.
    #[error("{}", invalid_text(.summary, .fields))]
    Invalid {
        summary: Reason,
        fields: Vec<FieldProblem>,
    },
    /// Something failed inside (a lost connection, a full disk, a broken
    /// invariant). Its text is logged, never shown to a person.
    #[error("{0}")]
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

fn invalid_text(summary: &Reason, fields: &[FieldProblem]) -> String {
    let mut text = summary.text.clone();
    for field in fields {
        text.push_str(&format!("\n  {field}"));
    }
    text
}

impl Error {
    /// Input that is wrong as a whole, without fields to name.
    pub fn invalid(summary: impl Into<String>) -> Error {
        Error::Invalid {
            summary: Reason::from(summary.into()),
            fields: Vec::new(),
        }
    }

    /// Input that is wrong as a whole, with the message a person reads.
    pub fn invalid_told(message: Message, text: impl Into<String>) -> Error {
        Error::Invalid {
            summary: Reason::told(message, text),
            fields: Vec::new(),
        }
    }

    /// Input with one wrong field, named with its reason.
    pub fn field(field: &str, reason: impl Into<String>) -> Error {
        let reason = reason.into();
        Error::Invalid {
            summary: format!("{field}: {reason}").into(),
            fields: vec![FieldProblem {
                field: field.into(),
                reason,
            }],
        }
    }

    /// Input with one wrong field, with the message a person reads (which
    /// names the field) and the English reason for the log.
    pub fn field_told(field: &str, message: Message, reason: impl Into<String>) -> Error {
        let reason = reason.into();
        Error::Invalid {
            summary: Reason::told(message, format!("{field}: {reason}")),
            fields: vec![FieldProblem {
                field: field.into(),
                reason,
            }],
        }
    }

    /// A failure inside, from a message (for invariants the code holds).
    pub fn internal(message: impl Into<String>) -> Error {
        Error::Internal(message.into().into())
    }

    /// Whether the caller's input or action was refused (as opposed to a
    /// failure inside): the command line exits 1 for these and 2 otherwise.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Error::Internal(_))
    }

    /// The same error with the message prefixed by where it happened; an
    /// internal error keeps its source.
    pub fn context(self, prefix: impl fmt::Display) -> Error {
        match self {
            Error::NotFound(m) => Error::NotFound(m.prefixed(prefix)),
            Error::NotAllowed(m) => Error::NotAllowed(m.prefixed(prefix)),
            Error::Refused(m) => Error::Refused(m.prefixed(prefix)),
            Error::Invalid { summary, fields } => Error::Invalid {
                summary: summary.prefixed(prefix),
                fields,
            },
            Error::Internal(source) => Error::internal(format!("{prefix}: {source}")),
        }
    }
}

/// Adds where an error happened, keeping its kind (see [`Error::context`]).
pub trait Context<T> {
    fn context(self, prefix: impl fmt::Display) -> Result<T>;
    fn with_context<D: fmt::Display>(self, prefix: impl FnOnce() -> D) -> Result<T>;
}

impl<T, E: Into<Error>> Context<T> for std::result::Result<T, E> {
    fn context(self, prefix: impl fmt::Display) -> Result<T> {
        self.map_err(|e| e.into().context(prefix))
    }

    fn with_context<D: fmt::Display>(self, prefix: impl FnOnce() -> D) -> Result<T> {
        self.map_err(|e| e.into().context(prefix()))
    }
}

/// A reason on its own, as invalid input (its message kept).
impl From<Reason> for Error {
    fn from(reason: Reason) -> Error {
        Error::Invalid {
            summary: reason,
            fields: Vec::new(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        Error::Internal(Box::new(error))
    }
}

impl From<std::fmt::Error> for Error {
    fn from(error: std::fmt::Error) -> Error {
        Error::Internal(Box::new(error))
    }
}

impl From<crate::domain::rules::MissingYear> for Error {
    fn from(missing: crate::domain::rules::MissingYear) -> Error {
        let message = Message::new("error-no-rules-year").arg("year", missing.0);
        Error::Refused(Reason::told(message, missing.to_string()))
    }
}

impl From<crate::domain::approval::ApprovalError> for Error {
    fn from(error: crate::domain::approval::ApprovalError) -> Error {
        use crate::domain::approval::ApprovalError;
        let text = error.to_string();
        let told = |message: Message| Reason::told(message, text.clone());
        match &error {
            ApprovalError::SamePerson { .. } => {
                Error::NotAllowed(told(Message::new("error-same-person")))
            }
            ApprovalError::WrongRole {
                user, role, action, ..
            } => Error::NotAllowed(told(
                Message::new(match *action {
                    "attest" => "error-batch-role-attest",
                    "approve" => "error-batch-role-approve",
                    _ => "error-batch-role-reject",
                })
                .arg("user", user)
                .arg("role", role),
            )),
            ApprovalError::WrongStatus { status, action, .. } => Error::Refused(told(
                Message::new(match *action {
                    "attest" => "error-batch-status-attest",
                    "approve" => "error-batch-status-approve",
                    "pay" => "error-batch-status-pay",
                    _ => "error-batch-status-reject",
                })
                .arg("status", status.code()),
            )),
            ApprovalError::NoReason => {
                Error::invalid_told(Message::new("error-reject-reason"), text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_message_reads_back_only_with_known_keys_and_names() {
        let message = Message::new("ineligible-participants")
            .arg("participants", 8)
            .arg("min", "10 \"ti\"");
        let stored = message.to_stored();
        let known = ["ineligible-participants", "participants", "min"];
        assert_eq!(Message::from_stored(&stored, &known), Some(message));
        assert_eq!(
            Message::from_stored(&stored, &known[..2]),
            None,
            "unknown argument"
        );
        assert_eq!(
            Message::from_stored(&stored, &known[1..]),
            None,
            "unknown key"
        );
        assert_eq!(Message::from_stored("not json", &known), None);
    }

    #[test]
    fn a_stored_message_keeps_which_arguments_are_codes() {
        let message = Message::new("explain-category").named("category", "category", "adult");
        let stored = message.to_stored();
        let known = ["explain-category", "category"];
        let read = Message::from_stored(&stored, &known).expect("known");
        assert_eq!(read.prefix_of("category"), Some("category"));
        assert_eq!(read, message);
        assert_eq!(
            Message::from_stored(&stored, &known[..1]),
            None,
            "unknown argument and prefix"
        );
    }

    #[test]
    fn only_internal_errors_are_not_refusals() {
        assert!(Error::NotFound("no batch".into()).is_refusal());
        assert!(Error::NotAllowed("same person".into()).is_refusal());
        assert!(Error::Refused("paid".into()).is_refusal());
        assert!(Error::invalid("bad").is_refusal());
        assert!(!Error::internal("disk").is_refusal());
    }

    #[test]
    fn an_invalid_input_lists_every_field() {
        let error = Error::Invalid {
            summary: "2 problems".into(),
            fields: vec![
                FieldProblem {
                    field: "amount".into(),
                    reason: "negative".into(),
                },
                FieldProblem {
                    field: "year".into(),
                    reason: "not a year".into(),
                },
            ],
        };
        assert_eq!(
            error.to_string(),
            "2 problems\n  amount: negative\n  year: not a year"
        );
    }

    #[test]
    fn context_keeps_the_kind() {
        let error = Error::Refused("closed".into()).context("call JOBB 2022");
        assert!(matches!(&error, Error::Refused(m) if m == "call JOBB 2022: closed"));
    }
}
