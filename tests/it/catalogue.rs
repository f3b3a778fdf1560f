//! The message catalogues (`reports/i18n/nn.ftl`, `nb.ftl`): both parse,
//! both hold the same keys, every key the code and the templates ask for is
//! there, every name looked up by code (states, decisions, roles, grants,
//! schemes, criteria …) is there for every code, and no template shows a
//! person text that is not from the catalogues.
//!
//! Each check also runs on a planted fault, so that it is seen to fail.

use std::collections::BTreeSet;
use std::path::Path;
use tilskot::domain::application::{ApplicationState, DecisionKind};
use tilskot::domain::approval::BatchStatus;
use tilskot::domain::grant::Grant;
use tilskot::domain::rules::RateStatus;
use tilskot::domain::schemes::ApplicantKind;
use tilskot::domain::users::{Role, Title};
use tilskot::render::i18n::{keys, syntax_errors, Lang};

/// The templates a person reads in the browser: the pages and the letters.
fn person_templates() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir("reports/web")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for report in [
        "letter",
        "disability-letter",
        "layout",
        "batch",
        "overview",
        "municipality-table",
        "forecast",
    ] {
        files.push(format!("reports/{report}.html").into());
    }
    files.sort();
    files
}

fn catalogue(lang: Lang) -> BTreeSet<String> {
    keys(lang).into_iter().collect()
}

/// The keys quoted after each of `calls` in `text`: `t.get("key")`.
fn quoted_after(text: &str, calls: &[&str]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for call in calls {
        for (at, _) in text.match_indices(call) {
            let rest = &text[at + call.len()..];
            if let Some(key) = rest.split('"').next() {
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    found.insert(key.to_string());
                }
            }
        }
    }
    found
}

/// Keys written out whole as string literals: `"review-status-conflict"`.
fn literals_with_prefix(text: &str, prefix: &str) -> BTreeSet<String> {
    let quoted = format!("\"{prefix}");
    quoted_after(text, &[quoted.as_str()])
        .into_iter()
        .map(|rest| format!("{prefix}{rest}"))
        .collect()
}

/// Every literal key asked for in the source and the templates.
fn literal_keys() -> BTreeSet<String> {
    let mut texts = Vec::new();
    for file in person_templates() {
        texts.push(std::fs::read_to_string(file).unwrap());
    }
    collect_rust(Path::new("src"), &mut texts);
    let calls = ["t.get(\"", "t.with(\"", "t.has(\"", "Message::new(\""];
    let mut keys = BTreeSet::new();
    for text in &texts {
        keys.extend(quoted_after(text, &calls));
        keys.extend(literals_with_prefix(text, "review-status-"));
        keys.extend(literals_with_prefix(text, "sort-"));
        // Keys chosen in a `match` or listed in a table.
        keys.extend(literals_with_prefix(text, "error-"));
        keys.extend(literals_with_prefix(text, "cli-"));
        keys.extend(literals_with_prefix(text, "problem-"));
        keys.extend(literals_with_prefix(text, "demo-"));
        keys.extend(literals_with_prefix(text, "explain-"));
        keys.extend(literals_with_prefix(text, "rules-"));
        // `t.with(` with its key on the next line, as rustfmt writes it.
        for (at, _) in text.match_indices("t.with(") {
            let rest = text[at + 7..].trim_start();
            if let Some(quoted) = rest.strip_prefix('"') {
                keys.extend(quoted.split('"').next().map(String::from));
            }
        }
    }
    keys
}

fn collect_rust(dir: &Path, texts: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust(&path, texts);
        } else if path.extension().is_some_and(|e| e == "rs") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
}

fn name_key(prefix: &str, code: &str) -> String {
    format!("{prefix}-{}", code.replace(['_', '.'], "-"))
}

/// Every name the pages look up by a code, for every code there is.
fn name_keys() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |prefix: &str, codes: Vec<String>| {
        for code in codes {
            names.insert(name_key(prefix, &code));
        }
    };
    add(
        "state",
        ApplicationState::ALL
            .iter()
            .map(|s| s.code().into())
            .collect(),
    );
    add(
        "decision",
        DecisionKind::ALL.iter().map(|d| d.code().into()).collect(),
    );
    add(
        "letter-heading",
        DecisionKind::ALL.iter().map(|d| d.code().into()).collect(),
    );
    add("role", Role::ALL.iter().map(|r| r.code().into()).collect());
    add(
        "title",
        Title::ALL.iter().map(|t| t.code().into()).collect(),
    );
    add("rule", (0..20).map(|i| format!("R{i}")).collect());
    add(
        "category",
        tilskot::domain::grant::Category::ALL
            .iter()
            .map(|c| c.code().into())
            .collect(),
    );
    add(
        "applicant-kind",
        ApplicantKind::ALL.iter().map(|k| k.code().into()).collect(),
    );
    add(
        "batch-status",
        BatchStatus::ALL.iter().map(|s| s.code().into()).collect(),
    );
    add(
        "rate-status",
        RateStatus::ALL.iter().map(|s| s.code().into()).collect(),
    );
    add(
        "grant",
        Grant::ALL.iter().map(|g| g.code().into()).collect(),
    );
    add(
        "budget-line",
        Grant::ALL.iter().map(|g| g.budget_line().into()).collect(),
    );
    add(
        "basis",
        tilskot::domain::grant::Basis::ALL
            .iter()
            .map(|b| b.code().into())
            .collect(),
    );
    add(
        "event",
        tilskot::domain::register::EventKind::ALL
            .iter()
            .filter(|k| k.withdraws().is_none())
            .map(|k| k.code().into())
            .collect(),
    );
    add(
        "grant-short",
        [Grant::Integration, Grant::Minor, Grant::Norwegian]
            .iter()
            .map(|g| g.code().into())
            .collect(),
    );
    add(
        "decision",
        tilskot::domain::disability::DisabilityDecisionKind::ALL
            .iter()
            .map(|d| d.code().into())
            .collect(),
    );
    add(
        "toml-type",
        [
            "string", "integer", "float", "boolean", "datetime", "array", "table",
        ]
        .map(String::from)
        .to_vec(),
    );
    add("disability-grant", vec!["1".into(), "2".into()]);
    add(
        "disability-status",
        ["pending", "awarded", "partly_awarded", "rejected"]
            .map(String::from)
            .to_vec(),
    );
    let columns: Vec<String> = tilskot::domain::disability_file::APPLICATION_COLUMNS
        .iter()
        .chain(tilskot::domain::disability_file::DECISION_COLUMNS.iter())
        .map(|c| c.to_string())
        .collect();
    add("disability-column", columns.clone());
    add("disability-expected", columns);
    let schemes = std::fs::read_to_string("rules/schemes-2022.toml").unwrap();
    let definitions =
        tilskot::domain::schemes::parse_schemes(&schemes, "schemes-2022.toml").unwrap();
    for definition in definitions {
        let scheme = definition.scheme;
        add("scheme", vec![scheme.code.clone()]);
        add(
            "criterion",
            scheme.criteria.iter().map(|c| c.code.clone()).collect(),
        );
    }
    for status in [401, 403, 404, 409, 422, 500] {
        names.insert(format!("error-title-{status}"));
    }
    names
}

