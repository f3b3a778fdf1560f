//! Accruals (opptening): for every person, grant and month, what a
//! municipality has earned, in øre (docs/rules.md, rules R0–R13).
//!
//! A pure function of the register and the rules: recomputed whenever the
//! register changes, never edited.

use crate::domain::calendar::Period;
use crate::domain::error::Message;
use crate::domain::grant::{Basis, Category, Grant, RuleId};
use crate::domain::money::{monthly_part, Ore};
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::rate_table::RateTable;
use crate::domain::register::{Person, Register};
use crate::domain::rules::{MissingYear, RateKey, RuleBook, YearRules};
use chrono::{Datelike, NaiveDate};
use smol_str::SmolStr;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// R7: a child born up to this many days after the mother's settlement
/// date is in the target group.
pub const BIRTH_WINDOW_DAYS: i64 = 183;

/// R11: the ages on the settlement date that the Norwegian-training grant covers.
pub const NORWEGIAN_AGE_FROM: i32 = 18;
pub const NORWEGIAN_AGE_TO: i32 = 67;

/// R8: the age limits of the one-off grants.
pub const ELDERLY_AGE_FROM: i32 = 60;
pub const KINDERGARTEN_AGE_BELOW: i32 = 6;

/// R13: the number of persons up to which the base grant is paid.
pub const NORWEGIAN_BASE_LOW_MAX_PERSONS: usize = 3;
pub const NORWEGIAN_BASE_HIGH_MAX_PERSONS: usize = 150;

/// What one municipality earned for one grant in one month, for one person
/// (or for the municipality itself, for the base grant).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accrual {
    /// `None` for the per-municipality base grant (R13).
    pub person_id: Option<SmolStr>,
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub period: Period,
    pub amount: Ore,
    /// The rule that made the amount due.
    pub rule: RuleId,
    /// The person's category on the settlement date (R3).
    pub category: Option<Category>,
    /// Grant year 1–5 of the integration grant, 1–3 of the Norwegian grant,
    /// 0 where grant years do not apply.
    pub grant_year: u8,
    /// The rate used, in the rules of `period.year` (R0).
    pub rate: RateKey,
}

/// Computes every accrual with a month in `from..=to`.
///
/// R0: every accrual uses the rates of the budget year of its month. The
/// rules of every year in the range (and of the first year from January, for
/// the base grant's count) must exist.
pub fn compute_accruals(
    register: &Register,
    rules: &RuleBook,
    from: Period,
    to: Period,
) -> Result<Vec<Accrual>, MissingYear> {
    // R13 counts the persons of a whole calendar year, so the computation
    // starts in January of the first year and filters afterwards.
    let first = Period::new(from.year, 1).expect("January");
    let window = Window::new(rules, first, to)?;
    let mut accruals = accrue_persons(&register.persons, &window);
    accrue_norwegian_base(&window, &mut accruals);
    accruals.retain(|a| a.period >= from && a.period <= to);
    Ok(accruals)
}

/// Persons per part when [`accrue_persons`] splits the register over the
/// processor's cores; smaller registers are computed in one part.
const PERSONS_PER_PART: usize = 50_000;

/// The accruals of every person, in the register's order. Persons are
/// independent of each other, so the register is cut into one part per
/// core, each computed on its own thread, and the parts are joined in
/// order: the result is the same as one pass (a test compares them).
fn accrue_persons(persons: &[Person], window: &Window) -> Vec<Accrual> {
    accrue_in_parts(persons, window, parts_for(persons))
}

/// The accruals of every person, computed in `parts` parts on as many
/// threads and joined in the register's order.
fn accrue_in_parts(persons: &[Person], window: &Window, parts: usize) -> Vec<Accrual> {
    let computed = map_in_parts(persons, parts, |part| {
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        for person in part {
            list_person(person, window, &mut scratch, &mut out);
        }
        out
    });
    let mut accruals = Vec::with_capacity(computed.iter().map(Vec::len).sum());
    for part in computed {
        accruals.extend(part);
    }
    accruals
}

