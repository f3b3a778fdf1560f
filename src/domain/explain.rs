//! Explanations for finance staff and municipalities: why a person's
//! accruals and payments are what they are, or why nothing is due.
//! Pure: a person, their accruals and payments, and the rules in; lines of
//! text out.

use crate::domain::accrual::{integration_exclusion, norwegian_exclusion, Accrual};
use crate::domain::calendar::Period;
use crate::domain::grant::{Basis, Category, Grant, RuleId};
use crate::domain::money::Ore;
use crate::domain::municipality::Municipalities;
use crate::domain::payout::PersonPayment;
use crate::domain::register::Person;
use crate::domain::rules::{RateKey, RuleBook};
use chrono::Datelike;

/// One explained accrual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedAccrual {
    pub period: Period,
    pub grant: Grant,
    pub municipality: String,
    pub amount: Ore,
    pub rule: RuleId,
    pub category: String,
    pub grant_year: u8,
    /// "240000.00 NOK (2022, placeholder)".
    pub rate: String,
    pub why: String,
    /// Whether the start period makes it the previous system's to pay.
    pub before_start: bool,
}

/// Explains each accrual of a person.
pub fn explain_accruals(
    person: &Person,
    accruals: &[Accrual],
    rules: &RuleBook,
    municipalities: &Municipalities,
    start: Period,
) -> Vec<ExplainedAccrual> {
    accruals
        .iter()
        .map(|a| {
            let year_rules = rules.year(a.period.year).ok();
            let rate = year_rules
                .and_then(|y| y.rate(a.rate).map(|r| (r, y.year)))
                .map(|(r, year)| {
                    format!(
                        "{} NOK ({year}, {}) at {}",
                        r.amount,
                        r.status,
                        a.rate.path()
                    )
                })
                .unwrap_or_else(|| a.rate.path());
            let lag = year_rules.map_or(2, |y| y.move_lag_months.value);
            ExplainedAccrual {
                period: a.period,
                grant: a.grant,
                municipality: format!("{} {}", a.municipality, municipalities.name(a.municipality)),
                amount: a.amount,
                rule: a.rule,
                category: a.category.map(|c| c.to_string()).unwrap_or_default(),
                grant_year: a.grant_year,
                rate,
                why: format!(
                    "{}; {}",
                    grant_reason(person, a),
                    municipality_reason(person, a.period, lag, municipalities)
                ),
                before_start: a.period < start,
            }
        })
        .collect()
}

/// Why the grant is due in that month.
fn grant_reason(person: &Person, accrual: &Accrual) -> String {
    let age = person.age_at_settlement();
    let settled = person.settlement_date;
    match (accrual.rule, accrual.rate) {
        (RuleId::R7, _) => {
            let born = person.born.as_ref().expect("a born child");
            format!(
                "born {settled}, {} days after the mother {} settled on {} (R7): counts as settled, category child",
                born.days_after_mother_settlement, born.mother_id, born.mother_settlement_date
            )
        }
        (RuleId::R3, RateKey::IntegrationYear1(category)) => {
            let what = match category {
                Category::UnaccompaniedMinor => format!("aged {age} and unaccompanied"),
                Category::Child => format!("aged {age}"),
                Category::SingleAdult => format!("aged {age}, the only member of household {} settled that day", person.household_id),
                Category::Adult => format!(
                    "aged {age}, one of {} members of household {} settled that day",
                    person.household_settled_same_day, person.household_id
                ),
            };
            format!("settled {settled} on basis {}, {what}: grant year 1 lump sum, category {category} (R1, R3)", person.basis)
        }
        (RuleId::R4, _) => format!(
            "grant year {} of {} (clock from {}): monthly part of the annual rate (R2, R4; rate of the month, R0)",
            accrual.grant_year,
            person.basis.integration_grant_years(),
            person.clock_year
        ),
        (RuleId::R8, RateKey::Elderly) => format!("aged {age} on the settlement date {settled}, 60 or over (R8)"),
        (RuleId::R8, _) => format!("aged {age} on the settlement date {settled}, under 6 (R8)"),
        (RuleId::R10, key) => {
            let turns = accrual.period.year - person.birth_date.year();
            let which = if key == RateKey::MinorToYearOf16 { "high rate to the year of 16" } else { "low rate from the year of 17" };
            format!("unaccompanied minor, turns {turns} in {}: {which}; paid to December of the year of 20 (R9, R10)", accrual.period.year)
        }
        (RuleId::R11, key) => {
            let which = if matches!(key, RateKey::NorwegianLow(_)) { "low" } else { "high" };
            format!(
                "aged {age} on settlement, basis {}, country {}: {which} rate, grant year {} (R11)",
                person.basis, person.country, accrual.grant_year
            )
        }
        (RuleId::R12, key) => {
            let which = if key == RateKey::NorwegianCollective { "the year's collective rate" } else { "the ordinary year-1 rate, the year has no collective rate" };
            format!("collective protection: one year-1 lump sum at {which}, no years 2 and 3 (R12)")
        }
        (rule, _) => format!("{rule}"),
    }
}

