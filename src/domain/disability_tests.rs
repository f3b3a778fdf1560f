//! R14–R19 as tables, each boundary on both sides; amounts from the rates
//! of rules/2022.toml and 2023.toml (grant 1 196 400, grant 2 cap 1 520 000).

use super::*;
use crate::domain::accrual::tests::register;
use crate::domain::calendar::parse_iso_date;
use crate::domain::rules::parse_year_file;

fn rules() -> RuleBook {
    RuleBook::new(vec![
        parse_year_file("2022.toml", include_str!("../../rules/2022.toml")).unwrap(),
        parse_year_file("2023.toml", include_str!("../../rules/2023.toml")).unwrap(),
    ])
    .unwrap()
}

fn date(text: &str) -> NaiveDate {
    parse_iso_date(text).unwrap()
}

fn oslo() -> MunicipalityNumber {
    MunicipalityNumber::from_trusted("0301").unwrap()
}

/// A1 adult asylum in Oslo 2022-03-10 (moved to Drammen 2023-05-02, in
/// effect from July); M1 unaccompanied, born 2005, settled 2020; M2 born
/// 2002; F1 family; H1 family_humanitarian. Rules exist for 2022 and 2023.
fn persons() -> crate::domain::register::Register {
    register(&[
        "settled,2022-03-10,A1,HA,1981-05-05,0301,asylum,false,SY,",
        "moved,2023-05-02,A1,,,3005,,,,",
        "settled,2020-06-01,M1,HM1,2005-01-01,0301,asylum,true,AF,",
        "settled,2020-06-01,M2,HM2,2002-01-01,0301,asylum,true,AF,",
        "settled,2022-03-10,F1,HF,1980-01-01,0301,family,false,SY,",
        "settled,2022-03-10,H1,HH,1980-01-01,0301,family_humanitarian,false,SY,",
    ])
}

fn application(person: &str, grant: DisabilityGrant, grant_year: u8) -> DisabilityApplication {
    DisabilityApplication {
        reference: format!("{person}-{}-{grant_year}", grant.number()),
        municipality: oslo(),
        person_id: person.into(),
        grant,
        grant_year,
        documented_expenses: (grant == DisabilityGrant::Two).then_some(Ore(200_000_000)),
        originated_before_settlement: true,
        special_agreement: false,
        received: date("2022-04-01"),
        extended_until: None,
    }
}

fn check(a: &DisabilityApplication, others: &[&DisabilityApplication]) -> Result<Ore, Vec<RuleId>> {
    let register = persons();
    let person = register.person(&a.person_id).unwrap();
    check_application(a, person, &rules(), 2, others)
        .map_err(|r| r.iter().map(|r| r.rule).collect())
}

#[test]
fn r18_the_fourteen_month_deadline_holds_on_its_last_day_and_not_the_day_after() {
    let mut a = application("A1", DisabilityGrant::One, 2);
    a.received = date("2023-05-10");
    assert_eq!(check(&a, &[]), Ok(Ore(19_640_000)));
    a.received = date("2023-05-11");
    assert_eq!(check(&a, &[]), Err(vec![RuleId::R18]));
    // An extension requested before the deadline gives a later one.
    let register = persons();
    let person = register.person("A1").unwrap();
    assert!(check_extension(person, 2, date("2023-05-10"), date("2023-07-01")).is_ok());
    assert!(check_extension(person, 2, date("2023-05-11"), date("2023-07-01")).is_err());
    assert!(check_extension(person, 2, date("2023-04-01"), date("2023-05-10")).is_err());
    a.extended_until = Some(date("2023-07-01"));
    assert!(check(&a, &[]).is_ok());
}

#[test]
fn r18_a_later_grant_year_is_due_at_the_end_of_the_next_february() {
    let register = persons();
    // M1 settled 2020: grant year 3 is 2022, due 2023-02-28; grant year 4
    // is 2023, due 2024-02-29 (a leap year). Years 1–2: 14 months on.
    let m1 = register.person("M1").unwrap();
    assert_eq!(deadline(m1, 3), date("2023-02-28"));
    assert_eq!(deadline(m1, 4), date("2024-02-29"));
    assert_eq!(deadline(m1, 2), date("2021-08-01"));
    let mut a = application("M1", DisabilityGrant::Two, 3);
    a.received = date("2023-02-28");
    assert!(check(&a, &[]).is_ok(), "{:?}", check(&a, &[]));
    a.received = date("2023-03-01");
    assert_eq!(check(&a, &[]), Err(vec![RuleId::R18]));
}

#[test]
fn r15_grant_1_is_for_grant_year_1_or_2_only() {
    for (grant_year, allowed) in [(1, true), (2, true), (3, false)] {
        let a = application("A1", DisabilityGrant::One, grant_year);
        let result = check(&a, &[]);
        if allowed {
            assert_eq!(result, Ok(Ore(19_640_000)), "year {grant_year}");
        } else {
            assert!(
                result.unwrap_err().contains(&RuleId::R15),
                "year {grant_year}"
            );
        }
    }
}

#[test]
fn r16_a_minors_grant_2_runs_to_the_year_of_20_and_never_fewer_than_five_years() {
    let register = persons();
    assert_eq!(
        last_grant2_year(register.person("M1").unwrap()),
        6,
        "turns 20 in 2025"
    );
    assert_eq!(
        last_grant2_year(register.person("M2").unwrap()),
        5,
        "turns 20 in 2022, still five"
    );
    assert_eq!(last_grant2_year(register.person("A1").unwrap()), 5);
    assert_eq!(
        last_grant2_year(register.person("H1").unwrap()),
        3,
        "R1's exception"
    );
    let mut beyond = application("M2", DisabilityGrant::Two, 6);
    beyond.received = date("2025-06-01");
    assert!(check(&beyond, &[]).unwrap_err().contains(&RuleId::R16));
}

