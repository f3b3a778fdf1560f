//! Forecasts laid out (edge): the CSV of `grant,month,source,amount`, a text
//! table per budget line, and an HTML page with an SVG chart of the
//! forecasts made month by month. The figures come from
//! [`crate::domain::forecast`]; nothing here computes an amount.

use super::reports::BUDGET_LINES;
use crate::domain::error::Message;
use crate::domain::forecast::{Forecast, ForecastReport, PrognosisRow};
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::prognosis::PROGNOSIS_COLUMNS;
use crate::domain::rules::RateStatus;
use crate::render::i18n::Texts;
use askama::Template;

/// `grant,month,source,amount`: one row per grant, month and source with a
/// non-zero amount; NOK with two decimals.
pub fn forecast_csv(forecast: &Forecast) -> String {
    let mut out = String::from("grant,month,source,amount\n");
    for ((grant, month, source), amount) in &forecast.amounts {
        out.push_str(&format!("{grant},{month},{},{amount}\n", source.code()));
    }
    out
}

/// A prognosis file (F2): `month,municipality,basis,category,country,count`.
pub fn prognosis_csv(rows: &[PrognosisRow]) -> String {
    let mut out = PROGNOSIS_COLUMNS.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            row.month,
            row.municipality,
            row.basis,
            row.category.code(),
            row.country,
            row.count
        ));
    }
    out
}

/// `as_of,budget_line,forecast,outcome,allocation` for a rolling forecast.
pub fn rolling_csv(report: &ForecastReport) -> String {
    let mut out = String::from("as_of,budget_line,forecast,outcome,allocation\n");
    for forecast in &report.forecasts {
        for line in BUDGET_LINES {
            out.push_str(&format!(
                "{},{line},{},{},{}\n",
                forecast.as_of,
                forecast.total_of(line),
                report
                    .outcome_of(line)
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
                report
                    .allocations
                    .get(line)
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
            ));
        }
    }
    out
}

/// The text table of one forecast: per budget line what has accrued, what
/// is expected, the allocation and the expected under- or overspend.
pub fn forecast_text(report: &ForecastReport, t: &Texts) -> String {
    let Some(forecast) = report.forecasts.first() else {
        return String::new();
    };
    let args = [
        ("year", report.year.to_string()),
        ("month", forecast.as_of.to_string()),
        ("through", forecast.as_of.last_day().to_string()),
    ];
    let mut out = format!("{}\n\n", t.with("cli-forecast-title", &args));
    let [a, b, c, d, e, f] = [
        "cli-forecast-post",
        "cli-forecast-accrued",
        "cli-forecast-expected-rest",
        "cli-forecast-expected-total",
        "cli-forecast-allocation",
        "cli-forecast-difference",
    ]
    .map(|key| t.get(key));
    out.push_str(&format!("{a:<9} {b:>18} {c:>18} {d:>18} {e:>18} {f:>18}\n"));
    let lines = forecast.by_budget_line();
    for line in BUDGET_LINES {
        let figures = lines.get(line).copied().unwrap_or_default();
        let allocation = report.allocations.get(line).copied();
        out.push_str(&format!(
            "{:<9} {:>18} {:>18} {:>18} {:>18} {:>18}\n",
            line,
            format_nok_grouped(figures.accrued),
            format_nok_grouped(figures.expected_rest),
            format_nok_grouped(figures.total()),
            allocation
                .map(format_nok_grouped)
                .unwrap_or_else(|| "-".into()),
            allocation
                .map(|a| format_nok_grouped(a - figures.total()))
                .unwrap_or_else(|| "-".into()),
        ));
    }
    out.push_str(&rates_text(report, t));
    out
}

/// The text table of a rolling forecast: each month's forecast per budget
/// line beside the outcome and the allocation.
pub fn rolling_text(report: &ForecastReport, t: &Texts) -> String {
    let title = t.with(
        "cli-forecast-rolling-title",
        &[("year", report.year.to_string())],
    );
    let mut out = format!("{title}\n\n");
    out.push_str(&format!("{:<8}", t.get("cli-forecast-as-of")));
    for line in BUDGET_LINES {
        out.push_str(&format!(" {line:>18}"));
    }
    out.push('\n');
    for forecast in &report.forecasts {
        out.push_str(&format!("{:<8}", forecast.as_of.to_string()));
        for line in BUDGET_LINES {
            out.push_str(&format!(
                " {:>18}",
                format_nok_grouped(forecast.total_of(line))
            ));
        }
        out.push('\n');
    }
    if report.outcome.is_some() {
        let label = t.get("cli-forecast-outcome");
        out.push_str(&level_row(&label, &|line| report.outcome_of(line)));
    }
    let label = t.get("cli-forecast-allocation");
    out.push_str(&level_row(&label, &|line| {
        report.allocations.get(line).copied()
    }));
    out.push_str(&rates_text(report, t));
    out
}