/// Which municipality the month belongs to, and why (R5).
fn municipality_reason(
    person: &Person,
    period: Period,
    lag: u32,
    municipalities: &Municipalities,
) -> String {
    let name = |m| format!("{m} {}", municipalities.name(m));
    let mut reason = if let Some(born) = &person.born {
        format!(
            "born in {} where the mother {} lived",
            name(person.settlement_municipality),
            born.mother_id
        )
    } else {
        format!(
            "settled {} in {}",
            person.settlement_date,
            name(person.settlement_municipality)
        )
    };
    for (date, to) in &person.moves {
        let effective = Period::of_date(*date).plus_months(i64::from(lag));
        if period >= effective {
            reason = format!(
                "moved {date}, new municipality {} from {effective} (R5)",
                name(*to)
            );
        } else if period >= Period::of_date(*date) {
            reason = format!(
                "{reason}; moved {date} to {}, which takes over from {effective} (R5)",
                name(*to)
            );
        }
    }
    reason
}

/// Why a grant is not (or no longer) due to a person, for each grant the
/// person has no accrual of in the explained months.
pub fn nothing_due_reasons(person: &Person, accruals: &[Accrual], to: Period) -> Vec<String> {
    let has = |grant: Grant| accruals.iter().any(|a| a.grant == grant);
    let mut reasons = Vec::new();
    if let Some(exit) = person.exit {
        reasons.push(format!(
            "exited {exit}: months after {} accrue nothing (R6)",
            Period::of_date(exit)
        ));
    }
    if !has(Grant::IntegrationYear1) && !has(Grant::Integration) {
        match integration_exclusion(person) {
            Some(why) => reasons.push(format!("integration: {why}")),
            None => {
                let last_year = person.clock_year + person.basis.integration_grant_years() - 1;
                if to.year > last_year {
                    reasons.push(format!(
                        "integration: the {} grant years of basis {} ended in {last_year} (R1, R2)",
                        person.basis.integration_grant_years(),
                        person.basis
                    ));
                } else if person.settlement_period().year < to.year {
                    reasons.push("integration: no month of the explained period is in a paying grant year (R2)".into());
                }
            }
        }
    }
    if !has(Grant::Minor) {
        if person.category() != Category::UnaccompaniedMinor {
            reasons.push(format!(
                "minor: not an unaccompanied minor on the settlement date (category {}) (R9)",
                person.category()
            ));
        } else {
            reasons.push(format!(
                "minor: the grant ended in December {} (R9)",
                person.birth_date.year() + 20
            ));
        }
    }
    if !has(Grant::Norwegian) {
        match norwegian_exclusion(person) {
            Some(why) => reasons.push(format!("norwegian: {why}")),
            None if person.basis == Basis::Collective => {
                reasons.push("norwegian: collective protection gets one year-1 lump sum only (R12)".into())
            }
            None => reasons.push("norwegian: the three lump sums fall in the settlement month and the next two Januaries (R11)".into()),
        }
    }
    reasons
}

/// Renders the explanation as the text `tilskot explain` prints.
pub fn render_text(
    person: &Person,
    explained: &[ExplainedAccrual],
    payments: &[PersonPayment],
    reasons: &[String],
    municipalities: &Municipalities,
) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Person {}: born {}, {} on {} in {} {}, basis {}, country {}, category {}\n",
        person.id,
        person.birth_date,
        if person.born.is_some() {
            "born"
        } else {
            "settled"
        },
        person.settlement_date,
        person.settlement_municipality,
        municipalities.name(person.settlement_municipality),
        person.basis,
        person.country,
        person.category()
    ));
    out.push_str("\nAccruals:\n");
    if explained.is_empty() {
        out.push_str("  none in the explained months\n");
    }
    for e in explained {
        out.push_str(&format!(
            "  {} {:<17} {:>12} to {} [{}, category {}, grant year {}, rate {}]{}\n      why: {}\n",
            e.period,
            e.grant.code(),
            e.amount.to_string(),
            e.municipality,
            e.rule,
            if e.category.is_empty() {
                "-"
            } else {
                &e.category
            },
            e.grant_year,
            e.rate,
            if e.before_start {
                " (before the start period: paid by the previous system)"
            } else {
                ""
            },
            e.why
        ));
    }
    out.push_str("\nPayments:\n");
    if payments.is_empty() {
        out.push_str("  none\n");
    }
    for p in payments {
        out.push_str(&format!(
            "  batch {} run {}: {:<17} {:>12} to {} {}{}\n",
            p.period,
            p.run_number,
            p.grant.code(),
            p.amount.to_string(),
            p.municipality,
            municipalities.name(p.municipality),
            if p.amount.0 < 0 { " (set-off)" } else { "" }
        ));
    }
    if !reasons.is_empty() {
        out.push_str("\nNothing due:\n");
        for reason in reasons {
            out.push_str(&format!("  {reason}\n"));
        }
    }
    out
}
