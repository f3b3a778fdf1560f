//! The settlement register (busettingsregister): an event log of who was
//! settled where and when, who moved, left or was born (docs/rules.md, The register).
//!
//! This module parses and validates rows that the import edge has read from a
//! CSV or XLSX file, and turns events into [`Person`] timelines for the accrual
//! computation. It does no I/O.

use crate::domain::calendar::{age_on, parse_iso_date, Period};
use crate::domain::error::{Message, Reason};
use crate::domain::grant::{Basis, Category};
use crate::domain::municipality::{Municipalities, MunicipalityNumber};
use crate::domain::two_core_sort::sort_by_on_two_cores;
use chrono::{Datelike, NaiveDate};
use rustc_hash::{FxHashMap, FxHashSet};
use sha2::{Digest, Sha256};
use smol_str::{SmolStr, StrExt};
use std::collections::HashSet;
use std::fmt;

/// The columns of a register file, in order.
pub const COLUMNS: [&str; 10] = [
    "event",
    "date",
    "person_id",
    "household_id",
    "birth_date",
    "municipality",
    "basis",
    "unaccompanied",
    "country",
    "mother_id",
];

/// The kind of a register event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// Busett: settled in a municipality.
    Settled,
    /// Fødd: a child born after the mother's settlement (R7).
    Born,
    /// Flytta: moved to another municipality.
    Moved,
    /// Utvandra or død: left the register.
    Exited,
    /// A correction (retting): the settled event with the same fields was
    /// registered in error and no longer counts (docs/rules.md, The
    /// register). The four withdrawals name the kind they withdraw.
    WithdrawnSettled,
    WithdrawnBorn,
    WithdrawnMoved,
    WithdrawnExited,
}

impl EventKind {
    pub const ALL: [EventKind; 8] = [
        EventKind::Settled,
        EventKind::Born,
        EventKind::Moved,
        EventKind::Exited,
        EventKind::WithdrawnSettled,
        EventKind::WithdrawnBorn,
        EventKind::WithdrawnMoved,
        EventKind::WithdrawnExited,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Settled => "settled",
            EventKind::Born => "born",
            EventKind::Moved => "moved",
            EventKind::Exited => "exited",
            EventKind::WithdrawnSettled => "withdrawn_settled",
            EventKind::WithdrawnBorn => "withdrawn_born",
            EventKind::WithdrawnMoved => "withdrawn_moved",
            EventKind::WithdrawnExited => "withdrawn_exited",
        }
    }

    pub fn parse(text: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == text)
    }

    /// The kind a withdrawal withdraws; `None` for a fact.
    pub fn withdraws(self) -> Option<EventKind> {
        match self {
            EventKind::WithdrawnSettled => Some(EventKind::Settled),
            EventKind::WithdrawnBorn => Some(EventKind::Born),
            EventKind::WithdrawnMoved => Some(EventKind::Moved),
            EventKind::WithdrawnExited => Some(EventKind::Exited),
            EventKind::Settled | EventKind::Born | EventKind::Moved | EventKind::Exited => None,
        }
    }

    /// The kind of fact the event is about: itself, or the kind it
    /// withdraws.
    fn fact(self) -> EventKind {
        self.withdraws().unwrap_or(self)
    }

    /// A withdrawal has the columns of the event it withdraws.
    fn required_columns(self) -> &'static [&'static str] {
        match self.fact() {
            EventKind::Settled => &[
                "date",
                "person_id",
                "household_id",
                "birth_date",
                "municipality",
                "basis",
                "unaccompanied",
                "country",
            ],
            EventKind::Born => &["date", "person_id", "birth_date", "mother_id"],
            EventKind::Moved => &["date", "person_id", "municipality"],
            _ => &["date", "person_id"],
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One event of the register, parsed and valid on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub person_id: SmolStr,
    pub household_id: Option<SmolStr>,
    pub birth_date: Option<NaiveDate>,
    pub municipality: Option<MunicipalityNumber>,
    pub basis: Option<Basis>,
    pub unaccompanied: Option<bool>,
    pub country: Option<SmolStr>,
    pub mother_id: Option<SmolStr>,
}

impl Event {
    /// The event's fields as text, in the order of [`COLUMNS`].
    pub fn fields(&self) -> [String; 10] {
        let opt = |v: &Option<SmolStr>| v.as_deref().unwrap_or_default().to_string();
        [
            self.kind.code().to_string(),
            self.date.to_string(),
            self.person_id.to_string(),
            opt(&self.household_id),
            self.birth_date.map(|d| d.to_string()).unwrap_or_default(),
            self.municipality.map(|m| m.to_string()).unwrap_or_default(),
            self.basis.map(|b| b.code().to_string()).unwrap_or_default(),
            self.unaccompanied
                .map(|u| u.to_string())
                .unwrap_or_default(),
            opt(&self.country),
            opt(&self.mother_id),
        ]
    }

    /// Events are identified by their content: the same row imported twice is
    /// the same event (docs/rules.md, The register).
    pub fn content_key(&self) -> String {
        format!("{:032x}", self.content_hash())
    }

    /// The content key as a number: the first 128 bits of the SHA-256 of
    /// the fields as [`Event::fields`] writes them, each followed by 0x1f.
    /// Written into the hash without building the strings (millions of
    /// events are hashed per import).
    pub fn content_hash(&self) -> u128 {
        let mut hasher = Sha256::new();
        let mut field = |bytes: &[u8]| {
            hasher.update(bytes);
            hasher.update([0x1f]);
        };
        field(self.kind.code().as_bytes());
        field(&iso_date_bytes(self.date));
        field(self.person_id.as_bytes());
        field(text_or_empty(&self.household_id));
        field(
            self.birth_date
                .map(iso_date_bytes)
                .as_ref()
                .map_or(&[][..], |d| &d[..]),
        );
        let municipality = self
            .municipality
            .map(|m| four_digits(u32::from(m.as_u16())));
        field(municipality.as_ref().map_or(&[][..], |m| &m[..]));
        field(self.basis.map_or("", |b| b.code()).as_bytes());
        let unaccompanied = self.unaccompanied.map(|u| if u { "true" } else { "false" });
        field(unaccompanied.unwrap_or("").as_bytes());
        field(text_or_empty(&self.country));
        field(text_or_empty(&self.mother_id));
        let digest = hasher.finalize();
        u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"))
    }

    /// Order of events of one person on the same date.
    fn sort_key(&self) -> (NaiveDate, EventKind) {
        (self.date, self.kind)
    }

    /// The content key of the event a withdrawal withdraws: the same fields
    /// with the withdrawn kind; `None` for a fact.
    pub fn withdrawn_hash(&self) -> Option<u128> {
        let kind = self.kind.withdraws()?;
        Some(
            Event {
                kind,
                ..self.clone()
            }
            .content_hash(),
        )
    }
}

/// The events that count: every fact that no withdrawal withdraws (the
/// withdrawals themselves left out too), in the order given. Without
/// withdrawals (the usual case) this is one pass over the kinds.
pub fn counting_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Vec<&'a Event> {
    let events: Vec<&Event> = events.into_iter().collect();
    let withdrawals = Withdrawals::of(events.iter().copied());
    if withdrawals.is_empty() {
        return events;
    }
    events
        .into_iter()
        .filter(|e| withdrawals.counts(e))
        .collect()
}

