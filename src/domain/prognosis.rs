//! The prognosis file (F2): expected settlements per month, municipality,
//! basis, category and country. Validated like the register: every problem
//! of every row is named, and one bad row refuses the whole file.

use crate::domain::calendar::Period;
use crate::domain::country::is_known_country;
use crate::domain::error::{Message, Reason};
use crate::domain::forecast::{PrognosisCategory, PrognosisRow};
use crate::domain::grant::{Basis, Category};
use crate::domain::municipality::{Municipalities, MunicipalityNumber};
use crate::domain::register::{check_header, Person, Problem, Register};
use std::collections::BTreeMap;

/// The header of a prognosis file, in this order.
pub const PROGNOSIS_COLUMNS: [&str; 6] = [
    "month",
    "municipality",
    "basis",
    "category",
    "country",
    "count",
];

/// The months a prognosis may name: those of `year`, and with `after`
/// only those after that month (the forecast's as-of month).
#[derive(Debug, Clone, Copy)]
pub struct MonthWindow {
    pub year: i32,
    pub after: Option<Period>,
}

/// Parses the rows of a prognosis table (its header checked first); every
/// problem, or the rows.
pub fn parse_prognosis(
    header: &[String],
    rows: &[(usize, Vec<String>)],
    municipalities: &Municipalities,
    window: MonthWindow,
) -> Result<Vec<PrognosisRow>, Vec<Problem>> {
    check_header(header, &PROGNOSIS_COLUMNS).map_err(|p| vec![p])?;
    let mut parsed = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    for (row, cells) in rows {
        match parse_prognosis_row(*row, cells, municipalities, window) {
            Ok(p) => parsed.push(p),
            Err(mut row_problems) => problems.append(&mut row_problems),
        }
    }
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}

/// Parses one row: each of its six fields present, well-formed and known.
pub fn parse_prognosis_row(
    row: usize,
    cells: &[String],
    municipalities: &Municipalities,
    window: MonthWindow,
) -> Result<PrognosisRow, Vec<Problem>> {
    let cell = |i: usize| cells.get(i).map(|c| c.trim()).unwrap_or("");
    let mut problems = Vec::new();
    let mut noted = Noted {
        row,
        problems: &mut problems,
    };
    let month = noted.field("month", parse_month(cell(0), window));
    let municipality = noted.field("municipality", municipalities.parse(cell(1)));
    let basis = noted.field("basis", cell(2).parse::<Basis>());
    let category = noted.field("category", PrognosisCategory::parse(cell(3)));
    let country = noted.field("country", parse_country(cell(4)));
    let count = noted.field("count", parse_count(cell(5)));
    if cells.len() > PROGNOSIS_COLUMNS.len() && cells[6..].iter().any(|c| !c.trim().is_empty()) {
        let message = Message::new("problem-too-many-columns").arg("count", 6);
        problems.push(Problem::told(row, "-", message, "more than 6 columns"));
    }
    match (month, municipality, basis, category, country, count) {
        (
            Some(month),
            Some(municipality),
            Some(basis),
            Some(category),
            Some(country),
            Some(count),
        ) if problems.is_empty() => Ok(PrognosisRow {
            row,
            month,
            municipality,
            basis,
            category,
            country,
            count,
        }),
        _ => Err(problems),
    }
}

/// Collects the problems of a row's fields.
struct Noted<'a> {
    row: usize,
    problems: &'a mut Vec<Problem>,
}

impl Noted<'_> {
    fn field<T>(&mut self, column: &str, result: Result<T, Reason>) -> Option<T> {
        result
            .map_err(|reason| self.problems.push(Problem::new(self.row, column, reason)))
            .ok()
    }
}

fn parse_month(text: &str, window: MonthWindow) -> Result<Period, Reason> {
    if text.is_empty() {
        return Err(Reason::missing("missing month"));
    }
    let month: Period = text.parse()?;
    if month.year != window.year {
        return Err(Reason::told(
            Message::new("problem-month-outside-year")
                .arg("month", month)
                .arg("year", window.year),
            format!("{month} is outside the forecast's year {}", window.year),
        ));
    }
    match window.after {
        Some(as_of) if month <= as_of => Err(Reason::told(
            Message::new("problem-month-not-after")
                .arg("month", month)
                .arg("as_of", as_of),
            format!(
                "{month} is not after the as-of month {as_of}: the register tells those months"
            ),
        )),
        _ => Ok(month),
    }
}

