//! Text tables of the command line: rates, batch summaries, frames.

use crate::domain::application::FrameStatus;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::municipality::Municipalities;
use crate::domain::payout::{totals_by_budget_line, totals_by_municipality, BatchLine};
use crate::domain::rules::{MissingYear, RateStatus, RuleBook};
use std::collections::BTreeMap;

/// The table of `rules show`.
pub fn show_rules(book: &RuleBook, year: i32) -> Result<String, MissingYear> {
    let rules = book.year(year)?;
    let mut out = format!("Rules of {year} ({})\n\n", rules.file_name);
    out.push_str(&format!(
        "{:<42} {:>14}  {:<12} source\n",
        "rate", "NOK", "status"
    ));
    for (key, rate) in &rules.rates {
        out.push_str(&format!(
            "{:<42} {:>14}  {:<12} {}\n",
            key.path(),
            format_nok_grouped(rate.amount),
            rate.status.code(),
            rate.source
        ));
    }
    out.push_str("\nPayment terms:\n");
    for term in &rules.payment_terms {
        let grants: Vec<&str> = term.grants.iter().map(|g| g.code()).collect();
        out.push_str(&format!(
            "  month {:>2}: pays accruals through {} ({}) [{}] {}\n",
            term.month,
            term.through.last_day(),
            grants.join(", "),
            term.status,
            term.source
        ));
    }
    out.push_str(&format!(
        "\nMove lag: {} months [{}] {}\n",
        rules.move_lag_months.value, rules.move_lag_months.status, rules.move_lag_months.source
    ));
    let countries: Vec<&str> = rules
        .low_rate_countries
        .value
        .iter()
        .map(String::as_str)
        .collect();
    out.push_str(&format!(
        "Low-rate countries: {} [{}]\n",
        countries.join(" "),
        rules.low_rate_countries.status
    ));
    out.push_str(&rate_warning(rules.weakest_status().code()));
    out.push_str("\nWhat each rule (R0–R19) means, with its source and status: docs/rules.md\n");
    Ok(out)
}

/// The warning printed with every output computed on rates not adopted.
pub fn rate_warning(status: &str) -> String {
    if status == RateStatus::Adopted.code() {
        String::new()
    } else {
        format!(
            "WARNING: computed with rates that are not adopted (weakest status: {status}). Placeholder rates are not real rates; paying requires adopted rates.\n"
        )
    }
}

/// The per-municipality summary of a batch: budget lines and net.
pub fn municipality_summary(lines: &[BatchLine], municipalities: &Municipalities) -> String {
    let mut per: BTreeMap<_, BTreeMap<&str, Ore>> = BTreeMap::new();
    for line in lines {
        *per.entry(line.key.municipality)
            .or_default()
            .entry(line.key.grant.budget_line())
            .or_default() += line.amount;
    }
    let net = totals_by_municipality(lines);
    let mut out = format!(
        "\n{:<6} {:<28} {:>18} {:>18} {:>18} {:>18}\n",
        "kommune", "name", "0671.60", "0671.61", "0672.60", "net"
    );
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
        out.push_str(&format!(
            "{:<6}  {:<28} {:>18} {:>18} {:>18} {:>18}\n",
            municipality.to_string(),
            name,
            cell("0671.60"),
            cell("0671.61"),
            cell("0672.60"),
            format_nok_grouped(net[municipality])
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
    out.push_str(&format!(
        "{:<6}  {:<28} {:>18} {:>18} {:>18} {:>18}\n",
        "",
        format!("total ({} municipalities)", per.len()),
        cell("0671.60"),
        cell("0671.61"),
        cell("0672.60"),
        format_nok_grouped(total)
    ));
    out
}

/// A call's frame, awarded, paid, released, outstanding, available and
/// underspend, one line each.
pub fn frame_status_table(name: &str, status: &FrameStatus) -> String {
    let mut out = format!("{name}\n");
    for (label, amount) in [
        ("frame", status.frame),
        ("awarded", status.awarded),
        ("paid", status.paid),
        ("released", status.released),
        ("outstanding", status.outstanding()),
        ("available", status.available()),
        ("underspend", status.underspend()),
    ] {
        out.push_str(&format!(
            "  {label:<12} {:>22}\n",
            format_nok_grouped(amount)
        ));
    }
    out
}
