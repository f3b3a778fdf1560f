//! The files of the disability grant: applications
//! (`reference,municipality,person_id,grant,grant_year,documented_expenses,originated_before_settlement,special_agreement,received`)
//! and decisions (`reference,decision,amount,reason,date`), each row parsed
//! on its own with every problem named by column.

use crate::domain::calendar::parse_iso_date;
use crate::domain::disability::{DisabilityApplication, DisabilityDecisionKind, DisabilityGrant};
use crate::domain::error::{Message, Reason};
use crate::domain::money::Ore;
use crate::domain::municipality::Municipalities;
use crate::domain::register::{check_identifier, in_the_future, not_true_or_false, Problem};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

pub const APPLICATION_COLUMNS: [&str; 9] = [
    "reference",
    "municipality",
    "person_id",
    "grant",
    "grant_year",
    "documented_expenses",
    "originated_before_settlement",
    "special_agreement",
    "received",
];

pub const DECISION_COLUMNS: [&str; 5] = ["reference", "decision", "amount", "reason", "date"];

/// The longest reason of a decision.
pub const MAX_REASON_CHARS: usize = 4_000;

/// A decision row as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub row: usize,
    pub reference: String,
    pub kind: DisabilityDecisionKind,
    pub amount: Option<Ore>,
    pub reason: String,
    pub date: NaiveDate,
}

/// Collects the problems of a row's fields.
struct Fields<'a> {
    row: usize,
    cells: &'a [String],
    columns: &'a [&'a str],
    problems: Vec<Problem>,
}

impl<'a> Fields<'a> {
    fn cell(&self, column: &str) -> &'a str {
        let index = self
            .columns
            .iter()
            .position(|c| *c == column)
            .expect("known column");
        self.cells.get(index).map(|c| c.trim()).unwrap_or("")
    }

    fn parse<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, Reason>,
    ) -> Option<T> {
        let text = self.cell(column);
        parse(text)
            .map_err(|reason| self.problems.push(Problem::new(self.row, column, reason)))
            .ok()
    }
}

fn required(text: &str) -> Result<&str, Reason> {
    if text.is_empty() {
        Err(Reason::missing("missing"))
    } else {
        Ok(text)
    }
}

fn parse_bool(text: &str) -> Result<bool, Reason> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(not_true_or_false(other)),
    }
}

fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Reason> {
    let date = parse_iso_date(required(text)?)?;
    if date > today {
        return Err(in_the_future(date));
    }
    Ok(date)
}

/// An amount in NOK of 0 or more: expenses and awards are never negative
/// (a lower award is a new decision, not a negative one).
fn not_negative(text: &str) -> Result<Ore, Reason> {
    let amount = Ore::parse_nok(text)?;
    if amount.0 < 0 {
        return Err(Reason::told(
            Message::new("problem-negative").arg("text", text),
            format!("{text} is negative"),
        ));
    }
    Ok(amount)
}

