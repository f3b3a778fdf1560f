//! `tilskot explain` as text in the reader's language: who the person is,
//! each accrual with its rule, rate and reasons, the payments, why nothing
//! more is due, withdrawn events and disability applications.

use crate::domain::disability::DisabilityGrant;
use crate::domain::error::Message;
use crate::domain::explain::{
    ExplainedAccrual, ExplainedDisability, Explanation, NothingDue, RateUsed,
};
use crate::domain::money::format_nok_grouped;
use crate::domain::municipality::Municipalities;
use crate::domain::payout::PersonPayment;
use crate::domain::register::{Event, Person};
use crate::render::i18n::Texts;
use std::fmt::Write;

/// The whole explanation, section by section.
pub fn explanation_text(t: &Texts, e: &Explanation, municipalities: &Municipalities) -> String {
    let mut out = person_line(t, &e.person, municipalities);
    out.push_str(&section(t, "explain-accruals-heading"));
    if e.accruals.is_empty() {
        out.push_str(&format!("  {}\n", t.get("explain-no-accruals")));
    }
    for accrual in &e.accruals {
        out.push_str(&accrual_text(t, accrual));
    }
    out.push_str(&section(t, "explain-payments-heading"));
    if e.payments.is_empty() {
        out.push_str(&format!("  {}\n", t.get("explain-no-payments")));
    }
    for payment in &e.payments {
        out.push_str(&format!("  {}\n", payment_line(t, payment, municipalities)));
    }
    if !e.nothing_due.is_empty() {
        out.push_str(&section(t, "explain-nothing-due-heading"));
        for reason in &e.nothing_due {
            out.push_str(&format!("  {}\n", nothing_due_line(t, reason)));
        }
    }
    if !e.withdrawn.is_empty() {
        out.push_str(&section(t, "explain-withdrawn-heading"));
        for event in &e.withdrawn {
            out.push_str(&format!("  {}\n", withdrawn_line(t, event, municipalities)));
        }
    }
    if !e.disability.is_empty() {
        out.push_str(&section(t, "explain-disability-heading"));
        for application in &e.disability {
            out.push_str(&disability_text(t, application, municipalities));
        }
    }
    out
}

/// A blank line and a section's heading.
fn section(t: &Texts, key: &str) -> String {
    format!("\n{}\n", t.get(key))
}

/// Who the person is: born, settled (or born after the mother's
/// settlement) where, on what basis, from where, in which category.
fn person_line(t: &Texts, person: &Person, municipalities: &Municipalities) -> String {
    let key = if person.born.is_some() {
        "explain-person-born"
    } else {
        "explain-person"
    };
    let message = Message::new(key)
        .arg("person", &person.id)
        .arg("birth", person.birth_date)
        .arg("date", person.settlement_date)
        .arg(
            "municipality",
            municipalities.labelled(person.settlement_municipality),
        )
        .named("basis", "basis", person.basis.code())
        .arg("country", &person.country)
        .named("category", "category", person.category().code());
    format!("{}\n", t.message(&message))
}

/// One accrual: the month, grant, amount and municipality; the rule, grant
/// year and category; the rate; and why.
fn accrual_text(t: &Texts, a: &ExplainedAccrual) -> String {
    let mut out = String::new();
    let head = Message::new("explain-accrual")
        .arg("period", a.period)
        .named("grant", "grant", a.grant.code())
        .arg("amount", format_nok_grouped(a.amount))
        .arg("municipality", &a.municipality);
    let _ = writeln!(out, "  {}", t.message(&head));
    let _ = writeln!(out, "      {}", terms_text(t, a));
    if let Some(rate) = &a.rate {
        let _ = writeln!(out, "      {}", rate_text(t, rate));
    }
    if a.before_start {
        let _ = writeln!(out, "      {}", t.get("explain-before-start"));
    }
    let why = Message::new("explain-why").arg("why", why_text(t, &a.why));
    let _ = writeln!(out, "      {}", t.message(&why));
    out
}

