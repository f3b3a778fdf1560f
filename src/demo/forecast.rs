//! The demo's forecast: the report's story of 2022 told by the engine. In
//! March 2022 the settlement need was put at 35 000; a prognosis made then
//! (the months April–December shaped like the register's settlements) is
//! forecast as of every month of the year, beside the outcome and the
//! allocation, on a page with a chart.

use crate::app::accounts_import::{import_accounts, AccountsFiles};
use crate::app::batches::load_register;
use crate::app::forecast::{forecast_rolling, ForecastInputs};
use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::forecast::ForecastReport;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::prognosis::shaped_prognosis;
use crate::domain::rules::RuleBook;
use crate::domain::users::User;
use crate::render::forecast::{forecast_page, prognosis_csv};
use anyhow::{anyhow, Result};
use askama::Template;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::path::Path;

/// The settlement need put in March 2022 (the report, ch. 6).
pub const SETTLEMENT_NEED_MARCH_2022: u64 = 35_000;

/// Writes the March prognosis, imports the year's allocations, makes the
/// rolling forecast and writes its page; prints what it shows.
pub async fn forecast_the_year(
    store: &Store,
    rules: &RuleBook,
    rules_dir: &Path,
    dir: &Path,
    reports: &Path,
    scale: Decimal,
    importer: &User,
) -> Result<std::path::PathBuf> {
    let year = super::DEMO_YEAR;
    let allocations = dir.join(format!("allocations-{year}.csv"));
    std::fs::write(&allocations, crate::io::shipped::ALLOCATIONS_2022_FILE)?;
    import_accounts(
        store,
        &AccountsFiles {
            allocations: Some(&allocations),
            ..AccountsFiles::default()
        },
        importer,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let register = load_register(store, rules, Period::new(year, 1).expect("January")).await?;
    let need = (Decimal::from(SETTLEMENT_NEED_MARCH_2022) * scale)
        .round()
        .to_u64()
        .unwrap_or(0);
    let prognosis = dir.join(format!("prognosis-{year}-03.csv"));
    std::fs::write(
        &prognosis,
        prognosis_csv(&shaped_prognosis(&register, year, 4, need)),
    )?;
    let municipalities = crate::io::shipped::municipalities();
    let inputs = ForecastInputs {
        rules,
        rules_dir,
        prognosis: &prognosis,
        sheet: None,
        municipalities: &municipalities,
    };
    let report = forecast_rolling(store, &inputs, year)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let page = reports.join(format!("forecast-{year}.html"));
    std::fs::write(
        &page,
        forecast_page(&report, crate::demo::texts()).render()?,
    )?;
    print_story(&report, need, &prognosis);
    Ok(page)
}

/// What the rolling forecast of 0671.60 shows, in a few lines.
fn print_story(report: &ForecastReport, need: u64, prognosis: &Path) {
    let line = "0671.60";
    let outcome = report.outcome_of(line).unwrap_or_default();
    let args = [
        ("line", line.to_string()),
        ("need", need.to_string()),
        ("year", report.year.to_string()),
        ("file", prognosis.display().to_string()),
    ];
    println!("\n{}", super::say("demo-forecast", &args));
    for forecast in report
        .forecasts
        .iter()
        .filter(|f| [3, 6, 9].contains(&f.as_of.month))
    {
        let total = forecast.total_of(line);
        let args = [
            ("month", forecast.as_of.to_string()),
            ("total", format!("{:>22}", format_nok_grouped(total))),
            ("above", format_nok_grouped(total - outcome)),
        ];
        println!("  {}", super::say("demo-forecast-month", &args));
    }
    let allocation = report.allocations.get(line).copied().unwrap_or(Ore(0));
    let args = [
        ("outcome", format!("{:>15}", format_nok_grouped(outcome))),
        ("allocation", format_nok_grouped(allocation)),
    ];
    println!("  {}", super::say("demo-forecast-outcome", &args));
}
