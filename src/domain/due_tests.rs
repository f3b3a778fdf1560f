//! The line sums accrued straight from the register must equal the plan
//! over the full list of accruals, on a generated register with moves.

use super::*;
use crate::domain::accrual::compute_accruals;
use crate::domain::grant::RuleId;
use crate::domain::municipality::Municipalities;
use crate::domain::payout::{add_paid, plan_batch, plan_from_due, terms_in_month, BatchLine};
use crate::domain::rules::parse_year_file;
use smol_str::SmolStr;

fn rules() -> RuleBook {
    RuleBook::new(vec![
        parse_year_file("2022.toml", include_str!("../../rules/2022.toml")).unwrap(),
        parse_year_file("2023.toml", include_str!("../../rules/2023.toml")).unwrap(),
    ])
    .unwrap()
}

fn period(text: &str) -> Period {
    text.parse().unwrap()
}

/// A register of 2020–2022 with several events per person (moves, exits).
fn generated_register() -> Register {
    let events = crate::domain::generate::generate_register(
        &crate::domain::generate::GenerateOptions {
            from_year: 2020,
            to_year: 2022,
            seed: 11,
            scale: rust_decimal::Decimal::new(3, 2),
            events_per_person: Some(3),
        },
        &Municipalities::shipped(),
    );
    Register::build(&events, 2)
}

/// Decided disability grants: persons outside the register's order.
fn extra_accruals(register: &Register) -> Vec<Accrual> {
    let someone = register.persons[register.persons.len() / 2].id.clone();
    let accrual = |person: SmolStr, grant: Grant, month: &str, ore: i64| Accrual {
        person_id: Some(person),
        municipality: register.persons[0].municipality_of(period(month), 2),
        grant,
        period: period(month),
        amount: Ore(ore),
        rule: RuleId::R19,
        category: None,
        grant_year: 1,
        rate: RateKey::Elderly,
    };
    vec![
        accrual(SmolStr::new("zz-last"), Grant::Disability1, "2022-05", 700),
        accrual(someone.clone(), Grant::Disability1, "2022-06", 900),
        accrual(SmolStr::new("aa-first"), Grant::Disability1, "2022-05", 300),
        accrual(someone, Grant::Disability1, "2022-02", 100),
    ]
}

/// The rates the full list of accruals used in `start..=through`.
fn rates_of(
    accruals: &[Accrual],
    start: Period,
    through: Period,
) -> BTreeSet<(Grant, i32, RateKey)> {
    accruals
        .iter()
        .filter(|a| a.period >= start && a.period <= through)
        .map(|a| (a.grant, a.period.year, a.rate))
        .collect()
}

#[test]
fn each_term_of_a_year_plans_the_same_lines_as_the_full_list_of_accruals() {
    let register = generated_register();
    assert!(register.persons.len() > 1_000, "{}", register.persons.len());
    let rules = rules();
    let extra = extra_accruals(&register);
    let start = period("2022-01");
    let mut paid: Vec<BatchLine> = Vec::new();
    let mut terms_seen = 0;
    for month in 1..=12 {
        let terms = terms_in_month(&rules, Period::new(2022, month).unwrap()).unwrap();
        if terms.is_empty() {
            continue;
        }
        terms_seen += 1;
        let through = *terms.values().max().unwrap();
        let mut accruals = compute_accruals(&register, &rules, start, through).unwrap();
        accruals.extend(extra.iter().filter(|a| a.period <= through).cloned());
        let expected = plan_batch(&terms, start, &accruals, &paid);

        let extra_now: Vec<Accrual> = extra
            .iter()
            .filter(|a| a.period <= through)
            .cloned()
            .collect();
        let due = due_by_line(&register, &rules, start, &terms, &extra_now).unwrap();
        assert_eq!(due.accruals, accruals.len(), "month {month}");
        assert_eq!(
            due.rates_used,
            rates_of(&accruals, start, through),
            "month {month}"
        );
        let lines = plan_from_due(&terms, due.due, &paid);
        assert!(!lines.is_empty(), "month {month}");
        assert_eq!(lines, expected, "month {month}");
        paid = add_paid(&paid, lines);
    }
    assert_eq!(terms_seen, 4);
}