/// What a person would read in a template: the text outside tags, askama
/// blocks and expressions, and outside `<style>`.
fn visible_text(template: &str) -> String {
    let mut text = template.to_string();
    for (open, close) in [
        ("<style>", "</style>"),
        ("{#", "#}"),
        ("{%", "%}"),
        ("{{", "}}"),
        ("<", ">"),
    ] {
        text = strip_between(&text, open, close);
    }
    text
}

fn strip_between(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        out.push(' ');
        match rest[start..].find(close) {
            Some(end) => rest = &rest[start + end + close.len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The words (runs of letters) a template shows outside the catalogues.
fn stray_words(template: &str) -> Vec<String> {
    visible_text(template)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// The attributes a person reads (labels for screen readers, titles).
fn stray_attributes(template: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
        for (at, _) in template.match_indices(attribute) {
            let value = template[at + attribute.len()..]
                .split('"')
                .next()
                .unwrap_or("");
            if !value.starts_with("{{") && !value.is_empty() {
                found.push(format!("{attribute}{value}"));
            }
        }
    }
    found
}

#[test]
fn both_catalogues_parse_and_hold_the_same_keys() {
    for lang in Lang::ALL {
        assert_eq!(syntax_errors(lang), Vec::<String>::new(), "{}", lang.code());
    }
    let nn = catalogue(Lang::Nn);
    let nb = catalogue(Lang::Nb);
    let only_nn: Vec<_> = nn.difference(&nb).collect();
    let only_nb: Vec<_> = nb.difference(&nn).collect();
    assert!(only_nn.is_empty(), "keys missing in nb.ftl: {only_nn:?}");
    assert!(only_nb.is_empty(), "keys missing in nn.ftl: {only_nb:?}");
    assert!(nn.len() > 300, "the catalogue is read: {} keys", nn.len());
}

#[test]
fn every_key_the_code_asks_for_is_in_both_catalogues() {
    let help =
        tilskot::cli::help::help_keys(&<tilskot::cli::Cli as clap::CommandFactory>::command());
    let wanted: BTreeSet<String> = literal_keys()
        .into_iter()
        .chain(name_keys())
        .chain(help)
        .collect();
    assert!(wanted.contains("help-batch-run-arg-period") && wanted.contains("cli-value-period"));
    assert!(wanted.contains("login-title") && wanted.contains("state-draft"));
    for lang in Lang::ALL {
        let have = catalogue(lang);
        let missing: Vec<_> = wanted.iter().filter(|k| !have.contains(*k)).collect();
        assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
    }
}

#[test]
fn the_two_languages_differ_where_the_words_differ() {
    let nn = tilskot::render::i18n::Texts::new(Lang::Nn);
    let nb = tilskot::render::i18n::Texts::new(Lang::Nb);
    for key in [
        "nav-users",
        "error-title-404",
        "state-decided",
        "letter-appeal",
        "history-who",
    ] {
        assert_ne!(nn.get(key), nb.get(key), "{key} is the same in both");
    }
}

#[test]
fn no_template_shows_text_outside_the_catalogues() {
    let mut strays = Vec::new();
    for file in person_templates() {
        let template = std::fs::read_to_string(&file).unwrap();
        for word in stray_words(&template)
            .into_iter()
            .chain(stray_attributes(&template))
        {
            strays.push(format!("{}: {word}", file.display()));
        }
    }
    assert!(
        strays.is_empty(),
        "text outside the catalogues:\n{}",
        strays.join("\n")
    );
}

#[test]
fn the_checks_find_planted_faults() {
    let planted = "<p>{{ t.get(\"nav-users\") }} Søknader</p><style>td { x: y }</style>";
    assert_eq!(stray_words(planted), vec!["Søknader"]);
    assert_eq!(
        stray_attributes("<nav aria-label=\"Sider\">"),
        vec!["aria-label=\"Sider"]
    );
    assert!(stray_words("<p>{{ t.get(\"nav-users\") }} – 12 %</p>").is_empty());
    let keys = quoted_after("Message::new(\"no-such-key\")", &["Message::new(\""]);
    assert!(!catalogue(Lang::Nn).contains(keys.iter().next().unwrap()));
}
