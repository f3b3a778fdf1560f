//! The register's events as pages of bytes (issue 16). An import writes its
//! events twice in its one transaction: as rows, which the queries by person
//! and by mother read and an auditor can select, and as pages of up to
//! [`EVENTS_PER_PAGE`] events in a compact layout, in the order of the rows.
//! Rebuilding the register reads every event; from the pages that takes a
//! few dozen rows instead of a row per event, and no parsing of text.
//!
//! The rows stay the register. The pages are read only when those of the
//! current [`FORMAT`] hold exactly as many events as the rows, and
//! `tilskot check` compares the two event for event. A database from before
//! the pages (migration 0023) reads its rows, as it did.

use super::codec::{count, Reader, Unreadable, Writer};
use super::dialect::placeholder;
use super::made_ahead::MadeAhead;
use super::register::StoredOrder;
use super::Backend;
use crate::domain::error::Result;
use crate::domain::grant::Basis;
use crate::domain::register::{Event, EventKind};
use smol_str::SmolStr;
use sqlx::{AnyConnection, Row};

/// The layout's version. Raise it when [`Event`] changes; pages of another
/// format are never read (the rows are).
pub const FORMAT: i64 = 1;

/// Events per page: a page of the generator's events is about 600 kB, and
/// the pages of a large register are many enough to share between cores.
pub const EVENTS_PER_PAGE: usize = 16_384;

const MAGIC: &[u8; 4] = b"TSKE";

