//! F1–F3 worked out by hand from the rates of rules/2022.toml.

use super::*;
use crate::domain::accrual::tests::register;
use crate::domain::calendar::parse_iso_date;
use crate::domain::municipality::Municipalities;
use crate::domain::prognosis::{parse_prognosis, MonthWindow};
use crate::domain::rules::parse_year_file;

fn rules() -> RuleBook {
    RuleBook::new(vec![parse_year_file(
        "2022.toml",
        include_str!("../../rules/2022.toml"),
    )
    .unwrap()])
    .unwrap()
}

fn prognosis(rows: &[&str], after: Option<&str>) -> Result<Vec<PrognosisRow>, Vec<String>> {
    let header: Vec<String> = crate::domain::prognosis::PROGNOSIS_COLUMNS
        .iter()
        .map(|c| c.to_string())
        .collect();
    let rows: Vec<(usize, Vec<String>)> = rows
        .iter()
        .enumerate()
        .map(|(i, line)| (i + 2, line.split(',').map(str::to_string).collect()))
        .collect();
    let window = MonthWindow {
        year: 2022,
        after: after.map(|m| m.parse().unwrap()),
    };
    parse_prognosis(&header, &rows, &Municipalities::shipped(), window)
        .map_err(|problems| problems.iter().map(|p| p.display_in("p.csv")).collect())
}

fn nok(kroner: i64) -> Ore {
    Ore(kroner * 100)
}

fn month(text: &str) -> Period {
    text.parse().unwrap()
}

/// P1 settled in Oslo in 2021 (grant year 2 in 2022); a move and a second
/// person after the as-of month, which a forecast made in June cannot know.
const REGISTER: [&str; 3] = [
    "settled,2021-03-10,P1,H1,1981-05-05,0301,asylum,false,SY,",
    "moved,2022-08-01,P1,,,3005,,,,",
    "settled,2022-09-01,P2,H2,1990-01-01,0301,asylum,false,SY,",
];

/// Two adults and a child in Drammen in July (one household), an
/// unaccompanied minor in Oslo in November; the March row is before the
/// as-of month and is left out.
const PROGNOSIS: [&str; 4] = [
    "2022-07,3005,asylum,adult,SY,2",
    "2022-07,3005,asylum,child,SY,1",
    "2022-11,0301,resettlement,unaccompanied_minor,AF,1",
    "2022-03,0301,asylum,single_adult,SY,5",
];

#[test]
fn a_forecast_made_in_june_takes_the_register_of_june_and_the_later_prognosis() {
    let rows = prognosis(&PROGNOSIS, None).unwrap();
    let made = forecast(
        &register(&REGISTER),
        &rows,
        &rules(),
        2022,
        month("2022-06"),
    )
    .unwrap();
    let amount = |grant, m: &str, source| made.amounts.get(&(grant, month(m), source)).copied();
    // The register: P1 in Oslo all year (the August move is unknown in June).
    for m in 1..=12 {
        let m = format!("2022-{m:02}");
        assert_eq!(
            amount(Grant::Integration, &m, Source::Register),
            Some(nok(20_000)),
            "{m}"
        );
    }
    assert_eq!(
        amount(Grant::Norwegian, "2022-01", Source::Register),
        Some(nok(66_000))
    );
    assert_eq!(
        amount(Grant::NorwegianBase, "2022-12", Source::Register),
        Some(nok(210_000))
    );
    // The prognosis: 2 adults and a child of one household (adult rate),
    // Norwegian year 1 for the adults only (the child is 8).
    let july = |grant| amount(grant, "2022-07", Source::Prognosis);
    assert_eq!(july(Grant::IntegrationYear1), Some(nok(3 * 187_000)));
    assert_eq!(july(Grant::Norwegian), Some(nok(2 * 68_000)));
    assert_eq!(july(Grant::Kindergarten), None);
    // The minor, 16 in 2022: the lump sum and the high rate in monthly
    // parts, December taking the remainder (111 800 000 øre / 12).
    assert_eq!(
        amount(Grant::IntegrationYear1, "2022-11", Source::Prognosis),
        Some(nok(180_000))
    );
    assert_eq!(
        amount(Grant::Minor, "2022-11", Source::Prognosis),
        Some(Ore(9_316_666))
    );
    assert_eq!(
        amount(Grant::Minor, "2022-12", Source::Prognosis),
        Some(Ore(9_316_674))
    );
    // Drammen's base grant is the prognosis's; Oslo's stays the register's.
    assert_eq!(
        amount(Grant::NorwegianBase, "2022-12", Source::Prognosis),
        Some(nok(210_000))
    );
    // Nothing of P2, the move, or the March row.
    let p2_or_march = made.amounts.keys().any(|(grant, m, source)| {
        *grant == Grant::IntegrationYear1 && (*m == month("2022-09") || *m == month("2022-03"))
            || *grant == Grant::Integration && *source == Source::Prognosis
    });
    assert!(!p2_or_march, "{:?}", made.amounts);

    let lines = made.by_budget_line();
    assert_eq!(lines["0671.60"].accrued, nok(6 * 20_000));
    assert_eq!(
        lines["0671.60"].expected_rest,
        nok(6 * 20_000 + 561_000 + 180_000)
    );
    assert_eq!(lines["0671.61"].total(), Ore(9_316_666 + 9_316_674));
    assert_eq!(lines["0672.60"].accrued, nok(66_000));
    assert_eq!(
        lines["0672.60"].expected_rest,
        nok(210_000 + 136_000 + 210_000)
    );
}