/// The withdrawals among some events: what they withdraw, and whose.
struct Withdrawals<'a> {
    /// The content keys of the withdrawn events.
    withdrawn: HashSet<u128>,
    /// The persons with a withdrawal: only their events are hashed.
    persons: HashSet<&'a str>,
}

impl<'a> Withdrawals<'a> {
    fn of(events: impl Iterator<Item = &'a Event>) -> Withdrawals<'a> {
        let mut withdrawals = Withdrawals {
            withdrawn: HashSet::new(),
            persons: HashSet::new(),
        };
        for event in events {
            if let Some(hash) = event.withdrawn_hash() {
                withdrawals.withdrawn.insert(hash);
                withdrawals.persons.insert(event.person_id.as_str());
            }
        }
        withdrawals
    }

    fn is_empty(&self) -> bool {
        self.withdrawn.is_empty()
    }

    /// Whether the event counts: a fact that no withdrawal withdraws.
    fn counts(&self, event: &Event) -> bool {
        event.kind.withdraws().is_none()
            && (!self.persons.contains(event.person_id.as_str())
                || !self.withdrawn.contains(&event.content_hash()))
    }
}

/// A date as `YYYY-MM-DD`, the bytes `NaiveDate`'s `Display` writes for
/// the years a register holds (1900 to today).
fn iso_date_bytes(date: NaiveDate) -> [u8; 10] {
    let [y0, y1, y2, y3] = four_digits(date.year() as u32);
    let two = |n: u32| [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
    let ([m0, m1], [d0, d1]) = (two(date.month()), two(date.day()));
    [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1]
}

fn text_or_empty(text: &Option<SmolStr>) -> &[u8] {
    text.as_deref().unwrap_or("").as_bytes()
}

/// A number below 10 000 as four digits.
fn four_digits(n: u32) -> [u8; 4] {
    let digit = |d: u32| b'0' + ((n / d) % 10) as u8;
    [digit(1000), digit(100), digit(10), digit(1)]
}

/// A row as read from a file: its 1-based row number (the header is row 1)
/// and its cells by column name order of [`COLUMNS`].
#[derive(Debug, Clone)]
pub struct RawRow {
    pub row: usize,
    pub cells: Vec<String>,
}

/// One problem of an import, reported as `file:row:column: reason`. The
/// reason carries the catalogue message a person reads (in their
/// language, at the edge) where one is written; its English text is the
/// log's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: String,
    pub reason: Reason,
}

impl Problem {
    pub fn new(row: usize, column: &str, reason: impl Into<Reason>) -> Problem {
        Problem {
            row,
            column: column.to_string(),
            reason: reason.into(),
        }
    }

    /// A problem with the message a person reads and its English text.
    pub fn told(row: usize, column: &str, message: Message, text: impl Into<String>) -> Problem {
        Problem::new(row, column, Reason::told(message, text))
    }

    pub fn display_in(&self, file: &str) -> String {
        format!("{file}:{}:{}: {}", self.row, self.column, self.reason)
    }

    /// The problem with the file it is in.
    pub fn in_file(&self, file: &str) -> FileProblem {
        FileProblem {
            file: file.to_string(),
            problem: self.clone(),
        }
    }
}

/// A problem with the file it was found in: what a refused import lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub file: String,
    pub problem: Problem,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem.display_in(&self.file))
    }
}