/// How many parts to cut `persons` into: one per core, each of at least
/// [`PERSONS_PER_PART`] persons.
pub(crate) fn parts_for(persons: &[Person]) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(persons.len() / PERSONS_PER_PART).max(1)
}

/// `compute` of each of `parts` parts of `persons`, each on its own thread
/// (none for one part), in the persons' order.
pub(crate) fn map_in_parts<T: Send>(
    persons: &[Person],
    parts: usize,
    compute: impl Fn(&[Person]) -> T + Sync,
) -> Vec<T> {
    if parts <= 1 {
        return vec![compute(persons)];
    }
    let part_size = persons.len().div_ceil(parts).max(1);
    let compute = &compute;
    std::thread::scope(|scope| {
        let handles: Vec<_> = persons
            .chunks(part_size)
            .map(|part| scope.spawn(move || compute(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a thread computing accruals panicked"))
            .collect()
    })
}

/// Computes the accruals of one person in `from..=to` (without the base
/// grant, which belongs to the municipality).
pub fn compute_person_accruals(
    person: &Person,
    rules: &RuleBook,
    from: Period,
    to: Period,
) -> Result<Vec<Accrual>, MissingYear> {
    let window = Window::new(rules, from, to)?;
    let mut accruals = Vec::new();
    list_person(person, &window, &mut Vec::new(), &mut accruals);
    Ok(accruals)
}

/// R13's base grants of `year` that the `norwegian` accruals given earn on
/// their own (a forecast tells the register's base grants from those the
/// prognosis adds). Accruals of other grants are ignored.
pub fn norwegian_base_grants(
    accruals: &[Accrual],
    rules: &RuleBook,
    year: i32,
) -> Result<Vec<Accrual>, MissingYear> {
    let window = Window::new(
        rules,
        Period::new(year, 1).expect("January"),
        Period::new(year, 12).expect("December"),
    )?;
    let mut out: Vec<Accrual> = accruals
        .iter()
        .filter(|a| a.grant == Grant::Norwegian && a.period.year == year)
        .cloned()
        .collect();
    let persons = out.len();
    accrue_norwegian_base(&window, &mut out);
    Ok(out.split_off(persons))
}

/// The months being computed and their rules.
pub(crate) struct Window<'a> {
    pub(crate) first: Period,
    pub(crate) to: Period,
    /// The rates of each year from `first`'s to `to`'s, in order: looked up
    /// for every accrual, so by position rather than in a map.
    years: Vec<RateTable<'a>>,
}

impl<'a> Window<'a> {
    /// The months `first..=to` with the rules of their years.
    pub(crate) fn new(
        rules: &'a RuleBook,
        first: Period,
        to: Period,
    ) -> Result<Window<'a>, MissingYear> {
        let years = (first.year..=to.year)
            .map(|year| rules.year(year).map(RateTable::of))
            .collect::<Result<_, _>>()?;
        Ok(Window { first, to, years })
    }

    /// The rules of a month in the window's years.
    pub(crate) fn rules(&self, period: Period) -> &'a YearRules {
        self.rates(period).rules()
    }

    /// The amount of a required rate in a month's year (R0).
    pub(crate) fn rate(&self, period: Period, key: RateKey) -> Ore {
        self.rates(period).amount(key)
    }

    fn rates(&self, period: Period) -> &RateTable<'a> {
        let index = usize::try_from(period.year - self.first.year).ok();
        index
            .and_then(|index| self.years.get(index))
            .unwrap_or_else(|| panic!("{period} is outside the years of the window"))
    }

    pub(crate) fn contains(&self, period: Period) -> bool {
        period >= self.first && period <= self.to
    }
}

/// Why a person is outside the target group of the integration grant (R7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntegrationExclusion {
    /// A child born more than [`BIRTH_WINDOW_DAYS`] after the mother's
    /// settlement.
    BornOutsideWindow {
        days: i64,
        mother_settled: NaiveDate,
    },
}

