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

/// A reason's message and what it lists, a line each, or until every
/// reason carries one, its own text.
fn reason_text(reason: &Reason, texts: &Texts) -> String {
    match &reason.message {
        Some(message) => {
            let mut text = texts.message(message);
            for listed in reason.listed() {
                text.push_str("\n  ");
                text.push_str(&texts.message(listed));
            }
            text
        }
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
    fn a_refusal_that_lists_problems_shows_each_on_its_own_line_in_the_language() {
        let problems = vec![
            Reason::told(
                Message::new("audit-entry-changed").arg("entry", 7),
                "audit entry 7 is broken",
            ),
            Reason::from("an English detail for the log"),
        ];
        let listing = Reason::listing(
            Message::new("check-failed").arg("count", 2),
            "2 check(s) failed:",
            problems,
        );
        assert_eq!(
            listing.text,
            "2 check(s) failed:\naudit entry 7 is broken\nan English detail for the log"
        );
        let text = error_text(&Error::Refused(listing), &Texts::new(Lang::Nn));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].contains("2 kontrollar feila"), "{text}");
        assert!(
            lines[1].starts_with("  Innslag 7 i revisjonsloggen er endra"),
            "{text}"
        );
        assert!(lines[2].starts_with("  Ein kontroll feila."), "{text}");
        assert!(
            !text.contains("English") && !text.contains("broken"),
            "{text}"
        );
    }

    #[test]
    fn a_failure_inside_does_not_show_its_details() {
        let text = error_text(&Error::internal("disk full at /x"), &Texts::default());
        assert!(!text.contains("disk full"), "{text}");
    }
}
