use super::*;

const RULES_2022: &str = include_str!("../../rules/2022.toml");
const RULES_2023: &str = include_str!("../../rules/2023.toml");

fn error_of(text: &str) -> RulesError {
    parse_year_file("rules/2022.toml", text).expect_err("must be refused")
}

#[test]
fn the_shipped_rules_files_load_with_every_rate_of_domain_section_2_4() {
    let y2022 = parse_year_file("rules/2022.toml", RULES_2022).unwrap();
    let y2023 = parse_year_file("rules/2023.toml", RULES_2023).unwrap();
    let table = [
        (
            &y2022,
            RateKey::IntegrationYear1(Category::SingleAdult),
            232_000,
            RateStatus::Placeholder,
        ),
        (
            &y2022,
            RateKey::IntegrationYear(2),
            240_000,
            RateStatus::Placeholder,
        ),
        (
            &y2022,
            RateKey::IntegrationYear(5),
            72_000,
            RateStatus::Placeholder,
        ),
        (
            &y2022,
            RateKey::MinorToYearOf16,
            1_118_000,
            RateStatus::Inferred,
        ),
        (
            &y2023,
            RateKey::MinorFromYearOf17,
            705_000,
            RateStatus::Proposed,
        ),
        (
            &y2022,
            RateKey::NorwegianHigh(1),
            68_000,
            RateStatus::Placeholder,
        ),
        (
            &y2023,
            RateKey::NorwegianLow(2),
            20_800,
            RateStatus::Placeholder,
        ),
        (
            &y2023,
            RateKey::NorwegianCollective,
            45_000,
            RateStatus::Proposed,
        ),
        (
            &y2022,
            RateKey::NorwegianBase4To150,
            624_000,
            RateStatus::Placeholder,
        ),
        (
            &y2023,
            RateKey::NorwegianBase1To3,
            217_000,
            RateStatus::Proposed,
        ),
    ];
    for (rules, key, kroner, status) in table {
        let rate = rules.rate(key).unwrap();
        assert_eq!(
            rate.amount,
            Ore::from_kroner(kroner).unwrap(),
            "{}",
            key.path()
        );
        assert_eq!(rate.status, status, "{}", key.path());
        assert!(!rate.source.is_empty());
    }
    assert!(y2022.rate(RateKey::NorwegianCollective).is_none());
    assert_eq!(y2022.move_lag_months.value, 2);
    assert!(y2022.low_rate_countries.value.contains("SE"));
    assert!(!y2022.low_rate_countries.value.contains("UA"));
    let months: Vec<u32> = y2022.payment_terms.iter().map(|t| t.month).collect();
    assert_eq!(months, [4, 7, 10, 12]);
    assert_eq!(y2022.payment_terms[1].through.to_string(), "2022-06");
    assert_eq!(y2022.weakest_status(), RateStatus::Placeholder);
}

#[test]
fn the_loader_names_file_and_key_of_every_kind_of_mistake() {
    let table: Vec<(String, &str, &str)> = vec![
        (
            RULES_2022.replace("amount = 240000", "amount = 240000\ncolour = \"red\""),
            "rates.integration.year2.colour",
            "unknown key",
        ),
        (
            RULES_2022.replace("[rates.integration.year3]", "[rates.integration.year9]"),
            "rates.integration.year9",
            "unknown rate",
        ),
        (
            RULES_2022.replace("[rates.integration.year4]", "[rates.integration.year9]"),
            "rates.integration.year9",
            "unknown rate",
        ),
        (
            remove_table(RULES_2022, "[rates.integration.year5]"),
            "rates.integration.year5",
            "missing rate",
        ),
        (
            remove_table(RULES_2022, "[rates.integration_year1.child]"),
            "rates.integration_year1.child",
            "missing rate",
        ),
        (
            RULES_2022.replace("amount = 72000", "amount = -72000"),
            "rates.integration.year5.amount",
            "negative amount",
        ),
        (
            RULES_2022.replace("amount = 72000", "amount = 72000.5"),
            "rates.integration.year5.amount",
            "non-integer amount",
        ),
        (
            RULES_2022.replacen("status = \"placeholder\"\n", "", 1),
            "rates.integration_year1.single_adult.status",
            "missing",
        ),
        (
            RULES_2022.replacen("status = \"placeholder\"", "status = \"guessed\"", 1),
            "rates.integration_year1.single_adult.status",
            "not one of",
        ),
        (
            remove_source_of_first_rate(RULES_2022),
            "rates.integration_year1.single_adult.source",
            "missing",
        ),
        (
            RULES_2022.replace("year = 2022", "year = 2021"),
            "year",
            "named 2022",
        ),
        (
            RULES_2022.replace("through = \"06-30\"", "through = \"06-15\""),
            "payment_terms[1].through",
            "last day",
        ),
        (
            RULES_2022.replace("months = 2", "months = -1"),
            "move_lag.months",
            "not 0–12",
        ),
        (
            RULES_2022.replace("\"SE\"", "\"Sweden\""),
            "low_rate_countries.countries",
            "alpha-2",
        ),
    ];
    for (text, key, reason) in table {
        let error = error_of(&text);
        assert_eq!(error.file, "rules/2022.toml");
        assert_eq!(error.key, key, "{error}");
        assert!(
            error.reason.text.contains(reason),
            "{error} should say {reason}"
        );
        let told = error
            .reason
            .message
            .as_ref()
            .expect("a message for the reader");
        assert!(told.key.starts_with("rules-"), "{error}");
        assert!(told.args.contains(&("key", key.to_string())), "{error}");
    }
}

#[test]
fn two_files_for_the_same_year_are_refused() {
    let first = parse_year_file("rules/2022.toml", RULES_2022).unwrap();
    let mut second = first.clone();
    second.file_name = "rules/2022-copy.toml".into();
    let error = RuleBook::new(vec![first, second]).unwrap_err();
    assert_eq!(error.file, "rules/2022-copy.toml");
    assert!(error.reason.text.contains("duplicate year 2022"), "{error}");
}

#[test]
fn a_grant_without_any_payment_term_is_refused() {
    let text = RULES_2022.replace(", \"norwegian_base\", ", ", ");
    let error = error_of(&text);
    assert_eq!(error.key, "payment_terms");
    assert!(error.reason.text.contains("norwegian_base"), "{error}");
}

fn remove_table(text: &str, header: &str) -> String {
    let start = text.find(header).unwrap();
    let end = text[start..]
        .find("\n\n")
        .map(|e| start + e + 2)
        .unwrap_or(text.len());
    format!("{}{}", &text[..start], &text[end..])
}

fn remove_source_of_first_rate(text: &str) -> String {
    let start = text.find("[rates.integration_year1.single_adult]").unwrap();
    let source = start + text[start..].find("source = ").unwrap();
    let end = source + text[source..].find('\n').unwrap() + 1;
    format!("{}{}", &text[..source], &text[end..])
}

#[test]
fn a_syntax_error_is_told_by_its_line() {
    let error = error_of("year = 2022\nmove_lag = {\n");
    let told = error.reason.message.expect("told");
    assert_eq!(told.key, "rules-syntax");
    assert!(told.args.contains(&("line", "2".to_string())), "{told:?}");
}
