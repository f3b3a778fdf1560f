//! clap's usage errors in the reader's language: what is wrong (with
//! clap's suggestion), why a value was refused, the usage and where to
//! read more. Decided by clap's error kind and context, never its text.

use super::help::with_placeholders;
use crate::domain::error::Reason;
use crate::render::i18n::Texts;
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// A usage error in the reader's language: what is wrong, a suggestion
/// where clap has one, the usage and where to read more.
/// `command` is the command the line names (`tilskot batch show`), for
/// where to read more.
pub fn usage_error_text(error: &clap::Error, command: &str, t: &Texts) -> String {
    let mut lines = vec![t.with("cli-error", &[("text", what_is_wrong(error, t))])];
    if let Some(detail) = value_detail(error, t) {
        lines.push(detail);
    }
    lines.push(String::new());
    if let Some(usage) = context_text(error, ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        let usage = with_placeholders(usage, t);
        lines.push(format!("{}: {usage}", t.get("cli-help-usage")));
    }
    lines.push(t.with("cli-usage-see-help", &[("command", command.to_string())]));
    lines.join("\n")
}

/// The first sentence: what is wrong, with clap's suggestion if any.
fn what_is_wrong(error: &clap::Error, t: &Texts) -> String {
    let text = |kind| context_text(error, kind).unwrap_or_default();
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let sentence = match error.kind() {
        ErrorKind::UnknownArgument => t.with("cli-usage-unknown-argument", &[("arg", arg)]),
        ErrorKind::InvalidSubcommand => t.with(
            "cli-usage-unknown-command",
            &[("command", text(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => t.with("cli-usage-missing", &[("args", arg)]),
        ErrorKind::MissingSubcommand => t.with(
            "cli-usage-missing-command",
            &[("commands", text(ContextKind::ValidSubcommand))],
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            t.with("cli-usage-value-missing", &[("arg", arg)])
        }
        ErrorKind::InvalidValue => t.with(
            "cli-usage-choice",
            &[
                ("value", value),
                ("arg", arg),
                ("values", text(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::ValueValidation => t.with("cli-usage-value", &[("value", value), ("arg", arg)]),
        ErrorKind::ArgumentConflict => match context_text(error, ContextKind::PriorArg) {
            Some(other) if other != arg => {
                t.with("cli-usage-conflict", &[("arg", arg), ("other", other)])
            }
            _ => t.with("cli-usage-repeated", &[("arg", arg)]),
        },
        ErrorKind::TooManyValues => t.with("cli-usage-extra-value", &[("value", value)]),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t.with(
            "cli-usage-number-of-values",
            &[
                ("arg", arg),
                ("expected", text(ContextKind::ExpectedNumValues)),
                ("actual", text(ContextKind::ActualNumValues)),
            ],
        ),
        ErrorKind::InvalidUtf8 => t.get("cli-usage-not-utf8"),
        _ => t.get("cli-usage-wrong"),
    };
    match suggestion(error, t) {
        Some(suggested) => format!(
            "{sentence} {}",
            t.with("cli-usage-did-you-mean", &[("suggestion", suggested)])
        ),
        None => sentence,
    }
}

/// What clap suggests instead of a mistyped argument, command or value:
/// one, or several as «a» or «b».
fn suggestion(error: &clap::Error, t: &Texts) -> Option<String> {
    let either = format!("» {} «", t.get("cli-usage-or"));
    [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|kind| match error.get(kind)? {
        ContextValue::String(one) => Some(one.clone()),
        ContextValue::Strings(many) if !many.is_empty() => Some(many.join(&either)),
        _ => None,
    })
}

/// Why a value was refused, told by the parser that refused it: a
/// [`Reason`] of tilskot's own, or a number or date that does not parse.
fn value_detail(error: &clap::Error, t: &Texts) -> Option<String> {
    if error.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let source = std::error::Error::source(error)?;
    let value = context_text(error, ContextKind::InvalidValue).unwrap_or_default();
    if let Some(reason) = source.downcast_ref::<Reason>() {
        return reason.message.as_ref().map(|m| t.message(m));
    }
    let key = if source.is::<std::num::ParseIntError>() {
        "cli-usage-not-a-whole-number"
    } else if source.is::<rust_decimal::Error>() {
        "cli-usage-not-a-number"
    } else if source.is::<chrono::ParseError>() {
        "cli-usage-not-a-date"
    } else {
        return None;
    };
    Some(t.with(key, &[("value", value)]))
}

/// A context value of a clap error as plain text, lists joined by ", ".
fn context_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) if !texts.is_empty() => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) if !texts.is_empty() => Some(
            texts
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    }
}
