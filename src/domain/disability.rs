//! The disability grant (tilskot ved busetting av personar med nedsett
//! funksjonsevne eller åtferdsvanskar), rules R14–R19 of docs/rules.md:
//! who may be applied for, the two grants and their amounts, the deadlines,
//! and the accrual of a decided award. Plain functions over plain data.

use crate::domain::accrual::{integration_exclusion, Accrual};
use crate::domain::calendar::Period;
use crate::domain::error::{Message, Reason};
use crate::domain::grant::{Basis, Grant, RuleId};
use crate::domain::money::format_nok_grouped;
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::register::Person;
use crate::domain::rules::{RateKey, RuleBook};
use chrono::{Datelike, Months, NaiveDate};
use smol_str::SmolStr;
use std::collections::BTreeMap;

/// The scheme code a caseworker of the disability grant holds
/// (`tilskot user add --role caseworker --scheme disability`).
pub const DISABILITY_SCHEME: &str = "disability";

/// Tilskot 1 (one-off) or tilskot 2 (documented expenses of a year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DisabilityGrant {
    One,
    Two,
}

impl DisabilityGrant {
    pub fn parse(text: &str) -> Result<DisabilityGrant, Reason> {
        match text {
            "1" => Ok(DisabilityGrant::One),
            "2" => Ok(DisabilityGrant::Two),
            other => Err(Reason::told(
                Message::new("problem-not-grant-number").arg("text", other),
                format!("'{other}' is not 1 or 2"),
            )),
        }
    }

    pub fn number(self) -> u8 {
        match self {
            DisabilityGrant::One => 1,
            DisabilityGrant::Two => 2,
        }
    }

    pub fn grant(self) -> Grant {
        match self {
            DisabilityGrant::One => Grant::Disability1,
            DisabilityGrant::Two => Grant::Disability2,
        }
    }

    fn rate_key(self) -> RateKey {
        match self {
            DisabilityGrant::One => RateKey::Disability1,
            DisabilityGrant::Two => RateKey::Disability2,
        }
    }
}

/// An application of a municipality for one person, grant and grant year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabilityApplication {
    pub reference: String,
    pub municipality: MunicipalityNumber,
    pub person_id: String,
    pub grant: DisabilityGrant,
    /// The person's grant year (R2) applied for, from 1.
    pub grant_year: u8,
    /// Grant 2 only: the municipality's documented expenses of that year.
    pub documented_expenses: Option<Ore>,
    pub originated_before_settlement: bool,
    pub special_agreement: bool,
    pub received: NaiveDate,
    /// R18: a later deadline given by an extension requested in time.
    pub extended_until: Option<NaiveDate>,
}

/// Why a rule refuses an application: the rule, the column it concerns
/// and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub rule: RuleId,
    pub column: &'static str,
    /// The reason, its message naming the rule (`$rule`).
    pub reason: Reason,
}

impl Refusal {
    fn new(rule: RuleId, column: &'static str, message: Message, text: String) -> Refusal {
        let message = message.arg("rule", rule);
        Refusal {
            rule,
            column,
            reason: Reason::told(message, text),
        }
    }
}

/// The calendar year of a person's grant year `n` (R2).
pub fn calendar_year(person: &Person, grant_year: u8) -> i32 {
    person.clock_year + i32::from(grant_year) - 1
}

/// R18: the last day an application for `grant_year` may be received:
/// 14 months after the settlement date for grant years 1 and 2, else the
/// end of February of the year after the grant year.
pub fn deadline(person: &Person, grant_year: u8) -> NaiveDate {
    if grant_year <= 2 {
        return person
            .settlement_date
            .checked_add_months(Months::new(14))
            .expect("a settlement date 14 months on exists");
    }
    let next = calendar_year(person, grant_year) + 1;
    NaiveDate::from_ymd_opt(next, 3, 1)
        .and_then(|d| d.pred_opt())
        .expect("the end of February exists")
}

/// R16: the last grant year grant 2 may be given for: the person's
/// integration grant years (R1, R2), and for an unaccompanied minor every
/// calendar year up to the year they turn 20, never fewer than five.
pub fn last_grant2_year(person: &Person) -> u8 {
    let integration = person.basis.integration_grant_years();
    let last = if person.category() == crate::domain::grant::Category::UnaccompaniedMinor {
        let to_year_of_20 = person.birth_date.year() + 20 - person.clock_year + 1;
        integration.max(to_year_of_20).max(5)
    } else {
        integration
    };
    u8::try_from(last.clamp(1, 99)).expect("within u8")
}

