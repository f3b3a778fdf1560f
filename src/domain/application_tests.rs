use super::*;
use crate::domain::error::Message;

/// Whole kroner in øre.
fn kr(kroner: i64) -> Ore {
    Ore(kroner * 100)
}

fn form() -> ApplicationForm {
    ApplicationForm {
        project: "Jobbsjansen i Drammen".into(),
        amount_applied: "1 500 000".into(),
        budget_total: "2 100 000,00".into(),
        own_financing: "600000".into(),
        participants: "14".into(),
        later_years: "2024: 900 000; 2023: 1 200 000".into(),
    }
}

#[test]
fn a_valid_form_gives_exact_figures_and_later_years_in_order() {
    let figures = validate_form(&form(), 2022).unwrap();
    assert_eq!(figures.amount_applied, Ore(150_000_000));
    assert_eq!(figures.budget_total, Ore(210_000_000));
    assert_eq!(figures.own_financing, Ore(60_000_000));
    assert_eq!(figures.participants, 14);
    assert_eq!(
        figures.later_years,
        vec![(2023, Ore(120_000_000)), (2024, Ore(90_000_000))]
    );
}

#[test]
fn every_wrong_field_is_named_with_its_reason() {
    let bad = ApplicationForm {
        project: " ".into(),
        amount_applied: "12,345".into(),
        budget_total: "ti tusen".into(),
        own_financing: "-5".into(),
        participants: "tolv".into(),
        later_years: "2022: 5".into(),
    };
    let errors = validate_form(&bad, 2022).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "project",
            "amount_applied",
            "budget_total",
            "own_financing",
            "participants",
            "later_years"
        ]
    );
    assert_eq!(errors[1].message.key, "field-not-amount", "{errors:?}");
    assert_eq!(errors[3].message.key, "field-negative");
    assert_eq!(
        errors[5].message,
        Message::new("field-later-year-range")
            .arg("year", 2022)
            .arg("scheme_year", 2022)
    );
}

#[test]
fn own_financing_and_the_amount_applied_must_fit_in_the_budget() {
    let mut over = form();
    over.budget_total = "2 000 000".into();
    let errors = validate_form(&over, 2022).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "budget_total");
    over.own_financing = "2 000 001".into();
    let errors = validate_form(&over, 2022).unwrap_err();
    assert!(errors.iter().any(|e| e.field == "own_financing"));
}

#[test]
fn later_years_refuse_duplicates_and_malformed_parts() {
    let key = |text: &str| parse_later_years(text, 2022).unwrap_err().message.key;
    assert_eq!(key("2023: 1; 2023: 2"), "field-year-twice");
    assert_eq!(key("2023 = 1"), "field-not-year-amount");
    assert_eq!(parse_later_years("", 2022).unwrap(), vec![]);
    assert_eq!(key("2023: 0"), "field-later-year-zero");
    let years = parse_later_years("2023: 1 200 000,50", 2022).unwrap();
    assert_eq!(later_years_text(&years), "2023: 1200000.50");
    assert_eq!(
        parse_later_years(&later_years_text(&years), 2022).unwrap(),
        years
    );
}

#[test]
fn organisations_are_checked_by_kind() {
    let municipalities = Municipalities::shipped();
    assert_eq!(
        check_organisation_id(ApplicantKind::Municipality, "3005", &municipalities).unwrap(),
        "3005"
    );
    assert!(check_organisation_id(ApplicantKind::Municipality, "9999", &municipalities).is_err());
    // 974760673 is Brønnøysundregistra's own number (valid check digit).
    assert!(check_organisation_id(
        ApplicantKind::VoluntaryOrganisation,
        "974760673",
        &municipalities
    )
    .is_ok());
    let wrong = check_organisation_id(ApplicantKind::County, "974760674", &municipalities);
    assert!(wrong.unwrap_err().contains("check digit"));
    assert!(
        check_organisation_id(ApplicantKind::County, "3005", &municipalities)
            .unwrap_err()
            .contains("nine digits")
    );
}

#[test]
fn states_have_codes_and_only_drafts_are_editable_or_caseworkers_review_two() {
    for state in ApplicationState::ALL {
        assert_eq!(
            state.open_for_review(),
            matches!(
                state,
                ApplicationState::Submitted | ApplicationState::InReview
            )
        );
        assert_eq!(ApplicationState::parse(state.code()), Some(state));
        assert_eq!(state.editable(), state == ApplicationState::Draft);
    }
}

#[test]
fn decisions_check_their_amount_and_reasons() {
    let applied = kr(100_000);
    let award = check_decision(DecisionKind::Awarded, "", "", applied).unwrap();
    assert_eq!(award.amount, applied);
    let partial = check_decision(DecisionKind::PartlyAwarded, "60 000", "", applied).unwrap();
    assert_eq!(partial.amount, kr(60_000));
    assert_eq!(
        check_decision(DecisionKind::PartlyAwarded, "100 000", "", applied)
            .unwrap_err()
            .field,
        "amount"
    );
    assert_eq!(
        check_decision(DecisionKind::Rejected, "", " ", applied)
            .unwrap_err()
            .field,
        "reason"
    );
    let not_funded = check_decision(DecisionKind::RecommendedNotFunded, "5", "", applied).unwrap();
    assert_eq!(not_funded.amount, Ore::ZERO);
    assert!(!DecisionKind::Rejected.commits());
}

#[test]
fn frame_status_derives_outstanding_available_and_underspend() {
    let status = FrameStatus {
        frame: kr(50_400_000),
        awarded: kr(44_500_000),
        paid: kr(43_930_000),
        released: kr(570_000),
    };
    assert_eq!(status.outstanding(), Ore::ZERO);
    assert_eq!(status.available(), kr(6_470_000));
    // Report ch. 3.2: an underspend of 6.47 mill. on areas 1–6.
    assert_eq!(status.underspend(), kr(6_470_000));
}

#[test]
fn a_scheme_payment_posts_to_the_sector_account_and_balances() {
    let key = BudgetKey::parse("0671.62").unwrap();
    let date = NaiveDate::from_ymd_opt(2022, 3, 1).unwrap();
    for (kind, account) in [
        (ApplicantKind::Municipality, "870"),
        (ApplicantKind::County, "871"),
        (ApplicantKind::VoluntaryOrganisation, "875"),
    ] {
        let voucher =
            scheme_payment_voucher(7, "jobbsjansen", &key, kind, "3005", Ore(12_345), date);
        assert_eq!(voucher.postings[0].account, account);
        assert_eq!(voucher.postings[0].budget_key, Some(key.clone()));
        assert_eq!(voucher.postings[0].amount, Ore(12_345));
        assert!(voucher.imbalance().is_zero());
        assert_eq!(voucher.reference, "TS-jobbsjansen-7");
    }
}

#[test]
fn free_text_has_a_maximum_length() {
    assert!(check_free_text("reason", &"x".repeat(MAX_FREE_TEXT_CHARS)).is_ok());
    let error = check_free_text("reason", &"x".repeat(MAX_FREE_TEXT_CHARS + 1)).unwrap_err();
    assert_eq!(error.field, "reason");
}
