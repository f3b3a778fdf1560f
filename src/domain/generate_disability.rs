//! Synthetic applications for the disability grant, shaped by the annual
//! report 2022 (table 4-2: 837 applications received in 2022, 991 awarded,
//! about 606 mill. NOK paid; ch. 4: about a month from received to decided
//! in 2022, five months before). For the demo; deterministic from a seed.

use crate::domain::accrual::integration_exclusion;
use crate::domain::calendar::Period;
use crate::domain::disability::{
    calendar_year, DisabilityApplication, DisabilityDecisionKind, DisabilityGrant,
};
use crate::domain::disability_file::DecisionRow;
use crate::domain::generate::SplitMix64;
use crate::domain::grant::Basis;
use crate::domain::money::Ore;
use crate::domain::register::{Person, Register};
use chrono::{Datelike, Days, Months, NaiveDate};

/// The report's applications received in 2022 (table 4-2).
pub const RECEIVED_2022: u64 = 837;
/// Applications received late in the year before and decided in the year
/// (about five months of them, at 2021's processing time): the project's
/// assumption, chosen so that awards come to about the report's 991.
pub const CARRIED_FROM_YEAR_BEFORE: u64 = 420;
/// Share of grant 2 among applications, per mille (assumption).
const GRANT2_PER_MILLE: u64 = 500;
/// Share rejected, per mille (assumption).
const REJECTED_PER_MILLE: u64 = 50;

/// Applications and decisions for `year`: `received` received in the year
/// and `carried` received from August of the year before, each for a
/// different person of the register.
pub fn generate_disability(
    register: &Register,
    year: i32,
    received: u64,
    carried: u64,
    seed: u64,
    move_lag_months: u32,
) -> (Vec<DisabilityApplication>, Vec<DecisionRow>) {
    let mut rng = SplitMix64::new(seed ^ 0xD15A_B111);
    let candidates: Vec<&Person> = register
        .persons
        .iter()
        .filter(|p| p.born.is_none() && p.exit.is_none() && integration_exclusion(p).is_none())
        .filter(|p| p.clock_year == year - 1 || p.clock_year == year)
        .collect();
    let mut used = vec![false; candidates.len()];
    let mut applications = Vec::new();
    let mut decisions = Vec::new();
    let windows = [
        (carried, date(year - 1, 8, 1), date(year - 1, 12, 31)),
        (received, date(year, 1, 1), date(year, 12, 31)),
    ];
    for (count, from, to) in windows {
        for _ in 0..count {
            let Some((index, received_on)) = pick(&candidates, &used, from, to, &mut rng) else {
                break;
            };
            used[index] = true;
            let person = candidates[index];
            let n = applications.len() + 1;
            let application =
                application_for(person, n, year, received_on, move_lag_months, &mut rng);
            decisions.push(decision_for(&application, year, &mut rng));
            applications.push(application);
        }
    }
    (applications, decisions)
}

/// A person not used yet and a day they can be applied for in `from..=to`
/// (within 14 months of settlement, R18); a few tries, then none.
fn pick(
    candidates: &[&Person],
    used: &[bool],
    from: NaiveDate,
    to: NaiveDate,
    rng: &mut SplitMix64,
) -> Option<(usize, NaiveDate)> {
    for _ in 0..64 {
        let index = rng.below(candidates.len() as u64) as usize;
        if used[index] {
            continue;
        }
        let person = candidates[index];
        let due = person.settlement_date.checked_add_months(Months::new(14))?;
        let (first, last) = (from.max(person.settlement_date), to.min(due));
        if first > last {
            continue;
        }
        let span = (last - first).num_days() as u64;
        return Some((index, first + Days::new(rng.below(span + 1))));
    }
    None
}

/// An application for the person's grant year that falls in `year` (1 or
/// 2: the candidates were settled in the year or the year before).
fn application_for(
    person: &Person,
    n: usize,
    year: i32,
    received: NaiveDate,
    lag: u32,
    rng: &mut SplitMix64,
) -> DisabilityApplication {
    let grant_year = u8::try_from(year - person.clock_year + 1).expect("1 or 2");
    let grant = if rng.chance(GRANT2_PER_MILLE) {
        DisabilityGrant::Two
    } else {
        DisabilityGrant::One
    };
    let month = Period::new(calendar_year(person, grant_year), 1)
        .expect("January")
        .max(person.settlement_period());
    DisabilityApplication {
        reference: format!("NF-{n:05}"),
        municipality: person.municipality_of(month, lag),
        person_id: person.id.to_string(),
        grant,
        grant_year,
        // 300 000 to 1 800 000 NOK: some above the cap, which R16 caps.
        documented_expenses: (grant == DisabilityGrant::Two)
            .then(|| Ore(30_000_000 + 10_000 * rng.below(15_001) as i64)),
        originated_before_settlement: true,
        special_agreement: matches!(person.basis, Basis::Family | Basis::FamilyHumanitarian),
        received,
        extended_until: None,
    }
}

/// About a month to decide an application received in `year` (ch. 4); one
/// received the year before waited about five months, but at least into
/// January.
fn decision_for(a: &DisabilityApplication, year: i32, rng: &mut SplitMix64) -> DecisionRow {
    let days = if a.received.year() == year {
        15 + rng.below(31)
    } else {
        120 + rng.below(40)
    };
    let decided = (a.received + Days::new(days)).max(date(year, 1, 5));
    let rejected = rng.chance(REJECTED_PER_MILLE);
    DecisionRow {
        row: 0,
        reference: a.reference.clone(),
        kind: if rejected {
            DisabilityDecisionKind::Rejected
        } else {
            DisabilityDecisionKind::Awarded
        },
        amount: None,
        reason: if rejected {
            "Vilkåra i forskrifta er ikkje oppfylte".into()
        } else {
            String::new()
        },
        date: decided,
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::disability::check_application;
    use crate::domain::generate::{generate_register, GenerateOptions};
    use crate::domain::municipality::Municipalities;
    use crate::domain::rules::{parse_year_file, RuleBook};

    #[test]
    fn every_generated_application_passes_the_rules_and_counts_match() {
        let options = GenerateOptions {
            from_year: 2018,
            to_year: 2022,
            seed: 7,
            scale: "0.1".parse().unwrap(),
            events_per_person: None,
        };
        let register = Register::build(&generate_register(&options, &Municipalities::shipped()), 2);
        let rules = RuleBook::new(vec![parse_year_file(
            "2022.toml",
            include_str!("../../rules/2022.toml"),
        )
        .unwrap()])
        .unwrap();
        let (applications, decisions) = generate_disability(&register, 2022, 84, 42, 7, 2);
        assert_eq!((applications.len(), decisions.len()), (126, 126));
        let received_2022 = applications
            .iter()
            .filter(|a| a.received.year() == 2022)
            .count();
        assert_eq!(received_2022, 84);
        for a in &applications {
            let person = register.person(&a.person_id).unwrap();
            let checked = check_application(a, person, &rules, 2, &[]);
            assert!(checked.is_ok(), "{a:?}: {checked:?}");
        }
        for (a, d) in applications.iter().zip(&decisions) {
            assert!(d.date >= a.received, "{a:?} {d:?}");
        }
    }
}