impl IntegrationExclusion {
    /// The reason as a person reads it.
    pub fn message(&self) -> Message {
        match self {
            IntegrationExclusion::BornOutsideWindow {
                days,
                mother_settled,
            } => Message::new("explain-born-outside-window")
                .arg("days", days)
                .arg("settled", mother_settled)
                .arg("limit", BIRTH_WINDOW_DAYS),
        }
    }
}

impl fmt::Display for IntegrationExclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntegrationExclusion::BornOutsideWindow {
                days,
                mother_settled,
            } => write!(
                f,
                "born {days} days after the mother's settlement on {mother_settled}, \
                 more than {BIRTH_WINDOW_DAYS} days (R7)"
            ),
        }
    }
}

/// Why a person is outside the target group of the integration grant, if so.
pub fn integration_exclusion(person: &Person) -> Option<IntegrationExclusion> {
    let born = person.born.as_ref()?;
    let days = born.days_after_mother_settlement;
    (!(0..=BIRTH_WINDOW_DAYS).contains(&days)).then_some(IntegrationExclusion::BornOutsideWindow {
        days,
        mother_settled: born.mother_settlement_date,
    })
}

/// Why a person gets no Norwegian-training grant (R11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NorwegianExclusion {
    /// A child born after the settlement is not in the target group.
    BornAfterSettlement,
    /// The age on the settlement date is outside the covered ages.
    AgeOutside { age: i32 },
}

impl NorwegianExclusion {
    /// The reason as a person reads it.
    pub fn message(&self) -> Message {
        match self {
            NorwegianExclusion::BornAfterSettlement => Message::new("explain-norwegian-born"),
            NorwegianExclusion::AgeOutside { age } => Message::new("explain-norwegian-age")
                .arg("age", age)
                .arg("from", NORWEGIAN_AGE_FROM)
                .arg("to", NORWEGIAN_AGE_TO),
        }
    }
}

/// Why a person gets no Norwegian-training grant, if so (R11).
pub fn norwegian_exclusion(person: &Person) -> Option<NorwegianExclusion> {
    if person.born.is_some() {
        return Some(NorwegianExclusion::BornAfterSettlement);
    }
    let age = person.age_at_settlement();
    (!(NORWEGIAN_AGE_FROM..=NORWEGIAN_AGE_TO).contains(&age))
        .then_some(NorwegianExclusion::AgeOutside { age })
}

/// One accrual of a person before it is listed with the person's id and
/// category ([`PersonAccrual::listed`]): all a batch's sums need. The sums
/// take millions of them, so they are small and copied, and the person's
/// id is not cloned into each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PersonAccrual {
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub period: Period,
    pub amount: Ore,
    pub rule: RuleId,
    pub grant_year: u8,
    pub rate: RateKey,
}

impl PersonAccrual {
    /// The accrual as listed: with the person's id and R3's category.
    fn listed(self, person: &Person, category: Category) -> Accrual {
        Accrual {
            person_id: Some(person.id.clone()),
            municipality: self.municipality,
            grant: self.grant,
            period: self.period,
            amount: self.amount,
            rule: self.rule,
            category: Some(category),
            grant_year: self.grant_year,
            rate: self.rate,
        }
    }
}

/// The accruals of one person being collected, with the months that can
/// accrue: from the settlement (or birth) month to the exit or the window's end.
struct PersonAccruals<'a> {
    person: &'a Person,
    window: &'a Window<'a>,
    start: Period,
    end: Period,
    /// R3's category, computed once.
    category: Category,
    out: &'a mut Vec<PersonAccrual>,
}

impl PersonAccruals<'_> {
    /// Adds an accrual in a month that can accrue; nothing for a zero amount.
    fn push(
        &mut self,
        period: Period,
        grant: Grant,
        amount: Ore,
        rule: RuleId,
        grant_year: u8,
        rate: RateKey,
    ) {
        let (start, end) = (self.start, self.end);
        if period < start || period > end || !self.window.contains(period) || amount.is_zero() {
            return;
        }
        let lag = self.window.rules(period).move_lag_months.value;
        self.out.push(PersonAccrual {
            municipality: self.person.municipality_of(period, lag),
            grant,
            period,
            amount,
            rule,
            grant_year,
            rate,
        });
    }
}

