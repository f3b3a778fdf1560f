//! An import's event rows into PostgreSQL: JSON texts it unpacks itself
//! (sqlx's `Any` driver has no `COPY`), and for a big import its secondary
//! indexes built afresh (`index_rebuild`).

use super::dialect::ROWS_PER_JSON;
use super::index_rebuild::{create_indexes, drop_secondary_indexes, rebuilds_indexes};
use super::json_rows::JsonRows;
use super::register::StoredOrder;
use crate::domain::error::{Error, Result};
use crate::domain::register::Event;
use sqlx::{Any, Transaction};

/// Stores the events as rows, in their order, each chunk's JSON made while
/// the one before is stored; for a big import (see
/// [`rebuilds_indexes`]) without the secondary indexes, which are then
/// built again from their own definitions, in the same transaction: a
/// duplicate the unique index would have refused fails its rebuild, and
/// nothing of the import is kept.
pub(super) async fn insert_event_rows(
    tx: &mut Transaction<'_, Any>,
    import_id: i64,
    events: &StoredOrder,
    stored: i64,
) -> Result<()> {
    let dropped = if rebuilds_indexes(events.len(), stored) {
        drop_secondary_indexes(tx, "register_event").await?
    } else {
        Vec::new()
    };
    let mut made = events.made_ahead(ROWS_PER_JSON, json_rows);
    while let Some(rows) = made.next().await? {
        sqlx::query(
            "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id, \
                 household_id, birth_date, municipality, basis, unaccompanied, country, mother_id) \
             SELECT r->>0, $2, (r->>1)::bigint, r->>2, r->>3, r->>4, r->>5, r->>6, r->>7, r->>8, r->>9, \
                 r->>10, r->>11 \
             FROM jsonb_array_elements($1::jsonb) AS r",
        )
        .bind(rows?)
        .bind(import_id)
        .execute(&mut **tx)
        .await?;
    }
    create_indexes(tx, &dropped).await
}

/// The rows of a chunk as one JSON array of arrays: content key, source
/// row, then the fields of `EVENT_COLUMNS` after the import (null where
/// absent).
fn json_rows(chunk: &[&(usize, Event)]) -> Result<String> {
    let mut rows = JsonRows::with_capacity(chunk.len(), 160);
    for (row, event) in chunk.iter().map(|pair| (pair.0, &pair.1)) {
        let row = i64::try_from(row).map_err(|e| Error::internal(format!("source row: {e}")))?;
        rows.row().text(Some(&event.content_key()))?.number(row);
        for field in super::register::event_fields(event) {
            rows.text(field.as_deref())?;
        }
    }
    rows.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::EventKind;

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