/// Why a stored page is not a page of events.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a page of register events cannot be read: {0}")]
pub struct PageUnreadable(&'static str);

impl From<Unreadable> for PageUnreadable {
    fn from(unreadable: Unreadable) -> Self {
        PageUnreadable(unreadable.0)
    }
}

/// Which of an event's optional fields are present (and whether it is
/// unaccompanied), one bit each.
const HOUSEHOLD: u8 = 1;
const BIRTH_DATE: u8 = 2;
const MUNICIPALITY: u8 = 4;
const BASIS: u8 = 8;
const UNACCOMPANIED_GIVEN: u8 = 16;
const UNACCOMPANIED: u8 = 32;
const COUNTRY: u8 = 64;
const MOTHER: u8 = 128;

/// The events as one page.
pub fn encode_page(events: &[&Event]) -> std::result::Result<Vec<u8>, PageUnreadable> {
    let mut out = Writer(Vec::with_capacity(events.len() * 40 + 12));
    out.0.extend_from_slice(MAGIC);
    out.u32(FORMAT as u32);
    out.u32(count(events.len())?);
    for event in events {
        write_event(&mut out, event)?;
    }
    Ok(out.0)
}

/// Appends the events of a page from [`encode_page`] to `events`.
pub fn decode_page(
    bytes: &[u8],
    events: &mut Vec<Event>,
) -> std::result::Result<(), PageUnreadable> {
    let mut input = Reader::new(bytes);
    if input.take(4)? != MAGIC {
        return Err(PageUnreadable("not a page of register events"));
    }
    if i64::from(input.u32()?) != FORMAT {
        return Err(PageUnreadable("another format"));
    }
    let n = input.u32()? as usize;
    // An event takes at least seven bytes (kind, fields, date and the
    // length of its person's id): a count beyond the bytes left is refused
    // before anything is allocated for it.
    if n > input.left() / 7 {
        return Err(PageUnreadable("cut short"));
    }
    events.reserve(n);
    for _ in 0..n {
        events.push(read_event(&mut input)?);
    }
    if input.left() != 0 {
        return Err(PageUnreadable("bytes after the last event"));
    }
    Ok(())
}

fn write_event(out: &mut Writer, event: &Event) -> std::result::Result<(), Unreadable> {
    let given = |present: bool, bit: u8| if present { bit } else { 0 };
    let flags = given(event.household_id.is_some(), HOUSEHOLD)
        | given(event.birth_date.is_some(), BIRTH_DATE)
        | given(event.municipality.is_some(), MUNICIPALITY)
        | given(event.basis.is_some(), BASIS)
        | given(event.unaccompanied.is_some(), UNACCOMPANIED_GIVEN)
        | given(event.unaccompanied == Some(true), UNACCOMPANIED)
        | given(event.country.is_some(), COUNTRY)
        | given(event.mother_id.is_some(), MOTHER);
    out.u8(index_of(&EventKind::ALL, event.kind));
    out.u8(flags);
    out.date(event.date);
    out.text(&event.person_id)?;
    if let Some(household) = &event.household_id {
        out.text(household)?;
    }
    if let Some(birth) = event.birth_date {
        out.date(birth);
    }
    if let Some(municipality) = event.municipality {
        out.u16(municipality.as_u16());
    }
    if let Some(basis) = event.basis {
        out.u8(index_of(&Basis::ALL, basis));
    }
    if let Some(country) = &event.country {
        out.text(country)?;
    }
    if let Some(mother) = &event.mother_id {
        out.text(mother)?;
    }
    Ok(())
}

fn read_event(input: &mut Reader) -> std::result::Result<Event, PageUnreadable> {
    let kind = *EventKind::ALL
        .get(usize::from(input.u8()?))
        .ok_or(PageUnreadable("unknown event kind"))?;
    let flags = input.u8()?;
    let has = |bit: u8| flags & bit != 0;
    let date = input.date()?;
    let person_id = SmolStr::new(input.text()?);
    let household_id = optional_text(input, has(HOUSEHOLD))?;
    let birth_date = if has(BIRTH_DATE) {
        Some(input.date()?)
    } else {
        None
    };
    let municipality = if has(MUNICIPALITY) {
        Some(input.municipality()?)
    } else {
        None
    };
    let basis = if has(BASIS) {
        let index = usize::from(input.u8()?);
        Some(
            *Basis::ALL
                .get(index)
                .ok_or(PageUnreadable("unknown basis"))?,
        )
    } else {
        None
    };
    let country = optional_text(input, has(COUNTRY))?;
    let mother_id = optional_text(input, has(MOTHER))?;
    Ok(Event {
        kind,
        date,
        person_id,
        household_id,
        birth_date,
        municipality,
        basis,
        unaccompanied: has(UNACCOMPANIED_GIVEN).then_some(has(UNACCOMPANIED)),
        country,
        mother_id,
    })
}

fn optional_text(
    input: &mut Reader,
    present: bool,
) -> std::result::Result<Option<SmolStr>, Unreadable> {
    Ok(if present {
        Some(SmolStr::new(input.text()?))
    } else {
        None
    })
}

/// The position of `value` in `all` (every kind and basis is in its `ALL`).
fn index_of<T: PartialEq + Copy>(all: &[T], value: T) -> u8 {
    all.iter().position(|v| *v == value).expect("listed in ALL") as u8
}

/// An import's events as pages, in their stored order (the order of
/// their rows), each page encoded while the one before is stored: how many
/// events it holds, and its bytes.
pub(super) fn pages_made_ahead(events: &StoredOrder) -> MadeAhead<(i64, Result<Vec<u8>>)> {
    events.made_ahead(EVENTS_PER_PAGE, |chunk| {
        let chunk: Vec<&Event> = chunk.iter().map(|(_, event)| event).collect();
        let content = encode_page(&chunk).map_err(|e| internal!(e));
        (chunk.len() as i64, content)
    })
}

/// The statement that stores one page: import, page (from 0 within the
/// import), format, events and content.
pub(super) const INSERT_PAGE: &str =
    "INSERT INTO register_event_page (import_id, page, format, events, content) \
     VALUES ($1, $2, $3, $4, $5)";

/// How many events the pages of the current format hold.
pub(super) async fn paged_event_count(conn: &mut AnyConnection, backend: Backend) -> Result<i64> {
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(events), 0) AS BIGINT) FROM register_event_page \
         WHERE format = {}",
        placeholder(backend, 1)
    );
    Ok(sqlx::query(&sql)
        .bind(FORMAT)
        .fetch_one(conn)
        .await?
        .get::<i64, _>(0))
}

