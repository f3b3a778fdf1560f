//! Forecasts (prognosar) of a budget year with the rules that pay
//! (docs/rules.md, F1–F3): the accruals of the register as it stood at the
//! end of a month, together with the persons a prognosis expects to be
//! settled after it. Plain functions over plain data.

use crate::domain::accrual::{compute_accruals, norwegian_base_grants, Accrual};
use crate::domain::calendar::Period;
use crate::domain::error::{Message, Reason};
use crate::domain::grant::{Basis, Grant};
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::register::{Person, Register};
use crate::domain::rules::{MissingYear, RateKey, RateStatus, RuleBook};
use chrono::NaiveDate;
use smol_str::SmolStr;
use std::collections::{BTreeMap, BTreeSet};

/// F2: the kinds of person a prognosis counts, each with the age and
/// household that make R3's category follow from the facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrognosisCategory {
    /// Einsleg vaksen: 30 years old, a household alone.
    SingleAdult,
    /// Vaksen: 35 years old, in the household of the month's adults and children.
    Adult,
    /// Barn: 8 years old, in the same household as the adults.
    Child,
    /// Einsleg mindreårig: 16 years old, unaccompanied, a household alone.
    UnaccompaniedMinor,
    /// Eldre: 65 years old, a household alone.
    Elderly,
}

impl PrognosisCategory {
    pub const ALL: [PrognosisCategory; 5] = [
        PrognosisCategory::SingleAdult,
        PrognosisCategory::Adult,
        PrognosisCategory::Child,
        PrognosisCategory::UnaccompaniedMinor,
        PrognosisCategory::Elderly,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PrognosisCategory::SingleAdult => "single_adult",
            PrognosisCategory::Adult => "adult",
            PrognosisCategory::Child => "child",
            PrognosisCategory::UnaccompaniedMinor => "unaccompanied_minor",
            PrognosisCategory::Elderly => "elderly",
        }
    }

    pub fn parse(text: &str) -> Result<PrognosisCategory, Reason> {
        PrognosisCategory::ALL
            .into_iter()
            .find(|c| c.code() == text)
            .ok_or_else(|| {
                Reason::told(
                    Message::new("problem-unknown-category").arg("text", text),
                    format!("'{text}' is not a category (single_adult, adult, child, unaccompanied_minor, elderly)"),
                )
            })
    }

    /// F2: the age on the settlement date.
    pub fn age(self) -> i32 {
        match self {
            PrognosisCategory::SingleAdult => 30,
            PrognosisCategory::Adult => 35,
            PrognosisCategory::Child => 8,
            PrognosisCategory::UnaccompaniedMinor => 16,
            PrognosisCategory::Elderly => 65,
        }
    }

    /// F2: adults and children of one month, municipality, basis and
    /// country form one household; everyone else is a household alone.
    fn shares_household(self) -> bool {
        matches!(self, PrognosisCategory::Adult | PrognosisCategory::Child)
    }
}

/// One row of a prognosis file: `count` persons expected to be settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrognosisRow {
    /// The row in its file (the header is row 1), for the persons' ids.
    pub row: usize,
    pub month: Period,
    pub municipality: MunicipalityNumber,
    pub basis: Basis,
    pub category: PrognosisCategory,
    pub country: String,
    pub count: u32,
}

/// Where a forecast amount comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The register as it stood at the end of the as-of month.
    Register,
    /// The persons of the prognosis.
    Prognosis,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::Register => "register",
            Source::Prognosis => "prognosis",
        }
    }
}

/// A prognosis person's id: `~` cannot start a register id, so the two
/// never meet.
const PROGNOSIS_ID_PREFIX: char = '~';