/// Parses one application row; `documented_expenses` is required for
/// grant 2 and must be empty for grant 1.
pub fn parse_application_row(
    row: usize,
    cells: &[String],
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<DisabilityApplication, Vec<Problem>> {
    let mut f = Fields {
        row,
        cells,
        columns: &APPLICATION_COLUMNS,
        problems: Vec::new(),
    };
    let reference = f.parse("reference", |t| {
        check_identifier(required(t)?).map(|_| t.to_string())
    });
    let municipality = f.parse("municipality", |t| municipalities.parse(required(t)?));
    let person_id = f.parse("person_id", |t| {
        check_identifier(required(t)?).map(|_| t.to_string())
    });
    let grant = f.parse("grant", DisabilityGrant::parse);
    let grant_year = f.parse("grant_year", |t| {
        t.parse::<u8>().ok().filter(|y| *y >= 1).ok_or_else(|| {
            Reason::told(
                Message::new("problem-not-grant-year").arg("text", t),
                format!("'{t}' is not a grant year (1, 2, …)"),
            )
        })
    });
    let expenses = f.parse("documented_expenses", |t| match (grant, t.is_empty()) {
        (Some(DisabilityGrant::One), true) | (None, _) => Ok(None),
        (Some(DisabilityGrant::One), false) => Err(Reason::told(
            Message::new("problem-grant1-no-expenses"),
            "grant 1 is a fixed amount: leave documented_expenses empty",
        )),
        (Some(DisabilityGrant::Two), true) => Err(Reason::told(
            Message::new("problem-grant2-expenses"),
            "grant 2 needs the documented expenses",
        )),
        (Some(DisabilityGrant::Two), false) => not_negative(t).map(Some),
    });
    let originated = f.parse("originated_before_settlement", parse_bool);
    let special = f.parse("special_agreement", parse_bool);
    let received = f.parse("received", |t| parse_date(t, today));
    match (
        reference,
        municipality,
        person_id,
        grant,
        grant_year,
        expenses,
        originated,
        special,
        received,
    ) {
        (
            Some(reference),
            Some(municipality),
            Some(person_id),
            Some(grant),
            Some(grant_year),
            Some(documented_expenses),
            Some(originated_before_settlement),
            Some(special_agreement),
            Some(received),
        ) if f.problems.is_empty() => Ok(DisabilityApplication {
            reference,
            municipality,
            person_id,
            grant,
            grant_year,
            documented_expenses,
            originated_before_settlement,
            special_agreement,
            received,
            extended_until: None,
        }),
        _ => Err(f.problems),
    }
}

/// Parses one decision row. The amount (NOK) may be empty for an award of
/// the whole and for a rejection; a partial award or a rejection states
/// its reason.
pub fn parse_decision_row(
    row: usize,
    cells: &[String],
    today: NaiveDate,
) -> Result<DecisionRow, Vec<Problem>> {
    let mut f = Fields {
        row,
        cells,
        columns: &DECISION_COLUMNS,
        problems: Vec::new(),
    };
    let reference = f.parse("reference", |t| {
        check_identifier(required(t)?).map(|_| t.to_string())
    });
    let kind = f.parse("decision", DisabilityDecisionKind::parse);
    let amount = f.parse("amount", |t| {
        if t.is_empty() {
            Ok(None)
        } else {
            not_negative(t).map(Some)
        }
    });
    let reason = f.parse("reason", |t| {
        let needed = matches!(
            kind,
            Some(DisabilityDecisionKind::PartlyAwarded | DisabilityDecisionKind::Rejected)
        );
        if needed && t.is_empty() {
            Err(Reason::told(
                Message::new("problem-reason-needed"),
                "a partial award or a rejection states its reason",
            ))
        } else if t.chars().count() > MAX_REASON_CHARS || t.chars().any(char::is_control) {
            Err(Reason::told(
                Message::new("problem-reason-too-long").arg("max", MAX_REASON_CHARS),
                format!("at most {MAX_REASON_CHARS} characters of one line"),
            ))
        } else {
            Ok(t.to_string())
        }
    });
    let date = f.parse("date", |t| parse_date(t, today));
    match (reference, kind, amount, reason, date) {
        (Some(reference), Some(kind), Some(amount), Some(reason), Some(date))
            if f.problems.is_empty() =>
        {
            Ok(DecisionRow {
                row,
                reference,
                kind,
                amount,
                reason,
                date,
            })
        }
        _ => Err(f.problems),
    }
}

/// The content of an application as a key: the same reference imported
/// again with the same content is the same application.
pub fn content_key(a: &DisabilityApplication) -> String {
    let fields = [
        a.reference.clone(),
        a.municipality.to_string(),
        a.person_id.clone(),
        a.grant.number().to_string(),
        a.grant_year.to_string(),
        a.documented_expenses
            .map(|e| e.0.to_string())
            .unwrap_or_default(),
        a.originated_before_settlement.to_string(),
        a.special_agreement.to_string(),
        a.received.to_string(),
    ];
    let mut hasher = Sha256::new();
    for field in fields {
        hasher.update(field.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    #[test]
    fn negative_expenses_and_awards_are_refused_by_column() {
        let today = parse_iso_date("2026-01-01").unwrap();
        let application = parse_application_row(
            2,
            &cells("A-1,0301,D1,2,1,-100.00,true,false,2022-03-01"),
            &Municipalities::shipped(),
            today,
        )
        .unwrap_err();
        assert_eq!(
            application[0].column, "documented_expenses",
            "{application:?}"
        );
        let decision =
            parse_decision_row(2, &cells("A-1,partly_awarded,-5.00,x,2022-03-10"), today)
                .unwrap_err();
        assert_eq!(decision[0].column, "amount", "{decision:?}");
        let future = parse_decision_row(2, &cells("A-1,awarded,,,2027-01-01"), today).unwrap_err();
        assert_eq!(future[0].column, "date", "{future:?}");
    }
}
