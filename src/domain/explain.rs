//! Explanations for finance staff and municipalities: why a person's
//! accruals and payments are what they are, or why nothing is due.
//! Pure: a person, their accruals and payments, and the rules in; plain
//! data with typed messages out, which `render::explain` writes in the
//! reader's language.

use crate::domain::accrual::{integration_exclusion, norwegian_exclusion, Accrual};
use crate::domain::calendar::Period;
use crate::domain::disability::{DisabilityApplication, DisabilityDecisionKind};
use crate::domain::error::Message;
use crate::domain::grant::{Basis, Category, Grant, RuleId};
use crate::domain::money::Ore;
use crate::domain::municipality::Municipalities;
use crate::domain::payout::PersonPayment;
use crate::domain::register::{Event, Person};
use crate::domain::rules::{RateKey, RateStatus, RuleBook};
use chrono::{Datelike, NaiveDate};

/// The rate an accrual used: its amount for a whole year (or the lump
/// sum), the budget year and how sure the figure is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateUsed {
    pub amount: Ore,
    pub year: i32,
    pub status: RateStatus,
}

/// One explained accrual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedAccrual {
    pub period: Period,
    pub grant: Grant,
    /// "0301 Oslo".
    pub municipality: String,
    pub amount: Ore,
    pub rule: RuleId,
    pub category: Option<Category>,
    pub grant_year: u8,
    /// `None` only when the rules lack the accrual's year.
    pub rate: Option<RateUsed>,
    /// Why the grant is due that month, then why to that municipality.
    pub why: Vec<Message>,
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
            let rate = year_rules.and_then(|y| {
                y.rate(a.rate).map(|r| RateUsed {
                    amount: r.amount,
                    year: y.year,
                    status: r.status,
                })
            });
            let lag = year_rules.map_or(2, |y| y.move_lag_months.value);
            let mut why = vec![grant_reason(person, a)];
            why.extend(municipality_reasons(person, a.period, lag, municipalities));
            ExplainedAccrual {
                period: a.period,
                grant: a.grant,
                municipality: municipalities.labelled(a.municipality),
                amount: a.amount,
                rule: a.rule,
                category: a.category,
                grant_year: a.grant_year,
                rate,
                why,
                before_start: a.period < start,
            }
        })
        .collect()
}

/// Why the grant is due in that month.
fn grant_reason(person: &Person, accrual: &Accrual) -> Message {
    let age = person.age_at_settlement();
    let settled = person.settlement_date;
    match (accrual.rule, accrual.rate) {
        (RuleId::R7, _) => {
            let born = person.born.as_ref().expect("a born child");
            Message::new("explain-born-in-window")
                .arg("born", settled)
                .arg("days", born.days_after_mother_settlement)
                .arg("mother", &born.mother_id)
                .arg("settled", born.mother_settlement_date)
        }
        (RuleId::R3, RateKey::IntegrationYear1(category)) => {
            year_one_reason(person, category).arg("age", age)
        }
        (RuleId::R4, _) => Message::new("explain-later-year")
            .arg("year", accrual.grant_year)
            .arg("years", person.basis.integration_grant_years())
            .arg("clock", person.clock_year),
        (RuleId::R8, RateKey::Elderly) => Message::new("explain-elderly")
            .arg("age", age)
            .arg("settled", settled),
        (RuleId::R8, _) => Message::new("explain-kindergarten")
            .arg("age", age)
            .arg("settled", settled),
        (RuleId::R10, key) => Message::new(if key == RateKey::MinorToYearOf16 {
            "explain-minor-high"
        } else {
            "explain-minor-low"
        })
        .arg("turns", accrual.period.year - person.birth_date.year())
        .arg("year", accrual.period.year),
        (RuleId::R11, key) => Message::new(if matches!(key, RateKey::NorwegianLow(_)) {
            "explain-norwegian-low"
        } else {
            "explain-norwegian-high"
        })
        .arg("age", age)
        .named("basis", "basis", person.basis.code())
        .arg("country", &person.country)
        .arg("year", accrual.grant_year),
        (RuleId::R12, key) => Message::new(if key == RateKey::NorwegianCollective {
            "explain-collective-rate"
        } else {
            "explain-collective-ordinary"
        }),
        (rule, _) => Message::new("explain-by-rule")
            .arg("rule", rule)
            .named("name", "rule", rule),
    }
}

/// R1, R3: the year-1 lump sum, by the category the person settled in
/// (`$age` is added by the caller).
fn year_one_reason(person: &Person, category: Category) -> Message {
    let key = match category {
        Category::UnaccompaniedMinor => "explain-year1-unaccompanied",
        Category::Child => "explain-year1-child",
        Category::SingleAdult => "explain-year1-single",
        Category::Adult => "explain-year1-adult",
    };
    Message::new(key)
        .arg("settled", person.settlement_date)
        .named("basis", "basis", person.basis.code())
        .arg("household", &person.household_id)
        .arg("members", person.household_settled_same_day)
        .named("category", "category", category.code())
}