fn parse_country(text: &str) -> Result<String, Reason> {
    if is_known_country(text) {
        Ok(text.to_string())
    } else if text.is_empty() {
        Err(Reason::missing("missing country"))
    } else {
        Err(Reason::told(
            Message::new("problem-not-a-country").arg("text", text),
            format!("'{text}' is not a known ISO 3166-1 alpha-2 country code"),
        ))
    }
}

/// The largest count of one row: more than the report's settlements of a
/// year in one row is a typing error.
pub const MAX_PROGNOSIS_COUNT: u32 = 100_000;

fn parse_count(text: &str) -> Result<u32, Reason> {
    if text.is_empty() {
        return Err(Reason::missing("missing count"));
    }
    let count: u32 = text.parse().map_err(|_| {
        Reason::told(
            Message::new("problem-not-a-count").arg("text", text),
            format!("'{text}' is not a whole number of 0 or more"),
        )
    })?;
    if count > MAX_PROGNOSIS_COUNT {
        return Err(Reason::told(
            Message::new("problem-count-too-large")
                .arg("count", count)
                .arg("max", MAX_PROGNOSIS_COUNT),
            format!("{count} is more than {MAX_PROGNOSIS_COUNT} persons in one row"),
        ));
    }
    Ok(count)
}

/// A prognosis shaped like a register's settlements (for the demo's story
/// of a forecast made in March): `total` settlements in `year`, of which
/// the register's settlements before `first_month` are known; the rest is
/// spread over the months from `first_month`, municipalities, bases,
/// categories and countries as the register's settlements of those months
/// are, by largest remainder so that the counts add up to exactly the rest.
/// Persons aged 60 or over count as `elderly`; children born after
/// settlement (R7) are not settlements.
pub fn shaped_prognosis(
    register: &Register,
    year: i32,
    first_month: u32,
    total: u64,
) -> Vec<PrognosisRow> {
    type Key = (Period, MunicipalityNumber, Basis, PrognosisCategory, String);
    let first = Period::new(year, first_month).expect("a month of the year");
    let mut shape: BTreeMap<Key, u64> = BTreeMap::new();
    let mut known: u64 = 0;
    for person in register.persons.iter().filter(|p| p.born.is_none()) {
        let month = person.settlement_period();
        if month.year != year {
            continue;
        }
        if month < first {
            known += 1;
            continue;
        }
        let key = (
            month,
            person.settlement_municipality,
            person.basis,
            prognosis_category(person),
            person.country.to_string(),
        );
        *shape.entry(key).or_default() += 1;
    }
    let rest = total.saturating_sub(known);
    let counts = largest_remainder(&shape.values().copied().collect::<Vec<_>>(), rest);
    shape
        .into_keys()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .enumerate()
        .map(
            |(i, ((month, municipality, basis, category, country), count))| PrognosisRow {
                row: i + 2,
                month,
                municipality,
                basis,
                category,
                country,
                count: u32::try_from(count).unwrap_or(u32::MAX),
            },
        )
        .collect()
}

/// The prognosis category of a settled person.
fn prognosis_category(person: &Person) -> PrognosisCategory {
    if person.age_at_settlement() >= crate::domain::accrual::ELDERLY_AGE_FROM {
        return PrognosisCategory::Elderly;
    }
    match person.category() {
        Category::UnaccompaniedMinor => PrognosisCategory::UnaccompaniedMinor,
        Category::Child => PrognosisCategory::Child,
        Category::SingleAdult => PrognosisCategory::SingleAdult,
        Category::Adult => PrognosisCategory::Adult,
    }
}

/// Splits `total` in proportion to `weights` (largest remainder; ties to
/// the earlier weight): the parts add up to exactly `total` when any
/// weight is above zero.
pub fn largest_remainder(weights: &[u64], total: u64) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| {
            let scaled = u128::from(*w) * u128::from(total);
            (scaled / sum, scaled % sum)
        })
        .collect();
    let mut parts: Vec<u64> = exact.iter().map(|(q, _)| *q as u64).collect();
    let handed: u64 = parts.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for index in order.into_iter().take((total - handed) as usize) {
        parts[index] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn largest_remainder_parts_add_up_to_the_whole() {
        for (weights, total, expected) in [
            (vec![1, 1, 1], 10, vec![4, 3, 3]),
            (vec![2, 1], 7, vec![5, 2]),
            (vec![0, 5], 3, vec![0, 3]),
            (vec![0, 0], 3, vec![0, 0]),
            (vec![3, 3, 3], 0, vec![0, 0, 0]),
        ] {
            let parts = largest_remainder(&weights, total);
            assert_eq!(parts, expected, "{weights:?} {total}");
        }
    }
}