/// Refuses a header that is not exactly `expected`, naming the first
/// column that differs (row 1).
pub fn check_header(found: &[String], expected: &[&str]) -> Result<(), Problem> {
    let found: Vec<&str> = found.iter().map(|h| h.trim()).collect();
    if found == expected {
        return Ok(());
    }
    let column = found
        .iter()
        .zip(expected)
        .find(|(f, e)| f != e)
        .map(|(f, _)| f.to_string())
        .unwrap_or_else(|| "-".into());
    let columns = expected.join(",");
    let message = Message::new("problem-header").arg("columns", &columns);
    Err(Problem::told(
        1,
        &column,
        message,
        format!("the header must be exactly {columns}"),
    ))
}

/// The longest identifier (person, household, mother).
pub const MAX_IDENTIFIER_CHARS: usize = 32;

/// An identifier is 1–32 characters of `A–Z a–z 0–9 . _ -`, starting with a
/// letter or a digit: no spaces, no invisible or look-alike characters.
/// Identifiers that differ only in case name one person (see
/// [`identity_key`]).
pub fn check_identifier(id: &str) -> Result<(), Reason> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let starts_well = id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if id.chars().count() > MAX_IDENTIFIER_CHARS {
        return Err(Reason::told(
            Message::new("problem-identifier-too-long").arg("max", MAX_IDENTIFIER_CHARS),
            format!("longer than {MAX_IDENTIFIER_CHARS} characters"),
        ));
    }
    if !starts_well || !id.chars().all(allowed) {
        let shown = id.escape_debug().to_string();
        return Err(Reason::told(
            Message::new("problem-not-an-identifier").arg("text", &shown),
            format!("'{shown}' is not an identifier: letters A–Z, digits, '.', '_' and '-', starting with a letter or digit"),
        ));
    }
    Ok(())
}

/// A value that is neither `true` nor `false`.
pub fn not_true_or_false(text: &str) -> Reason {
    Reason::told(
        Message::new("problem-not-true-or-false").arg("text", text),
        format!("'{text}' is not true or false"),
    )
}

/// A date after today.
pub fn in_the_future(date: NaiveDate) -> Reason {
    Reason::told(
        Message::new("problem-in-the-future").arg("date", date),
        format!("{date} is in the future"),
    )
}

/// The key under which identifiers are one person: ids that differ only in
/// case are the same person.
pub fn identity_key(id: &str) -> SmolStr {
    id.to_ascii_lowercase_smolstr()
}

/// Rows whose person or mother is written with another case than the same
/// person in the register (`stored`) or earlier in the file: ids that differ
/// only in case are one person, so a second spelling is refused.
pub fn case_conflicts(rows: &[(usize, Event)], stored: &[String]) -> Vec<Problem> {
    // Keys and spellings inline (ids have at most 32 characters, most 23 or
    // fewer): a first import of 2.8 M events spent a second here allocating
    // two strings an event.
    let mut spelling: FxHashMap<SmolStr, SmolStr> = stored
        .iter()
        .map(|id| (identity_key(id), SmolStr::new(id)))
        .collect();
    let mut problems = Vec::new();
    for (row, event) in rows {
        let ids = [
            ("person_id", Some(&event.person_id)),
            ("mother_id", event.mother_id.as_ref()),
        ];
        for (column, id) in ids {
            let Some(id) = id else { continue };
            let known = spelling
                .entry(identity_key(id))
                .or_insert_with(|| id.clone());
            if known != id {
                let message = Message::new("problem-case-differs")
                    .arg("id", id)
                    .arg("known", known.as_str());
                problems.push(Problem::told(
                    *row,
                    column,
                    message,
                    format!(
                        "'{id}' differs only in case from the person '{known}'; ids that differ only in case are one person: write {known}"
                    ),
                ));
            }
        }
    }
    problems
}

/// A problem of one field, before its row is known.
struct FieldProblem {
    column: &'static str,
    reason: Reason,
}

impl FieldProblem {
    fn at(self, row: usize) -> Problem {
        Problem::new(row, self.column, self.reason)
    }
}

fn parse_unaccompanied(text: &str) -> Result<bool, FieldProblem> {
    match text {
        "true" => Ok(true),
        "false" => Ok(false),
        other => Err(FieldProblem {
            column: "unaccompanied",
            reason: not_true_or_false(other),
        }),
    }
}

fn parse_country(text: &str) -> Result<SmolStr, FieldProblem> {
    if text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(SmolStr::new(text))
    } else {
        Err(FieldProblem {
            column: "country",
            reason: Reason::told(
                Message::new("problem-not-a-country").arg("text", text),
                format!("'{text}' is not an ISO 3166-1 alpha-2 code"),
            ),
        })
    }
}

/// A birth date after the event, or a born event on another day.
fn birth_date_problems(
    kind: EventKind,
    birth: NaiveDate,
    date: NaiveDate,
) -> impl Iterator<Item = FieldProblem> {
    let after = (birth > date).then(|| FieldProblem {
        column: "birth_date",
        reason: Reason::told(
            Message::new("problem-born-after-event")
                .arg("birth", birth)
                .arg("date", date),
            format!("born {birth}, after the event's date {date}"),
        ),
    });
    let not_same_day = (kind.fact() == EventKind::Born && birth != date).then(|| FieldProblem {
        column: "birth_date",
        reason: Reason::told(
            Message::new("problem-born-date"),
            "a born event's date is the birth date",
        ),
    });
    after.into_iter().chain(not_same_day)
}

