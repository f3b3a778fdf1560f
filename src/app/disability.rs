//! The disability grant's use cases (R14–R19): importing applications,
//! extending a deadline, recording decisions, the queue, and the decided
//! applications that the batches pay.

use super::batches::load_register;
use super::register_import::ImportError;
use crate::db::disability::{NewDecision, StoredDisability};
use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::disability::{
    allowed_amount, check_application, check_extension, decided_amount, queue_status,
    DecidedApplication, DisabilityApplication, QueueStatus, Refusal, DISABILITY_SCHEME,
};
use crate::domain::disability_file::{
    content_key, parse_application_row, parse_decision_row, DecisionRow, APPLICATION_COLUMNS,
    DECISION_COLUMNS,
};
use crate::domain::error::{Error, Message, Reason, Result};
use crate::domain::municipality::Municipalities;
use crate::domain::register::{check_header, Person, Problem, Register};
use crate::domain::rules::RuleBook;
use crate::domain::users::{Role, User};
use crate::io::tabular::{read_table, Table};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabilityImport {
    pub rows: usize,
    pub added: usize,
    pub already_present: usize,
}

/// Imports applications, all or none: every problem of every row as
/// `file:row:column: reason`, with the rule id where a rule refuses.
pub async fn import_applications(
    store: &Store,
    rules: &RuleBook,
    path: &Path,
    actor: &User,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<DisabilityImport, ImportError> {
    require_caseworker(actor)?;
    let file = path.display().to_string();
    let reject = |problems: Vec<Problem>| {
        ImportError::Rejected(problems.iter().map(|p| p.in_file(&file)).collect())
    };
    let table = read_rows(path, &APPLICATION_COLUMNS).map_err(reject)?;
    let mut problems = Vec::new();
    let mut parsed: Vec<(usize, DisabilityApplication)> = Vec::new();
    for (row, cells) in &table.rows {
        match parse_application_row(*row, cells, municipalities, today) {
            Ok(a) => parsed.push((*row, a)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    let register = register_of(store, rules).await?;
    let stored: BTreeMap<String, StoredDisability> = store
        .disability_applications()
        .await?
        .into_iter()
        .map(|s| (s.application.reference.clone(), s))
        .collect();
    let (new, already) = check_rows(&parsed, &stored, &register, rules, &mut problems);
    if !problems.is_empty() {
        return Err(reject(problems));
    }
    let added = store
        .insert_disability_applications(&format!("import:{file}"), &new, &actor.name)
        .await?;
    Ok(DisabilityImport {
        rows: table.rows.len(),
        added,
        already_present: already,
    })
}

/// One application from the web form of a municipality (`organisation`):
/// the person must have lived in the municipality (R14 checks the grant
/// year); the same checks as an imported row. Returns the problems by
/// field when refused.
pub async fn submit_application(
    store: &Store,
    rules: &RuleBook,
    application: DisabilityApplication,
    applicant: &User,
) -> Result<std::result::Result<(), Vec<Problem>>> {
    let register = register_of(store, rules).await?;
    let stored: BTreeMap<String, StoredDisability> = store
        .disability_applications()
        .await?
        .into_iter()
        .map(|s| (s.application.reference.clone(), s))
        .collect();
    let mut problems = Vec::new();
    let (new, _) = check_rows(
        &[(0, application)],
        &stored,
        &register,
        rules,
        &mut problems,
    );
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    store
        .insert_disability_applications("web", &new, &applicant.name)
        .await?;
    Ok(Ok(()))
}

/// One decision from the web form, as an authenticated caseworker of the
/// grant; the problem by field when refused.
pub async fn decide_one(
    store: &Store,
    rules: &RuleBook,
    actor: &User,
    decision: DecisionRow,
) -> Result<std::result::Result<(), Problem>> {
    require_caseworker(actor)?;
    let stored: BTreeMap<String, StoredDisability> = store
        .disability_applications()
        .await?
        .into_iter()
        .map(|s| (s.application.reference.clone(), s))
        .collect();
    let register = register_of(store, rules).await?;
    let amount = match checked_amount(&decision, &stored, &register, rules) {
        Ok(amount) => amount,
        Err(problem) => return Ok(Err(problem)),
    };
    let new = NewDecision {
        reference: &decision.reference,
        kind: decision.kind,
        amount,
        reason: &decision.reason,
        decided_on: decision.date,
    };
    store
        .record_disability_decisions(&[new], &actor.name)
        .await?;
    Ok(Ok(()))
}

/// The most R15/R16 allow for a stored application (for the pages).
pub async fn allowed_for(
    store: &Store,
    rules: &RuleBook,
    a: &DisabilityApplication,
) -> Result<crate::domain::money::Ore> {
    let register = register_of(store, rules).await?;
    let person = person_of(&register, a)?;
    allowed_amount(a, person, rules).map_err(Error::from)
}

/// Checks each parsed row against the register, the stored applications
/// and the rows before it; returns the new applications and how many were
/// stored already with the same content.
fn check_rows(
    parsed: &[(usize, DisabilityApplication)],
    stored: &BTreeMap<String, StoredDisability>,
    register: &Register,
    rules: &RuleBook,
    problems: &mut Vec<Problem>,
) -> (Vec<DisabilityApplication>, usize) {
    let lag = lag_of(rules);
    let mut new: Vec<DisabilityApplication> = Vec::new();
    let mut already = 0;
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (row, a) in parsed {
        if let Some(first) = seen.insert(&a.reference, *row) {
            problems.push(Problem::told(
                *row,
                "reference",
                Message::new("problem-reference-twice")
                    .arg("reference", &a.reference)
                    .arg("first", first),
                format!("{} is on row {first} too", a.reference),
            ));
            continue;
        }
        if let Some(s) = stored.get(&a.reference) {
            if content_key(&s.application) == content_key(a) {
                already += 1;
            } else {
                problems.push(Problem::told(
                    *row,
                    "reference",
                    Message::new("problem-reference-taken").arg("reference", &a.reference),
                    format!("{} is already stored with other content: a new application has a new reference", a.reference),
                ));
            }
            continue;
        }
        let Some(person) = register.person(&a.person_id) else {
            problems.push(Problem::told(
                *row,
                "person_id",
                Message::new("problem-no-person").arg("person", &a.person_id),
                format!("no person {} in the register", a.person_id),
            ));
            continue;
        };
        let others: Vec<&DisabilityApplication> = stored
            .values()
            .filter(|s| s.stands() && s.application.person_id == a.person_id)
            .map(|s| &s.application)
            .chain(new.iter().filter(|n| n.person_id == a.person_id))
            .collect();
        match check_application(a, person, rules, lag, &others) {
            Ok(_) => new.push(a.clone()),
            Err(refusals) => problems.extend(refusals.iter().map(|r| refusal_problem(*row, r))),
        }
    }
    (new, already)
}

fn refusal_problem(row: usize, refusal: &Refusal) -> Problem {
    let reason = refusal.reason.clone().prefixed(refusal.rule);
    Problem::new(row, refusal.column, reason)
}

/// R18: extends the deadline of `reference` to `until`, requested `today`
/// by an authenticated caseworker of the grant.
pub async fn extend(
    store: &Store,
    rules: &RuleBook,
    actor: &User,
    reference: &str,
    until: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    require_caseworker(actor)?;
    let stored = stored_application(store, reference).await?;
    let register = register_of(store, rules).await?;
    let person = person_of(&register, &stored.application)?;
    check_extension(person, stored.application.grant_year, today, until)
        .map_err(|r| Error::Refused(r.reason.prefixed(r.rule)))?;
    store.extend_disability(reference, until, &actor.name).await
}

/// Records the decisions of a file, all or none, as an authenticated
/// caseworker of the grant. A later decision on a reference replaces the
/// earlier; both stay recorded.
pub async fn decide_from_file(
    store: &Store,
    rules: &RuleBook,
    actor: &User,
    path: &Path,
    today: NaiveDate,
) -> Result<usize, ImportError> {
    require_caseworker(actor)?;
    let file = path.display().to_string();
    let reject = |problems: Vec<Problem>| {
        ImportError::Rejected(problems.iter().map(|p| p.in_file(&file)).collect())
    };
    let table = read_rows(path, &DECISION_COLUMNS).map_err(reject)?;
    let stored: BTreeMap<String, StoredDisability> = store
        .disability_applications()
        .await?
        .into_iter()
        .map(|s| (s.application.reference.clone(), s))
        .collect();
    let register = register_of(store, rules).await?;
    let mut problems = Vec::new();
    let mut decisions: Vec<(DecisionRow, crate::domain::money::Ore)> = Vec::new();
    for (row, cells) in &table.rows {
        match parse_decision_row(*row, cells, today) {
            Ok(d) => match checked_amount(&d, &stored, &register, rules) {
                Ok(amount) => decisions.push((d, amount)),
                Err(p) => problems.push(p),
            },
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(reject(problems));
    }
    let new: Vec<NewDecision> = decisions
        .iter()
        .map(|(d, amount)| NewDecision {
            reference: &d.reference,
            kind: d.kind,
            amount: *amount,
            reason: &d.reason,
            decided_on: d.date,
        })
        .collect();
    store.record_disability_decisions(&new, &actor.name).await?;
    Ok(new.len())
}

/// The amount a decision row awards, within what R15/R16 allow.
fn checked_amount(
    d: &DecisionRow,
    stored: &BTreeMap<String, StoredDisability>,
    register: &Register,
    rules: &RuleBook,
) -> Result<crate::domain::money::Ore, Problem> {
    let problem =
        |column: &str, message: Message, text: String| Problem::told(d.row, column, message, text);
    let s = stored.get(&d.reference).ok_or_else(|| {
        let message = Message::new("problem-no-application").arg("reference", &d.reference);
        problem(
            "reference",
            message,
            format!("no application {}", d.reference),
        )
    })?;
    if d.date < s.application.received {
        let received = s.application.received;
        let message = Message::new("problem-before-received").arg("received", received);
        let text = format!("before the application was received on {received}");
        return Err(problem("date", message, text));
    }
    let person_id = &s.application.person_id;
    let person = register.person(person_id).ok_or_else(|| {
        let message = Message::new("problem-person-gone").arg("person", person_id);
        let text = format!("person {person_id} is no longer in the register");
        problem("reference", message, text)
    })?;
    let allowed = allowed_amount(&s.application, person, rules).map_err(|e| {
        let message = Message::new("problem-no-rules-year").arg("year", e.0);
        problem("reference", message, e.to_string())
    })?;
    decided_amount(d.kind, d.amount, allowed)
        .map_err(|reason| Problem::new(d.row, "amount", reason.prefixed("R15/R16")))
}

/// R19: the applications with a decision, for the batches.
pub async fn decided_applications(store: &Store) -> Result<Vec<DecidedApplication>> {
    Ok(store
        .disability_applications()
        .await?
        .into_iter()
        .filter_map(|s| {
            let first = s.decisions.first()?.decided_on;
            let amount = s.in_force()?.amount;
            Some(DecidedApplication {
                application: s.application,
                first_decided: first,
                amount,
            })
        })
        .collect())
}

/// The queue of `year` as of `today`.
pub async fn status(store: &Store, year: i32, today: NaiveDate) -> Result<QueueStatus> {
    let applications: Vec<_> = store
        .disability_applications()
        .await?
        .into_iter()
        .map(|s| {
            let decision = s.decisions.first().map(|first| {
                (
                    first.decided_on,
                    s.in_force().map(|d| d.amount).unwrap_or_default(),
                )
            });
            (s.application, decision)
        })
        .collect();
    Ok(queue_status(&applications, year, today))
}

pub fn require_caseworker(actor: &User) -> Result<()> {
    if actor.role == Role::Caseworker && actor.schemes.iter().any(|s| s == DISABILITY_SCHEME) {
        return Ok(());
    }
    Err(Error::NotAllowed(Reason::told(
        Message::new("error-role-disability").arg("user", &actor.name),
        format!(
            "only a caseworker of the disability grant (--scheme {DISABILITY_SCHEME}) imports, decides or extends; {} is not one",
            actor.name
        ),
    )))
}

async fn stored_application(store: &Store, reference: &str) -> Result<StoredDisability> {
    store
        .disability_applications()
        .await?
        .into_iter()
        .find(|s| s.application.reference == reference)
        .ok_or_else(|| {
            Error::NotFound(Reason::told(
                Message::new("problem-no-application").arg("reference", reference),
                format!("no application {reference}"),
            ))
        })
}

fn person_of<'a>(register: &'a Register, a: &DisabilityApplication) -> Result<&'a Person> {
    register.person(&a.person_id).ok_or_else(|| {
        Error::NotFound(Reason::told(
            Message::new("problem-no-person").arg("person", &a.person_id),
            format!("no person {} in the register", a.person_id),
        ))
    })
}

/// The register, built with the move lag of the latest rules year.
async fn register_of(store: &Store, rules: &RuleBook) -> Result<Arc<Register>> {
    let year = rules
        .years()
        .last()
        .map(|y| y.year)
        .ok_or_else(crate::app::explain::no_rules_files)?;
    load_register(store, rules, Period::new(year, 1).expect("January")).await
}

fn lag_of(rules: &RuleBook) -> u32 {
    rules
        .years()
        .last()
        .map(|y| y.move_lag_months.value)
        .unwrap_or(2)
}

/// Reads a file whose header must be exactly `columns`.
fn read_rows(path: &Path, columns: &[&str]) -> Result<Table, Vec<Problem>> {
    let table = read_table(path, None).map_err(|p| vec![p])?;
    if !table.width_problems.is_empty() {
        return Err(table.width_problems);
    }
    check_header(&table.header, columns).map_err(|p| vec![p])?;
    Ok(table)
}