/// The events of every page of the current format (in parts, in order:
/// see [`decode_pages`]), or the first page that cannot be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Paged {
    Read(Vec<Vec<Event>>),
    Unreadable(UnreadablePage),
}

/// A stored page that cannot be read, by its import and its number
/// (counted from 0 within the import).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("page {page} of import {import_id}: {why}")]
pub struct UnreadablePage {
    pub import_id: i64,
    pub page: i64,
    pub why: PageUnreadable,
}

/// Every paged event, in the order of the rows, or the first page that
/// cannot be read (only by tampering or a bug: pages are written from
/// checked events and never changed).
pub(super) async fn paged_events(
    conn: &mut AnyConnection,
    backend: Backend,
    expected: i64,
) -> Result<Paged> {
    let sql = format!(
        "SELECT import_id, page, content FROM register_event_page WHERE format = {} \
         ORDER BY import_id, page",
        placeholder(backend, 1)
    );
    let rows = sqlx::query(&sql).bind(FORMAT).fetch_all(conn).await?;
    let pages: Vec<&[u8]> = rows.iter().map(|row| row.get::<&[u8], _>(2)).collect();
    let expected = usize::try_from(expected).map_err(|e| internal!(e))?;
    if let Ok(events) = decode_pages(&pages, expected) {
        return Ok(Paged::Read(events));
    }
    let mut scratch = Vec::new();
    for (row, page) in rows.iter().zip(&pages) {
        scratch.clear();
        if let Err(why) = decode_page(page, &mut scratch) {
            return Ok(Paged::Unreadable(UnreadablePage {
                import_id: row.get(0),
                page: row.get(1),
                why,
            }));
        }
    }
    Err(internal!(
        "the event pages failed to decode together but not one by one"
    ))
}

/// The events of `pages` in order, decoded in as many parts as the machine
/// has cores (each part a run of whole pages), and left in those parts:
/// joining them copied half the events again (14 ms of 50 for 526 370
/// events, 2026-12-06), and building the register reads them in place.
pub fn decode_pages(
    pages: &[&[u8]],
    expected: usize,
) -> std::result::Result<Vec<Vec<Event>>, PageUnreadable> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_part = pages.len().div_ceil(cores).max(1);
    // A page holds at most EVENTS_PER_PAGE events: room for a part's
    // events at once, never more than all of them.
    let room = |part: &[&[u8]]| (part.len() * EVENTS_PER_PAGE).min(expected);
    let mut parts = pages.chunks(per_part);
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let rest: Vec<_> = parts
            .map(|part| scope.spawn(move || decode_run(part, Vec::with_capacity(room(part)))))
            .collect();
        let mut decoded = vec![decode_run(first, Vec::with_capacity(room(first)))?];
        for part in rest {
            decoded.push(part.join().expect("a thread decoding pages panicked")?);
        }
        Ok(decoded)
    })
}

/// The events of `parts` as one list, in order.
pub fn joined(parts: Vec<Vec<Event>>) -> Vec<Event> {
    let mut parts = parts.into_iter();
    let mut events = parts.next().unwrap_or_default();
    for part in parts {
        events.extend(part);
    }
    events
}

