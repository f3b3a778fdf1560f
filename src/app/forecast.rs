//! Forecasts (use case, F1–F3): the register from the store, the prognosis
//! from a file, the rates from the rules directory given (a draft gives a
//! what-if), the allocations from the ledger.

use super::batches::load_register;
use super::register_import::ImportError;
use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::error::Error;
use crate::domain::error::Message;
use crate::domain::forecast::{self, Forecast, ForecastReport, PrognosisRow, UsedRate};
use crate::domain::grant::Grant;
use crate::domain::money::Ore;
use crate::domain::municipality::Municipalities;
use crate::domain::prognosis::{parse_prognosis, MonthWindow};
use crate::domain::rules::RuleBook;
use crate::io::tabular::read_table;
use std::collections::BTreeMap;
use std::path::Path;

/// Where a forecast's inputs come from.
pub struct ForecastInputs<'a> {
    pub rules: &'a RuleBook,
    /// Shown with the rates, so a reader knows which file they came from.
    pub rules_dir: &'a Path,
    pub prognosis: &'a Path,
    pub sheet: Option<&'a str>,
    pub municipalities: &'a Municipalities,
}

/// F1–F3 as of `as_of`: prognosis rows must be of `year` and after it.
pub async fn forecast_as_of(
    store: &Store,
    inputs: &ForecastInputs<'_>,
    year: i32,
    as_of: Period,
) -> Result<ForecastReport, ImportError> {
    if as_of.year != year && as_of.year != year - 1 {
        return Err(Error::invalid_told(
            Message::new("error-as-of")
                .arg("as_of", as_of)
                .arg("year", year),
            format!("--as-of {as_of} is not a month of {year} or of the year before"),
        )
        .into());
    }
    let window = MonthWindow {
        year,
        after: Some(as_of),
    };
    let prognosis = read_prognosis(inputs, window)?;
    let register =
        load_register(store, inputs.rules, Period::new(year, 1).expect("January")).await?;
    let made = forecast::forecast(&register, &prognosis, inputs.rules, year, as_of)
        .map_err(Error::from)?;
    report(store, inputs, year, vec![made], None).await
}

/// F1 made as of every month of `year`, beside the outcome of the whole
/// register; prognosis rows may name any month of the year.
pub async fn forecast_rolling(
    store: &Store,
    inputs: &ForecastInputs<'_>,
    year: i32,
) -> Result<ForecastReport, ImportError> {
    let window = MonthWindow { year, after: None };
    let prognosis = read_prognosis(inputs, window)?;
    let register =
        load_register(store, inputs.rules, Period::new(year, 1).expect("January")).await?;
    let forecasts =
        forecast::rolling(&register, &prognosis, inputs.rules, year).map_err(Error::from)?;
    let outcome = forecast::outcome(&register, inputs.rules, year).map_err(Error::from)?;
    report(store, inputs, year, forecasts, Some(outcome)).await
}

/// Reads and validates the prognosis file: every row, or every problem.
fn read_prognosis(
    inputs: &ForecastInputs<'_>,
    window: MonthWindow,
) -> Result<Vec<PrognosisRow>, ImportError> {
    let file = inputs.prognosis.display().to_string();
    let reject = |problems: Vec<crate::domain::register::Problem>| {
        ImportError::Rejected(problems.iter().map(|p| p.in_file(&file)).collect())
    };
    let table = read_table(inputs.prognosis, inputs.sheet).map_err(|p| reject(vec![p]))?;
    if !table.width_problems.is_empty() {
        return Err(reject(table.width_problems));
    }
    parse_prognosis(&table.header, &table.rows, inputs.municipalities, window).map_err(reject)
}

async fn report(
    store: &Store,
    inputs: &ForecastInputs<'_>,
    year: i32,
    forecasts: Vec<Forecast>,
    outcome: Option<BTreeMap<(Grant, Period), Ore>>,
) -> Result<ForecastReport, ImportError> {
    let year_rules = inputs.rules.year(year).map_err(Error::from)?;
    let keys: std::collections::BTreeSet<_> = forecasts
        .iter()
        .flat_map(|f| f.rates.iter().copied())
        .collect();
    let rates = keys
        .into_iter()
        .filter_map(|key| {
            year_rules.rate(key).map(|rate| UsedRate {
                path: key.path(),
                amount: rate.amount,
                status: rate.status,
            })
        })
        .collect();
    Ok(ForecastReport {
        year,
        forecasts,
        outcome,
        allocations: store.allocations_of_year(year).await?,
        rates,
        rules_dir: inputs.rules_dir.display().to_string(),
    })
}