/// F2: the persons of the prognosis rows, settled on the first day of their
/// month and born that day so many years earlier.
pub fn prognosis_persons(rows: &[PrognosisRow]) -> Vec<Person> {
    let mut household_sizes: BTreeMap<(Period, MunicipalityNumber, Basis, &str), u32> =
        BTreeMap::new();
    for row in rows.iter().filter(|r| r.category.shares_household()) {
        *household_sizes
            .entry((row.month, row.municipality, row.basis, row.country.as_str()))
            .or_default() += row.count;
    }
    let mut persons = Vec::new();
    for row in rows {
        let settled = row.month.first_day();
        let group = (row.month, row.municipality, row.basis, row.country.as_str());
        let shared = row.category.shares_household();
        for n in 1..=row.count {
            let id = SmolStr::new(format!("{PROGNOSIS_ID_PREFIX}{}.{n}", row.row));
            let household = if shared {
                SmolStr::new(format!(
                    "{PROGNOSIS_ID_PREFIX}{}-{}-{}-{}",
                    row.month, row.municipality, row.basis, row.country
                ))
            } else {
                id.clone()
            };
            persons.push(Person {
                id,
                household_id: household,
                birth_date: years_before(settled, row.category.age()),
                settlement_date: settled,
                settlement_municipality: row.municipality,
                basis: row.basis,
                unaccompanied: row.category == PrognosisCategory::UnaccompaniedMinor,
                country: SmolStr::new(&row.country),
                clock_year: row.month.year,
                household_settled_same_day: if shared { household_sizes[&group] } else { 1 },
                born: None,
                moves: Vec::new(),
                exit: None,
            });
        }
    }
    persons
}

/// The first day of a month, `years` years earlier (always a valid date).
fn years_before(first_of_month: NaiveDate, years: i32) -> NaiveDate {
    use chrono::Datelike;
    NaiveDate::from_ymd_opt(first_of_month.year() - years, first_of_month.month(), 1)
        .expect("the first of a month exists in every year")
}

/// A forecast of one budget year as of one month (F1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub year: i32,
    pub as_of: Period,
    /// Per grant, month and source; zero amounts are left out.
    pub amounts: BTreeMap<(Grant, Period, Source), Ore>,
    /// The rates of the year that the amounts used.
    pub rates: BTreeSet<RateKey>,
}

impl Forecast {
    /// Per budget line: accrued through the as-of month, expected after
    /// it, and the expected total of the year.
    pub fn by_budget_line(&self) -> BTreeMap<&'static str, BudgetLineForecast> {
        let mut lines: BTreeMap<&'static str, BudgetLineForecast> = BTreeMap::new();
        for ((grant, month, _), amount) in &self.amounts {
            let line = lines.entry(grant.budget_line()).or_default();
            if *month <= self.as_of {
                line.accrued += *amount;
            } else {
                line.expected_rest += *amount;
            }
        }
        lines
    }

    /// The expected total of a budget line for the year.
    pub fn total_of(&self, budget_line: &str) -> Ore {
        self.by_budget_line()
            .get(budget_line)
            .map(BudgetLineForecast::total)
            .unwrap_or_default()
    }
}

/// One budget line of a forecast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BudgetLineForecast {
    /// Opptent: accrued in the months through the as-of month.
    pub accrued: Ore,
    /// Expected in the months after it (register and prognosis).
    pub expected_rest: Ore,
}

impl BudgetLineForecast {
    pub fn total(&self) -> Ore {
        self.accrued + self.expected_rest
    }
}

/// A rate a forecast used, as the output lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedRate {
    pub path: String,
    pub amount: Ore,
    pub status: RateStatus,
}

/// A forecast as of one month, or as of every month (rolling) with the
/// outcome of the whole register.
#[derive(Debug, Clone)]
pub struct ForecastReport {
    pub year: i32,
    pub forecasts: Vec<Forecast>,
    /// Rolling only: the accruals of the whole register, per grant and month.
    pub outcome: Option<BTreeMap<(Grant, Period), Ore>>,
    /// The year's allocation per budget line, where the ledger has one.
    pub allocations: BTreeMap<String, Ore>,
    pub rates: Vec<UsedRate>,
    pub rules_dir: String,
}

impl ForecastReport {
    /// The least trusted status of the rates used.
    pub fn weakest_status(&self) -> RateStatus {
        self.rates
            .iter()
            .map(|r| r.status)
            .max()
            .unwrap_or(RateStatus::Adopted)
    }

    /// The outcome of a budget line for the year (rolling only).
    pub fn outcome_of(&self, budget_line: &str) -> Option<Ore> {
        let outcome = self.outcome.as_ref()?;
        Some(
            outcome
                .iter()
                .filter(|((grant, _), _)| grant.budget_line() == budget_line)
                .map(|(_, amount)| *amount)
                .sum(),
        )
    }
}