/// R15/R16: the most an application may be awarded, from the rates of the
/// grant year's budget year.
pub fn allowed_amount(
    application: &DisabilityApplication,
    person: &Person,
    rules: &RuleBook,
) -> Result<Ore, crate::domain::rules::MissingYear> {
    let year = calendar_year(person, application.grant_year);
    let rate = rules
        .year(year)?
        .required_rate(application.grant.rate_key())
        .amount;
    Ok(match application.grant {
        DisabilityGrant::One => rate,
        DisabilityGrant::Two => application
            .documented_expenses
            .unwrap_or_default()
            .min(rate),
    })
}

/// Checks an application against R14–R18. `others` are the person's other
/// applications that stand (not rejected). Returns the most R15/R16 allow.
pub fn check_application(
    application: &DisabilityApplication,
    person: &Person,
    rules: &RuleBook,
    move_lag_months: u32,
    others: &[&DisabilityApplication],
) -> Result<Ore, Vec<Refusal>> {
    let mut refusals = Vec::new();
    refusals.extend(who_problems(application, person, move_lag_months));
    refusals.extend(grant_year_problems(application, person));
    refusals.extend(combination_problems(application, others));
    let due = application
        .extended_until
        .unwrap_or(deadline(person, application.grant_year));
    if application.received > due {
        refusals.push(Refusal::new(
            RuleId::R18,
            "received",
            Message::new("problem-after-deadline")
                .arg("received", application.received)
                .arg("due", due),
            format!(
                "received {}, after the deadline {due}",
                application.received
            ),
        ));
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let year = calendar_year(person, application.grant_year);
    let rate = rules
        .year(year)
        .map_err(|e| {
            let message = Message::new("problem-no-rules-year").arg("year", e.0);
            vec![Refusal::new(
                RuleId::R0,
                "grant_year",
                message,
                e.to_string(),
            )]
        })?
        .required_rate(application.grant.rate_key())
        .amount;
    Ok(match application.grant {
        DisabilityGrant::One => rate,
        DisabilityGrant::Two => application
            .documented_expenses
            .unwrap_or_default()
            .min(rate),
    })
}

/// R14: the person, the origin of the need, the basis and the municipality.
fn who_problems(a: &DisabilityApplication, person: &Person, lag: u32) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    if let Some(reason) = integration_exclusion(person) {
        refusals.push(Refusal::new(
            RuleId::R14,
            "person_id",
            Message::new("problem-not-target-group"),
            format!("not in the integration grant's target group: {reason}"),
        ));
    }
    if !a.originated_before_settlement {
        refusals.push(Refusal::new(
            RuleId::R14,
            "originated_before_settlement",
            Message::new("problem-need-before-settlement"),
            "the disability or behavioural difficulty must have arisen before settlement".into(),
        ));
    }
    let family = matches!(person.basis, Basis::Family | Basis::FamilyHumanitarian);
    if family && !a.special_agreement {
        refusals.push(Refusal::new(
            RuleId::R14,
            "special_agreement",
            Message::new("problem-special-agreement").arg("basis", person.basis),
            format!(
                "a person settled on the basis {} needs a special agreement",
                person.basis
            ),
        ));
    }
    let year = calendar_year(person, a.grant_year);
    if !lived_in(person, a.municipality, year, lag) {
        refusals.push(Refusal::new(
            RuleId::R14,
            "municipality",
            Message::new("problem-not-lived-in")
                .arg("municipality", a.municipality)
                .arg("year", year),
            format!(
                "{} was not the person's municipality in any month of {year}",
                a.municipality
            ),
        ));
    }
    refusals
}

/// Whether `municipality` was the person's municipality (R5) in a month of
/// `year` in which the person was settled and had not left.
fn lived_in(person: &Person, municipality: MunicipalityNumber, year: i32, lag: u32) -> bool {
    let first = Period::new(year, 1)
        .expect("January")
        .max(person.settlement_period());
    let mut last = Period::new(year, 12).expect("December");
    if let Some(exit) = person.last_period() {
        last = last.min(exit);
    }
    first <= last
        && Period::range_inclusive(first, last)
            .any(|m| person.municipality_of(m, lag) == municipality)
}

