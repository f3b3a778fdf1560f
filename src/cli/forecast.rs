//! `tilskot forecast`: a budget year forecast with the rules that pay.

use super::register::rejected;
use super::Context;
use crate::app::forecast::{forecast_as_of, forecast_rolling, ForecastInputs};
use crate::app::register_import::ImportError;
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Result};
use crate::io::shipped;
use crate::render::forecast::{
    forecast_csv, forecast_page, forecast_text, rolling_csv, rolling_text,
};
use crate::render::progress::spinner;
use askama::Template;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// How a forecast is printed.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ForecastFormat {
    Text,
    Csv,
    Html,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// The budget year.
    #[arg(long)]
    pub year: i32,
    /// The month at whose end the forecast is made: the register through
    /// it, the prognosis after it.
    #[arg(long, required_unless_present = "rolling", conflicts_with = "rolling")]
    pub as_of: Option<Period>,
    /// The forecast as of every month of the year, beside the outcome.
    #[arg(long)]
    pub rolling: bool,
    /// Expected settlements (CSV or XLSX): month,municipality,basis,category,country,count.
    #[arg(long)]
    pub prognosis: PathBuf,
    /// The sheet of a workbook to read (default: the first visible one).
    #[arg(long)]
    pub sheet: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: ForecastFormat,
}

/// `tilskot forecast`.
pub async fn run(ctx: &Context, args: ForecastArgs, out: &mut impl Write) -> Result<()> {
    let store = ctx.open().await?;
    let rules = ctx.rules()?;
    let municipalities = shipped::municipalities();
    let inputs = ForecastInputs {
        rules: &rules,
        rules_dir: &ctx.rules_dir,
        prognosis: &args.prognosis,
        sheet: args.sheet.as_deref(),
        municipalities: &municipalities,
    };
    let progress = spinner(&ctx.texts.get("cli-forecasting"));
    let made = match args.as_of {
        Some(as_of) => forecast_as_of(&store, &inputs, args.year, as_of).await,
        None => forecast_rolling(&store, &inputs, args.year).await,
    };
    progress.finish_and_clear();
    let report = match made {
        Ok(report) => report,
        Err(ImportError::Rejected(problems)) => {
            return Err(rejected(
                &problems,
                &args.prognosis.display().to_string(),
                &ctx.texts,
            ))
        }
        Err(ImportError::Store(error)) => return Err(error),
    };
    let text = match (args.format, args.rolling) {
        (ForecastFormat::Csv, false) => forecast_csv(&report.forecasts[0]),
        (ForecastFormat::Csv, true) => rolling_csv(&report),
        (ForecastFormat::Text, false) => forecast_text(&report, &ctx.texts),
        (ForecastFormat::Text, true) => rolling_text(&report, &ctx.texts),
        (ForecastFormat::Html, _) => forecast_page(&report, ctx.texts)
            .render()
            .map_err(|e| Error::internal(format!("the forecast page: {e}")))?,
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