/// A row of one figure per budget line, `-` where there is none.
fn level_row(label: &str, value: &dyn Fn(&str) -> Option<Ore>) -> String {
    let mut row = format!("{label:<8}");
    for line in BUDGET_LINES {
        let text = value(line)
            .map(format_nok_grouped)
            .unwrap_or_else(|| "-".into());
        row.push_str(&format!(" {text:>18}"));
    }
    row.push('\n');
    row
}

/// The rates used, with their status, and where they came from.
fn rates_text(report: &ForecastReport, t: &Texts) -> String {
    let args = [
        ("year", report.year.to_string()),
        ("folder", report.rules_dir.clone()),
    ];
    let mut out = format!("\n{}\n", t.with("cli-forecast-rates", &args));
    for rate in &report.rates {
        out.push_str(&format!(
            "  {:<42} {:>14}  {}\n",
            rate.path,
            format_nok_grouped(rate.amount),
            t.name("rate-status", rate.status.code())
        ));
    }
    if report.weakest_status() != RateStatus::Adopted {
        let status = t.name("rate-status", report.weakest_status().code());
        out.push_str(&t.with("cli-forecast-not-adopted", &[("status", status)]));
        out.push('\n');
    }
    out
}

/// One budget line of the HTML page.
pub struct ForecastRow {
    /// Named on the page by the catalogue (`budget-line-0671-60`).
    pub budget_line: &'static str,
    pub accrued: String,
    pub expected_rest: String,
    pub total: String,
    pub allocation: String,
    pub difference: String,
}

/// One month of the rolling table.
pub struct RollingRow {
    pub as_of: String,
    pub totals: Vec<String>,
}

/// A rate as the page lists it.
pub struct RateRow {
    pub path: String,
    pub amount: String,
    pub status: &'static str,
}

/// The HTML page of a forecast (one month) or of a rolling forecast.
#[derive(Template)]
#[template(path = "forecast.html")]
pub struct ForecastPage {
    pub t: Texts,
    pub title: Message,
    /// The one forecast's heading and introduction, or the rolling one's.
    pub heading: Message,
    pub as_of: String,
    pub rows: Vec<ForecastRow>,
    pub rolling: Vec<RollingRow>,
    pub line_names: Vec<&'static str>,
    pub outcome: Vec<String>,
    pub allocation: Vec<String>,
    /// The chart of 0671.60, as SVG markup this module wrote.
    pub chart: String,
    pub rates: Vec<RateRow>,
    pub rules_dir: String,
    pub rates_not_adopted: bool,
    pub rates_warning: Message,
}

/// The HTML page of a forecast report in the reader's language.
pub fn forecast_page(report: &ForecastReport, t: Texts) -> ForecastPage {
    let rolling = report.forecasts.len() > 1;
    let first = report.forecasts.first();
    let rows = match (rolling, first) {
        (false, Some(forecast)) => forecast_rows(report, forecast),
        _ => Vec::new(),
    };
    let by_line = |value: &dyn Fn(&str) -> Option<Ore>| -> Vec<String> {
        BUDGET_LINES
            .iter()
            .map(|line| {
                value(line)
                    .map(format_nok_grouped)
                    .unwrap_or_else(|| "–".into())
            })
            .collect()
    };
    let as_of = first.map(|f| f.as_of.to_string()).unwrap_or_default();
    let heading = if rolling {
        Message::new("report-forecast-rolling-heading")
    } else {
        Message::new("report-forecast-heading").arg("as_of", &as_of)
    };
    ForecastPage {
        t,
        title: Message::new("report-forecast-title").arg("year", report.year),
        heading: heading.arg("year", report.year),
        as_of,
        rows,
        rolling: if rolling {
            rolling_rows(report)
        } else {
            Vec::new()
        },
        line_names: BUDGET_LINES.to_vec(),
        outcome: by_line(&|line| report.outcome_of(line)),
        allocation: by_line(&|line| report.allocations.get(line).copied()),
        chart: if rolling {
            rolling_chart(report, "0671.60")
        } else {
            String::new()
        },
        rates: report
            .rates
            .iter()
            .map(|r| RateRow {
                path: r.path.clone(),
                amount: format_nok_grouped(r.amount),
                status: r.status.code(),
            })
            .collect(),
        rules_dir: report.rules_dir.clone(),
        rates_not_adopted: report.weakest_status() != RateStatus::Adopted,
        rates_warning: Message::new("report-forecast-rates-warning").named(
            "status",
            "rate-status",
            report.weakest_status().code(),
        ),
    }
}

fn forecast_rows(report: &ForecastReport, forecast: &Forecast) -> Vec<ForecastRow> {
    let lines = forecast.by_budget_line();
    BUDGET_LINES
        .iter()
        .map(|line| {
            let figures = lines.get(line).copied().unwrap_or_default();
            let allocation = report.allocations.get(*line).copied();
            ForecastRow {
                budget_line: line,
                accrued: format_nok_grouped(figures.accrued),
                expected_rest: format_nok_grouped(figures.expected_rest),
                total: format_nok_grouped(figures.total()),
                allocation: allocation
                    .map(format_nok_grouped)
                    .unwrap_or_else(|| "–".into()),
                difference: allocation
                    .map(|a| format_nok_grouped(a - figures.total()))
                    .unwrap_or_else(|| "–".into()),
            }
        })
        .collect()
}

