//! The stored register snapshot (issue 16): the built persons, stored in
//! parts of [`register_codec::PERSONS_PER_PART`] so that every command
//! that needs the register reads them instead of rebuilding them from the
//! events. Parts are read as they arrive: one is decoded on a worker while
//! the database sends the next, and no part is a message of tens of
//! megabytes. PostgreSQL's parts come over a native connection, which hands
//! each row's bytes over without the copy the `Any` driver makes.

use super::dialect::now_text;
use super::register_codec::{self, PartsReader, SnapshotUnreadable};
use super::{close_native, Backend, Store};
use crate::domain::error::Result;
use crate::domain::register::Register;
use futures_util::{Stream, TryStreamExt};
use sqlx::Row;

/// Whether there is a snapshot of a move lag ($1), an event count ($2)
/// and a format ($3).
const COUNT_OF: &str =
    "SELECT COUNT(*) FROM register_snapshot WHERE move_lag = $1 AND event_count = $2 AND format = $3";

/// The head's counts and each part, in order, of the snapshot of a move
/// lag ($1), an event count ($2) and a format ($3): one statement, so that
/// a snapshot replaced meanwhile is read whole, the old or the new.
const HEAD_AND_PARTS: &str = "SELECT s.parts, s.persons, p.part, p.content \
     FROM register_snapshot s JOIN register_snapshot_part p ON p.move_lag = s.move_lag \
     WHERE s.move_lag = $1 AND s.event_count = $2 AND s.format = $3 ORDER BY p.part";

/// Parts fetched ahead of the one being decoded.
const PARTS_AHEAD: usize = 2;

/// A stored snapshot: the register, or why its bytes are not one.
pub type StoredSnapshot = std::result::Result<Register, SnapshotUnreadable>;

