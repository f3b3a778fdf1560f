//! An import's event rows into SQLite: multi-row inserts through sqlx's
//! `Any` driver, each statement's arguments made while the one before is
//! stored.

use super::dialect::multi_row_insert;
use super::register::{event_fields, StoredOrder, EVENT_COLUMNS};
use super::{Backend, ROWS_PER_INSERT};
use crate::domain::error::Result;
use crate::domain::register::Event;
use sqlx::any::AnyArguments;
use sqlx::{AnyConnection, Arguments};

/// An import's events as multi-row inserts (SQLite), each made while the
/// one before is stored.
pub(super) async fn insert_event_rows(
    conn: &mut AnyConnection,
    import_id: i64,
    events: &StoredOrder,
) -> Result<()> {
    let mut made = events.made_ahead(ROWS_PER_INSERT, move |chunk| {
        sqlite_event_arguments(chunk, import_id)
    });
    while let Some((rows, arguments)) = made.next().await? {
        let sql = multi_row_insert(Backend::Sqlite, "register_event", &EVENT_COLUMNS, rows);
        sqlx::query_with(&sql, arguments?)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The arguments of one multi-row insert of events, owned so that they can
/// be made on another thread, and how many rows they fill.
fn sqlite_event_arguments(
    chunk: &[&(usize, Event)],
    import_id: i64,
) -> (usize, Result<AnyArguments<'static>>) {
    let mut arguments = AnyArguments::default();
    let mut add = || -> std::result::Result<(), sqlx::error::BoxDynError> {
        for (row, event) in chunk.iter().map(|pair| (pair.0, &pair.1)) {
            arguments.add(event.content_key())?;
            arguments.add(import_id)?;
            arguments.add(row as i64)?;
            for field in event_fields(event) {
                arguments.add(field)?;
            }
        }
        Ok(())
    };
    let added = add().map_err(|e| internal!("binding register events: {e}"));
    (chunk.len(), added.map(|()| arguments))
}
