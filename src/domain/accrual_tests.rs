//! Rule tests as data tables: inputs and expected øre, no margins. Expected
//! amounts are written out from the rates of rules/2022.toml and 2023.toml.

use super::*;
use crate::domain::calendar::parse_iso_date;
use crate::domain::municipality::Municipalities;
use crate::domain::register::{parse_row, Event, RawRow};
use crate::domain::rules::parse_year_file;

pub(crate) fn rules() -> RuleBook {
    RuleBook::new(vec![
        parse_year_file("2022.toml", include_str!("../../rules/2022.toml")).unwrap(),
        parse_year_file("2023.toml", include_str!("../../rules/2023.toml")).unwrap(),
    ])
    .unwrap()
}

/// Rows in the register's column order, without the header.
pub(crate) fn register(rows: &[&str]) -> Register {
    let municipalities = Municipalities::shipped();
    let today = parse_iso_date("2026-01-01").unwrap();
    let events: Vec<Event> = rows
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let raw = RawRow {
                row: i + 2,
                cells: line.split(',').map(str::to_string).collect(),
            };
            parse_row(&raw, &municipalities, today).unwrap_or_else(|p| panic!("{line}: {p:?}"))
        })
        .collect();
    Register::build(&events, 2)
}

fn period(text: &str) -> Period {
    text.parse().unwrap()
}

fn accruals(rows: &[&str], from: &str, to: &str) -> Vec<Accrual> {
    compute_accruals(&register(rows), &rules(), period(from), period(to)).unwrap()
}

/// (grant, month, municipality, øre) of every accrual, sorted.
fn summary(list: &[Accrual]) -> Vec<(String, String, String, i64)> {
    let mut rows: Vec<_> = list
        .iter()
        .map(|a| {
            (
                a.grant.to_string(),
                a.period.to_string(),
                a.municipality.to_string(),
                a.amount.0,
            )
        })
        .collect();
    rows.sort();
    rows
}

fn of_grant(list: &[Accrual], grant: Grant) -> Vec<(String, i64)> {
    let mut rows: Vec<_> = list
        .iter()
        .filter(|a| a.grant == grant)
        .map(|a| (a.period.to_string(), a.amount.0))
        .collect();
    rows.sort();
    rows
}

fn nok(kroner: i64) -> i64 {
    kroner * 100
}

#[test]
fn r3_the_year_one_lump_sum_follows_the_category_on_the_settlement_date() {
    // (rows, person, expected category, expected øre in the settlement month)
    let table = [
        (
            vec!["settled,2022-03-10,p1,h1,2004-03-10,0301,asylum,false,SY,"],
            Category::SingleAdult,
            nok(232_000),
        ),
        (
            vec!["settled,2022-03-10,p1,h1,2004-03-11,0301,asylum,false,SY,"],
            Category::Child,
            nok(187_000),
        ),
        (
            vec!["settled,2022-03-10,p1,h1,2004-03-11,0301,asylum,true,SY,"],
            Category::UnaccompaniedMinor,
            nok(180_000),
        ),
        (
            vec!["settled,2022-03-10,p1,h1,2004-03-10,0301,asylum,true,SY,"],
            Category::SingleAdult,
            nok(232_000),
        ),
        (
            vec![
                "settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,",
                "settled,2022-03-10,p2,h1,1991-01-01,0301,asylum,false,SY,",
            ],
            Category::Adult,
            nok(187_000),
        ),
        (
            // Same household, another day: each is the only one settled that day.
            vec![
                "settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,",
                "settled,2022-09-01,p2,h1,1991-01-01,0301,family,false,SY,",
            ],
            Category::SingleAdult,
            nok(232_000),
        ),
    ];
    for (rows, category, amount) in table {
        let list = accruals(&rows, "2022-01", "2022-12");
        let lump: Vec<_> = list
            .iter()
            .filter(|a| a.grant == Grant::IntegrationYear1 && a.person_id.as_deref() == Some("p1"))
            .collect();
        assert_eq!(lump.len(), 1, "{rows:?}");
        assert_eq!(lump[0].category, Some(category), "{rows:?}");
        assert_eq!(lump[0].amount.0, amount, "{rows:?}");
        assert_eq!(lump[0].period.to_string(), "2022-03");
        assert_eq!(lump[0].rule, RuleId::R3);
    }
}

