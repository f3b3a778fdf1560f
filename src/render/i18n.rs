//! The two written languages of pages, errors and letters: Nynorsk (the
//! default, as IMDi writes) and Bokmål (by the reader's choice).
//!
//! Every text a person reads is a message in the Fluent catalogues
//! `reports/i18n/nn.ftl` and `reports/i18n/nb.ftl`, compiled into the binary.
//! A page holds a [`Texts`] and asks it for messages by key; a typed
//! [`Message`] (a key with its arguments) carries a text across the layers
//! until the edge renders it in the reader's language. The test
//! `tests/it/catalogue.rs` fails when a key is missing in either language
//! or a template holds visible text outside the catalogues.

use crate::domain::error::Message;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

/// A written language of the pages and letters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Nynorsk: the default.
    #[default]
    Nn,
    /// Bokmål.
    Nb,
}

/// The catalogue of each language, as compiled in.
pub const CATALOGUES: [(Lang, &str); 2] = [
    (Lang::Nn, include_str!("../../reports/i18n/nn.ftl")),
    (Lang::Nb, include_str!("../../reports/i18n/nb.ftl")),
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nn, Lang::Nb];

    /// The language's code in `?lang=`, the cookie and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nn => "nn",
            Lang::Nb => "nb",
        }
    }

    /// `nn` or `nb` (also `no` and `nb-NO`-style tags), else `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "nn" => Some(Lang::Nn),
            "nb" | "no" => Some(Lang::Nb),
            _ => None,
        }
    }

    /// The first language of an `Accept-Language` header this service
    /// writes, in the order the client gave them.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Lang::parse)
    }

    fn source(self) -> &'static str {
        CATALOGUES
            .iter()
            .find(|(lang, _)| *lang == self)
            .map(|(_, source)| *source)
            .unwrap_or_default()
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The compiled catalogue of a language, built once.
fn bundle(lang: Lang) -> &'static Bundle {
    static NN: OnceLock<Bundle> = OnceLock::new();
    static NB: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Nn => &NN,
        Lang::Nb => &NB,
    };
    cell.get_or_init(|| build_bundle(lang))
}

fn build_bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Pages are left to right; the isolation marks would only show up in
    // copied text and CSV cells.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(resource, errors)| {
            tracing::error!("catalogue {}: {errors:?}", lang.code());
            resource
        });
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!("catalogue {}: {errors:?}", lang.code());
    }
    bundle
}

/// The keys of a language's catalogue, for the catalogue test.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = match FluentResource::try_new(lang.source().to_string()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The errors of parsing a language's catalogue (none, when it is well-formed).
pub fn syntax_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(lang.source().to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// The texts of one page in one language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    pub lang: Lang,
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts { lang }
    }

    /// The language code for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// A message without arguments.
    pub fn get(&self, key: &str) -> String {
        self.with(key, &[])
    }

    /// Whether the catalogue has a message (for names looked up by code).
    pub fn has(&self, key: &str) -> bool {
        bundle(self.lang).has_message(key)
    }

    /// A message with its arguments. A key the catalogue lacks is logged
    /// and shown as the key: the catalogue test keeps that from shipping.
    pub fn with(&self, key: &str, args: &[(&str, String)]) -> String {
        let bundle = bundle(self.lang);
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::error!("no message {key} in the {} catalogue", self.lang.code());
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match count(value) {
                Some(number) => fluent_args.set(*name, number),
                None => fluent_args.set(*name, value.clone()),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::error!("message {key} ({}): {errors:?}", self.lang.code());
        }
        text.into_owned()
    }

    /// A typed message from the layers below; an argument that holds a
    /// code is given as the thing's name.
    pub fn message(&self, message: &Message) -> String {
        let args: Vec<(&str, String)> = message
            .args
            .iter()
            .map(|(name, value)| match message.prefix_of(name) {
                Some(prefix) => (*name, self.name(prefix, value)),
                None => (*name, value.clone()),
            })
            .collect();
        self.with(message.key, &args)
    }

    /// The name of a thing known by its code (`state-draft`, `role-admin`):
    /// `prefix-code`, with `_` in the code written `-`.
    pub fn name(&self, prefix: &str, code: impl std::fmt::Display) -> String {
        self.get(&format!(
            "{prefix}-{}",
            code.to_string().replace(['_', '.'], "-")
        ))
    }
}

/// An argument as a number, so that Fluent chooses its plural form
/// (`[one]`), when it is written as an integer would be and Fluent's
/// floating-point number holds it exactly. A text that merely looks like a
/// number stays as written: a municipality number `0301`, a long reference.
fn count(value: &str) -> Option<i64> {
    const EXACT_IN_F64: i64 = 1 << 53;
    let number: i64 = value.parse().ok()?;
    (number.to_string() == value && number.abs() < EXACT_IN_F64).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_chosen_by_its_code_or_the_accept_language_header() {
        assert_eq!(Lang::parse("nb"), Some(Lang::Nb));
        assert_eq!(Lang::parse("NN"), Some(Lang::Nn));
        assert_eq!(Lang::parse("en"), None);
        assert_eq!(
            Lang::from_accept_language("en-GB,nb-NO;q=0.8,nn;q=0.5"),
            Some(Lang::Nb)
        );
        assert_eq!(Lang::from_accept_language("de, fr"), None);
    }

    #[test]
    fn a_message_is_formatted_with_its_arguments_in_each_language() {
        let nn = Texts::new(Lang::Nn).with("form-errors", &[("count", "2".into())]);
        let nb = Texts::new(Lang::Nb).with("form-errors", &[("count", "2".into())]);
        assert!(nn.contains('2') && nb.contains('2'), "{nn} / {nb}");
        assert_ne!(nn, nb);
        assert!(!nn.contains('\u{2068}'), "no isolation marks: {nn:?}");
    }

    #[test]
    fn a_count_of_one_takes_the_singular_and_a_code_with_leading_zeros_stays_as_written() {
        let t = Texts::new(Lang::Nn);
        let one = t.with("form-errors", &[("count", "1".into())]);
        assert_eq!(one, "Skjemaet har éin feil. Han står ved feltet.");
        let two = t.with("form-errors", &[("count", "2".into())]);
        assert!(two.starts_with("Skjemaet har 2 feil."), "{two}");
        let bokmal = Texts::new(Lang::Nb).with("check-failed", &[("count", "1".into())]);
        assert_eq!(bokmal, "Én kontroll feilet:");
        let municipality = Message::new("problem-unknown-municipality")
            .arg("number", "0301")
            .arg("count", 356);
        assert!(
            t.message(&municipality).contains("0301"),
            "{}",
            t.message(&municipality)
        );
        let reference = t.with("form-errors", &[("count", "12345678901234567".into())]);
        assert!(reference.contains("12345678901234567"), "{reference}");
    }

    #[test]
    fn an_argument_holding_a_code_is_shown_by_its_name_in_each_language() {
        let message =
            Message::new("explain-minor-category").named("category", "category", "single_adult");
        let nn = Texts::new(Lang::Nn).message(&message);
        let nb = Texts::new(Lang::Nb).message(&message);
        assert!(nn.contains("(kategori: einsleg vaksen)"), "{nn}");
        assert!(nb.contains("(kategori: enslig voksen)"), "{nb}");
        assert!(!nn.contains("single_adult") && !nb.contains("single_adult"));
    }

    #[test]
    fn a_missing_key_shows_the_key_instead_of_panicking() {
        assert_eq!(Texts::default().get("no-such-key"), "no-such-key");
    }
}