/// The accruals of one person in the window, listed (with the person's id
/// and category) after `out`; `scratch` is working space.
fn list_person(
    person: &Person,
    window: &Window,
    scratch: &mut Vec<PersonAccrual>,
    out: &mut Vec<Accrual>,
) {
    scratch.clear();
    accrue_person(person, window, scratch);
    let category = person.category();
    out.extend(scratch.iter().map(|a| a.listed(person, category)));
}

/// The accruals of one person in the window, appended to `out`.
pub(crate) fn accrue_person(person: &Person, window: &Window, out: &mut Vec<PersonAccrual>) {
    let start = person.settlement_period();
    let end = person
        .last_period()
        .map_or(window.to, |exit| exit.min(window.to));
    if end < start || end < window.first {
        return;
    }
    let mut acc = PersonAccruals {
        person,
        window,
        start,
        end,
        category: person.category(),
        out,
    };
    if integration_exclusion(person).is_none() {
        accrue_integration(&mut acc);
    }
    accrue_minor(&mut acc);
    if norwegian_exclusion(person).is_none() {
        accrue_norwegian(&mut acc);
    }
}

/// R2–R4, R7, R8: the integration grant and the one-off grants.
fn accrue_integration(acc: &mut PersonAccruals) {
    let (person, window, start, end) = (acc.person, acc.window, acc.start, acc.end);
    let category = acc.category;
    // R2, R3, R7: the lump sum of grant year 1 in the settlement (or birth) month.
    if start.year == person.clock_year && window.contains(start) {
        let key = RateKey::IntegrationYear1(if person.born.is_some() {
            Category::Child
        } else {
            category
        });
        let amount = window.rate(start, key);
        let rule = if person.born.is_some() {
            RuleId::R7
        } else {
            RuleId::R3
        };
        acc.push(start, Grant::IntegrationYear1, amount, rule, 1, key);
    }
    // R4: grant years 2–5 (3 under R1's exception) in monthly parts.
    let last_grant_year = person.basis.integration_grant_years();
    let last_year = person.clock_year + last_grant_year - 1;
    let from = start
        .max(Period::new(person.clock_year + 1, 1).expect("January"))
        .max(window.first);
    let to = end.min(Period::new(last_year, 12).expect("December"));
    if from <= to {
        for period in Period::range_inclusive(from, to) {
            let grant_year = (period.year - person.clock_year + 1) as u8;
            let key = RateKey::IntegrationYear(grant_year);
            let annual = window.rate(period, key);
            acc.push(
                period,
                Grant::Integration,
                monthly_part(annual, period.month),
                RuleId::R4,
                grant_year,
                key,
            );
        }
    }
    // R8: the one-off grants in the settlement month.
    if window.contains(start) {
        let age = person.age_at_settlement();
        if person.born.is_none() && age >= ELDERLY_AGE_FROM {
            let amount = window.rate(start, RateKey::Elderly);
            acc.push(
                start,
                Grant::Elderly,
                amount,
                RuleId::R8,
                1,
                RateKey::Elderly,
            );
        }
        if age < KINDERGARTEN_AGE_BELOW {
            let amount = window.rate(start, RateKey::Kindergarten);
            acc.push(
                start,
                Grant::Kindergarten,
                amount,
                RuleId::R8,
                1,
                RateKey::Kindergarten,
            );
        }
    }
}

/// R9, R10: the unaccompanied-minor grant to December of the year they turn 20.
fn accrue_minor(acc: &mut PersonAccruals) {
    let (person, window, start, end) = (acc.person, acc.window, acc.start, acc.end);
    let category = acc.category;
    if category == Category::UnaccompaniedMinor && person.born.is_none() {
        let birth_year = person.birth_date.year();
        let to = end.min(Period::new(birth_year + 20, 12).expect("December"));
        let from = start.max(window.first);
        if from <= to {
            for period in Period::range_inclusive(from, to) {
                let key = if period.year <= birth_year + 16 {
                    RateKey::MinorToYearOf16
                } else {
                    RateKey::MinorFromYearOf17
                };
                let annual = window.rate(period, key);
                acc.push(
                    period,
                    Grant::Minor,
                    monthly_part(annual, period.month),
                    RuleId::R10,
                    0,
                    key,
                );
            }
        }
    }
}

