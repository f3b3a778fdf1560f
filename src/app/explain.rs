//! Explaining a person's accruals and payments: which months, which rules,
//! what was paid and why nothing is due.

use crate::app::batches::load_register;
use crate::db::disability::StoredDisability;
use crate::db::Store;
use crate::domain::accrual::compute_person_accruals;
use crate::domain::calendar::Period;
use crate::domain::disability::{allowed_amount, calendar_year};
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::explain::{
    explain_accruals, nothing_due_reasons, ExplainedDecision, ExplainedDisability, Explanation,
};
use crate::domain::municipality::Municipalities;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::register::{Event, Person};
use crate::domain::rules::RuleBook;
use std::collections::BTreeSet;

/// There is no such person in the register.
fn no_person(person: &str) -> Error {
    Error::NotFound(Reason::told(
        Message::new("problem-no-person").arg("person", person),
        format!("no person {person} in the register"),
    ))
}

/// Explains one person: every month of `period`, or, without it, every
/// month from the settlement (or the first year of the rules) to the last
/// December the rules cover.
pub async fn explain_person(
    store: &Store,
    book: &RuleBook,
    municipalities: &Municipalities,
    person: &str,
    period: Option<Period>,
) -> Result<Explanation> {
    let start = store.start_period().await?;
    let (first_year, last_year) = rule_years(book)?;
    let register = load_register(store, book, period.unwrap_or(start)).await?;
    let subject = register.person(person).ok_or_else(|| no_person(person))?;
    let january = Period::new(first_year, 1).expect("January");
    let (from, to) = match period {
        Some(p) => (p, p),
        None => (
            subject.settlement_period().max(january),
            Period::new(last_year, 12).expect("December"),
        ),
    };
    let accruals = if from <= to {
        compute_person_accruals(subject, book, from, to)
            .map_err(|e| Error::internal(e.to_string()))?
    } else {
        Vec::new()
    };
    let events = store.events_of_persons(&[person.to_string()]).await?;
    let lived_in = municipalities_of(subject, &events);
    let mut payments = store.person_payments(person, &lived_in).await?;
    if let Some(p) = period {
        payments.retain(|pay| pay.period == p);
    }
    let disability = applications_of(store, subject, book).await?;
    Ok(Explanation {
        person: subject.clone(),
        accruals: explain_accruals(subject, &accruals, book, municipalities, start),
        payments,
        nothing_due: nothing_due_reasons(subject, &accruals, to),
        withdrawn: events
            .into_iter()
            .filter(|e| e.kind.withdraws().is_some())
            .collect(),
        disability,
        from,
        to,
        rule_years: (first_year, last_year),
    })
}

/// A person's accruals of one year and every payment to them, as data for
/// a page (the command line's `explain` prints the same as text).
pub struct PersonAccounts {
    pub accruals: Vec<crate::domain::explain::ExplainedAccrual>,
    pub payments: Vec<crate::domain::payout::PersonPayment>,
    /// Why a grant accrued nothing in the year.
    pub nothing_due: Vec<crate::domain::explain::NothingDue>,
    /// The person's applications for the disability grant, decided or not.
    pub disability: Vec<ExplainedDisability>,
}

/// What a person accrued in `year` and what they were paid (all years).
pub async fn person_accounts(
    store: &Store,
    book: &RuleBook,
    municipalities: &Municipalities,
    person: &str,
    year: i32,
) -> Result<PersonAccounts> {
    let start = store.start_period().await?;
    let (from, to) = (
        Period::new(year, 1).expect("January"),
        Period::new(year, 12).expect("December"),
    );
    let register = load_register(store, book, to).await?;
    let subject = register.person(person).ok_or_else(|| no_person(person))?;
    let accruals = compute_person_accruals(subject, book, from, to)
        .map_err(|e| Error::internal(e.to_string()))?;
    let events = store.events_of_persons(&[person.to_string()]).await?;
    let lived_in = municipalities_of(subject, &events);
    Ok(PersonAccounts {
        accruals: explain_accruals(subject, &accruals, book, municipalities, start),
        payments: store.person_payments(person, &lived_in).await?,
        nothing_due: nothing_due_reasons(subject, &accruals, to),
        disability: applications_of(store, subject, book).await?,
    })
}

/// Every municipality a person's lines can be in: where the register has
/// them live, and where an event of theirs said they lived before it was
/// withdrawn (what was paid there is set off, and shown).
fn municipalities_of(subject: &Person, events: &[Event]) -> Vec<MunicipalityNumber> {
    std::iter::once(subject.settlement_municipality)
        .chain(subject.moves.iter().map(|(_, m)| *m))
        .chain(events.iter().filter_map(|e| e.municipality))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The person's applications for the disability grant, explained.
async fn applications_of(
    store: &Store,
    person: &Person,
    book: &RuleBook,
) -> Result<Vec<ExplainedDisability>> {
    Ok(store
        .disability_applications()
        .await?
        .into_iter()
        .filter(|s| s.application.person_id == person.id.as_ref())
        .map(|s| explained_disability(person, s, book))
        .collect())
}

/// An application for the disability grant with what R15/R16 allow and
/// its decisions.
fn explained_disability(
    person: &Person,
    stored: StoredDisability,
    book: &RuleBook,
) -> ExplainedDisability {
    let allowed = allowed_amount(&stored.application, person, book).ok();
    ExplainedDisability {
        calendar_year: calendar_year(person, stored.application.grant_year),
        allowed,
        decisions: stored
            .decisions
            .into_iter()
            .map(|d| ExplainedDecision {
                decided_on: d.decided_on,
                kind: d.kind,
                amount: d.amount,
                decided_by: d.decided_by,
                reason: d.reason,
            })
            .collect(),
        application: stored.application,
    }
}

/// The refusal when the rules directory holds no year at all.
pub(crate) fn no_rules_files() -> Error {
    Error::invalid_told(
        Message::new("error-no-rules-files"),
        "the rules directory has no year",
    )
}

fn rule_years(book: &RuleBook) -> Result<(i32, i32)> {
    let years: Vec<i32> = book.years().map(|y| y.year).collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(first), Some(last)) => Ok((*first, *last)),
        _ => Err(no_rules_files()),
    }
}