#[test]
fn r16_grant_2_is_the_documented_expenses_capped_at_the_rate() {
    let mut a = application("A1", DisabilityGrant::Two, 1);
    a.documented_expenses = Some(Ore(100_000_000));
    assert_eq!(check(&a, &[]), Ok(Ore(100_000_000)));
    a.documented_expenses = Some(Ore(152_000_001));
    assert_eq!(check(&a, &[]), Ok(Ore(152_000_000)), "capped at 1 520 000");
}

#[test]
fn r17_grant_1_or_grant_2_in_years_1_and_2_not_both_and_each_once() {
    let one = application("A1", DisabilityGrant::One, 1);
    let two_in_2 = application("A1", DisabilityGrant::Two, 2);
    assert_eq!(check(&two_in_2, &[&one]), Err(vec![RuleId::R17]));
    let two_in_3 = application("A1", DisabilityGrant::Two, 3);
    assert!(
        combination_problems(&two_in_3, &[&one]).is_empty(),
        "grant 2 in year 3 beside grant 1"
    );
    let mut again = application("A1", DisabilityGrant::One, 2);
    again.reference = "other".into();
    assert_eq!(check(&again, &[&one]), Err(vec![RuleId::R17]));
    let mut second_two = two_in_3.clone();
    second_two.reference = "again".into();
    let clash = combination_problems(&second_two, &[&two_in_3]);
    assert_eq!(clash[0].rule, RuleId::R17, "grant 2 twice for grant year 3");
}

#[test]
fn r14_who_may_be_applied_for() {
    let family = application("F1", DisabilityGrant::One, 1);
    assert_eq!(check(&family, &[]), Err(vec![RuleId::R14]));
    let agreed = DisabilityApplication {
        special_agreement: true,
        ..family
    };
    assert!(check(&agreed, &[]).is_ok());
    let late_need = DisabilityApplication {
        originated_before_settlement: false,
        ..application("A1", DisabilityGrant::One, 1)
    };
    assert_eq!(check(&late_need, &[]), Err(vec![RuleId::R14]));
    // A1 lived in Oslo through June 2023 (move in May, two months' lag),
    // then in Drammen; never in Bergen.
    let mut elsewhere = application("A1", DisabilityGrant::Two, 2);
    elsewhere.received = date("2023-05-01");
    elsewhere.municipality = MunicipalityNumber::from_trusted("4601").unwrap();
    assert_eq!(check(&elsewhere, &[]), Err(vec![RuleId::R14]));
    elsewhere.municipality = oslo();
    assert!(check(&elsewhere, &[]).is_ok(), "Oslo in January–June 2023");
    elsewhere.municipality = MunicipalityNumber::from_trusted("3005").unwrap();
    assert!(check(&elsewhere, &[]).is_ok(), "Drammen from July 2023");
}

#[test]
fn r19_an_award_accrues_in_its_first_decision_month_at_its_latest_amount() {
    let decided = [
        DecidedApplication {
            application: application("A1", DisabilityGrant::Two, 1),
            first_decided: date("2022-03-15"),
            amount: Ore(90_000_000),
        },
        DecidedApplication {
            application: application("M1", DisabilityGrant::One, 2),
            first_decided: date("2022-05-02"),
            amount: Ore(0),
        },
    ];
    let accruals = disability_accruals(
        &decided,
        "2022-01".parse().unwrap(),
        "2022-12".parse().unwrap(),
    );
    assert_eq!(accruals.len(), 1, "a rejection accrues nothing");
    assert_eq!(accruals[0].period, "2022-03".parse().unwrap());
    assert_eq!(
        (accruals[0].grant, accruals[0].amount, accruals[0].rule),
        (Grant::Disability2, Ore(90_000_000), RuleId::R19)
    );
}

#[test]
fn a_decision_awards_at_most_what_the_rules_allow() {
    use DisabilityDecisionKind::*;
    let allowed = Ore(19_640_000);
    let table = [
        (Awarded, None, Ok(allowed)),
        (Awarded, Some(allowed), Ok(allowed)),
        (Awarded, Some(Ore(100)), Err(())),
        (PartlyAwarded, Some(Ore(100)), Ok(Ore(100))),
        (PartlyAwarded, Some(Ore(19_640_001)), Err(())),
        (PartlyAwarded, None, Err(())),
        (Rejected, None, Ok(Ore(0))),
        (Rejected, Some(Ore(5)), Err(())),
    ];
    for (kind, amount, expected) in table {
        assert_eq!(
            decided_amount(kind, amount, allowed).map_err(|_| ()),
            expected,
            "{kind:?} {amount:?}"
        );
    }
}

#[test]
fn the_queue_counts_backlog_by_age_and_processing_days() {
    let received = |day: &str| DisabilityApplication {
        received: date(day),
        ..application("A1", DisabilityGrant::One, 1)
    };
    let applications = [
        (received("2022-01-10"), Some((date("2022-02-09"), Ore(100)))),
        (received("2022-01-20"), Some((date("2022-02-28"), Ore(0)))),
        (received("2022-01-05"), Some((date("2022-02-24"), Ore(100)))),
        (received("2022-10-01"), None),
    ];
    let status = queue_status(&applications, 2022, date("2022-12-15"));
    assert_eq!((status.received, status.decided, status.awarded), (4, 3, 2));
    assert_eq!(status.awarded_amount, Ore(200));
    assert_eq!(status.backlog_by_age, [(2, 1)].into());
    // 30, 39 and 50 days: mean 39, median 39.
    assert_eq!(
        status.processing_days[&"2022-02".parse().unwrap()],
        (39, 39)
    );
}