#[test]
fn r8_one_off_grants_at_the_age_boundaries_59_60_and_5_6() {
    // (birth date, settled 2022-03-10: expected elderly øre, expected kindergarten øre)
    let table = [
        ("1962-03-10", nok(174_000), 0),
        ("1962-03-11", 0, 0),
        ("2016-03-10", 0, 0),
        ("2016-03-11", 0, nok(26_700)),
        ("2022-01-05", 0, nok(26_700)),
    ];
    for (birth, elderly, kindergarten) in table {
        let row = format!("settled,2022-03-10,p1,h1,{birth},0301,resettlement,false,CD,");
        let list = accruals(&[&row], "2022-01", "2022-12");
        let sum = |g| {
            list.iter()
                .filter(|a| a.grant == g)
                .map(|a| a.amount.0)
                .sum::<i64>()
        };
        assert_eq!(sum(Grant::Elderly), elderly, "{birth}");
        assert_eq!(sum(Grant::Kindergarten), kindergarten, "{birth}");
    }
}

#[test]
fn r4_and_r0_later_grant_years_accrue_monthly_parts_of_the_rate_of_the_month() {
    let list = accruals(
        &["settled,2021-05-01,p1,h1,1990-01-01,0301,asylum,false,SY,"],
        "2022-01",
        "2023-12",
    );
    let integration = of_grant(&list, Grant::Integration);
    assert_eq!(integration.len(), 24);
    // 2022 is grant year 2: 240 000 / 12 = 20 000 every month.
    assert!(integration[..12].iter().all(|(_, ore)| *ore == nok(20_000)));
    // 2023 is grant year 3: 172 000 / 12 = 14 333.33…; the remainder goes to December.
    assert!(integration[12..23].iter().all(|(_, ore)| *ore == 1_433_333));
    assert_eq!(integration[23], ("2023-12".to_string(), 1_433_337));
    assert_eq!(
        integration[12..].iter().map(|(_, o)| o).sum::<i64>(),
        nok(172_000)
    );
    // R0: the Norwegian year-3 lump in January 2023 uses the 2023 rate, not 2022's.
    let norwegian = of_grant(&list, Grant::Norwegian);
    assert_eq!(
        norwegian,
        [
            ("2022-01".into(), nok(66_000)),
            ("2023-01".into(), nok(27_000))
        ]
    );
}

#[test]
fn r1_family_reunification_with_a_humanitarian_permit_has_three_grant_years() {
    // (settlement year, expected 2022 integration total)
    let table = [("2020", nok(172_000)), ("2019", 0), ("2021", nok(240_000))];
    for (year, total) in table {
        let row =
            format!("settled,{year}-02-01,p1,h1,1990-01-01,0301,family_humanitarian,false,SY,");
        let list = accruals(&[&row], "2022-01", "2022-12");
        let sum: i64 = list
            .iter()
            .filter(|a| a.grant == Grant::Integration)
            .map(|a| a.amount.0)
            .sum();
        assert_eq!(sum, total, "{year}");
    }
    // The ordinary bases have five: settled 2018, 2022 is year 5.
    let list = accruals(
        &["settled,2018-02-01,p1,h1,1990-01-01,0301,asylum,false,SY,"],
        "2022-01",
        "2022-12",
    );
    let sum: i64 = list
        .iter()
        .filter(|a| a.grant == Grant::Integration)
        .map(|a| a.amount.0)
        .sum();
    assert_eq!(sum, nok(72_000));
}

