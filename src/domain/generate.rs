//! A realistic synthetic settlement register, shaped by the annual report
//! 2022 (table 3-1-1 and figure 3-1-2): settlements per year and category,
//! households, ages, countries and bases, spread over the municipalities by
//! population, with some moves, exits and births. Deterministic for a seed.
//! Pure: parameters in, events out.

use crate::domain::grant::Basis;
use crate::domain::municipality::{Municipalities, MunicipalityNumber};
use crate::domain::register::{Event, EventKind};
use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Settlement figures of one year (annual report 2022, tables 3-1-1 and 3-1-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearVolume {
    pub year: i32,
    /// Busette totalt.
    pub settled: u32,
    /// Busette einslege mindreårige.
    pub unaccompanied_minors: u32,
    /// Busette i barnefamiliar (adults and children).
    pub in_families: u32,
    /// Of those, children.
    pub family_children: u32,
    /// Talet på barnefamiliar.
    pub families: u32,
    /// Overføringsflyktningar.
    pub resettled: u32,
    /// Settled with collective protection (2022: 27 058).
    pub collective: u32,
}

/// Table 3-1-1 and 3-1-2 of the annual report, 2018–2022.
pub const REPORT_VOLUMES: [YearVolume; 5] = [
    YearVolume {
        year: 2018,
        settled: 4903,
        unaccompanied_minors: 194,
        in_families: 3541,
        family_children: 2013,
        families: 778,
        resettled: 2480,
        collective: 0,
    },
    YearVolume {
        year: 2019,
        settled: 4822,
        unaccompanied_minors: 137,
        in_families: 3793,
        family_children: 2162,
        families: 847,
        resettled: 2806,
        collective: 0,
    },
    YearVolume {
        year: 2020,
        settled: 2819,
        unaccompanied_minors: 80,
        in_families: 1923,
        family_children: 1097,
        families: 478,
        resettled: 1523,
        collective: 0,
    },
    YearVolume {
        year: 2021,
        settled: 4489,
        unaccompanied_minors: 108,
        in_families: 3606,
        family_children: 2110,
        families: 814,
        resettled: 3641,
        collective: 0,
    },
    YearVolume {
        year: 2022,
        settled: 31258,
        unaccompanied_minors: 510,
        in_families: 20160,
        family_children: 10328,
        families: 6425,
        resettled: 3146,
        collective: 27058,
    },
];

/// Settlements per month of 2022 in per mille of the year, read off figure
/// 3-1-2: few before the displaced from Ukraine arrived, the peak in June, a
/// low summer and a little over 3 000 a month in the autumn.
pub const MONTHLY_PROFILE_2022: [u32; 12] = [22, 24, 45, 95, 140, 160, 75, 70, 95, 95, 90, 89];

/// Parameters of a generated register.
#[derive(Debug, Clone)]
pub struct GenerateOptions {
    pub from_year: i32,
    pub to_year: i32,
    pub seed: u64,
    /// Multiplies every volume (1 = the report's volume).
    pub scale: Decimal,
}

/// A small deterministic random generator (SplitMix64). Its own code so that
/// a register generated from a seed stays the same across crate upgrades.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// True with a probability of `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Picks municipalities with a probability proportional to population.
struct MunicipalityPicker {
    cumulative: Vec<(u64, MunicipalityNumber)>,
    total: u64,
}

impl MunicipalityPicker {
    fn new(municipalities: &Municipalities) -> MunicipalityPicker {
        let mut total = 0;
        let cumulative = municipalities
            .iter()
            .map(|m| {
                total += m.population_2022.max(1);
                (total, m.number)
            })
            .collect();
        MunicipalityPicker { cumulative, total }
    }

    fn pick(&self, rng: &mut SplitMix64) -> MunicipalityNumber {
        let target = rng.below(self.total);
        let index = self.cumulative.partition_point(|(c, _)| *c <= target);
        self.cumulative[index].1
    }

    fn pick_other(&self, rng: &mut SplitMix64, not: MunicipalityNumber) -> MunicipalityNumber {
        loop {
            let m = self.pick(rng);
            if m != not {
                return m;
            }
        }
    }
}

fn scaled(count: u32, scale: Decimal) -> u32 {
    (Decimal::from(count) * scale).round().to_u32().unwrap_or(0)
}

/// One household settled together.
struct Household {
    id: String,
    date: NaiveDate,
    municipality: MunicipalityNumber,
    basis: Basis,
    country: &'static str,
    /// Birth dates; the first is the household's first adult (or the minor).
    members: Vec<NaiveDate>,
    unaccompanied: bool,
}

/// Generates the register of `from_year..=to_year`. Events come sorted by
/// date, then person.
pub fn generate_register(options: &GenerateOptions, municipalities: &Municipalities) -> Vec<Event> {
    let picker = MunicipalityPicker::new(municipalities);
    let mut rng = SplitMix64::new(options.seed);
    let end = NaiveDate::from_ymd_opt(options.to_year, 12, 31).expect("valid year");
    let mut events = Vec::new();
    let mut person_seq = 0u64;
    for year in options.from_year..=options.to_year {
        let volume = volume_of(year);
        let households = households_of_year(&volume, options.scale, &picker, &mut rng);
        for household in households {
            let mut ids = Vec::new();
            for birth in &household.members {
                person_seq += 1;
                let id = format!("P{person_seq:08}");
                events.push(Event {
                    kind: EventKind::Settled,
                    date: household.date,
                    person_id: id.clone(),
                    household_id: Some(household.id.clone()),
                    birth_date: Some(*birth),
                    municipality: Some(household.municipality),
                    basis: Some(household.basis),
                    unaccompanied: Some(household.unaccompanied),
                    country: Some(household.country.to_string()),
                    mother_id: None,
                });
                ids.push(id);
            }
            add_later_events(
                &household,
                &ids,
                end,
                &picker,
                &mut rng,
                &mut person_seq,
                &mut events,
            );
        }
    }
    events.sort_by(|a, b| (a.date, &a.person_id, a.kind).cmp(&(b.date, &b.person_id, b.kind)));
    events
}

/// The report's volume of a year; years outside 2018–2022 get 2021's shape.
fn volume_of(year: i32) -> YearVolume {
    REPORT_VOLUMES
        .iter()
        .find(|v| v.year == year)
        .copied()
        .unwrap_or(YearVolume {
            year,
            ..REPORT_VOLUMES[3]
        })
}

fn households_of_year(
    volume: &YearVolume,
    scale: Decimal,
    picker: &MunicipalityPicker,
    rng: &mut SplitMix64,
) -> Vec<Household> {
    let settled = scaled(volume.settled, scale);
    let minors = scaled(volume.unaccompanied_minors, scale);
    let families = scaled(volume.families, scale).max(u32::from(volume.families > 0));
    let children = scaled(volume.family_children, scale);
    let family_adults = scaled(volume.in_families, scale)
        .saturating_sub(children)
        .max(families);
    let other_adults = settled.saturating_sub(minors + children + family_adults);
    let collective_share = volume.collective * 1000 / volume.settled.max(1);
    let resettled_share = volume.resettled * 1000 / volume.settled.max(1);
    let year = volume.year;

    let mut households = Vec::new();
    let mut seq = 0u32;
    let new_household =
        |rng: &mut SplitMix64, members: Vec<NaiveDate>, unaccompanied: bool, seq: &mut u32| {
            *seq += 1;
            let roll = rng.below(1000) as u32;
            let (basis, country) = if roll < collective_share {
                (Basis::Collective, "UA")
            } else if roll < collective_share + resettled_share {
                (
                    Basis::Resettlement,
                    *rng.pick(&["SY", "CD", "AF", "SS", "ER", "SO"]),
                )
            } else {
                let basis = match rng.below(100) {
                    0..=79 => Basis::Asylum,
                    80..=94 => Basis::Family,
                    _ => Basis::FamilyHumanitarian,
                };
                let country = if rng.chance(30) {
                    *rng.pick(&["US", "GB", "DE", "PL"])
                } else {
                    *rng.pick(&["SY", "AF", "ER", "TR", "SO", "IR", "CD"])
                };
                (basis, country)
            };
            Household {
                id: format!("H{year}-{seq:06}"),
                date: settlement_date(year, rng),
                municipality: picker.pick(rng),
                basis,
                country,
                members,
                unaccompanied,
            }
        };
    for _ in 0..minors {
        let date_probe = settlement_date(year, rng);
        let birth = birth_date_for_age(date_probe, 14 + rng.below(4) as i32, rng);
        let mut household = new_household(rng, vec![birth], true, &mut seq);
        household.date = date_probe;
        households.push(household);
    }
    // Families: one or two adults each, children spread evenly with the
    // remainder going to the first families.
    let two_adult_families = family_adults.saturating_sub(families).min(families);
    for index in 0..families {
        let date = settlement_date(year, rng);
        let adults = if index < two_adult_families { 2 } else { 1 };
        let kids = children / families.max(1) + u32::from(index < children % families.max(1));
        let mut members = Vec::new();
        for _ in 0..adults {
            members.push(birth_date_for_age(date, 22 + rng.below(26) as i32, rng));
        }
        for _ in 0..kids {
            members.push(birth_date_for_age(date, rng.below(18) as i32, rng));
        }
        let mut household = new_household(rng, members, false, &mut seq);
        household.date = date;
        households.push(household);
    }
    // Other adults: mostly alone, some as couples; a few elderly.
    let mut left = other_adults;
    while left > 0 {
        let size = if left >= 2 && rng.chance(150) { 2 } else { 1 };
        let date = settlement_date(year, rng);
        let members = (0..size)
            .map(|_| {
                let age = if rng.chance(40) {
                    60 + rng.below(20)
                } else {
                    18 + rng.below(40)
                };
                birth_date_for_age(date, age as i32, rng)
            })
            .collect();
        let mut household = new_household(rng, members, false, &mut seq);
        household.date = date;
        households.push(household);
        left -= size;
    }
    households
}

/// A settlement date: 2022 follows the report's monthly profile, other years
/// are spread evenly.
fn settlement_date(year: i32, rng: &mut SplitMix64) -> NaiveDate {
    let month = if year == 2022 {
        let roll = rng.below(1000) as u32;
        let mut cumulative = 0;
        let mut month = 12;
        for (index, per_mille) in MONTHLY_PROFILE_2022.iter().enumerate() {
            cumulative += per_mille;
            if roll < cumulative {
                month = index as u32 + 1;
                break;
            }
        }
        month
    } else {
        rng.below(12) as u32 + 1
    };
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let days = first
        .with_day(1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .expect("next month")
        - first;
    first + Days::new(rng.below(days.num_days() as u64))
}

/// A birth date that makes the person `age` on `on`.
fn birth_date_for_age(on: NaiveDate, age: i32, rng: &mut SplitMix64) -> NaiveDate {
    let latest = on
        .with_year(on.year() - age)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(on.year() - age, 2, 28).expect("valid"));
    latest - Days::new(rng.below(364))
}

/// Moves, exits and births after a household's settlement, up to `end`.
fn add_later_events(
    household: &Household,
    ids: &[String],
    end: NaiveDate,
    picker: &MunicipalityPicker,
    rng: &mut SplitMix64,
    person_seq: &mut u64,
    events: &mut Vec<Event>,
) {
    let days_left = (end - household.date).num_days();
    if days_left < 30 {
        return;
    }
    let later =
        |rng: &mut SplitMix64| household.date + Days::new(30 + rng.below((days_left - 29) as u64));
    let mut exit_of_household = None;
    // About 4 % of households move once, the whole household together.
    let moving = rng
        .chance(40)
        .then(|| (later(rng), picker.pick_other(rng, household.municipality)));
    // About 1 % of persons leave (emigrate or die).
    for (index, id) in ids.iter().enumerate() {
        let exit = rng.chance(10).then(|| later(rng));
        if let Some((date, to)) = moving {
            if exit.is_none_or(|exit| exit >= date) {
                events.push(simple_event(EventKind::Moved, date, id, Some(to)));
            }
        }
        if let Some(date) = exit {
            events.push(simple_event(EventKind::Exited, date, id, None));
            if index == 0 {
                exit_of_household = Some(date);
            }
        }
    }
    // About 3 % of families with an adult of child-bearing age have a child
    // within ten months, some of them after the 183 days of R7.
    let first_adult_is_adult = household.members.len() > 1 && !household.unaccompanied;
    if first_adult_is_adult && rng.chance(30) {
        let birth = household.date + Days::new(20 + rng.below(280));
        if birth <= end && exit_of_household.is_none_or(|exit| birth <= exit) {
            *person_seq += 1;
            events.push(Event {
                kind: EventKind::Born,
                date: birth,
                person_id: format!("P{:08}", *person_seq),
                household_id: None,
                birth_date: Some(birth),
                municipality: None,
                basis: None,
                unaccompanied: None,
                country: None,
                mother_id: Some(ids[0].clone()),
            });
        }
    }
}

fn simple_event(
    kind: EventKind,
    date: NaiveDate,
    id: &str,
    municipality: Option<MunicipalityNumber>,
) -> Event {
    Event {
        kind,
        date,
        person_id: id.to_string(),
        household_id: None,
        birth_date: None,
        municipality,
        basis: None,
        unaccompanied: None,
        country: None,
        mother_id: None,
    }
}

/// Writes events as a register CSV.
pub fn to_csv(events: &[Event], mut out: impl std::io::Write) -> std::io::Result<()> {
    writeln!(out, "{}", crate::domain::register::COLUMNS.join(","))?;
    for event in events {
        writeln!(out, "{}", event.fields().join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::{validate_batch, Register};
    use std::collections::BTreeMap;

    fn generate(seed: u64, scale: &str) -> Vec<Event> {
        let options = GenerateOptions {
            from_year: 2018,
            to_year: 2022,
            seed,
            scale: scale.parse().unwrap(),
        };
        generate_register(&options, &Municipalities::shipped())
    }

    #[test]
    fn settlements_per_year_and_category_follow_table_3_1_1() {
        let events = generate(42, "1");
        let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
        let mut minors: BTreeMap<i32, u32> = BTreeMap::new();
        let mut collective_2022 = 0;
        for e in events.iter().filter(|e| e.kind == EventKind::Settled) {
            *per_year.entry(e.date.year()).or_default() += 1;
            if e.unaccompanied == Some(true) {
                *minors.entry(e.date.year()).or_default() += 1;
            }
            if e.basis == Some(Basis::Collective) {
                collective_2022 += 1;
            }
        }
        for volume in REPORT_VOLUMES {
            assert_eq!(per_year[&volume.year], volume.settled, "{}", volume.year);
            assert_eq!(
                minors[&volume.year], volume.unaccompanied_minors,
                "{}",
                volume.year
            );
        }
        // Most of 2022 came from Ukraine with collective protection (27 058 of 31 258).
        assert!(
            (25_000..29_000).contains(&collective_2022),
            "{collective_2022}"
        );
    }

    #[test]
    fn the_2022_peak_is_in_june() {
        let events = generate(42, "1");
        let mut per_month = [0u32; 12];
        for e in events
            .iter()
            .filter(|e| e.kind == EventKind::Settled && e.date.year() == 2022)
        {
            per_month[e.date.month0() as usize] += 1;
        }
        let peak = per_month
            .iter()
            .enumerate()
            .max_by_key(|(_, n)| **n)
            .unwrap()
            .0;
        assert_eq!(peak, 5, "{per_month:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_register_and_another_seed_another() {
        assert_eq!(generate(7, "0.05"), generate(7, "0.05"));
        assert_ne!(generate(7, "0.05"), generate(8, "0.05"));
    }

    #[test]
    fn the_generated_register_passes_the_import_validation_and_has_moves_exits_and_births() {
        let events = generate(42, "0.2");
        let rows: Vec<(usize, Event)> = events
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, e)| (i + 2, e))
            .collect();
        let valid = validate_batch(rows, &[]).expect("valid register");
        assert_eq!(valid.len(), events.len());
        for kind in [EventKind::Moved, EventKind::Exited, EventKind::Born] {
            assert!(events.iter().any(|e| e.kind == kind), "{kind}");
        }
        let register = Register::build(&events, 2);
        assert!(register.persons.len() > 9_000);
    }

    #[test]
    fn scale_multiplies_the_volume() {
        let settled = |events: &[Event]| {
            events
                .iter()
                .filter(|e| e.kind == EventKind::Settled)
                .count()
        };
        let one = settled(&generate(1, "1"));
        let two = settled(&generate(1, "2"));
        assert_eq!(two, one * 2);
    }
}