impl Store {
    /// The stored register snapshot built with `move_lag` from exactly
    /// `event_count` events in the current format, if there is one, decoded
    /// (or why its bytes are not a snapshot).
    pub async fn register_snapshot(
        &self,
        move_lag: u32,
        event_count: i64,
    ) -> Result<Option<StoredSnapshot>> {
        let started = std::time::Instant::now();
        let read = match self.backend {
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                let query = of_snapshot::<sqlx::Any>(HEAD_AND_PARTS, move_lag, event_count);
                read_parts(query.fetch(&mut *conn)).await?
            }
            Backend::Postgres => {
                let mut conn = self.native_postgres().await?;
                let query = of_snapshot::<sqlx::Postgres>(HEAD_AND_PARTS, move_lag, event_count);
                let read = read_parts(query.fetch(&mut conn)).await;
                close_native(conn).await;
                read?
            }
        };
        tracing::debug!(elapsed = ?started.elapsed(), "register snapshot read and decoded");
        Ok(read)
    }

    /// The move lags that have a stored snapshot, of any event count.
    pub async fn stored_snapshot_lags(&self) -> Result<Vec<u32>> {
        let rows = sqlx::query("SELECT move_lag FROM register_snapshot ORDER BY move_lag")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| u32::try_from(row.get::<i64, _>(0)).map_err(|e| internal!(e)))
            .collect()
    }

    /// Whether [`Store::register_snapshot`] would find one.
    pub async fn has_register_snapshot(&self, move_lag: u32, event_count: i64) -> Result<bool> {
        let row = of_snapshot::<sqlx::Any>(COUNT_OF, move_lag, event_count)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get::<i64, _>(0) > 0)
    }

    /// Replaces the snapshot of `move_lag` with `register` as built from
    /// `event_count` events.
    pub async fn save_register_snapshot(
        &self,
        move_lag: u32,
        event_count: i64,
        register: &Register,
    ) -> Result<()> {
        let per_part = register_codec::PERSONS_PER_PART;
        self.save_register_snapshot_in_parts(move_lag, event_count, register, per_part)
            .await
    }

    /// [`Store::save_register_snapshot`] in parts of `per_part` persons
    /// (tests store small registers in several parts).
    pub async fn save_register_snapshot_in_parts(
        &self,
        move_lag: u32,
        event_count: i64,
        register: &Register,
        per_part: usize,
    ) -> Result<()> {
        let parts = register_codec::encode_parts(register, per_part).map_err(|e| internal!(e))?;
        let lag = i64::from(move_lag);
        let mut tx = self.pool.begin().await?;
        for table in ["register_snapshot_part", "register_snapshot"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE move_lag = $1"))
                .bind(lag)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "INSERT INTO register_snapshot (move_lag, event_count, format, persons, built_at, parts, content) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(lag)
        .bind(event_count)
        .bind(register_codec::FORMAT)
        .bind(register.persons.len() as i64)
        .bind(now_text())
        .bind(parts.len() as i64)
        .bind(Vec::<u8>::new())
        .execute(&mut *tx)
        .await?;
        for (part, content) in parts.into_iter().enumerate() {
            sqlx::query(
                "INSERT INTO register_snapshot_part (move_lag, part, content) VALUES ($1, $2, $3)",
            )
            .bind(lag)
            .bind(part as i64)
            .bind(content)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// `sql` ([`HEAD_AND_PARTS`] or [`COUNT_OF`]) bound to a move lag, an
/// event count and the current format, on either driver.
fn of_snapshot<'q, DB: sqlx::Database>(
    sql: &'q str,
    move_lag: u32,
    event_count: i64,
) -> sqlx::query::Query<'q, DB, DB::Arguments<'q>>
where
    i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query(sql)
        .bind(i64::from(move_lag))
        .bind(event_count)
        .bind(register_codec::FORMAT)
}

/// The snapshot from the rows of [`HEAD_AND_PARTS`] (none if there are
/// none), each row decoded on a worker while the next is fetched.
async fn read_parts<R>(
    rows: impl Stream<Item = std::result::Result<R, sqlx::Error>>,
) -> Result<Option<StoredSnapshot>>
where
    R: Row + Send + 'static,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r [u8]: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<R>(PARTS_AHEAD);
    let decoder = tokio::task::spawn_blocking(move || {
        let mut rows = std::iter::from_fn(|| receiver.blocking_recv());
        decode_rows(&mut rows)
    });
    let started = std::time::Instant::now();
    let mut rows = std::pin::pin!(rows);
    // How long the fetch waited for the decoder to take a part.
    let mut waited = std::time::Duration::ZERO;
    while let Some(row) = rows.try_next().await? {
        let sent = std::time::Instant::now();
        // A decoder that stopped found a part it cannot read: it wants no
        // more, and says why below.
        if sender.send(row).await.is_err() {
            break;
        }
        waited += sent.elapsed();
    }
    drop(sender);
    tracing::debug!(fetched = ?started.elapsed(), ?waited, "register snapshot parts fetched");
    decoder
        .await
        .map_err(|e| internal!("decoding the register snapshot: {e}"))?
}

/// The snapshot from its rows in order, or the first reason they are not
/// one; `None` for no rows.
fn decode_rows<R>(rows: &mut impl Iterator<Item = R>) -> Result<Option<StoredSnapshot>>
where
    R: Row,
    usize: sqlx::ColumnIndex<R>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> &'r [u8]: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut reader: Option<PartsReader> = None;
    for row in rows {
        let count = |i: usize| -> Result<Option<usize>> {
            Ok(usize::try_from(row.try_get::<i64, _>(i)?).ok())
        };
        let (Some(parts), Some(persons), Some(part)) = (count(0)?, count(1)?, count(2)?) else {
            return Ok(Some(Err(register_codec::NEGATIVE_COUNT)));
        };
        let reader = reader.get_or_insert_with(|| PartsReader::new(parts, persons));
        if let Err(unreadable) = reader.add(part, row.try_get::<&[u8], _>(3)?) {
            return Ok(Some(Err(unreadable)));
        }
    }
    Ok(reader.map(PartsReader::finish))
}
