//! The register's events and imports in the database.

use super::dialect::{consistent_reads, event_count, packed_lines_aggregate, placeholder};
use super::event_pages::{self, Paged};
use super::made_ahead::MadeAhead;
use super::Backend;
use super::{trusted_municipality, Store, ROWS_PER_INSERT};
use crate::domain::calendar::parse_iso_date;
use crate::domain::error::Result;
use crate::domain::grant::Basis;
use crate::domain::register::{Event, EventKind};
use smol_str::SmolStr;
use sqlx::{Any, AnyConnection, Row, Transaction};
use std::sync::Arc;

impl Store {
    /// How many events the register holds.
    pub async fn event_count(&self) -> Result<i64> {
        Ok(sqlx::query(event_count(self.backend))
            .fetch_one(&self.pool)
            .await?
            .get::<i64, _>(0))
    }

    /// Every event of the register, in the order they were stored: from
    /// their pages when those hold them all, otherwise from their rows.
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        Ok(event_pages::joined(self.all_events_in_parts().await?))
    }

    /// [`Store::all_events`] in parts, in order, as the pages were decoded
    /// on several cores: for building the register, which reads them in
    /// place (`parts.iter().flatten()`).
    pub async fn all_events_in_parts(&self) -> Result<Vec<Vec<Event>>> {
        match self.paged_event_parts().await? {
            Some(parts) => Ok(parts),
            None => Ok(vec![self.event_rows().await?]),
        }
    }

    /// Every event from its page, in the order of the rows; `None` unless
    /// the pages of the current format hold exactly the events the rows do
    /// (a database from before the pages, or after a change of format),
    /// and every page can be read (one that cannot is logged, and named by
    /// `tilskot check`).
    pub async fn paged_events(&self) -> Result<Option<Vec<Event>>> {
        Ok(self.paged_event_parts().await?.map(event_pages::joined))
    }

    /// [`Store::paged_events`] in parts, in order.
    async fn paged_event_parts(&self) -> Result<Option<Vec<Vec<Event>>>> {
        let mut tx = self.read_transaction().await?;
        let paged = paged_events_in(&mut tx, self.backend).await?;
        tx.commit().await?;
        Ok(match paged {
            Some(Paged::Read(parts)) => Some(parts),
            Some(Paged::Unreadable(page)) => {
                tracing::warn!("{page}: the register is read from its rows (see `tilskot check`)");
                None
            }
            None => None,
        })
    }

    /// The events from their pages (as [`Store::paged_events`]) and from
    /// their rows, both read in one transaction: an import committed
    /// between the two reads would otherwise look like pages that differ
    /// from the rows (`tilskot check` compares them).
    pub async fn paged_events_and_rows(&self) -> Result<(Option<Paged>, Vec<Event>)> {
        let mut tx = self.read_transaction().await?;
        let paged = paged_events_in(&mut tx, self.backend).await?;
        let rows = event_rows_in(&mut tx, self.backend).await?;
        tx.commit().await?;
        Ok((paged, rows))
    }

    /// A read-only transaction that sees one state of the database
    /// throughout.
    async fn read_transaction(&self) -> Result<Transaction<'static, Any>> {
        let mut tx = self.pool.begin().await?;
        if let Some(consistent) = consistent_reads(self.backend) {
            sqlx::query(consistent).execute(&mut *tx).await?;
        }
        Ok(tx)
    }

    /// Every event from its row, in the order they were stored.
    pub async fn event_rows(&self) -> Result<Vec<Event>> {
        // One read-only transaction that sees one state of the table
        // throughout: an import committed between two blocks would
        // otherwise give a mix that no state of the register ever held.
        let mut tx = self.read_transaction().await?;
        let events = event_rows_in(&mut tx, self.backend).await?;
        tx.commit().await?;
        Ok(events)
    }

    /// The events of the given persons (and of nobody else).
    pub async fn events_of_persons(&self, person_ids: &[String]) -> Result<Vec<Event>> {
        self.events_where("person_id", person_ids).await
    }

    /// The births registered to any of the given mothers: what a withdrawal
    /// of a mother's settlement must not leave without a mother.
    pub async fn births_to_mothers(&self, mother_ids: &[String]) -> Result<Vec<Event>> {
        self.events_where("mother_id", mother_ids).await
    }

    /// The events whose `column` (a column name of this module, never
    /// input) holds one of `values`, in the order they were stored.
    async fn events_where(&self, column: &str, values: &[String]) -> Result<Vec<Event>> {
        let mut events = Vec::new();
        for chunk in values.chunks(ROWS_PER_INSERT) {
            let placeholders: Vec<String> = (1..=chunk.len())
                .map(|i| placeholder(self.backend, i))
                .collect();
            let sql = format!(
                "SELECT {PACKED_EVENT} FROM register_event WHERE {column} IN ({}) ORDER BY id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for value in chunk {
                query = query.bind(value.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                events.push(event_from_packed(&row.get::<String, _>(0))?);
            }
        }
        Ok(events)
    }

    /// The stored ids of persons whose id equals one of `ids` but for case.
    pub async fn person_spellings(&self, ids: &[String]) -> Result<Vec<String>> {
        let mut found = Vec::new();
        for chunk in ids.chunks(ROWS_PER_INSERT) {
            let placeholders: Vec<String> = (1..=chunk.len())
                .map(|i| placeholder(self.backend(), i))
                .collect();
            let sql = format!(
                "SELECT DISTINCT person_id FROM register_event WHERE LOWER(person_id) IN ({})",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(id.to_ascii_lowercase());
            }
            for row in query.fetch_all(self.pool()).await? {
                found.push(row.get::<String, _>(0));
            }
        }
        Ok(found)
    }
}