/// Which municipality the month belongs to, and why (R5): where the person
/// settled or was born, or the move that has taken effect, then a move
/// that will take effect.
fn municipality_reasons(
    person: &Person,
    period: Period,
    lag: u32,
    municipalities: &Municipalities,
) -> Vec<Message> {
    let name = |m| municipalities.labelled(m);
    let first = match &person.born {
        Some(born) => Message::new("explain-born-where")
            .arg("municipality", name(person.settlement_municipality))
            .arg("mother", &born.mother_id),
        None => Message::new("explain-settled-in")
            .arg("date", person.settlement_date)
            .arg("municipality", name(person.settlement_municipality)),
    };
    let mut reasons = vec![first];
    for (date, to) in &person.moves {
        let effective = Period::of_date(*date).plus_months(i64::from(lag));
        let says = |key| {
            Message::new(key)
                .arg("date", date)
                .arg("municipality", name(*to))
                .arg("from", effective)
        };
        if period >= effective {
            reasons = vec![says("explain-moved")];
        } else if period >= Period::of_date(*date) {
            reasons.push(says("explain-moving"));
        }
    }
    reasons
}

/// Why a grant is not (or no longer) due: `about` names the grant (for the
/// integration grant, both its year-1 and its later parts), or `None` when
/// the reason holds for every grant (an exit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NothingDue {
    pub about: Option<Grant>,
    pub reason: Message,
}

impl NothingDue {
    fn of(grant: Grant, reason: Message) -> NothingDue {
        NothingDue {
            about: Some(grant),
            reason,
        }
    }
}

/// Why a grant is not (or no longer) due to a person, for each grant the
/// person has no accrual of in the explained months.
pub fn nothing_due_reasons(person: &Person, accruals: &[Accrual], to: Period) -> Vec<NothingDue> {
    let has = |grant: Grant| accruals.iter().any(|a| a.grant == grant);
    let mut reasons = Vec::new();
    if let Some(exit) = person.exit {
        reasons.push(NothingDue {
            about: None,
            reason: Message::new("explain-exited")
                .arg("date", exit)
                .arg("period", Period::of_date(exit)),
        });
    }
    if !has(Grant::IntegrationYear1) && !has(Grant::Integration) {
        if let Some(reason) = integration_reason(person, to) {
            reasons.push(NothingDue::of(Grant::Integration, reason));
        }
    }
    if !has(Grant::Minor) {
        reasons.push(NothingDue::of(Grant::Minor, minor_reason(person)));
    }
    if !has(Grant::Norwegian) {
        reasons.push(NothingDue::of(Grant::Norwegian, norwegian_reason(person)));
    }
    reasons
}

/// R1, R2, R7: why no integration grant accrues in the explained months.
fn integration_reason(person: &Person, to: Period) -> Option<Message> {
    if let Some(exclusion) = integration_exclusion(person) {
        return Some(exclusion.message());
    }
    let years = person.basis.integration_grant_years();
    let last_year = person.clock_year + years - 1;
    if to.year > last_year {
        Some(
            Message::new("explain-integration-ended")
                .arg("years", years)
                .named("basis", "basis", person.basis.code())
                .arg("last", last_year),
        )
    } else if person.settlement_period().year < to.year {
        Some(Message::new("explain-integration-no-month"))
    } else {
        None
    }
}

/// R9: why no grant for unaccompanied minors accrues.
fn minor_reason(person: &Person) -> Message {
    if person.category() != Category::UnaccompaniedMinor {
        Message::new("explain-minor-category").named(
            "category",
            "category",
            person.category().code(),
        )
    } else {
        Message::new("explain-minor-ended").arg("year", person.birth_date.year() + 20)
    }
}

/// R11, R12: why no Norwegian-training grant accrues.
fn norwegian_reason(person: &Person) -> Message {
    match norwegian_exclusion(person) {
        Some(exclusion) => exclusion.message(),
        None if person.basis == Basis::Collective => Message::new("explain-norwegian-collective"),
        None => Message::new("explain-norwegian-timing"),
    }
}

/// A decision on a disability application, as explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedDecision {
    pub decided_on: NaiveDate,
    pub kind: DisabilityDecisionKind,
    pub amount: Ore,
    pub decided_by: String,
    /// The caseworker's own words, as written.
    pub reason: String,
}

/// A person's application for the disability grant (R14–R19), with what
/// R15/R16 allow and every decision, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedDisability {
    pub application: DisabilityApplication,
    /// The calendar year of the application's grant year.
    pub calendar_year: i32,
    /// The most R15/R16 allow; `None` when the rules lack that year.
    pub allowed: Option<Ore>,
    pub decisions: Vec<ExplainedDecision>,
}

impl ExplainedDisability {
    /// R19: the decision in force (the latest) and the month the grant
    /// accrues in (that of the first decision).
    pub fn in_force(&self) -> Option<(&ExplainedDecision, Period)> {
        let first = self.decisions.first()?;
        Some((self.decisions.last()?, Period::of_date(first.decided_on)))
    }
}

/// Everything `explain` says about a person, for one window of months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub person: Person,
    pub accruals: Vec<ExplainedAccrual>,
    pub payments: Vec<PersonPayment>,
    pub nothing_due: Vec<NothingDue>,
    /// The person's events withdrawn as registered in error.
    pub withdrawn: Vec<Event>,
    pub disability: Vec<ExplainedDisability>,
    pub from: Period,
    pub to: Period,
    /// The first and last years of the rules files.
    pub rule_years: (i32, i32),
}

#[cfg(test)]
#[path = "explain_tests.rs"]
mod tests;