/// The rule, the grant year (where the grant counts them) and the
/// category of an accrual, as a list: "regel R4 (År 2–5), tilskotsår 2,
/// kategori: vaksen".
fn terms_text(t: &Texts, a: &ExplainedAccrual) -> String {
    let rule = Message::new("explain-rule")
        .arg("rule", a.rule)
        .named("name", "rule", a.rule);
    let grant_year =
        (a.grant_year > 0).then(|| Message::new("explain-grant-year").arg("year", a.grant_year));
    let category = a
        .category
        .map(|c| Message::new("explain-category").named("category", "category", c.code()));
    std::iter::once(rule)
        .chain(grant_year)
        .chain(category)
        .map(|part| t.message(&part))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rate an accrual used: "sats 240 000,00 kroner for 2022 (plasshaldar)".
pub fn rate_text(t: &Texts, rate: &RateUsed) -> String {
    t.message(
        &Message::new("explain-rate")
            .arg("amount", format_nok_grouped(rate.amount))
            .arg("year", rate.year)
            .arg("status", rate.status.code()),
    )
}

/// The reasons of an accrual, one after the other.
pub fn why_text(t: &Texts, why: &[Message]) -> String {
    why.iter()
        .map(|reason| t.message(reason))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A payment to the person, a set-off marked as such.
fn payment_line(t: &Texts, p: &PersonPayment, municipalities: &Municipalities) -> String {
    let key = if p.amount.0 < 0 {
        "explain-payment-set-off"
    } else {
        "explain-payment"
    };
    t.message(
        &Message::new(key)
            .arg("period", p.period)
            .arg("run", p.run_number)
            .named("grant", "grant", p.grant.code())
            .arg("amount", format_nok_grouped(p.amount))
            .arg("municipality", municipalities.labelled(p.municipality)),
    )
}

/// Why a grant is not due: the grant's name, then the reason.
pub fn nothing_due_line(t: &Texts, n: &NothingDue) -> String {
    let reason = t.message(&n.reason);
    match n.about {
        Some(grant) => format!("{}: {reason}", t.name("grant-short", grant.code())),
        None => reason,
    }
}

/// A withdrawn event: what it said happened, when and where.
fn withdrawn_line(t: &Texts, event: &Event, municipalities: &Municipalities) -> String {
    let kind = event.kind.withdraws().unwrap_or(event.kind);
    let message = match event.municipality {
        Some(m) => {
            Message::new("explain-withdrawn-in").arg("municipality", municipalities.labelled(m))
        }
        None => Message::new("explain-withdrawn"),
    }
    .named("kind", "event", kind.code())
    .arg("date", event.date);
    t.message(&message)
}

/// An application for the disability grant: what was applied for, the
/// most R15/R16 allow, every decision and the one in force (R19).
fn disability_text(t: &Texts, d: &ExplainedDisability, municipalities: &Municipalities) -> String {
    let (head, details) = disability_lines(t, d, municipalities);
    let mut out = format!("  {head}\n");
    for line in details {
        let _ = writeln!(out, "    {line}");
    }
    out
}

/// An application for the disability grant as a line of what was applied
/// for and the lines under it: the most R15/R16 allow, each decision with
/// who made it, and the one in force (R19). The command line and the
/// person page both show it.
pub fn disability_lines(
    t: &Texts,
    d: &ExplainedDisability,
    municipalities: &Municipalities,
) -> (String, Vec<String>) {
    let a = &d.application;
    let head = Message::new("explain-disability-application")
        .arg("reference", &a.reference)
        .arg("grant", a.grant.number())
        .arg("year", a.grant_year)
        .arg("calendar", d.calendar_year)
        .arg("municipality", municipalities.labelled(a.municipality))
        .arg("received", a.received);
    let allowed = match (d.allowed, a.grant) {
        (None, _) => Message::new("explain-disability-no-rates"),
        (Some(amount), grant) => Message::new(match grant {
            DisabilityGrant::One => "explain-disability-allowed-1",
            DisabilityGrant::Two => "explain-disability-allowed-2",
        })
        .arg("amount", format_nok_grouped(amount)),
    }
    .arg("calendar", d.calendar_year);
    let decisions = d.decisions.iter().map(|decision| {
        let key = if decision.reason.is_empty() {
            "explain-decision"
        } else {
            "explain-decision-reason"
        };
        Message::new(key)
            .arg("date", decision.decided_on)
            .named("kind", "decision", decision.kind.code())
            .arg("amount", format_nok_grouped(decision.amount))
            .arg("user", &decision.decided_by)
            .arg("reason", &decision.reason)
    });
    let in_force = match d.in_force() {
        Some((decision, accrued)) => Message::new("explain-disability-in-force")
            .arg("amount", format_nok_grouped(decision.amount))
            .arg("period", accrued),
        None => Message::new("explain-disability-undecided"),
    };
    let details = std::iter::once(allowed)
        .chain(decisions)
        .chain(std::iter::once(in_force))
        .map(|message| t.message(&message))
        .collect();
    (t.message(&head), details)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Period;
    use crate::domain::grant::{Category, Grant, RuleId};
    use crate::domain::money::Ore;
    use crate::render::i18n::Lang;

    fn accrual(grant: Grant, rule: RuleId, grant_year: u8) -> ExplainedAccrual {
        ExplainedAccrual {
            period: Period::new(2022, 2).unwrap(),
            grant,
            municipality: "5001 Trondheim".into(),
            amount: Ore(9_316_666),
            rule,
            category: Some(Category::UnaccompaniedMinor),
            grant_year,
            rate: None,
            why: Vec::new(),
            before_start: false,
        }
    }

    #[test]
    fn the_terms_name_a_grant_year_only_where_the_grant_counts_them() {
        let t = Texts::new(Lang::Nn);
        assert_eq!(
            terms_text(&t, &accrual(Grant::Minor, RuleId::R10, 0)),
            "regel R10 (Einslege mindreårige: satsen), kategori: einsleg mindreårig"
        );
        assert_eq!(
            terms_text(&t, &accrual(Grant::Integration, RuleId::R4, 2)),
            "regel R4 (År 2–5), tilskotsår 2, kategori: einsleg mindreårig"
        );
    }
}