/// An import's new events and the order they are stored in: by person,
/// then date, kind and source row, so that the indexes by person grow at
/// their end instead of at random places (a fresh 2.8 M-event import spent
/// most of its time there). Shared, so that a worker can make the next
/// statement while the database stores one.
#[derive(Debug, Clone)]
pub struct StoredOrder {
    events: Arc<Vec<(usize, Event)>>,
    order: Arc<Vec<u32>>,
}

impl StoredOrder {
    /// The events (each with its source row) in the order they are stored.
    pub fn of(events: Arc<Vec<(usize, Event)>>) -> Result<StoredOrder> {
        let count = u32::try_from(events.len())
            .map_err(|_| internal!("{} events in one import", events.len()))?;
        let mut order: Vec<u32> = (0..count).collect();
        order.sort_unstable_by(|&a, &b| {
            let ((row_a, a), (row_b, b)) = (&events[a as usize], &events[b as usize]);
            (&a.person_id, a.date, a.kind, row_a).cmp(&(&b.person_id, b.date, b.kind, row_b))
        });
        Ok(StoredOrder {
            events,
            order: Arc::new(order),
        })
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// How many of the events withdraw an earlier one.
    pub fn withdrawals(&self) -> usize {
        self.events
            .iter()
            .filter(|(_, event)| event.kind.withdraws().is_some())
            .count()
    }

    /// How many parts of `size` events the events make.
    fn parts(&self, size: usize) -> usize {
        self.len().div_ceil(size)
    }

    /// Each part of `size` events, in order, made into a statement's
    /// payload by `make` on a worker while the one before is stored.
    pub(super) fn made_ahead<T: Send + 'static>(
        &self,
        size: usize,
        make: impl Fn(&[&(usize, Event)]) -> T + Send + 'static,
    ) -> MadeAhead<T> {
        let shared = self.clone();
        MadeAhead::start(self.parts(size), move |part| make(&shared.part(part, size)))
    }

    /// The events of part `part` (parts of `size`), in order.
    fn part(&self, part: usize, size: usize) -> Vec<&(usize, Event)> {
        self.order
            .chunks(size)
            .nth(part)
            .unwrap_or_default()
            .iter()
            .map(|&index| &self.events[index as usize])
            .collect()
    }
}

/// An event's stored fields after its content key, import and row, in the
/// order of `EVENT_COLUMNS` (as SQLite binds them); `None` is NULL.
pub(super) fn event_fields(event: &Event) -> [Option<String>; 10] {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    [
        Some(event.kind.code().to_string()),
        Some(event.date.to_string()),
        Some(event.person_id.as_str().to_string()),
        event.household_id.as_deref().map(str::to_string),
        date(event.birth_date),
        event.municipality.map(|m| m.to_string()),
        event.basis.map(|b| b.code().to_string()),
        event.unaccompanied.map(|u| u.to_string()),
        event.country.as_deref().map(str::to_string),
        event.mother_id.as_deref().map(str::to_string),
    ]
}

/// The columns an import writes, in the order it binds them.
pub(super) const EVENT_COLUMNS: [&str; 13] = [
    "content_key",
    "import_id",
    "source_row",
    "event",
    "event_date",
    "person_id",
    "household_id",
    "birth_date",
    "municipality",
    "basis",
    "unaccompanied",
    "country",
    "mother_id",
];

/// Events per row when the register is read in blocks.
pub(super) const EVENTS_PER_BLOCK: i64 = 5_000;

/// The columns of an event joined by tabs (identifiers never hold a tab:
/// the import refuses control characters). `concat` builds one text where
/// `||` made one per operator, and reads NULL as the empty text.
const PACKED_EVENT: &str =
    "concat(event, '\t', event_date, '\t', person_id, '\t', household_id, '\t', birth_date, \
     '\t', municipality, '\t', basis, '\t', unaccompanied, '\t', country, '\t', mother_id)";