#[test]
fn r5_a_move_keeps_the_grant_with_the_old_municipality_for_two_months_in_every_month_position() {
    for move_month in 1..=12u32 {
        let moved = format!("moved,2022-{move_month:02}-10,p1,,,4601,,,,");
        let list = accruals(
            &[
                "settled,2021-01-15,p1,h1,1990-01-01,0301,asylum,false,SY,",
                &moved,
            ],
            "2022-01",
            "2022-12",
        );
        for accrual in list.iter().filter(|a| a.grant == Grant::Integration) {
            let expected = if accrual.period.month >= move_month + 2 {
                "4601"
            } else {
                "0301"
            };
            assert_eq!(
                accrual.municipality.to_string(),
                expected,
                "moved in month {move_month}, {}",
                accrual.period
            );
        }
    }
}

#[test]
fn r6_the_exit_month_accrues_and_later_months_do_not() {
    let list = accruals(
        &[
            "settled,2021-01-15,p1,h1,1990-01-01,0301,asylum,false,SY,",
            "exited,2022-06-20,p1,,,,,,,",
        ],
        "2022-01",
        "2022-12",
    );
    let months: Vec<String> = of_grant(&list, Grant::Integration)
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(
        months,
        ["2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06"]
    );
    // An exit before the January of grant year 3 loses the Norwegian lump of that year.
    let list = accruals(
        &[
            "settled,2020-05-15,p1,h1,1990-01-01,0301,asylum,false,SY,",
            "exited,2021-12-31,p1,,,,,,,",
        ],
        "2022-01",
        "2022-12",
    );
    assert!(list.is_empty(), "{:?}", summary(&list));
}

#[test]
fn r7_a_child_born_183_days_after_the_mother_settled_is_in_the_target_group_and_184_is_not() {
    let mother = "settled,2022-01-10,m1,h1,1990-01-01,0301,asylum,false,SY,";
    let born_183 = "born,2022-07-12,c1,,2022-07-12,,,,,m1";
    let list = accruals(&[mother, born_183], "2022-01", "2022-12");
    let child: Vec<_> = summary(
        &list
            .iter()
            .filter(|a| a.person_id.as_deref() == Some("c1"))
            .cloned()
            .collect::<Vec<_>>(),
    );
    assert_eq!(
        child,
        [
            (
                "integration_year1".into(),
                "2022-07".into(),
                "0301".into(),
                nok(187_000)
            ),
            (
                "kindergarten".into(),
                "2022-07".into(),
                "0301".into(),
                nok(26_700)
            ),
        ]
    );
    let born_184 = "born,2022-07-13,c1,,2022-07-13,,,,,m1";
    let list = accruals(&[mother, born_184], "2022-01", "2022-12");
    assert!(list.iter().all(|a| a.person_id.as_deref() != Some("c1")));
}

#[test]
fn r7_a_child_born_in_a_later_grant_year_accrues_monthly_parts_from_its_birth_month_where_the_mother_lives(
) {
    let list = accruals(
        &[
            "settled,2021-10-01,m1,h1,1990-01-01,0301,asylum,false,SY,",
            "moved,2021-12-05,m1,,,4601,,,,",
            "born,2022-02-01,c1,,2022-02-01,,,,,m1",
        ],
        "2022-01",
        "2022-12",
    );
    let child: Vec<_> = list
        .iter()
        .filter(|a| a.person_id.as_deref() == Some("c1"))
        .collect();
    assert!(child.iter().all(|a| a.municipality.to_string() == "4601"));
    let integration: Vec<_> = child
        .iter()
        .filter(|a| a.grant == Grant::Integration)
        .collect();
    assert_eq!(integration.len(), 11);
    assert!(integration
        .iter()
        .all(|a| a.amount.0 == nok(20_000) && a.grant_year == 2));
    assert!(child.iter().all(|a| a.grant != Grant::IntegrationYear1));
    assert_eq!(
        child
            .iter()
            .filter(|a| a.grant == Grant::Kindergarten)
            .count(),
        1
    );
}

