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
use smol_str::SmolStr;
use std::collections::HashMap;

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
    /// For load tests: individual moves added until the register holds
    /// about this many events a person (`--events-per-person`).
    pub events_per_person: Option<u32>,
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
                let id = SmolStr::new(format!("P{person_seq:08}"));
                events.push(Event {
                    kind: EventKind::Settled,
                    date: household.date,
                    person_id: id.clone(),
                    household_id: Some(SmolStr::new(&household.id)),
                    birth_date: Some(*birth),
                    municipality: Some(household.municipality),
                    basis: Some(household.basis),
                    unaccompanied: Some(household.unaccompanied),
                    country: Some(SmolStr::new(household.country)),
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
    if let Some(n) = options.events_per_person {
        add_moves_to_reach(&mut events, n, end, municipalities, &mut rng);
    } else {
        sort_events(&mut events);
    }
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

/// Assumption, not a figure from a source: about one refugee household in
/// four moves municipality within five years of settlement (the figure the
/// speed issue gives; SSB publishes refugees' internal migration, which
/// this project has not read). As a yearly chance per household: 1 − (1 −
/// 0.056)^5 ≈ 0.25. A household moves together; it may move more than once.
pub const MOVE_PER_MILLE_PER_YEAR: u64 = 56;

/// Assumption, not a figure from a source: one person in a hundred a year
/// leaves the register (emigrates or dies).
pub const EXIT_PER_MILLE_PER_YEAR: u64 = 10;

/// Moves, exits and births after a household's settlement, up to `end`.
fn add_later_events(
    household: &Household,
    ids: &[SmolStr],
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
    let moves = household_moves(household, end, picker, rng);
    let mut exit_of_household = None;
    for (index, id) in ids.iter().enumerate() {
        let exit = chance_over_years(rng, household.date, end, EXIT_PER_MILLE_PER_YEAR);
        for (date, to) in &moves {
            if exit.is_none_or(|exit| exit >= *date) {
                events.push(simple_event(EventKind::Moved, *date, id, Some(*to)));
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
                person_id: SmolStr::new(format!("P{:08}", *person_seq)),
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

/// The household's moves: each year after settlement (a part year at the
/// end in proportion) it moves with [`MOVE_PER_MILLE_PER_YEAR`], on a day
/// of that year, to another municipality than the one it lives in.
fn household_moves(
    household: &Household,
    end: NaiveDate,
    picker: &MunicipalityPicker,
    rng: &mut SplitMix64,
) -> Vec<(NaiveDate, MunicipalityNumber)> {
    let mut moves = Vec::new();
    let mut living_in = household.municipality;
    let mut from = household.date + Days::new(30);
    while from < end {
        let Some(date) = chance_within_year(rng, from, end, MOVE_PER_MILLE_PER_YEAR) else {
            from = from + Days::new(365);
            continue;
        };
        living_in = picker.pick_other(rng, living_in);
        moves.push((date, living_in));
        from = date + Days::new(30);
    }
    moves
}

/// The first day on which something with a yearly chance of `per_mille`
/// happens between `from` and `end`, if it does.
fn chance_over_years(
    rng: &mut SplitMix64,
    from: NaiveDate,
    end: NaiveDate,
    per_mille: u64,
) -> Option<NaiveDate> {
    let mut year_start = from + Days::new(30);
    while year_start < end {
        if let Some(date) = chance_within_year(rng, year_start, end, per_mille) {
            return Some(date);
        }
        year_start = year_start + Days::new(365);
    }
    None
}

/// Whether something with a yearly chance of `per_mille` happens in the
/// year from `from` (cut at `end`, the chance cut in proportion), and on
/// which day.
fn chance_within_year(
    rng: &mut SplitMix64,
    from: NaiveDate,
    end: NaiveDate,
    per_mille: u64,
) -> Option<NaiveDate> {
    let days = (end - from).num_days().clamp(0, 365) as u64;
    let happens = rng.below(365_000) < per_mille * days;
    let day = rng.below(days.max(1));
    happens.then(|| from + Days::new(day))
}

/// Load tests (`--events-per-person N`): individual moves added to every
/// settled person until the register holds about `n` events a person. The
/// moves fall on distinct days between the settlement and the person's exit
/// or `end`; a person settled too late for them all gets fewer.
pub fn add_moves_to_reach(
    events: &mut Vec<Event>,
    n: u32,
    end: NaiveDate,
    municipalities: &Municipalities,
    rng: &mut SplitMix64,
) {
    let picker = MunicipalityPicker::new(municipalities);
    let mut by_person: HashMap<&str, PersonSpan> = HashMap::new();
    for event in events.iter() {
        let span = by_person.entry(event.person_id.as_str()).or_default();
        span.events += 1;
        match event.kind {
            EventKind::Settled => {
                span.settled = Some((event.date, event.municipality.expect("settled")))
            }
            EventKind::Moved => {
                let later = (event.date, event.municipality.expect("moved"));
                span.last_move = span.last_move.max(Some(later));
            }
            EventKind::Exited => span.exit = Some(event.date),
            // The generator writes no withdrawals.
            _ => {}
        }
    }
    let mut spans: Vec<(String, PersonSpan)> = by_person
        .into_iter()
        .map(|(id, span)| (id.to_string(), span))
        .collect();
    spans.sort_by(|a, b| a.0.cmp(&b.0));
    let mut added = Vec::new();
    for (id, span) in spans {
        let Some(settled) = span.settled else {
            continue;
        };
        let (after, mut living_in) = span.last_move.unwrap_or(settled);
        let first = after + Days::new(1);
        let last = span.exit.map_or(end, |exit| exit.min(end)) - Days::new(1);
        let wanted = u64::from(n).saturating_sub(span.events);
        let room = (last - first).num_days().max(0) as u64;
        let mut days: Vec<u64> = (0..wanted.min(room)).map(|_| rng.below(room)).collect();
        days.sort_unstable();
        days.dedup();
        for day in days {
            living_in = picker.pick_other(rng, living_in);
            added.push(simple_event(
                EventKind::Moved,
                first + Days::new(day),
                &id,
                Some(living_in),
            ));
        }
    }
    events.extend(added);
    sort_events(events);
}

/// What [`add_moves_to_reach`] needs to know of a person.
#[derive(Default)]
struct PersonSpan {
    events: u64,
    settled: Option<(NaiveDate, MunicipalityNumber)>,
    /// The latest move so far: its day and where to.
    last_move: Option<(NaiveDate, MunicipalityNumber)>,
    exit: Option<NaiveDate>,
}

/// The generator's order: by date, then person, then kind.
fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| (a.date, &a.person_id, a.kind).cmp(&(b.date, &b.person_id, b.kind)));
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
        person_id: SmolStr::new(id),
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
            events_per_person: None,
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

    #[test]
    fn about_one_household_in_four_moves_within_five_years() {
        let events = generate(42, "1");
        let early_2018 = |e: &Event| e.date.year() == 2018 && e.date.month() <= 3;
        let settled: HashMap<&str, &Event> = events
            .iter()
            .filter(|e| e.kind == EventKind::Settled && early_2018(e))
            .map(|e| (e.person_id.as_str(), e))
            .collect();
        let households = |ids: &mut dyn Iterator<Item = &str>| {
            let mut set: Vec<&str> = ids
                .filter_map(|id| settled.get(id)?.household_id.as_deref())
                .collect();
            set.sort_unstable();
            set.dedup();
            set.len() as f64
        };
        let all = households(&mut settled.keys().copied());
        let moved = households(
            &mut events
                .iter()
                .filter(|e| e.kind == EventKind::Moved)
                .map(|e| e.person_id.as_str()),
        );
        // Settled in early 2018: 4.75 of the five years fit before the end
        // of 2022, so about 1 − 0.944^4.7 ≈ 0.24 of them moved.
        let share = moved / all;
        assert!(all > 300.0, "{all}");
        assert!((0.19..0.29).contains(&share), "{share}");
    }

    #[test]
    fn events_per_person_adds_moves_on_distinct_days_and_stays_valid() {
        let shaped = generate(3, "0.05");
        let mut options = GenerateOptions {
            from_year: 2018,
            to_year: 2022,
            seed: 3,
            scale: "0.05".parse().unwrap(),
            events_per_person: Some(6),
        };
        let loaded = generate_register(&options, &Municipalities::shipped());
        let persons = |events: &[Event]| Register::build(events, 2).persons.len();
        assert_eq!(persons(&loaded), persons(&shaped));
        let per_person = loaded.len() as f64 / persons(&loaded) as f64;
        assert!((5.0..=6.0).contains(&per_person), "{per_person}");
        let rows = loaded.iter().cloned().enumerate().map(|(i, e)| (i + 2, e));
        if let Err(problems) = validate_batch(rows.collect(), &[]) {
            panic!("{:?}", &problems[..problems.len().min(3)]);
        }
        let mut days: Vec<(&str, NaiveDate)> = loaded
            .iter()
            .filter(|e| e.kind == EventKind::Moved)
            .map(|e| (e.person_id.as_str(), e.date))
            .collect();
        let moves = days.len();
        days.sort_unstable();
        days.dedup();
        assert_eq!(days.len(), moves, "two moves of a person on one day");
        options.events_per_person = Some(1);
        let unchanged = generate_register(&options, &Municipalities::shipped());
        assert_eq!(unchanged, shaped);
    }
}