/// Parses one row on its own: fields present, well-formed and known.
pub fn parse_row(
    raw: &RawRow,
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<Event, Vec<Problem>> {
    let cells: Vec<&str> = raw.cells.iter().map(String::as_str).collect();
    parse_cells(raw.row, &cells, municipalities, today)
}

/// [`parse_row`] of the cells of row `row` as read, by column order of
/// [`COLUMNS`]: an import parses millions of rows without copying a cell.
pub fn parse_cells(
    row: usize,
    cells: &[&str],
    municipalities: &Municipalities,
    today: NaiveDate,
) -> Result<Event, Vec<Problem>> {
    let trimmed: [&str; COLUMNS.len()] =
        std::array::from_fn(|index| cells.get(index).map_or("", |s| s.trim()));
    let cell = |name: &str| -> &str {
        let index = COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("known column");
        trimmed[index]
    };
    let mut problems = Vec::new();
    let kind = match EventKind::parse(cell("event")) {
        Some(kind) => kind,
        None => {
            let reason = if cell("event").is_empty() {
                Reason::missing("missing event")
            } else {
                Reason::told(
                    Message::new("problem-unknown-event").arg("text", cell("event")),
                    format!(
                        "unknown event '{}' (settled, born, moved, exited, or withdrawn_ before one of them to correct an event registered in error)",
                        cell("event")
                    ),
                )
            };
            return Err(vec![Problem::new(row, "event", reason)]);
        }
    };
    for column in kind.required_columns() {
        if cell(column).is_empty() {
            problems.push(Problem::told(
                row,
                column,
                Message::new("problem-missing-for-event").arg("kind", kind),
                format!("missing {column} for a {kind} event"),
            ));
        }
    }
    let present = |name: &str| (!cell(name).is_empty()).then(|| cell(name));
    let date_of = |name: &str, problems: &mut Vec<Problem>| -> Option<NaiveDate> {
        let text = present(name)?;
        match parse_iso_date(text) {
            Ok(date) if date > today => {
                problems.push(Problem::new(row, name, in_the_future(date)));
                None
            }
            Ok(date) => Some(date),
            Err(reason) => {
                problems.push(Problem::new(row, name, reason));
                None
            }
        }
    };
    let date = date_of("date", &mut problems);
    let birth_date = date_of("birth_date", &mut problems);
    let person_id = SmolStr::new(cell("person_id"));
    for column in ["person_id", "household_id", "mother_id"] {
        if let Some(reason) = present(column).and_then(|id| check_identifier(id).err()) {
            problems.push(Problem::new(row, column, reason));
        }
    }
    let municipality = present("municipality").and_then(|text| {
        municipalities
            .parse(text)
            .map_err(|reason| problems.push(Problem::new(row, "municipality", reason)))
            .ok()
    });
    let basis = present("basis").and_then(|text| {
        text.parse::<Basis>()
            .map_err(|reason| problems.push(Problem::new(row, "basis", reason)))
            .ok()
    });
    let unaccompanied = present("unaccompanied").and_then(|text| {
        parse_unaccompanied(text)
            .map_err(|p| problems.push(p.at(row)))
            .ok()
    });
    let country = present("country").and_then(|text| {
        parse_country(text)
            .map_err(|p| problems.push(p.at(row)))
            .ok()
    });
    if let (Some(birth), Some(date)) = (birth_date, date) {
        problems.extend(birth_date_problems(kind, birth, date).map(|p| p.at(row)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Event {
        kind,
        date: date.expect("checked"),
        person_id,
        household_id: present("household_id").map(SmolStr::new),
        birth_date,
        municipality,
        basis,
        unaccompanied,
        country,
        mother_id: present("mother_id").map(SmolStr::new),
    })
}

/// Checks the events of a file against each other and against what the
/// database already holds for the same persons (`existing`). Returns the
/// events that are new (not already in the database by content) or every
/// problem found.
pub fn validate_batch(
    incoming: Vec<(usize, Event)>,
    existing: &[Event],
) -> Result<Vec<Event>, Vec<Problem>> {
    validate_batch_rows(incoming, existing).map(|rows| rows.into_iter().map(|(_, e)| e).collect())
}

/// [`validate_batch`], keeping each new event's row: the events a file adds,
/// each once, in the file's order.
pub fn validate_batch_rows(
    incoming: Vec<(usize, Event)>,
    existing: &[Event],
) -> Result<Vec<(usize, Event)>, Vec<Problem>> {
    // Keys as 128-bit numbers: a set of strings cost more per event the
    // larger the file (one pointer chase per probe).
    // The keys are SHA-256 bits already: FxHash mixes them enough, where
    // SipHash cost a third of every probe.
    let existing_keys: FxHashSet<u128> = existing.iter().map(Event::content_hash).collect();
    let mut seen_in_file: FxHashSet<u128> =
        FxHashSet::with_capacity_and_hasher(incoming.len(), Default::default());
    let mut new_events: Vec<(usize, Event)> = Vec::new();
    for (row, event) in incoming {
        let key = event.content_hash();
        if existing_keys.contains(&key) || !seen_in_file.insert(key) {
            continue; // the same event again adds nothing
        }
        new_events.push((row, event));
    }

    let mut problems = Vec::new();
    for (row, event) in &new_events {
        let Some(target) = event.withdrawn_hash() else {
            continue;
        };
        if !existing_keys.contains(&target) && !seen_in_file.contains(&target) {
            let message = Message::new("problem-withdraws-unknown")
                .arg("kind", event.kind.fact())
                .arg("person", &event.person_id)
                .arg("date", event.date);
            problems.push(Problem::told(
                *row,
                "event",
                message,
                format!(
                    "withdraws a {} of {} on {} that is not in the register with these fields",
                    event.kind.fact(),
                    event.person_id,
                    event.date
                ),
            ));
        }
    }
    let withdrawals = Withdrawals::of(
        existing
            .iter()
            .chain(new_events.iter().map(|(_, event)| event)),
    );

    // Every event that counts of every person concerned, the existing ones
    // with row 0, sorted by person and then in the order they happened: one
    // sort instead of a map of vectors, whose cost per event grew with the
    // file.
    let mut timeline: Vec<(usize, &Event)> = existing
        .iter()
        .map(|event| (0, event))
        .chain(new_events.iter().map(|(row, event)| (*row, event)))
        .filter(|(_, event)| withdrawals.is_empty() || withdrawals.counts(event))
        .collect();
    sort_by_on_two_cores(&mut timeline, |(row_a, a), (row_b, b)| {
        a.person_id
            .cmp(&b.person_id)
            .then_with(|| (a.sort_key(), *row_a).cmp(&(b.sort_key(), *row_b)))
    });
    // Each person's entry (settlement or birth), in person order.
    let mut entry_of: Vec<(&str, (usize, &Event))> = Vec::new();
    for events in timeline.chunk_by(|(_, a), (_, b)| a.person_id == b.person_id) {
        let person = events[0].1.person_id.as_str();
        let withdrawal_row = withdrawals
            .persons
            .contains(person)
            .then(|| withdrawal_row_of(&new_events, person))
            .flatten();
        check_person_timeline(person, events, withdrawal_row, &mut problems);
        if let Some(first) = events
            .iter()
            .find(|(_, e)| matches!(e.kind, EventKind::Settled | EventKind::Born))
        {
            entry_of.push((person, *first));
        }
    }
    for (row, event) in births_to_check(&timeline, &new_events, &withdrawals) {
        let mother_id = event.mother_id.as_deref().unwrap_or("");
        let mother = entry_of
            .binary_search_by(|(person, _)| (*person).cmp(mother_id))
            .ok()
            .map(|index| entry_of[index].1);
        match mother {
            Some((_, mother)) if mother.kind == EventKind::Settled => {
                if event.date < mother.date {
                    let message = Message::new("problem-born-before-mother")
                        .arg("person", &event.person_id)
                        .arg("date", event.date)
                        .arg("settled", mother.date);
                    problems.push(Problem::told(
                        row,
                        "date",
                        message,
                        format!("{} born {} before the mother's settlement on {}: a child born before settlement is settled with her", event.person_id, event.date, mother.date),
                    ));
                }
            }
            _ => problems.push(Problem::told(
                row,
                "mother_id",
                Message::new("problem-mother-not-settled")
                    .arg("mother", mother_id)
                    .arg("person", &event.person_id),
                format!(
                    "the mother {mother_id} of {} has no settled record",
                    event.person_id
                ),
            )),
        }
    }
    if problems.is_empty() {
        Ok(new_events)
    } else {
        problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        Err(problems)
    }
}

/// The births whose mother is checked, each at the row a problem is
/// reported at: every new birth that counts, and every stored birth whose
/// mother has a withdrawal in the file (at the row of that withdrawal).
fn births_to_check<'a>(
    timeline: &[(usize, &'a Event)],
    new_events: &[(usize, Event)],
    withdrawals: &Withdrawals,
) -> Vec<(usize, &'a Event)> {
    timeline
        .iter()
        .filter(|(_, event)| event.kind == EventKind::Born)
        .filter_map(|(row, event)| {
            if *row > 0 {
                return Some((*row, *event));
            }
            let mother = event.mother_id.as_deref().unwrap_or("");
            if !withdrawals.persons.contains(mother) {
                return None;
            }
            withdrawal_row_of(new_events, mother).map(|row| (row, *event))
        })
        .collect()
}

/// The row of the file's first withdrawal of `person`'s events, if any.
fn withdrawal_row_of(new_events: &[(usize, Event)], person: &str) -> Option<usize> {
    new_events
        .iter()
        .find(|(_, e)| e.kind.withdraws().is_some() && e.person_id == person)
        .map(|(row, _)| *row)
}

/// The checks of one person's events in date order. What is in the
/// database was accepted before (row 0), so a conflict is reported at the
/// new row involved: the event itself, or the new event that causes it (an
/// exit or a move dated before events already stored).
///
/// `withdrawal_row` is the row of a withdrawal of this person in the file:
/// a conflict among stored events alone is then the withdrawal's doing
/// (what it withdrew held the rest together) and is reported there.
fn check_person_timeline(
    person: &str,
    events: &[(usize, &Event)],
    withdrawal_row: Option<usize>,
    problems: &mut Vec<Problem>,
) {
    let entry = events
        .iter()
        .find(|(_, e)| matches!(e.kind, EventKind::Settled | EventKind::Born))
        .map(|(row, e)| (*row, e.date));
    let mut exit: Option<(usize, NaiveDate)> = None;
    let mut current: Option<(usize, Option<MunicipalityNumber>)> = None;
    let mut entered = false;
    for (row, event) in events {
        let row = *row;
        // Where the conflict is reported says how the person reads it: at
        // its own row, at the new row that causes it, or at a withdrawal.
        let mut fault = |cause_row: usize, column: &str, message: Message, reason: String| {
            let told = |placement: &str, text: String| {
                let message = message
                    .clone()
                    .arg("placement", placement)
                    .arg("kind", event.kind);
                Reason::told(message, text)
            };
            if row > 0 {
                problems.push(Problem::new(row, column, told("row", reason)));
            } else if cause_row > 0 {
                let text = format!("{reason} (the {} is already in the database)", event.kind);
                problems.push(Problem::new(cause_row, column, told("stored", text)));
            } else if let Some(withdrawal) = withdrawal_row {
                let text = format!(
                    "after this withdrawal: {reason} (the {} is already in the database)",
                    event.kind
                );
                problems.push(Problem::new(withdrawal, "event", told("withdrawal", text)));
            }
        };
        let Some((entry_row, entry_date)) = entry else {
            fault(
                0,
                "person_id",
                Message::new("problem-not-settled").arg("person", person),
                format!("{} for {person}, who has no settled record", event.kind),
            );
            continue;
        };
        if let Some((exit_row, exit_date)) = exit {
            fault(
                exit_row,
                "date",
                Message::new("problem-after-exit")
                    .arg("date", event.date)
                    .arg("exit", exit_date),
                format!(
                    "{} on {} after the person's exit on {exit_date}",
                    event.kind, event.date
                ),
            );
            continue;
        }
        match event.kind {
            EventKind::Settled | EventKind::Born => {
                if entered {
                    let (first_at, english) = match entry_row {
                        0 => ("stored".to_string(), "already in the database".to_string()),
                        row => (row.to_string(), format!("row {row}")),
                    };
                    fault(
                        entry_row,
                        "person_id",
                        Message::new("problem-second-entry")
                            .arg("person", person)
                            .arg("first", entry_date)
                            .arg("first_at", first_at),
                        format!(
                            "a second settled or born for {person} (first on {entry_date}, {english})"
                        ),
                    );
                    continue;
                }
                entered = true;
                current = Some((row, event.municipality));
            }
            // Only events that count reach here (no withdrawals).
            _ => {
                if !entered {
                    fault(
                        entry_row,
                        "date",
                        Message::new("problem-before-settlement")
                            .arg("date", event.date)
                            .arg("settled", entry_date),
                        format!(
                            "{} on {} before the person's settlement on {entry_date}",
                            event.kind, event.date
                        ),
                    );
                    continue;
                }
                if event.kind == EventKind::Exited {
                    exit = Some((row, event.date));
                } else {
                    let (current_row, municipality) = current.unwrap_or((0, None));
                    if municipality == event.municipality {
                        let m = event
                            .municipality
                            .map(|m| m.to_string())
                            .unwrap_or_default();
                        fault(
                            current_row,
                            "municipality",
                            Message::new("problem-move-to-same")
                                .arg("municipality", &m)
                                .arg("person", person),
                            format!("a move to {m}, where {person} already lives"),
                        );
                        continue;
                    }
                    current = Some((row, event.municipality));
                }
            }
        }
    }
}

/// A child under R7: born to a settled mother.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthLink {
    pub mother_id: SmolStr,
    pub mother_settlement_date: NaiveDate,
    /// Days from the mother's settlement to the birth; R7 covers 0–183.
    pub days_after_mother_settlement: i64,
}

/// One person's timeline, as the accrual rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Identifiers are short: held inline, compared without following a
    /// pointer (batch lines are merged by them).
    pub id: SmolStr,
    pub household_id: SmolStr,
    pub birth_date: NaiveDate,
    /// The settlement date; for a child under R7 the birth date.
    pub settlement_date: NaiveDate,
    /// The settling municipality; for a born child the mother's municipality
    /// of the birth month.
    pub settlement_municipality: MunicipalityNumber,
    /// For a born child, the mother's basis.
    pub basis: Basis,
    pub unaccompanied: bool,
    /// For a born child, the mother's country.
    pub country: SmolStr,
    /// The calendar year of grant year 1: the settlement year, or for a born
    /// child the mother's settlement year (R7).
    pub clock_year: i32,
    /// How many persons of the household were settled on the same date.
    pub household_settled_same_day: u32,
    pub born: Option<BirthLink>,
    /// Moves in date order: the date and the new municipality.
    pub moves: Vec<(NaiveDate, MunicipalityNumber)>,
    pub exit: Option<NaiveDate>,
}

impl Person {
    pub fn settlement_period(&self) -> Period {
        Period::of_date(self.settlement_date)
    }

    pub fn age_at_settlement(&self) -> i32 {
        age_on(self.birth_date, self.settlement_date)
    }

    /// R3: the category on the settlement date.
    pub fn category(&self) -> Category {
        let adult = self.age_at_settlement() >= 18;
        match (adult, self.unaccompanied) {
            (false, true) => Category::UnaccompaniedMinor,
            (false, false) => Category::Child,
            (true, _) if self.household_settled_same_day <= 1 => Category::SingleAdult,
            (true, _) => Category::Adult,
        }
    }

    /// R5: the municipality of a month. A move in month m takes effect from
    /// month m + `move_lag_months`; the municipality moved from keeps the
    /// months before.
    pub fn municipality_of(&self, period: Period, move_lag_months: u32) -> MunicipalityNumber {
        let mut municipality = self.settlement_municipality;
        for (date, to) in &self.moves {
            if period >= Period::of_date(*date).plus_months(i64::from(move_lag_months)) {
                municipality = *to;
            }
        }
        municipality
    }

    /// R6: the last month that accrues (the exit month), if the person left.
    pub fn last_period(&self) -> Option<Period> {
        self.exit.map(Period::of_date)
    }
}

/// The register as persons, built from validated events.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub persons: Vec<Person>,
}

impl Register {
    /// Builds the persons from the events of the register. Events must have
    /// passed [`validate_batch`]; a born child's mother municipality uses the
    /// move lag of R5.
    pub fn build<'a>(
        events: impl IntoIterator<Item = &'a Event>,
        move_lag_months: u32,
    ) -> Register {
        // One sort by person and date instead of a map of vectors: the
        // events of each person lie side by side, in the order they happened
        // (a stable sort keeps same-day events in the register's order).
        let mut sorted: Vec<&Event> = counting_events(events);
        sorted.sort_by(|a, b| {
            a.person_id
                .cmp(&b.person_id)
                .then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        // R3's households are counted on a thread of their own while the
        // persons are built (a third of the build each); each person is
        // given its household after.
        let (shared, settled) = std::thread::scope(|scope| {
            let counting = scope.spawn(|| SettlementDays::counted(&sorted));
            let settled = SettledPersons::built(&sorted);
            let shared = counting.join().expect("counting households panicked");
            (shared, settled)
        });
        let SettledPersons {
            mut persons,
            entries,
            births,
        } = settled;
        for (index, entry) in entries {
            persons[index].household_settled_same_day = shared.settled_same_day(entry);
        }
        let mut orphans = Vec::new();
        for (index, born, own) in births {
            match mother_of(&persons, born) {
                Some(mother) => {
                    persons[index] = born_child(&persons[mother], born, move_lag_months);
                    apply_later_events(&mut persons[index], &own);
                }
                None => orphans.push(index),
            }
        }
        remove_at(&mut persons, &orphans);
        debug_assert!(persons.is_sorted_by(|a, b| a.id < b.id));
        Register { persons }
    }

    /// The register as it stood at the end of `last_day` (F1): persons
    /// settled or born later are left out, and so are later moves and exits.
    pub fn as_of(&self, last_day: NaiveDate) -> Register {
        let persons = self
            .persons
            .iter()
            .filter(|p| p.settlement_date <= last_day)
            .map(|p| {
                let mut person = p.clone();
                person.moves.retain(|(date, _)| *date <= last_day);
                person.exit = person.exit.filter(|date| *date <= last_day);
                person
            })
            .collect();
        Register { persons }
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.persons
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.persons[i])
    }
}

/// The settled mother of a born child, by her id: persons are in id order.
/// None when she is not in the register (or is herself a born child).
fn mother_of(persons: &[Person], born: &Event) -> Option<usize> {
    let mother_id = born.mother_id.as_deref().unwrap_or("");
    let index = persons
        .binary_search_by(|p| p.id.as_str().cmp(mother_id))
        .ok()?;
    persons[index].born.is_none().then_some(index)
}

/// A child born after the mother's settlement (R7): settled on the birth
/// date in the mother's municipality of that month, with her household,
/// basis, country and grant clock.
fn born_child(mother: &Person, born: &Event, move_lag_months: u32) -> Person {
    Person {
        id: born.person_id.clone(),
        household_id: mother.household_id.clone(),
        birth_date: born.date,
        settlement_date: born.date,
        settlement_municipality: mother
            .municipality_of(Period::of_date(born.date), move_lag_months),
        basis: mother.basis,
        unaccompanied: false,
        country: mother.country.clone(),
        clock_year: mother.clock_year,
        household_settled_same_day: mother.household_settled_same_day,
        born: Some(BirthLink {
            mother_id: mother.id.clone(),
            mother_settlement_date: mother.settlement_date,
            days_after_mother_settlement: (born.date - mother.settlement_date).num_days(),
        }),
        moves: Vec::new(),
        exit: None,
    }
}

/// Removes the persons at `indices` (in increasing order).
fn remove_at(persons: &mut Vec<Person>, indices: &[usize]) {
    if indices.is_empty() {
        return;
    }
    let mut index = 0;
    let mut removing = indices.iter().peekable();
    persons.retain(|_| {
        let remove = removing.next_if_eq(&&index).is_some();
        index += 1;
        !remove
    });
}

/// Every person in id order, the settled ones before their households are
/// known and each born child as a stand-in until its mother's are; with the
/// events to finish them from.
struct SettledPersons<'a> {
    persons: Vec<Person>,
    /// Per settled person, its index in `persons` and the position of its
    /// settlement among the sorted events.
    entries: Vec<(usize, usize)>,
    /// Per born child, its index in `persons`, its birth and its other events.
    births: Vec<(usize, &'a Event, Vec<&'a Event>)>,
}