#[test]
fn r9_r10_the_minor_grant_runs_to_the_year_of_20_at_the_high_rate_to_16_and_the_low_rate_from_17() {
    // (birth date, settlement date, expected 2022 minor months, expected 2022 total øre)
    let high_december = 111_800_000 - 9_316_666 * 11;
    let table = [
        // Turns 16 in 2022: high rate, March–December.
        (
            "2006-05-01",
            "2022-03-01",
            10,
            9_316_666 * 9 + high_december,
        ),
        // Turns 17 in 2022: low rate 705 000 / 12 = 58 750.
        ("2005-05-01", "2022-03-01", 10, 5_875_000 * 10),
        // Turns 20 in 2022: the last year, all twelve months.
        ("2002-05-01", "2019-03-01", 12, 70_500_000),
        // Turns 21 in 2022: nothing.
        ("2001-05-01", "2018-03-01", 0, 0),
    ];
    for (birth, settled, months, total) in table {
        let row = format!("settled,{settled},p1,h1,{birth},0301,asylum,true,AF,");
        let list = accruals(&[&row], "2022-01", "2022-12");
        let minor = of_grant(&list, Grant::Minor);
        assert_eq!(minor.len(), months, "{birth}");
        assert_eq!(minor.iter().map(|(_, o)| o).sum::<i64>(), total, "{birth}");
    }
    // The year of 20 ends in December: nothing in January the year after.
    let list = accruals(
        &["settled,2019-03-01,p1,h1,2002-05-01,0301,asylum,true,AF,"],
        "2023-01",
        "2023-12",
    );
    assert!(of_grant(&list, Grant::Minor).is_empty());
}

#[test]
fn r11_norwegian_training_lumps_by_grant_year_age_and_country() {
    // (row, expected Norwegian accruals in 2022)
    let table: Vec<(&str, Vec<(&str, i64)>)> = vec![
        (
            "settled,2022-03-10,p1,h1,1954-03-11,0301,asylum,false,SY,",
            vec![("2022-03", nok(68_000))],
        ),
        (
            "settled,2022-03-10,p1,h1,1954-03-10,0301,asylum,false,SY,",
            vec![],
        ),
        (
            "settled,2022-03-10,p1,h1,2004-03-10,0301,asylum,false,SY,",
            vec![("2022-03", nok(68_000))],
        ),
        (
            "settled,2022-03-10,p1,h1,2004-03-11,0301,asylum,false,SY,",
            vec![],
        ),
        (
            "settled,2022-03-10,p1,h1,1990-01-01,0301,family,false,SE,",
            vec![("2022-03", nok(26_000))],
        ),
        (
            "settled,2021-06-10,p1,h1,1990-01-01,0301,resettlement,false,SE,",
            vec![("2022-01", nok(20_000))],
        ),
        (
            "settled,2020-06-10,p1,h1,1990-01-01,0301,family_humanitarian,false,US,",
            vec![("2022-01", nok(10_000))],
        ),
        (
            "settled,2019-06-10,p1,h1,1990-01-01,0301,asylum,false,SY,",
            vec![],
        ),
    ];
    for (row, expected) in table {
        let list = accruals(&[row], "2022-01", "2022-12");
        let expected: Vec<(String, i64)> = expected
            .into_iter()
            .map(|(m, o)| (m.to_string(), o))
            .collect();
        assert_eq!(of_grant(&list, Grant::Norwegian), expected, "{row}");
    }
}

