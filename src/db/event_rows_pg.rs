//! An import's event rows into PostgreSQL: JSON texts it unpacks itself,
//! and for a big import its secondary indexes built afresh.
//!
//! sqlx's `Any` driver has no `COPY`. One JSON text per 20 000 rows
//! (`dialect::ROWS_PER_JSON`) costs PostgreSQL about what `COPY` of the same
//! rows into the indexed table does (19.4 s against 18.9 s for 2.8 M events
//! on 2026-12-06); keeping the two secondary indexes up to date row by row
//! is most of that (12.2 s and 13.8 s without one of them, 6.8 s without
//! both and the triggers).

use super::dialect::ROWS_PER_JSON;
use super::Store;
use crate::domain::error::{Error, Result};
use crate::domain::register::Event;
use sqlx::{Any, Row, Transaction};

/// An import adds at least this many events before its indexes are built
/// afresh: a small import keeps them and never takes the table from its
/// readers.
pub const REBUILD_MIN_EVENTS: usize = 100_000;

/// Whether an import of `adding` events to a table of `stored` events drops
/// the event table's secondary indexes and builds them again after its
/// rows. Building an index over every row took about 1.5 µs a row (2.8 M
/// events, both indexes, 4.1–7.3 s), adding a row to both about 4 µs: the
/// rebuild wins once the import is at least as big as the table before it
/// (a first import, a backfill). The rebuild holds the table from its
/// readers until the import commits.
pub fn rebuilds_indexes(adding: usize, stored: i64) -> bool {
    adding >= REBUILD_MIN_EVENTS && i64::try_from(adding).is_ok_and(|adding| adding >= stored)
}

/// Stores the events as rows, in the order given; for a big import (see
/// [`rebuilds_indexes`]) without the secondary indexes, which are then
/// built again from their own definitions, in the same transaction: a
/// duplicate the unique index would have refused fails its rebuild, and
/// nothing of the import is kept.
pub(super) async fn insert_event_rows(
    tx: &mut Transaction<'_, Any>,
    import_id: i64,
    events: &[&(usize, Event)],
    stored: i64,
) -> Result<()> {
    let dropped = if rebuilds_indexes(events.len(), stored) {
        drop_secondary_indexes(tx).await?
    } else {
        Vec::new()
    };
    for chunk in events.chunks(ROWS_PER_JSON) {
        sqlx::query(
            "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id, \
                 household_id, birth_date, municipality, basis, unaccompanied, country, mother_id) \
             SELECT r->>0, $2, (r->>1)::bigint, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, r->>8, r->>9, \
                 r->>10, r->>11 \
             FROM jsonb_array_elements($1::jsonb) AS r",
        )
        .bind(json_rows(chunk)?)
        .bind(import_id)
        .execute(&mut **tx)
        .await?;
    }
    if !dropped.is_empty() {
        // Sorting 2.8 M keys in 64 MB (the server's default) spills to disk.
        sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
            .execute(&mut **tx)
            .await?;
    }
    for definition in &dropped {
        sqlx::query(definition).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Drops the event table's indexes that neither are its primary key nor
/// back a constraint; returns the statements that create them again, as
/// the database states them (so that they stay those of the migrations).
async fn drop_secondary_indexes(tx: &mut Transaction<'_, Any>) -> Result<Vec<String>> {
    let indexes = sqlx::query(
        "SELECT c.relname::text, pg_get_indexdef(i.indexrelid) \
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
         WHERE i.indrelid = 'register_event'::regclass AND NOT i.indisprimary \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) \
         ORDER BY c.relname",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut definitions = Vec::with_capacity(indexes.len());
    for index in indexes {
        let name: String = index.get(0);
        sqlx::query(&format!("DROP INDEX {}", quoted_identifier(&name)))
            .execute(&mut **tx)
            .await?;
        definitions.push(index.get(1));
    }
    Ok(definitions)
}

/// An identifier as PostgreSQL quotes it.
fn quoted_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The rows of a chunk as one JSON array of arrays: content key, source
/// row, then the fields of `EVENT_COLUMNS` after the import (null where
/// absent). Written straight into the text: building a `serde_json::Value`
/// per field left the server idle 45 ms between chunks.
fn json_rows(chunk: &[&(usize, Event)]) -> Result<String> {
    let mut json = Vec::with_capacity(chunk.len() * 160);
    json.push(b'[');
    for (index, (row, event)) in chunk.iter().map(|pair| (pair.0, &pair.1)).enumerate() {
        if index > 0 {
            json.push(b',');
        }
        json.push(b'[');
        push_text(&mut json, Some(&format!("{:032x}", event.content_hash())))?;
        json.extend_from_slice(format!(",{row}").as_bytes());
        for field in super::register::event_fields(event) {
            json.push(b',');
            push_text(&mut json, field.as_deref())?;
        }
        json.push(b']');
    }
    json.push(b']');
    String::from_utf8(json).map_err(|e| Error::internal(format!("event rows as JSON: {e}")))
}

/// A text as a JSON string (escaped as serde_json escapes it), or null.
fn push_text(json: &mut Vec<u8>, text: Option<&str>) -> Result<()> {
    match text {
        Some(text) => serde_json::to_writer(&mut *json, text)
            .map_err(|e| Error::internal(format!("event rows as JSON: {e}"))),
        None => {
            json.extend_from_slice(b"null");
            Ok(())
        }
    }
}

impl Store {
    /// The definitions of the event table's indexes (PostgreSQL), for the
    /// test that a rebuild leaves them as the migrations made them.
    pub async fn event_index_definitions(&self) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index \
             WHERE indrelid = 'register_event'::regclass ORDER BY indexrelid::regclass::text",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::EventKind;

    #[test]
    fn indexes_are_rebuilt_only_for_an_import_as_big_as_the_table() {
        assert!(rebuilds_indexes(REBUILD_MIN_EVENTS, 0));
        assert!(rebuilds_indexes(2_833_170, 2_833_170));
        assert!(!rebuilds_indexes(2_833_170, 2_833_171));
        assert!(!rebuilds_indexes(REBUILD_MIN_EVENTS - 1, 0));
    }

    #[test]
    fn an_identifier_is_quoted_with_its_quotes_doubled() {
        assert_eq!(
            quoted_identifier("register_event_person"),
            "\"register_event_person\""
        );
        assert_eq!(quoted_identifier("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn json_rows_hold_every_field_escaped_and_absent_ones_as_null() {
        let event = Event {
            kind: EventKind::Moved,
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            person_id: "P\"1\\x".into(),
            household_id: None,
            birth_date: None,
            municipality: crate::domain::municipality::MunicipalityNumber::from_trusted("0301"),
            basis: None,
            unaccompanied: None,
            country: Some("SY".into()),
            mother_id: None,
        };
        let pair = (7, event.clone());
        let text = json_rows(&[&pair, &pair]).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let rows = parsed.as_array().unwrap();
        assert_eq!(rows.len(), 2);
        let row = rows[0].as_array().unwrap();
        assert_eq!(row.len(), 12);
        assert_eq!(row[0], serde_json::json!(event.content_key()));
        assert_eq!(row[1], serde_json::json!(7));
        let fields: Vec<serde_json::Value> = crate::db::register::event_fields(&event)
            .into_iter()
            .map(serde_json::Value::from)
            .collect();
        assert_eq!(row[2..], fields[..]);
        assert_eq!(row[4], serde_json::json!("P\"1\\x"));
        assert_eq!(row[5], serde_json::Value::Null);
    }
}