impl<'a> SettledPersons<'a> {
    /// From the events sorted by person and date.
    fn built(sorted: &[&'a Event]) -> SettledPersons<'a> {
        // A person is settled once (validated): one person per settlement.
        let settlements = sorted
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Settled | EventKind::Born))
            .count();
        let mut built = SettledPersons {
            persons: Vec::with_capacity(settlements),
            entries: Vec::with_capacity(settlements),
            births: Vec::new(),
        };
        let mut position = 0;
        for events in sorted.chunk_by(|a, b| a.person_id == b.person_id) {
            let first = position;
            position += events.len();
            let Some(entry) = events.first().filter(|e| e.kind == EventKind::Settled) else {
                built.add_birth(events);
                continue;
            };
            let mut person = Person {
                id: entry.person_id.clone(),
                household_id: entry.household_id.clone().unwrap_or_default(),
                birth_date: entry.birth_date.expect("validated"),
                settlement_date: entry.date,
                settlement_municipality: entry.municipality.expect("validated"),
                basis: entry.basis.expect("validated"),
                unaccompanied: entry.unaccompanied.unwrap_or(false),
                country: entry.country.clone().unwrap_or_default(),
                clock_year: Period::of_date(entry.date).year,
                household_settled_same_day: 0,
                born: None,
                moves: Vec::new(),
                exit: None,
            };
            apply_later_events(&mut person, &events[1..]);
            built.entries.push((built.persons.len(), first));
            built.persons.push(person);
        }
        built
    }

