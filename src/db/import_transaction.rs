//! A register import's one transaction, on either database: the import's
//! row, the check that no other import was stored since the file was
//! checked, its event pages and audit entry (the same statements on both
//! drivers), and its event rows: SQLite's by multi-row inserts through the
//! `Any` driver, PostgreSQL's by `COPY` on a native connection, which
//! `Any` cannot give.

use super::audit::{append_audit_on, NewEntry};
use super::dialect::{event_count, lock_register_events, now_text};
use super::register::StoredOrder;
use super::{event_pages, event_rows_pg, event_rows_sqlite, Backend, Store};
use crate::domain::error::{Message, Result};
use sqlx::{Connection, Row};

/// An import as the caller describes it.
struct ImportRecord<'a> {
    file_name: &'a str,
    rows_read: usize,
    events: &'a StoredOrder,
    validated_against: i64,
    actor: &'a str,
}

impl Store {
    /// Stores an import and its new events, in the order given, in one
    /// transaction; returns the import's id. `validated_against` is the
    /// number of events the register held when the file was checked: an
    /// import stored since could make the file's events contradict it (two
    /// settlements of one person), so the import is then refused. Imports
    /// wait for each other here (PostgreSQL: a table lock that readers
    /// ignore; SQLite: its one writer).
    pub async fn insert_import(
        &self,
        file_name: &str,
        rows_read: usize,
        events: &StoredOrder,
        validated_against: i64,
        actor: &str,
    ) -> Result<i64> {
        let import = ImportRecord {
            file_name,
            rows_read,
            events,
            validated_against,
            actor,
        };
        match self.backend {
            Backend::Sqlite => {
                let mut tx = self.pool.begin().await?;
                let (import_id, _) =
                    record_import::<sqlx::Any>(&mut tx, self.backend, &import).await?;
                event_rows_sqlite::insert_event_rows(&mut tx, import_id, events).await?;
                tx.commit().await?;
                Ok(import_id)
            }
            Backend::Postgres => {
                let mut conn = self.native_postgres().await?;
                let mut tx = conn.begin().await?;
                let (import_id, stored) =
                    record_import::<sqlx::Postgres>(&mut tx, self.backend, &import).await?;
                event_rows_pg::copy_event_rows(&mut tx, import_id, events, stored).await?;
                tx.commit().await?;
                super::close_native(conn).await;
                Ok(import_id)
            }
        }
    }
}

on_either_driver! {
/// Everything of an import but its event rows, in the caller's
/// transaction: the lock, the import's row, the check that the register
/// still holds the events the file was checked against, the event pages
/// and the audit entry. Returns the import's id and the events stored
/// before it.
async fn record_import<DB>(
    conn: &mut DB::Connection,
    backend: Backend,
    import: &ImportRecord<'_>,
) -> Result<(i64, i64)> {
    let ImportRecord {
        file_name,
        rows_read,
        events,
        validated_against,
        actor,
    } = *import;
    if let Some(lock) = lock_register_events(backend) {
        sqlx::query::<DB>(lock).execute(&mut *conn).await?;
    }
    let import_id: i64 = sqlx::query::<DB>(
        "INSERT INTO register_import (file_name, imported_at, rows_read, events_added) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(file_name.to_string())
    .bind(now_text())
    .bind(rows_read as i64)
    .bind(events.len() as i64)
    .fetch_one(&mut *conn)
    .await?
    .get(0);
    // After the first write, so that SQLite's transaction holds the
    // write lock and sees every import committed before it.
    let now: i64 = sqlx::query::<DB>(event_count(backend))
        .fetch_one(&mut *conn)
        .await?
        .get(0);
    if now != validated_against {
        refuse_told!(
            Message::new("error-register-import-raced").arg("file", file_name),
            "{file_name}: another import was stored while this file was checked ({validated_against} events then, {now} now); nothing was imported: import the file again"
        );
    }
    let mut pages = event_pages::pages_made_ahead(events);
    let mut page = 0i64;
    while let Some((count, content)) = pages.next().await? {
        sqlx::query::<DB>(event_pages::INSERT_PAGE)
            .bind(import_id)
            .bind(page)
            .bind(event_pages::FORMAT)
            .bind(count)
            .bind(content?)
            .execute(&mut *conn)
            .await?;
        page += 1;
    }
    let withdrawals = events.withdrawals();
    let detail = format!(
        "import {import_id} of {file_name}: {rows_read} rows read, {} events added, {withdrawals} of them withdrawals",
        events.len()
    );
    let entry = NewEntry {
        batch_id: 0,
        action: "register_imported",
        actor,
        batch_hash: "",
        detail: &detail,
    };
    append_audit_on::<DB>(conn, &entry).await?;
    Ok((import_id, now))
}
}