#[test]
fn the_forecast_made_in_december_is_the_outcome() {
    let register = register(&REGISTER);
    let rows = prognosis(&PROGNOSIS, None).unwrap();
    let all = rolling(&register, &rows, &rules(), 2022).unwrap();
    assert_eq!(all.len(), 12);
    let december = &all[11];
    let mut sums: BTreeMap<(Grant, Period), Ore> = BTreeMap::new();
    for ((grant, m, source), amount) in &december.amounts {
        assert_eq!(*source, Source::Register, "no prognosis after December");
        *sums.entry((*grant, *m)).or_default() += *amount;
    }
    let outcome = outcome(&register, &rules(), 2022).unwrap();
    assert_eq!(sums, outcome);
    // The outcome has what June could not know: P2 in September, and
    // P1's months from October in Drammen (same rate, other municipality).
    assert_eq!(
        outcome[&(Grant::IntegrationYear1, month("2022-09"))],
        nok(232_000)
    );
    // June's forecast had the November minor; the outcome has none.
    assert!(all[5].total_of("0671.61") > Ore(0));
    assert!(!outcome.keys().any(|(g, _)| *g == Grant::Minor));
}

#[test]
fn single_adults_and_the_elderly_are_households_alone() {
    let rows = prognosis(
        &[
            "2022-12,0301,asylum,single_adult,SY,2",
            "2022-12,0301,asylum,elderly,SY,1",
        ],
        None,
    )
    .unwrap();
    let persons = prognosis_persons(&rows);
    assert_eq!(persons.len(), 3);
    for person in &persons {
        assert_eq!(person.household_settled_same_day, 1);
        assert_eq!(
            person.category(),
            crate::domain::grant::Category::SingleAdult
        );
        assert_eq!(
            person.settlement_date,
            parse_iso_date("2022-12-01").unwrap()
        );
    }
    assert_eq!(persons[2].age_at_settlement(), 65);
    let made = forecast(
        &Register::default(),
        &rows,
        &rules(),
        2022,
        month("2022-11"),
    )
    .unwrap();
    let december = |grant| made.amounts[&(grant, month("2022-12"), Source::Prognosis)];
    assert_eq!(december(Grant::IntegrationYear1), nok(3 * 232_000));
    assert_eq!(december(Grant::Elderly), nok(174_000));
    assert_eq!(
        december(Grant::NorwegianBase),
        nok(210_000),
        "3 persons: the low base"
    );
}