/// `events` with the events of `pages` added in order.
fn decode_run(
    pages: &[&[u8]],
    mut events: Vec<Event>,
) -> std::result::Result<Vec<Event>, PageUnreadable> {
    for page in pages {
        decode_page(page, &mut events)?;
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::{generate_register, GenerateOptions};
    use crate::domain::municipality::{Municipalities, MunicipalityNumber};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn generated() -> Vec<Event> {
        generate_register(
            &GenerateOptions {
                from_year: 2018,
                to_year: 2022,
                seed: 11,
                scale: Decimal::new(1, 2),
                events_per_person: Some(3),
            },
            &Municipalities::shipped(),
        )
    }

    /// Events with every optional field both given and left out, and
    /// every kind.
    fn every_shape() -> Vec<Event> {
        let day = |d| NaiveDate::from_ymd_opt(2022, 3, d).unwrap();
        let settled = Event {
            kind: EventKind::Settled,
            date: day(1),
            person_id: SmolStr::new("P1"),
            household_id: Some(SmolStr::new("H1")),
            birth_date: Some(day(2)),
            municipality: MunicipalityNumber::from_trusted("0301"),
            basis: Some(Basis::ALL[1]),
            unaccompanied: Some(false),
            country: Some(SmolStr::new("SYR")),
            mother_id: None,
        };
        let mut events = vec![settled.clone()];
        for (i, kind) in EventKind::ALL.into_iter().enumerate() {
            events.push(Event {
                kind,
                date: day(3 + i as u32),
                person_id: SmolStr::new("x".repeat(40 + i)),
                household_id: None,
                birth_date: None,
                municipality: None,
                basis: None,
                unaccompanied: (i % 2 == 0).then_some(true),
                country: None,
                mother_id: Some(SmolStr::new("P1")),
            });
        }
        events
    }

    fn round_trip(events: &[Event]) -> Vec<Event> {
        let refs: Vec<&Event> = events.iter().collect();
        let mut read = Vec::new();
        decode_page(&encode_page(&refs).unwrap(), &mut read).unwrap();
        read
    }

    #[test]
    fn every_field_of_every_kind_reads_back() {
        let events = every_shape();
        assert_eq!(round_trip(&events), events);
    }

    #[test]
    fn a_page_of_one_short_event_reads_back() {
        let exit = Event {
            kind: EventKind::Exited,
            date: NaiveDate::from_ymd_opt(2022, 5, 1).unwrap(),
            person_id: SmolStr::new("P"),
            household_id: None,
            birth_date: None,
            municipality: None,
            basis: None,
            unaccompanied: None,
            country: None,
            mother_id: None,
        };
        assert_eq!(round_trip(std::slice::from_ref(&exit)), vec![exit]);
    }

    #[test]
    fn a_generated_register_reads_back_from_many_pages_in_its_order() {
        let events = generated();
        let refs: Vec<&Event> = events.iter().collect();
        // Pages of 100 events: more pages than cores, the last one short.
        let pages: Vec<Vec<u8>> = refs.chunks(100).map(|c| encode_page(c).unwrap()).collect();
        assert!(
            pages.len() > 4 && !events.len().is_multiple_of(100),
            "{}",
            events.len()
        );
        let pages: Vec<&[u8]> = pages.iter().map(Vec::as_slice).collect();
        let parts = decode_pages(&pages, events.len()).unwrap();
        assert!(parts.len() > 1 || std::thread::available_parallelism().unwrap().get() == 1);
        assert_eq!(joined(parts), events);
        assert_eq!(joined(decode_pages(&[], 0).unwrap()), Vec::<Event>::new());
    }

    #[test]
    fn bytes_that_are_not_a_whole_page_are_refused() {
        let events = every_shape();
        let refs: Vec<&Event> = events.iter().collect();
        let bytes = encode_page(&refs).unwrap();
        let decoded = |bytes: &[u8]| decode_page(bytes, &mut Vec::new());
        assert_eq!(
            decoded(&bytes[..bytes.len() - 1]),
            Err(PageUnreadable("cut short"))
        );
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            decoded(&longer),
            Err(PageUnreadable("bytes after the last event"))
        );
        let mut other_format = bytes.clone();
        other_format[4] = 99;
        assert_eq!(
            decoded(&other_format),
            Err(PageUnreadable("another format"))
        );
        let mut too_many = bytes.clone();
        too_many[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decoded(&too_many), Err(PageUnreadable("cut short")));
        let mut unknown_kind = bytes;
        unknown_kind[12] = EventKind::ALL.len() as u8;
        assert_eq!(
            decoded(&unknown_kind),
            Err(PageUnreadable("unknown event kind"))
        );
        assert_eq!(
            decoded(b"TSKR"),
            Err(PageUnreadable("not a page of register events"))
        );
    }
}