/// R11, R12: the Norwegian-training grant.
fn accrue_norwegian(acc: &mut PersonAccruals) {
    let (person, window, start, end) = (acc.person, acc.window, acc.start, acc.end);
    let low_rate = |period: Period| {
        window
            .rules(period)
            .low_rate_countries
            .value
            .contains(person.country.as_str())
    };
    if person.basis == Basis::Collective {
        if window.contains(start) {
            let rules = window.rules(start);
            let key = if rules.rate(RateKey::NorwegianCollective).is_some() {
                RateKey::NorwegianCollective
            } else if low_rate(start) {
                RateKey::NorwegianLow(1)
            } else {
                RateKey::NorwegianHigh(1)
            };
            acc.push(
                start,
                Grant::Norwegian,
                rules.required_rate(key).amount,
                RuleId::R12,
                1,
                key,
            );
        }
    } else {
        for grant_year in 1..=3u8 {
            let period = if grant_year == 1 {
                start
            } else {
                Period::new(start.year + i32::from(grant_year) - 1, 1).expect("January")
            };
            if !window.contains(period) || period > end {
                continue;
            }
            let key = if low_rate(period) {
                RateKey::NorwegianLow(grant_year)
            } else {
                RateKey::NorwegianHigh(grant_year)
            };
            let amount = window.rate(period, key);
            acc.push(
                period,
                Grant::Norwegian,
                amount,
                RuleId::R11,
                grant_year,
                key,
            );
        }
    }
}

/// R13: the base grant per municipality and calendar year, accrued in
/// December, by the number of distinct persons with a `norwegian` accrual in
/// that municipality that year.
fn accrue_norwegian_base(window: &Window, out: &mut Vec<Accrual>) {
    let mut persons: BTreeMap<(i32, MunicipalityNumber), HashSet<SmolStr>> = BTreeMap::new();
    for accrual in out.iter().filter(|a| a.grant == Grant::Norwegian) {
        if let Some(id) = &accrual.person_id {
            persons
                .entry((accrual.period.year, accrual.municipality))
                .or_default()
                .insert(id.clone());
        }
    }
    for ((year, municipality), ids) in persons {
        let december = Period::new(year, 12).expect("December");
        if !window.contains(december) {
            continue;
        }
        let Some(key) = base_grant_rate(ids.len()) else {
            continue;
        };
        out.push(Accrual {
            person_id: None,
            municipality,
            grant: Grant::NorwegianBase,
            period: december,
            amount: window.rate(december, key),
            rule: RuleId::R13,
            category: None,
            grant_year: 0,
            rate: key,
        });
    }
}

/// R13: the base grant's rate for a municipality with `persons` persons in
/// the Norwegian-training target group in a year; none for none or more
/// than 150.
pub(crate) fn base_grant_rate(persons: usize) -> Option<RateKey> {
    match persons {
        0 => None,
        n if n <= NORWEGIAN_BASE_LOW_MAX_PERSONS => Some(RateKey::NorwegianBase1To3),
        n if n <= NORWEGIAN_BASE_HIGH_MAX_PERSONS => Some(RateKey::NorwegianBase4To150),
        _ => None,
    }
}

/// Sums accruals per municipality, grant and month: the rows of
/// `tilskot accruals`. Zero totals are left out.
pub fn totals_by_municipality_grant_month(
    accruals: &[Accrual],
) -> BTreeMap<(MunicipalityNumber, Grant, Period), Ore> {
    let mut totals: BTreeMap<(MunicipalityNumber, Grant, Period), Ore> = BTreeMap::new();
    for a in accruals {
        *totals
            .entry((a.municipality, a.grant, a.period))
            .or_default() += a.amount;
    }
    totals.retain(|_, amount| !amount.is_zero());
    totals
}

#[cfg(test)]
#[path = "accrual_tests.rs"]
pub(crate) mod tests;