#[test]
fn every_refusal_of_a_prognosis_names_its_row_and_column() {
    let cases = [
        ("2022-07,9999,asylum,adult,SY,1", "p.csv:2:municipality:"),
        ("2022-07,0301,tourist,adult,SY,1", "p.csv:2:basis:"),
        ("2022-07,0301,asylum,teenager,SY,1", "p.csv:2:category:"),
        ("2022-07,0301,asylum,adult,ZZ,1", "p.csv:2:country:"),
        ("2022-07,0301,asylum,adult,sy,1", "p.csv:2:country:"),
        (
            "2023-01,0301,asylum,adult,SY,1",
            "p.csv:2:month: 2023-01 is outside",
        ),
        (
            "2022-06,0301,asylum,adult,SY,1",
            "p.csv:2:month: 2022-06 is not after",
        ),
        ("2022-13,0301,asylum,adult,SY,1", "p.csv:2:month:"),
        ("2022-07,0301,asylum,adult,SY,-1", "p.csv:2:count:"),
        ("2022-07,0301,asylum,adult,SY,1.5", "p.csv:2:count:"),
        ("2022-07,0301,asylum,adult,SY,", "p.csv:2:count: missing"),
    ];
    for (row, expected) in cases {
        let problems = prognosis(&[row], Some("2022-06")).unwrap_err();
        assert_eq!(problems.len(), 1, "{row}: {problems:?}");
        assert!(problems[0].starts_with(expected), "{row}: {problems:?}");
    }
    let zero = prognosis(&["2022-07,0301,asylum,adult,SY,0"], Some("2022-06")).unwrap();
    assert_eq!(zero[0].count, 0, "a count of 0 is allowed");
    let both = prognosis(
        &[
            "2022-07,0301,asylum,adult,SY,1",
            "2022-07,9999,asylum,adult,XX,x",
        ],
        Some("2022-06"),
    )
    .unwrap_err();
    assert_eq!(both.len(), 3, "every problem of every row: {both:?}");
}

#[test]
fn a_shaped_prognosis_adds_up_to_the_year_and_keeps_the_register_shape() {
    let register = register(&[
        "settled,2022-02-10,Q1,H1,1990-01-01,0301,asylum,false,SY,",
        "settled,2022-05-10,Q2,H2,1950-01-01,0301,asylum,false,SY,",
        "settled,2022-05-10,Q3,H3,2010-01-01,3005,collective,true,UA,",
        "settled,2022-08-10,Q4,H4,1980-01-01,3005,collective,false,UA,",
        "settled,2022-08-10,Q5,H4,2015-01-01,3005,collective,false,UA,",
    ]);
    let rows = crate::domain::prognosis::shaped_prognosis(&register, 2022, 4, 9);
    let counts: u32 = rows.iter().map(|r| r.count).sum();
    assert_eq!(counts, 8, "9 in the year, one known before April");
    assert!(rows.iter().all(|r| r.month >= month("2022-04")));
    let of = |category| {
        rows.iter()
            .filter(|r| r.category == category)
            .map(|r| r.count)
            .sum::<u32>()
    };
    // Four persons from April shape eight: two of each.
    assert_eq!(of(PrognosisCategory::Elderly), 2);
    assert_eq!(of(PrognosisCategory::UnaccompaniedMinor), 2);
    assert_eq!(of(PrognosisCategory::Adult), 2);
    assert_eq!(of(PrognosisCategory::Child), 2);
}

#[test]
fn a_prognosis_that_lifts_a_municipality_past_150_persons_takes_its_base_grant_away() {
    // Oslo's one register person earns the low base grant (R13, 1–3
    // persons); 150 single adults more make 151, and R13 pays nothing above
    // 150: the register keeps its 210 000, the prognosis takes it away.
    let rows = prognosis(&["2022-07,0301,asylum,single_adult,SY,150"], None).unwrap();
    let made = forecast(
        &register(&REGISTER[..1]),
        &rows,
        &rules(),
        2022,
        month("2022-06"),
    )
    .unwrap();
    let base = |source| {
        made.amounts
            .get(&(Grant::NorwegianBase, month("2022-12"), source))
            .copied()
    };
    assert_eq!(base(Source::Register), Some(nok(210_000)));
    assert_eq!(base(Source::Prognosis), Some(nok(-210_000)));
    // After June: the register's December base, the prognosis's Norwegian
    // year 1 and its taking the base away.
    let rest = nok(210_000 + 150 * 68_000 - 210_000);
    assert_eq!(made.by_budget_line()["0672.60"].expected_rest, rest);
}