    /// The events of a person without a settlement of their own: a child
    /// born after the mother's settlement, if one is among them, held in its
    /// place by a stand-in until the mother's household is known.
    fn add_birth(&mut self, events: &[&'a Event]) {
        if let Some(born) = events.iter().copied().find(|e| e.kind == EventKind::Born) {
            let own = events
                .iter()
                .copied()
                .filter(|e| e.kind != EventKind::Born)
                .collect();
            self.births.push((self.persons.len(), born, own));
            self.persons.push(stand_in(born));
        }
    }
}

/// A born child's place among the persons until [`born_child`] fills it
/// (or [`remove_at`] takes it away): the child's own id and birth, nothing
/// of the mother's yet.
fn stand_in(born: &Event) -> Person {
    let unknown = MunicipalityNumber::from_trusted_u16(0).expect("0 has at most four digits");
    Person {
        id: born.person_id.clone(),
        household_id: SmolStr::default(),
        birth_date: born.date,
        settlement_date: born.date,
        settlement_municipality: unknown,
        basis: Basis::Resettlement,
        unaccompanied: false,
        country: SmolStr::default(),
        clock_year: born.date.year(),
        household_settled_same_day: 0,
        born: Some(BirthLink {
            mother_id: born.mother_id.clone().unwrap_or_default(),
            mother_settlement_date: born.date,
            days_after_mother_settlement: 0,
        }),
        moves: Vec::new(),
        exit: None,
    }
}

/// How many of each household were settled on each day (R3), counted once
/// in [`Register::build`]; members settled the same day share the count.
#[derive(Default)]
struct SettlementDays {
    /// Per household and settlement day, how many of it were settled that day.
    counts: Vec<u32>,
    /// Per position of the sorted events, the index of a settlement's
    /// household and day in `counts`.
    household_at: Vec<u32>,
}

impl SettlementDays {
    /// Counts the settlements of each household and day among `sorted`.
    fn counted(sorted: &[&Event]) -> SettlementDays {
        let mut shared = SettlementDays {
            household_at: vec![u32::MAX; sorted.len()],
            ..SettlementDays::default()
        };
        // At most one household and day per settlement: room for all at
        // once instead of the map growing (and rehashing) as it fills.
        let settlements = sorted
            .iter()
            .filter(|e| e.kind == EventKind::Settled)
            .count();
        let mut days: FxHashMap<(&str, NaiveDate), u32> =
            FxHashMap::with_capacity_and_hasher(settlements, Default::default());
        for (position, event) in sorted.iter().enumerate() {
            if event.kind != EventKind::Settled {
                continue;
            }
            let household = event.household_id.as_deref().unwrap_or("");
            let next = u32::try_from(shared.counts.len()).expect("under 2^32 settlements");
            let index = *days.entry((household, event.date)).or_insert(next);
            if index == next {
                shared.counts.push(0);
            }
            shared.counts[index as usize] += 1;
            shared.household_at[position] = index;
        }
        shared
    }

    /// How many of the household of the settlement event at `position` of
    /// the sorted events were settled that day.
    fn settled_same_day(&self, position: usize) -> u32 {
        self.counts[self.household_at[position] as usize]
    }
}

fn apply_later_events(person: &mut Person, events: &[&Event]) {
    for event in events {
        match event.kind {
            EventKind::Moved => person
                .moves
                .push((event.date, event.municipality.expect("validated"))),
            EventKind::Exited => person.exit = Some(event.date),
            // The entry is the person's start; withdrawals and what they
            // withdraw were left out by `counting_events`.
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "register_tests.rs"]
mod tests;
