//! The audit log: an append-only hash chain of every batch transition, in
//! the database. **Boundary:** an entry is appended in the transaction of
//! the change it records; the unique `prev_hash` makes a concurrent append
//! fail rather than fork the chain.

use super::dialect::now_text;
use super::Store;
use crate::domain::approval::{entry_hash, AuditEntry};
use crate::domain::error::Result;
use crate::domain::tamper::Anchor;
use sqlx::{Any, Row, Transaction};

impl Store {
    /// Every audit entry in order.
    pub async fn audit_entries(&self) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(&format!("{AUDIT_SELECT} ORDER BY id"))
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(entry_from_row).collect())
    }

    /// The entries of one batch, in order.
    pub async fn audit_entries_of_batch(&self, batch_id: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(&format!("{AUDIT_SELECT} WHERE batch_id = $1 ORDER BY id"))
            .bind(batch_id)
            .fetch_all(self.pool())
            .await?;
        Ok(rows.iter().map(entry_from_row).collect())
    }
}

const AUDIT_SELECT: &str = "SELECT id, batch_id, action, actor, at, batch_hash, detail, \
     prev_hash, entry_hash FROM audit_entry";

fn entry_from_row(r: &sqlx::any::AnyRow) -> AuditEntry {
    AuditEntry {
        id: r.get(0),
        batch_id: r.get(1),
        action: r.get(2),
        actor: r.get(3),
        at: r.get(4),
        batch_hash: r.get(5),
        detail: r.get(6),
        prev_hash: r.get(7),
        entry_hash: r.get(8),
    }
}

impl Store {
    /// The newest entry's id and hash: the head of the chain.
    pub async fn audit_head(&self) -> Result<Option<Anchor>> {
        let row = sqlx::query("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1")
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| Anchor {
            entry_id: r.get(0),
            entry_hash: r.get(1),
        }))
    }

    /// Records an event of security in the audit log (a throttled sign-in),
    /// outside any batch.
    pub async fn record_security_event(
        &self,
        action: &str,
        actor: &str,
        detail: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        append_audit(&mut tx, 0, action, actor, "", detail).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Appends an audit entry linked to the last one, in the caller's
/// transaction. The unique `prev_hash` makes a concurrent append fail
/// rather than fork the chain.
pub(in crate::db) async fn append_audit(
    tx: &mut Transaction<'_, Any>,
    batch_id: i64,
    action: &str,
    actor: &str,
    batch_hash: &str,
    detail: &str,
) -> Result<()> {
    let entry = NewEntry {
        batch_id,
        action,
        actor,
        batch_hash,
        detail,
    };
    append_audit_on::<Any>(tx, &entry).await
}

/// What an appended entry records besides its time and its place in the
/// chain.
pub(in crate::db) struct NewEntry<'a> {
    pub batch_id: i64,
    pub action: &'a str,
    pub actor: &'a str,
    pub batch_hash: &'a str,
    pub detail: &'a str,
}

on_either_driver! {
/// [`append_audit`] on a connection of either driver: the bulk imports'
/// PostgreSQL transactions run on a native connection.
pub(in crate::db) async fn append_audit_on<DB>(
    conn: &mut DB::Connection,
    entry: &NewEntry<'_>,
) -> Result<()> {
    let prev: String =
        sqlx::query::<DB>("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.get(0))
            .unwrap_or_default();
    let at = now_text();
    let NewEntry {
        batch_id,
        action,
        actor,
        batch_hash,
        detail,
    } = *entry;
    let hash = entry_hash(&prev, batch_id, action, actor, &at, batch_hash, detail);
    sqlx::query::<DB>(
        "INSERT INTO audit_entry (batch_id, action, actor, at, batch_hash, detail, prev_hash, entry_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(batch_id)
    .bind(action.to_string())
    .bind(actor.to_string())
    .bind(at)
    .bind(batch_hash.to_string())
    .bind(detail.to_string())
    .bind(prev)
    .bind(hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
}