/// R18: an extension must be requested on or before the deadline and give
/// a later one.
pub fn check_extension(
    person: &Person,
    grant_year: u8,
    requested_on: NaiveDate,
    until: NaiveDate,
) -> Result<(), Refusal> {
    let due = deadline(person, grant_year);
    if requested_on > due {
        return Err(Refusal::new(
            RuleId::R18,
            "until",
            Message::new("problem-deadline-passed").arg("due", due),
            format!("the deadline {due} has passed; an extension is requested before it"),
        ));
    }
    if until <= due {
        return Err(Refusal::new(
            RuleId::R18,
            "until",
            Message::new("problem-extension-not-later")
                .arg("until", until)
                .arg("due", due),
            format!("{until} is not after the deadline {due}"),
        ));
    }
    Ok(())
}

/// R15 and R16: the grant years each grant may be given for.
fn grant_year_problems(a: &DisabilityApplication, person: &Person) -> Vec<Refusal> {
    let (rule, last) = match a.grant {
        DisabilityGrant::One => (RuleId::R15, 2),
        DisabilityGrant::Two => (RuleId::R16, last_grant2_year(person)),
    };
    if a.grant_year == 0 || a.grant_year > last {
        return vec![Refusal::new(
            rule,
            "grant_year",
            Message::new("problem-grant-years")
                .arg("grant", a.grant.number())
                .arg("last", last)
                .arg("year", a.grant_year),
            format!(
                "grant {} is for grant years 1 to {last} of this person, not {}",
                a.grant.number(),
                a.grant_year
            ),
        )];
    }
    Vec::new()
}

/// R17: grant 1 once per person, grant 2 once per person and grant year,
/// and in grant years 1–2 grant 1 or grant 2, not both.
fn combination_problems(
    a: &DisabilityApplication,
    others: &[&DisabilityApplication],
) -> Vec<Refusal> {
    let clash = others.iter().find(|o| {
        o.reference != a.reference
            && match (a.grant, o.grant) {
                (DisabilityGrant::One, DisabilityGrant::One) => true,
                (DisabilityGrant::Two, DisabilityGrant::Two) => o.grant_year == a.grant_year,
                _ => a.grant_year <= 2 && o.grant_year <= 2,
            }
    });
    clash
        .map(|o| {
            vec![Refusal::new(
                RuleId::R17,
                "grant",
                Message::new("problem-grant-clash")
                    .arg("reference", &o.reference)
                    .arg("grant", o.grant.number())
                    .arg("year", o.grant_year),
                format!(
                    "application {} already asks for grant {} in grant year {} for this person",
                    o.reference,
                    o.grant.number(),
                    o.grant_year
                ),
            )]
        })
        .unwrap_or_default()
}

/// A decision on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisabilityDecisionKind {
    Awarded,
    PartlyAwarded,
    Rejected,
}

impl DisabilityDecisionKind {
    pub const ALL: [DisabilityDecisionKind; 3] = [
        DisabilityDecisionKind::Awarded,
        DisabilityDecisionKind::PartlyAwarded,
        DisabilityDecisionKind::Rejected,
    ];

    pub fn parse(text: &str) -> Result<DisabilityDecisionKind, Reason> {
        match text {
            "awarded" => Ok(DisabilityDecisionKind::Awarded),
            "partly_awarded" => Ok(DisabilityDecisionKind::PartlyAwarded),
            "rejected" => Ok(DisabilityDecisionKind::Rejected),
            other => Err(Reason::told(
                Message::new("problem-unknown-decision").arg("text", other),
                format!("'{other}' is not awarded, partly_awarded or rejected"),
            )),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            DisabilityDecisionKind::Awarded => "awarded",
            DisabilityDecisionKind::PartlyAwarded => "partly_awarded",
            DisabilityDecisionKind::Rejected => "rejected",
        }
    }
}