#[test]
fn r12_collective_protection_gets_one_lump_at_the_collective_rate_where_the_year_has_one() {
    let in_2022 = accruals(
        &["settled,2022-05-02,p1,h1,1990-01-01,0301,collective,false,UA,"],
        "2022-01",
        "2023-12",
    );
    assert_eq!(
        of_grant(&in_2022, Grant::Norwegian),
        [("2022-05".into(), nok(68_000))]
    );
    assert_eq!(
        in_2022
            .iter()
            .find(|a| a.grant == Grant::Norwegian)
            .unwrap()
            .rule,
        RuleId::R12
    );
    let in_2023 = accruals(
        &["settled,2023-05-02,p1,h1,1990-01-01,0301,collective,false,UA,"],
        "2023-01",
        "2023-12",
    );
    assert_eq!(
        of_grant(&in_2023, Grant::Norwegian),
        [("2023-05".into(), nok(45_000))]
    );
}

#[test]
fn r13_the_base_grant_follows_the_number_of_persons_per_municipality_and_year() {
    // (persons with a Norwegian accrual in 0301 in 2022, expected base grant in December)
    let table = [
        (0, None),
        (1, Some(nok(210_000))),
        (3, Some(nok(210_000))),
        (4, Some(nok(624_000))),
        (150, Some(nok(624_000))),
        (151, None),
    ];
    for (count, expected) in table {
        let rows: Vec<String> = (0..count)
            .map(|i| format!("settled,2022-03-10,p{i},h{i},1990-01-01,0301,asylum,false,SY,"))
            .collect();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let list = accruals(&rows, "2022-01", "2022-12");
        let base: Vec<_> = list
            .iter()
            .filter(|a| a.grant == Grant::NorwegianBase)
            .collect();
        assert_eq!(
            base.first().map(|a| a.amount.0),
            expected,
            "{count} persons"
        );
        if let Some(base) = base.first() {
            assert_eq!(base.period.to_string(), "2022-12");
            assert_eq!(base.person_id, None);
        }
    }
}

#[test]
fn r13_counts_the_whole_year_even_when_the_range_starts_later() {
    let rows: Vec<String> = (0..4)
        .map(|i| format!("settled,2022-02-10,p{i},h{i},1990-01-01,0301,asylum,false,SY,"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let list = accruals(&rows, "2022-12", "2022-12");
    assert_eq!(
        summary(&list),
        [(
            "norwegian_base".into(),
            "2022-12".into(),
            "0301".into(),
            nok(624_000)
        )]
    );
}

#[test]
fn a_year_without_rules_is_an_error_that_names_the_year() {
    let error = compute_accruals(
        &Register::default(),
        &rules(),
        period("2024-01"),
        period("2024-02"),
    )
    .unwrap_err();
    assert_eq!(error, MissingYear(2024));
}

#[test]
fn accruals_computed_in_parts_on_threads_equal_one_pass_in_the_same_order() {
    let municipalities = Municipalities::shipped();
    let events = crate::domain::generate::generate_register(
        &crate::domain::generate::GenerateOptions {
            from_year: 2020,
            to_year: 2022,
            seed: 7,
            scale: rust_decimal::Decimal::new(2, 2),
            events_per_person: None,
        },
        &municipalities,
    );
    let register = Register::build(&events, 2);
    assert!(register.persons.len() > 500, "{}", register.persons.len());
    let rules = rules();
    let window = Window::new(&rules, period("2022-01"), period("2022-12")).unwrap();
    let one_pass = accrue_in_parts(&register.persons, &window, 1);
    assert!(one_pass.len() > 1_000, "{}", one_pass.len());
    for parts in [2, 3, 7] {
        assert_eq!(accrue_in_parts(&register.persons, &window, parts), one_pass);
    }
}

#[test]
fn a_window_over_two_years_finds_each_months_own_rules() {
    let rules = rules();
    let window = Window::new(&rules, period("2022-07"), period("2023-06")).unwrap();
    assert_eq!(window.rules(period("2022-07")).year, 2022);
    assert_eq!(window.rules(period("2022-12")).year, 2022);
    assert_eq!(window.rules(period("2023-01")).year, 2023);
    assert_eq!(window.rules(period("2023-06")).year, 2023);
    let missing = Window::new(&rules, period("2021-12"), period("2022-01"));
    assert!(missing.is_err(), "2021 has no rules file");
}
