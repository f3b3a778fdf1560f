//! A refused or failed command as the person at the command line reads it,
//! in their language (the web's error pages do the same in `web`).

use crate::domain::error::{Error, Reason};
use crate::domain::register::FileProblem;
use crate::render::i18n::Texts;

/// What the command line prints on standard error for `error`: the
/// reason's catalogue message in the reader's language; an invalid input's
/// summary and every field; for a failure inside, that it failed inside
/// (its details are the log's, which the caller writes).
pub fn error_text(error: &Error, texts: &Texts) -> String {
    let text = match error {
        Error::NotFound(reason) | Error::NotAllowed(reason) | Error::Refused(reason) => {
            reason_text(reason, texts)
        }
        // A told summary names its fields itself; the English fields are
        // listed only beside an English summary.
        Error::Invalid { summary, .. } if summary.message.is_some() => reason_text(summary, texts),
        Error::Invalid { summary, fields } => {
            let mut text = summary.text.clone();
            for field in fields {
                text.push_str(&format!("\n  {field}"));
            }
            text
        }
        Error::Internal(_) => texts.get("cli-error-internal"),
    };
    texts.with("cli-error", &[("text", text)])
}

/// One problem of a refused file as the command line lists it:
/// `file:row:column: reason`, the reason in the reader's language.
pub fn problem_text(found: &FileProblem, texts: &Texts) -> String {
    let problem = &found.problem;
    let reason = reason_text(&problem.reason, texts);
    format!(
        "{}:{}:{}: {reason}",
        found.file, problem.row, problem.column
    )
}

/// A reason's message, or until every reason carries one, its own text.
fn reason_text(reason: &Reason, texts: &Texts) -> String {
    match &reason.message {
        Some(message) => texts.message(message),
        None => reason.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::error::Message;
    use crate::render::i18n::Lang;

    fn refusal() -> Error {
        let message = Message::new("error-year-closed").arg("year", 2022);
        Error::Refused(Reason::told(message, "2022 is closed"))
    }

    #[test]
    fn a_refusal_reads_in_the_chosen_language_and_never_in_the_logs_english() {
        let nn = error_text(&refusal(), &Texts::new(Lang::Nn));
        let nb = error_text(&refusal(), &Texts::new(Lang::Nb));
        for text in [&nn, &nb] {
            assert!(text.contains("2022"), "{text}");
            assert!(!text.contains("is closed"), "{text}");
        }
        assert_ne!(nn, nb);
    }

    #[test]
    fn a_failure_inside_does_not_show_its_details() {
        let text = error_text(&Error::internal("disk full at /x"), &Texts::default());
        assert!(!text.contains("disk full"), "{text}");
    }
}