/// The amount a decision awards, checked against the most the rules allow:
/// awarded is the whole of it (an empty amount means that), partly awarded
/// is more than nothing and less than that, rejected is nothing.
pub fn decided_amount(
    kind: DisabilityDecisionKind,
    amount: Option<Ore>,
    allowed: Ore,
) -> Result<Ore, Reason> {
    let refused = |key: &'static str, a: Ore, english: String| {
        let message = Message::new(key)
            .arg("amount", format_nok_grouped(a))
            .arg("allowed", format_nok_grouped(allowed));
        Err(Reason::told(message, english))
    };
    match (kind, amount) {
        (DisabilityDecisionKind::Rejected, None) => Ok(Ore(0)),
        (DisabilityDecisionKind::Rejected, Some(a)) if a.is_zero() => Ok(Ore(0)),
        (DisabilityDecisionKind::Rejected, Some(a)) => refused(
            "problem-rejection-awards-nothing",
            a,
            format!("a rejection awards nothing, not {a}"),
        ),
        (_, Some(a)) if a > allowed => refused(
            "problem-more-than-allowed",
            a,
            format!("{a} is more than the {allowed} R15/R16 allow"),
        ),
        (DisabilityDecisionKind::Awarded, None) => Ok(allowed),
        (DisabilityDecisionKind::Awarded, Some(a)) if a == allowed => Ok(a),
        (DisabilityDecisionKind::Awarded, Some(a)) => refused(
            "problem-awarded-is-whole",
            a,
            format!("awarded means the whole {allowed}; {a} is partly_awarded"),
        ),
        (DisabilityDecisionKind::PartlyAwarded, Some(a)) if a.0 > 0 => Ok(a),
        (DisabilityDecisionKind::PartlyAwarded, _) => refused(
            "problem-partly-needs-amount",
            Ore(0),
            "partly_awarded needs an amount above 0".into(),
        ),
    }
}

/// One application's decisions in the order they were made: the first
/// decision's month and the latest decision's amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedApplication {
    pub application: DisabilityApplication,
    pub first_decided: NaiveDate,
    pub amount: Ore,
}

/// R19: every decided application accrues its awarded amount in full, to
/// the applying municipality, in the month of its first decision; a later
/// decision (an appeal, a correction) changes that accrual, and the
/// difference is paid or set off in the next term. Rejections accrue
/// nothing. Accruals outside `from..=to` are left out.
pub fn disability_accruals(
    decided: &[DecidedApplication],
    from: Period,
    to: Period,
) -> Vec<Accrual> {
    decided
        .iter()
        .filter(|d| !d.amount.is_zero())
        .map(|d| Accrual {
            person_id: Some(SmolStr::new(&d.application.person_id)),
            municipality: d.application.municipality,
            grant: d.application.grant.grant(),
            period: Period::of_date(d.first_decided),
            amount: d.amount,
            rule: RuleId::R19,
            category: None,
            grant_year: d.application.grant_year,
            rate: d.application.grant.rate_key(),
        })
        .filter(|a| a.period >= from && a.period <= to)
        .collect()
}

/// The queue of a year for `disability status`: counts, amounts, backlog by
/// age and the processing time from received to decided.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStatus {
    pub received: usize,
    pub decided: usize,
    pub awarded: usize,
    pub awarded_amount: Ore,
    /// Undecided applications by age in whole months: (months, count).
    pub backlog_by_age: BTreeMap<u32, usize>,
    /// Per month of decision: (mean days, median days) from received to decided.
    pub processing_days: BTreeMap<Period, (i64, i64)>,
}

/// The queue status of `year` as of `today`: applications received in the
/// year, their first decisions (decided: `(application, first decision
/// date, amount of the latest decision)`).
pub fn queue_status(
    applications: &[(DisabilityApplication, Option<(NaiveDate, Ore)>)],
    year: i32,
    today: NaiveDate,
) -> QueueStatus {
    let mut status = QueueStatus::default();
    let mut days: BTreeMap<Period, Vec<i64>> = BTreeMap::new();
    for (application, decision) in applications {
        if application.received.year() == year {
            status.received += 1;
        }
        match decision {
            Some((date, amount)) if date.year() == year => {
                status.decided += 1;
                if !amount.is_zero() {
                    status.awarded += 1;
                    status.awarded_amount += *amount;
                }
                days.entry(Period::of_date(*date))
                    .or_default()
                    .push((*date - application.received).num_days());
            }
            Some(_) => {}
            None => {
                let months = months_between(application.received, today);
                *status.backlog_by_age.entry(months).or_default() += 1;
            }
        }
    }
    for (month, mut list) in days {
        list.sort_unstable();
        let mean = list.iter().sum::<i64>() / list.len() as i64;
        let median = list[list.len() / 2];
        status.processing_days.insert(month, (mean, median));
    }
    status
}

fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let months = if to.day() < from.day() {
        months - 1
    } else {
        months
    };
    u32::try_from(months.max(0)).unwrap_or(0)
}

#[cfg(test)]
#[path = "disability_tests.rs"]
mod tests;
