//! Text tables of the command line: rates, batch summaries, frames.

use crate::domain::application::FrameStatus;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::municipality::Municipalities;
use crate::domain::payout::{totals_by_budget_line, totals_by_municipality, BatchLine};
use crate::domain::rules::{MissingYear, RateStatus, RuleBook};
use crate::render::i18n::Texts;
use std::collections::BTreeMap;

/// The table of `rules show`: every rate with its status and source, the
/// payment terms, the move lag and the low-rate countries. The sources are
/// the rules files' own text.
pub fn show_rules(book: &RuleBook, year: i32, t: &Texts) -> Result<String, MissingYear> {
    let rules = book.year(year)?;
    let title = [
        ("year", year.to_string()),
        ("file", rules.file_name.clone()),
    ];
    let mut out = format!("{}\n\n", t.with("cli-rules-title", &title));
    out.push_str(&format!(
        "{:<42} {:>14}  {:<12} {}\n",
        t.get("cli-rules-rate"),
        t.get("cli-rules-kroner"),
        t.get("cli-rules-status"),
        t.get("cli-rules-source")
    ));
    for (key, rate) in &rules.rates {
        out.push_str(&format!(
            "{:<42} {:>14}  {:<12} {}\n",
            key.path(),
            format_nok_grouped(rate.amount),
            t.name("rate-status", rate.status.code()),
            rate.source
        ));
    }
    out.push_str(&format!("\n{}\n", t.get("cli-rules-terms")));
    for term in &rules.payment_terms {
        let grants: Vec<String> = term
            .grants
            .iter()
            .map(|g| t.name("grant", g.code()))
            .collect();
        let args = [
            ("month", format!("{:>2}", term.month)),
            ("through", term.through.last_day().to_string()),
            ("grants", grants.join("; ")),
            ("status", t.name("rate-status", term.status.code())),
            ("source", term.source.clone()),
        ];
        out.push_str(&format!("  {}\n", t.with("cli-rules-term", &args)));
    }
    let lag = &rules.move_lag_months;
    let args = [
        ("months", lag.value.to_string()),
        ("status", t.name("rate-status", lag.status.code())),
        ("source", lag.source.clone()),
    ];
    out.push_str(&format!("\n{}\n", t.with("cli-rules-move-lag", &args)));
    let countries = &rules.low_rate_countries;
    let args = [
        (
            "countries",
            countries
                .value
                .iter()
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        ("status", t.name("rate-status", countries.status.code())),
    ];
    out.push_str(&format!(
        "{}\n",
        t.with("cli-rules-low-rate-countries", &args)
    ));
    out.push_str(&rate_warning(rules.weakest_status().code(), t));
    out.push_str(&format!("\n{}\n", t.get("cli-rules-reference")));
    Ok(out)
}

/// The warning printed with every output computed on rates not adopted.
pub fn rate_warning(status: &str, texts: &Texts) -> String {
    if status == RateStatus::Adopted.code() {
        String::new()
    } else {
        let status = texts.name("rate-status", status);
        format!(
            "{}\n",
            texts.with("cli-rate-warning", &[("status", status)])
        )
    }
}

/// The per-municipality summary of a batch: budget lines and net.
pub fn municipality_summary(
    lines: &[BatchLine],
    municipalities: &Municipalities,
    texts: &Texts,
) -> String {
    let mut per: BTreeMap<_, BTreeMap<&str, Ore>> = BTreeMap::new();
    for line in lines {
        *per.entry(line.key.municipality)
            .or_default()
            .entry(line.key.grant.budget_line())
            .or_default() += line.amount;
    }
    let net = totals_by_municipality(lines);
    let row = |number: &str, name: &str, cells: [String; 4]| {
        format!(
            "{number:<6}  {name:<28} {:>18} {:>18} {:>18} {:>18}\n",
            cells[0], cells[1], cells[2], cells[3]
        )
    };
    let mut out = String::from("\n");
    out.push_str(&row(
        &texts.get("cli-summary-number"),
        &texts.get("cli-summary-name"),
        [
            POSTS[0].to_string(),
            POSTS[1].to_string(),
            POSTS[2].to_string(),
            texts.get("cli-summary-net"),
        ],
    ));
    for (municipality, lines_by_post) in &per {
        let cell = |post: &str| {
            lines_by_post
                .get(post)
                .map(|a| format_nok_grouped(*a))
                .unwrap_or_default()
        };
        let name: String = municipalities
            .name(*municipality)
            .chars()
            .take(28)
            .collect();
        out.push_str(&row(
            &municipality.to_string(),
            &name,
            [
                cell(POSTS[0]),
                cell(POSTS[1]),
                cell(POSTS[2]),
                format_nok_grouped(net[municipality]),
            ],
        ));
    }
    let totals = totals_by_budget_line(lines);
    let cell = |post: &str| {
        totals
            .get(post)
            .map(|a| format_nok_grouped(*a))
            .unwrap_or_default()
    };
    let total: Ore = lines.iter().map(|l| l.amount).sum();
    let label = texts.with("cli-summary-total", &[("count", per.len().to_string())]);
    out.push_str(&row(
        "",
        &label,
        [
            cell(POSTS[0]),
            cell(POSTS[1]),
            cell(POSTS[2]),
            format_nok_grouped(total),
        ],
    ));
    out
}

/// The budget lines (kapittel/post) a batch pays from, in the summary's order.
const POSTS: [&str; 3] = ["0671.60", "0671.61", "0672.60"];

/// A call's frame, awarded, paid, released, outstanding, available and
/// underspend, one line each.
pub fn frame_status_table(name: &str, status: &FrameStatus, t: &Texts) -> String {
    let mut out = format!("{name}\n");
    for (key, amount) in [
        ("frame-frame", status.frame),
        ("frame-awarded", status.awarded),
        ("frame-paid", status.paid),
        ("frame-released", status.released),
        ("frame-outstanding", status.outstanding()),
        ("frame-available", status.available()),
        ("frame-underspend", status.underspend()),
    ] {
        let label = t.get(key);
        out.push_str(&format!(
            "  {label:<30} {:>22}\n",
            format_nok_grouped(amount)
        ));
    }
    out
}
