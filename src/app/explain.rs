//! Explaining a person's accruals and payments: which months, which rules,
//! what was paid and why nothing is due.

use crate::app::batches::load_register;
use crate::db::Store;
use crate::domain::accrual::compute_person_accruals;
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::explain::{explain_accruals, nothing_due_reasons, render_text};
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

/// A person's explanation as text, and the window of months it covers.
pub struct Explanation {
    pub text: String,
    pub from: Period,
    pub to: Period,
    /// The first and last years of the rules files.
    pub rule_years: (i32, i32),
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
    let explained = explain_accruals(subject, &accruals, book, municipalities, start);
    let events = store.events_of_persons(&[person.to_string()]).await?;
    let lived_in = municipalities_of(subject, &events);
    let mut payments = store.person_payments(person, &lived_in).await?;
    if let Some(p) = period {
        payments.retain(|pay| pay.period == p);
    }
    let reasons = nothing_due_reasons(subject, &accruals, to);
    let mut text = render_text(subject, &explained, &payments, &reasons, municipalities);
    let applications: Vec<_> = store
        .disability_applications()
        .await?
        .into_iter()
        .filter(|s| s.application.person_id == subject.id.as_ref())
        .collect();
    text.push_str(&withdrawals_text(&events, municipalities));
    text.push_str(&disability_text(
        subject,
        &applications,
        book,
        municipalities,
    ));
    Ok(Explanation {
        text,
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

/// The person's withdrawn events (registered in error), if any.
fn withdrawals_text(events: &[Event], municipalities: &Municipalities) -> String {
    let mut text = String::new();
    for event in events {
        let Some(kind) = event.kind.withdraws() else {
            continue;
        };
        if text.is_empty() {
            text.push_str("\nWithdrawn as registered in error:\n");
        }
        let place = event
            .municipality
            .map(|m| format!(" in {m} {}", municipalities.name(m)))
            .unwrap_or_default();
        text.push_str(&format!("  {kind} {}{place}\n", event.date));
    }
    text
}

/// The person's applications for the disability grant: each with what
/// R15/R16 allow, every decision (who, when), the one in force and its R19
/// accrual.
fn disability_text(
    person: &crate::domain::register::Person,
    applications: &[crate::db::disability::StoredDisability],
    book: &RuleBook,
    municipalities: &Municipalities,
) -> String {
    use crate::domain::disability::{allowed_amount, calendar_year, DisabilityGrant};
    use crate::domain::money::format_nok_grouped;
    if applications.is_empty() {
        return String::new();
    }
    let mut out = String::from("\nDisability grant (R14–R19):\n");
    for s in applications {
        let a = &s.application;
        let year = calendar_year(person, a.grant_year);
        let (rule, rate) = match a.grant {
            DisabilityGrant::One => ("R15", "disability.grant1"),
            DisabilityGrant::Two => ("R16", "disability.grant2, capped"),
        };
        let allowed = allowed_amount(a, person, book)
            .map(format_nok_grouped)
            .unwrap_or_else(|e| e.to_string());
        out.push_str(&format!(
            "  {}: grant {}, grant year {} ({year}), {} {}, received {}; at most {allowed} ({rule}: {rate} of {year})\n",
            a.reference,
            a.grant.number(),
            a.grant_year,
            a.municipality,
            municipalities.name(a.municipality),
            a.received
        ));
        for d in &s.decisions {
            out.push_str(&format!(
                "    {} {} {} by {}{}\n",
                d.decided_on,
                d.kind.code(),
                format_nok_grouped(d.amount),
                d.decided_by,
                if d.reason.is_empty() {
                    String::new()
                } else {
                    format!(": {}", d.reason)
                }
            ));
        }
        match (s.decisions.first(), s.in_force()) {
            (Some(first), Some(force)) => out.push_str(&format!(
                "    in force: {}, accrued in {} (R19, the month of the first decision)\n",
                format_nok_grouped(force.amount),
                Period::of_date(first.decided_on)
            )),
            _ => out.push_str("    not decided yet\n"),
        }
    }
    out
}

fn rule_years(book: &RuleBook) -> Result<(i32, i32)> {
    let years: Vec<i32> = book.years().map(|y| y.year).collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(first), Some(last)) => Ok((*first, *last)),
        _ => Err(Error::invalid("the rules directory has no year")),
    }
}