/// Every event from its page (or the page that cannot be read), if the
/// pages of the current format hold exactly as many events as the rows.
async fn paged_events_in(conn: &mut AnyConnection, backend: Backend) -> Result<Option<Paged>> {
    let rows: i64 = sqlx::query(event_count(backend))
        .fetch_one(&mut *conn)
        .await?
        .get(0);
    let paged = event_pages::paged_event_count(conn, backend).await?;
    if paged != rows {
        return Ok(None);
    }
    Ok(Some(event_pages::paged_events(conn, backend, paged).await?))
}

/// Every event from its row, in key order. Events come packed, one text
/// per event, and a block of them per row: decoding ten columns a row
/// through sqlx's `Any` driver, and handing each row over from SQLite's
/// worker thread, cost several times more than splitting strings here.
/// Blocks are read by ranges of the key, not grouped in one query, which
/// made SQLite sort every packed text first; and each block is split while
/// the database packs the next.
async fn event_rows_in(conn: &mut AnyConnection, backend: Backend) -> Result<Vec<Event>> {
    let Some((first, last)) = event_id_range(conn).await? else {
        return Ok(Vec::new());
    };
    let mut events = Vec::new();
    let mut block = event_block(conn, backend, first).await?;
    let mut start = first;
    while start + EVENTS_PER_BLOCK <= last {
        start += EVENTS_PER_BLOCK;
        let (next, split) = futures_util::future::join(event_block(conn, backend, start), async {
            split_event_block(&block, &mut events)
        })
        .await;
        split?;
        block = next?;
    }
    split_event_block(&block, &mut events)?;
    Ok(events)
}

/// The lowest and highest key of a stored event.
async fn event_id_range(conn: &mut AnyConnection) -> Result<Option<(i64, i64)>> {
    let row = sqlx::query("SELECT MIN(id), MAX(id) FROM register_event")
        .fetch_one(conn)
        .await?;
    Ok(row
        .get::<Option<i64>, _>(0)
        .zip(row.get::<Option<i64>, _>(1)))
}

/// The packed events with keys from `start` to before the next block, in
/// key order, one per line.
async fn event_block(conn: &mut AnyConnection, backend: Backend, start: i64) -> Result<String> {
    let aggregate = packed_lines_aggregate(backend);
    let sql = format!(
        "SELECT {aggregate} FROM (SELECT id, {PACKED_EVENT} AS packed FROM register_event \
         WHERE id >= {} AND id < {} ORDER BY id) events",
        placeholder(backend, 1),
        placeholder(backend, 2)
    );
    let row = sqlx::query(&sql)
        .bind(start)
        .bind(start + EVENTS_PER_BLOCK)
        .fetch_one(conn)
        .await?;
    Ok(row.get::<Option<String>, _>(0).unwrap_or_default())
}

/// Adds the events of a block from [`event_block`] (none when empty).
fn split_event_block(block: &str, events: &mut Vec<Event>) -> Result<()> {
    for packed in block.split('\n').filter(|packed| !packed.is_empty()) {
        events.push(event_from_packed(packed)?);
    }
    Ok(())
}

/// Reads back a packed event that was validated before it was stored.
fn event_from_packed(text: &str) -> Result<Event> {
    let mut split = text.split('\t');
    let mut fields = [""; 10];
    for field in &mut fields {
        *field = split
            .next()
            .ok_or_else(|| internal!("stored event '{text}' does not have 10 fields"))?;
    }
    if split.next().is_some() {
        return Err(internal!("stored event '{text}' has more than 10 fields"));
    }
    let present = |i: usize| Some(fields[i]).filter(|field| !field.is_empty());
    let text = |i: usize| present(i).map(SmolStr::new);
    let date = |i: usize| {
        present(i)
            .map(parse_iso_date)
            .transpose()
            .map_err(|e| internal!(e))
    };
    Ok(Event {
        kind: EventKind::parse(fields[0])
            .ok_or_else(|| internal!("stored event kind '{}'", fields[0]))?,
        date: date(1)?.ok_or_else(|| internal!("stored event without date"))?,
        person_id: SmolStr::new(fields[2]),
        household_id: text(3),
        birth_date: date(4)?,
        municipality: present(5).map(trusted_municipality).transpose()?,
        basis: present(6)
            .map(str::parse::<Basis>)
            .transpose()
            .map_err(|e| internal!(e))?,
        unaccompanied: present(7).map(|u| u == "true"),
        country: text(8),
        mother_id: text(9),
    })
}