#[test]
fn every_grant_through_december_from_a_later_start_sums_the_same() {
    let register = generated_register();
    let rules = rules();
    let start = period("2022-03");
    let through = period("2022-12");
    let terms: BTreeMap<Grant, Period> = Grant::ALL
        .into_iter()
        .filter(|g| *g != Grant::Disability2)
        .map(|g| (g, through))
        .collect();
    let extra = extra_accruals(&register);
    let mut accruals = compute_accruals(&register, &rules, start, through).unwrap();
    let extra_in: Vec<Accrual> = extra.into_iter().filter(|a| a.period >= start).collect();
    accruals.extend(extra_in.iter().cloned());
    assert!(accruals.iter().any(|a| a.grant == Grant::NorwegianBase));

    let due = due_by_line(&register, &rules, start, &terms, &extra_in).unwrap();
    let lines: Vec<BatchLine> = plan_from_due(&terms, due.due, &[]);
    assert_eq!(lines, plan_batch(&terms, start, &accruals, &[]));
    assert!(lines.iter().any(|l| l.key.grant == Grant::Disability1));
}

#[test]
fn sums_in_parts_on_threads_equal_one_part() {
    let register = generated_register();
    let rules = rules();
    let terms = terms_in_month(&rules, period("2022-10")).unwrap();
    let window = Window::new(&rules, period("2022-01"), *terms.values().max().unwrap()).unwrap();
    let scope = Scope::new(period("2022-01"), &terms).unwrap();
    let half = register.persons.len() / 2;
    let (first, second) = register.persons.split_at(half);
    let one = sum_persons(&register.persons, &window, &scope);
    let two: Vec<PartSums> = [first, second]
        .into_iter()
        .flat_map(|part| sum_persons(part, &window, &scope))
        .collect();
    assert_eq!(join_parts(one), join_parts(two));
}

#[test]
fn joined_in_ranges_on_threads_equals_joined_in_one() {
    let register = generated_register();
    let rules = rules();
    let terms = terms_in_month(&rules, period("2022-12")).unwrap();
    let window = Window::new(&rules, period("2022-01"), *terms.values().max().unwrap()).unwrap();
    let scope = Scope::new(period("2022-01"), &terms).unwrap();
    let sums = || sum_persons(&register.persons, &window, &scope);
    let one = join_parts_in(sums(), 1);
    assert!(one.due.len() > 100, "{} lines", one.due.len());
    for ranges in [2, 3, 7] {
        let parts = sums();
        let total = parts.iter().map(PartSums::runs).sum();
        let bounds = range_bounds(&parts, ranges, total);
        assert_eq!(bounds.len(), ranges, "{bounds:?}");
        assert_eq!(join_parts_in(parts, ranges), one, "{ranges} ranges");
    }
}

#[test]
fn no_term_is_nothing_due() {
    let register = generated_register();
    let due = due_by_line(
        &register,
        &rules(),
        period("2022-01"),
        &BTreeMap::new(),
        &[],
    )
    .unwrap();
    assert_eq!(due, DueLines::default());
}

#[test]
fn the_slots_follow_the_key_order_of_municipality_and_grant() {
    for (index, grant) in Grant::ALL.into_iter().enumerate() {
        assert_eq!(grant as usize, index, "{grant:?}");
    }
    let oslo = MunicipalityNumber::from_trusted_u16(301).unwrap();
    let bergen = MunicipalityNumber::from_trusted_u16(4601).unwrap();
    assert!(slot(oslo, Grant::Disability2) < slot(bergen, Grant::IntegrationYear1));
    assert!(slot(oslo, Grant::Integration) < slot(oslo, Grant::Minor));
}