fn rolling_rows(report: &ForecastReport) -> Vec<RollingRow> {
    report
        .forecasts
        .iter()
        .map(|f| RollingRow {
            as_of: f.as_of.to_string(),
            totals: BUDGET_LINES
                .iter()
                .map(|line| format_nok_grouped(f.total_of(line)))
                .collect(),
        })
        .collect()
}

/// The chart's size in SVG units, and its margins for the axes' labels.
const CHART_WIDTH: i64 = 720;
const CHART_HEIGHT: i64 = 320;
const CHART_LEFT: i64 = 90;
const CHART_BOTTOM: i64 = 40;
const CHART_TOP: i64 = 20;

/// An SVG line chart of one budget line: the forecast made at the end of
/// each month, the outcome and the allocation as level lines. Amounts are
/// placed by whole millions of NOK (integer arithmetic, no floats).
pub fn rolling_chart(report: &ForecastReport, budget_line: &str) -> String {
    let millions = |amount: Ore| amount.0 / 100_000_000;
    let forecasts: Vec<i64> = report
        .forecasts
        .iter()
        .map(|f| millions(f.total_of(budget_line)))
        .collect();
    let outcome = report.outcome_of(budget_line).map(millions);
    let allocation = report.allocations.get(budget_line).copied().map(millions);
    let all: Vec<i64> = forecasts
        .iter()
        .copied()
        .chain(outcome)
        .chain(allocation)
        .collect();
    let (Some(&low), Some(&high)) = (all.iter().min(), all.iter().max()) else {
        return String::new();
    };
    let step = nice_step((high - low).max(1));
    let (bottom, top) = ((low / step) * step - step, (high / step + 1) * step);
    let plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP;
    let plot_width = CHART_WIDTH - CHART_LEFT - 20;
    let y = |m: i64| CHART_TOP + (top - m) * plot_height / (top - bottom);
    let x = |i: i64| CHART_LEFT + i * plot_width / 11;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_WIDTH} {CHART_HEIGHT}\" role=\"img\" aria-label=\"Prognose for {budget_line} laga kvar månad\">\n"
    );
    let mut tick = bottom;
    while tick <= top {
        svg.push_str(&format!(
            "<line x1=\"{CHART_LEFT}\" x2=\"{}\" y1=\"{y0}\" y2=\"{y0}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>\n",
            CHART_LEFT + plot_width,
            CHART_LEFT - 6,
            y(tick) + 4,
            crate::domain::money::format_kroner_grouped(tick),
            y0 = y(tick)
        ));
        tick += step;
    }
    for (i, forecast) in report.forecasts.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{:02}</text>\n",
            x(i as i64),
            CHART_HEIGHT - CHART_BOTTOM + 16,
            forecast.as_of.month
        ));
    }
    for (value, colour, label) in [
        (allocation, "#1d3557", "løyving"),
        (outcome, "#2a9d8f", "utfall"),
    ] {
        if let Some(m) = value {
            svg.push_str(&format!(
                "<line class=\"{label}\" x1=\"{CHART_LEFT}\" x2=\"{}\" y1=\"{y0}\" y2=\"{y0}\" stroke=\"{colour}\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{colour}\" text-anchor=\"end\">{label}</text>\n",
                CHART_LEFT + plot_width,
                CHART_LEFT + plot_width,
                y(m) - 4,
                y0 = y(m)
            ));
        }
    }
    let points: Vec<String> = forecasts
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{},{}", x(i as i64), y(*m)))
        .collect();
    svg.push_str(&format!(
        "<polyline class=\"prognose\" points=\"{}\" fill=\"none\" stroke=\"#e76f51\" stroke-width=\"2\"/>\n",
        points.join(" ")
    ));
    svg.push_str(&format!(
        "<text x=\"{CHART_LEFT}\" y=\"{}\" font-size=\"11\">mill. kr · månaden prognosen vart laga</text>\n</svg>\n",
        CHART_HEIGHT - 6
    ));
    svg
}

/// A step of 1, 2 or 5 times a power of ten that puts 4–10 ticks on `span`.
fn nice_step(span: i64) -> i64 {
    let mut power = 1;
    loop {
        for factor in [1, 2, 5] {
            if span / (factor * power) <= 8 {
                return factor * power;
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::nice_step;

    #[test]
    fn the_chart_step_puts_at_most_nine_ticks_on_the_span() {
        for (span, step) in [
            (1, 1),
            (9, 2),
            (40, 5),
            (81, 10),
            (1_380, 200),
            (12_000, 2_000),
        ] {
            assert_eq!(nice_step(span), step, "{span}");
            assert!(span / step <= 8);
        }
    }
}
