//! An import's event rows into PostgreSQL: `COPY` in its text format on a
//! native connection (sqlx's `Any` driver has none), each part's text made
//! while the one before is sent, and for a big import its secondary
//! indexes built afresh (`index_rebuild`).
//!
//! 2.8 M events (2026-12-06, this host): the server took 12.8 s to unpack
//! them from 142 JSON texts, 7.6–8.6 s to take them by `COPY`.

use super::copy_rows::{all_copied, CopyRows};
use super::index_rebuild::{create_indexes, drop_secondary_indexes, rebuilds_indexes};
use super::register::{event_fields, StoredOrder, EVENT_COLUMNS};
use crate::domain::error::Result;
use crate::domain::register::Event;
use sqlx::PgConnection;

/// Events per `COPY` message: about 1.5 MB of text.
const ROWS_PER_COPY: usize = 16_384;

/// Stores the events as rows, in their order; for a big import (see
/// [`rebuilds_indexes`]) without the secondary indexes, which are then
/// built again from their own definitions, in the same transaction: a
/// duplicate the unique index would have refused fails its rebuild, and
/// nothing of the import is kept.
pub(super) async fn copy_event_rows(
    conn: &mut PgConnection,
    import_id: i64,
    events: &StoredOrder,
    stored: i64,
) -> Result<()> {
    let dropped = if rebuilds_indexes(events.len(), stored) {
        drop_secondary_indexes(conn, "register_event").await?
    } else {
        Vec::new()
    };
    let statement = format!(
        "COPY register_event ({}) FROM STDIN",
        EVENT_COLUMNS.join(", ")
    );
    let mut copy = conn.copy_in_raw(&statement).await?;
    let mut made = events.made_ahead(ROWS_PER_COPY, move |chunk| copy_text(chunk, import_id));
    while let Some(text) = made.next().await.transpose() {
        match text.and_then(|text| text) {
            Ok(text) => {
                copy.send(text.into_bytes()).await?;
            }
            Err(error) => {
                copy.abort("the import's rows could not be made").await?;
                return Err(error);
            }
        }
    }
    all_copied(copy.finish().await?, events.len(), "register events")?;
    create_indexes(conn, &dropped).await
}

/// The rows of a part in `COPY`'s text format, in the order of
/// `EVENT_COLUMNS`.
fn copy_text(chunk: &[&(usize, Event)], import_id: i64) -> Result<String> {
    let mut rows = CopyRows::with_capacity(chunk.len(), 112);
    for (row, event) in chunk.iter().map(|pair| (pair.0, &pair.1)) {
        let row = i64::try_from(row).map_err(|e| internal!("source row: {e}"))?;
        rows.row()
            .text(Some(&event.content_key()))
            .number(import_id)
            .number(row);
        for field in event_fields(event) {
            rows.text(field.as_deref());
        }
    }
    Ok(rows.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::register::EventKind;

    #[test]
    fn a_row_holds_every_column_in_order_and_absent_fields_as_null() {
        let event = Event {
            kind: EventKind::Moved,
            date: chrono::NaiveDate::from_ymd_opt(2022, 3, 1).unwrap(),
            person_id: "P1".into(),
            household_id: None,
            birth_date: None,
            municipality: crate::domain::municipality::MunicipalityNumber::from_trusted("0301"),
            basis: None,
            unaccompanied: None,
            country: Some("SY".into()),
            mother_id: None,
        };
        let pair = (7, event);
        let text = copy_text(&[&pair, &pair], 42).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let columns: Vec<&str> = lines[0].split('\t').collect();
        assert_eq!(columns.len(), EVENT_COLUMNS.len());
        assert_eq!(columns[0], pair.1.content_key());
        assert_eq!(columns[1..3], ["42", "7"]);
        let fields = event_fields(&pair.1);
        for (column, field) in columns[3..].iter().zip(&fields) {
            assert_eq!(*column, field.as_deref().unwrap_or("\\N"));
        }
        assert_eq!(columns[EVENT_COLUMNS.len() - 1], "\\N", "no mother");
    }
}
