//! The reasons `explain` gives, as typed messages: which rule, which
//! municipality and why, and why nothing is due.

use super::*;
use crate::domain::accrual::compute_person_accruals;
use crate::domain::accrual::tests::{register, rules};

fn period(text: &str) -> Period {
    text.parse().unwrap()
}

/// Explains `person` of the register `rows` from January to December 2022.
fn explained(rows: &[&str], person: &str) -> (Vec<ExplainedAccrual>, Vec<NothingDue>) {
    let register = register(rows);
    let subject = register.person(person).unwrap();
    let book = rules();
    let (from, to) = (period("2022-01"), period("2022-12"));
    let accruals = compute_person_accruals(subject, &book, from, to).unwrap();
    let municipalities = Municipalities::shipped();
    (
        explain_accruals(subject, &accruals, &book, &municipalities, from),
        nothing_due_reasons(subject, &accruals, to),
    )
}

fn keys(messages: &[Message]) -> Vec<&'static str> {
    messages.iter().map(|m| m.key).collect()
}

fn arg<'a>(message: &'a Message, name: &str) -> &'a str {
    message
        .args
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{} has no {name}", message.key))
}

#[test]
fn a_move_is_pending_for_two_months_then_names_the_new_municipality() {
    let rows = [
        "settled,2021-09-01,B1,HB,1990-01-20,4601,asylum,false,ER,",
        "moved,2022-06-10,B1,,,5001,,,,",
    ];
    let (accruals, _) = explained(&rows, "B1");
    let reasons_of = |month: &str| {
        let a = accruals.iter().find(|a| a.period == period(month)).unwrap();
        (a.municipality.clone(), keys(&a.why))
    };
    assert_eq!(
        reasons_of("2022-05"),
        (
            "4601 Bergen".into(),
            vec!["explain-later-year", "explain-settled-in"]
        )
    );
    assert_eq!(
        reasons_of("2022-07"),
        (
            "4601 Bergen".into(),
            vec!["explain-later-year", "explain-settled-in", "explain-moving"]
        )
    );
    assert_eq!(
        reasons_of("2022-08"),
        (
            "5001 Trondheim".into(),
            vec!["explain-later-year", "explain-moved"]
        )
    );
    let august = accruals
        .iter()
        .find(|a| a.period == period("2022-08"))
        .unwrap();
    assert_eq!(arg(&august.why[1], "from"), "2022-08");
    assert_eq!(august.rate.as_ref().map(|r| r.year), Some(2022));
}

#[test]
fn the_year_one_reason_names_the_category_and_basis_by_code_for_the_reader() {
    let rows = ["settled,2022-02-14,C1,HC,2006-04-02,5001,asylum,true,AF,"];
    let (accruals, nothing_due) = explained(&rows, "C1");
    let year1 = accruals
        .iter()
        .find(|a| a.grant == Grant::IntegrationYear1)
        .unwrap();
    let reason = &year1.why[0];
    assert_eq!(reason.key, "explain-year1-unaccompanied");
    assert_eq!(arg(reason, "category"), "unaccompanied_minor");
    assert_eq!(reason.prefix_of("category"), Some("category"));
    assert_eq!(arg(reason, "basis"), "asylum");
    assert_eq!(arg(reason, "age"), "15");
    let minor = accruals.iter().find(|a| a.grant == Grant::Minor).unwrap();
    assert_eq!(minor.why[0].key, "explain-minor-high");
    assert_eq!(arg(&minor.why[0], "turns"), "16");
    // A minor aged 15 accrues every grant of the year but Norwegian
    // training, whose age is outside R11's.
    assert_eq!(
        nothing_due
            .iter()
            .map(|n| (n.about, n.reason.key))
            .collect::<Vec<_>>(),
        [(Some(Grant::Norwegian), "explain-norwegian-age")]
    );
}

#[test]
fn nothing_due_names_the_exit_the_birth_window_and_each_grant_without_accruals() {
    let rows = [
        "settled,2022-01-10,M1,HM,1990-01-01,0301,asylum,false,SY,",
        "born,2022-07-13,K1,,2022-07-13,,,,,M1",
        "exited,2022-09-15,K1,,,,,,,",
    ];
    let (accruals, nothing_due) = explained(&rows, "K1");
    assert!(accruals.is_empty(), "{accruals:?}");
    let said: Vec<_> = nothing_due
        .iter()
        .map(|n| (n.about, n.reason.key))
        .collect();
    assert_eq!(
        said,
        [
            (None, "explain-exited"),
            (Some(Grant::Integration), "explain-born-outside-window"),
            (Some(Grant::Minor), "explain-minor-category"),
            (Some(Grant::Norwegian), "explain-norwegian-born"),
        ]
    );
    assert_eq!(arg(&nothing_due[1].reason, "days"), "184");
    assert_eq!(arg(&nothing_due[0].reason, "period"), "2022-09");
}