/// F1: the forecast of `year` as of `as_of`: the accruals of the year of
/// the register's events dated on or before the as-of month's last day,
/// and of the prognosis persons of the months after it (rows of other
/// months are left out). Each amount is told by its source; the base grant
/// (R13), which counts both kinds of person, is the register's as far as
/// the register alone earns it and the prognosis's for the rest.
pub fn forecast(
    register: &Register,
    prognosis: &[PrognosisRow],
    rules: &RuleBook,
    year: i32,
    as_of: Period,
) -> Result<Forecast, MissingYear> {
    let later: Vec<PrognosisRow> = prognosis
        .iter()
        .filter(|r| r.month > as_of && r.month.year == year)
        .cloned()
        .collect();
    let mut combined = register.as_of(as_of.last_day());
    combined.persons.extend(prognosis_persons(&later));
    let accruals = year_accruals(&combined, rules, year)?;
    let register_only: Vec<Accrual> = accruals
        .iter()
        .filter(|a| a.grant == Grant::Norwegian && !is_prognosis(a))
        .cloned()
        .collect();
    let mut amounts: BTreeMap<(Grant, Period, Source), Ore> = BTreeMap::new();
    for accrual in &accruals {
        let source = if is_prognosis(accrual) {
            Source::Prognosis
        } else {
            Source::Register
        };
        // The base grant is split below.
        if accrual.grant != Grant::NorwegianBase {
            *amounts
                .entry((accrual.grant, accrual.period, source))
                .or_default() += accrual.amount;
        }
    }
    let base_all = base_by_month(accruals.iter());
    let base_register = base_by_month(norwegian_base_grants(&register_only, rules, year)?.iter());
    // Every month either side has: a prognosis can take away the only base
    // grant of a month (a municipality lifted past 150 persons).
    let months: BTreeSet<Period> = base_all
        .keys()
        .chain(base_register.keys())
        .copied()
        .collect();
    for month in months {
        let all = base_all.get(&month).copied().unwrap_or_default();
        let own = base_register.get(&month).copied().unwrap_or_default();
        *amounts
            .entry((Grant::NorwegianBase, month, Source::Register))
            .or_default() += own;
        *amounts
            .entry((Grant::NorwegianBase, month, Source::Prognosis))
            .or_default() += all - own;
    }
    amounts.retain(|_, amount| !amount.is_zero());
    Ok(Forecast {
        year,
        as_of,
        amounts,
        rates: accruals.iter().map(|a| a.rate).collect(),
    })
}

/// The outcome of a year: the accruals of the whole register, per grant
/// and month (what a forecast is measured against).
pub fn outcome(
    register: &Register,
    rules: &RuleBook,
    year: i32,
) -> Result<BTreeMap<(Grant, Period), Ore>, MissingYear> {
    let mut totals: BTreeMap<(Grant, Period), Ore> = BTreeMap::new();
    for accrual in year_accruals(register, rules, year)? {
        *totals.entry((accrual.grant, accrual.period)).or_default() += accrual.amount;
    }
    totals.retain(|_, amount| !amount.is_zero());
    Ok(totals)
}

/// F1 made as of every month of the year: each month's forecast takes the
/// prognosis rows after that month.
pub fn rolling(
    register: &Register,
    prognosis: &[PrognosisRow],
    rules: &RuleBook,
    year: i32,
) -> Result<Vec<Forecast>, MissingYear> {
    (1..=12)
        .map(|month| {
            let as_of = Period::new(year, month).expect("a month of the year");
            forecast(register, prognosis, rules, year, as_of)
        })
        .collect()
}

fn year_accruals(
    register: &Register,
    rules: &RuleBook,
    year: i32,
) -> Result<Vec<Accrual>, MissingYear> {
    let january = Period::new(year, 1).expect("January");
    let december = Period::new(year, 12).expect("December");
    compute_accruals(register, rules, january, december)
}

fn is_prognosis(accrual: &Accrual) -> bool {
    accrual
        .person_id
        .as_deref()
        .is_some_and(|id| id.starts_with(PROGNOSIS_ID_PREFIX))
}

fn base_by_month<'a>(accruals: impl Iterator<Item = &'a Accrual>) -> BTreeMap<Period, Ore> {
    let mut months: BTreeMap<Period, Ore> = BTreeMap::new();
    for accrual in accruals.filter(|a| a.grant == Grant::NorwegianBase) {
        *months.entry(accrual.period).or_default() += accrual.amount;
    }
    months
}

#[cfg(test)]
#[path = "forecast_tests.rs"]
mod tests;
