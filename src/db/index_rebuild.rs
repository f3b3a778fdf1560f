//! A big bulk write into PostgreSQL without a table's secondary indexes,
//! which are then created again in the same transaction.
//!
//! Keeping an index up to date row by row costs more than building it
//! over every row once the write is at least as big as the table before
//! it: for 2.8 M register events (2026-12-06), `COPY` into the indexed
//! table took 18.9 s and 6.8 s without its two secondary indexes and
//! triggers, and the same JSON inserts 24.0–24.7 s keeping the indexes
//! against 19.9–20.7 s creating them after (4.5 and 2.8 s of that).
//! Meanwhile the table's readers wait for the commit. (Postings would gain
//! too, `COPY` of a million 3.5 s with the account index against 2.5 s
//! creating it after, but the bench writes its ledger 100 000 postings at a
//! time, and no gain showed there.)

use super::Store;
use crate::domain::error::Result;
use sqlx::{PgConnection, Row};

/// A write adds at least this many rows before a table's indexes are
/// built afresh: a small write keeps them and never takes the table from
/// its readers.
pub const REBUILD_MIN_ROWS: usize = 100_000;

/// Whether a write of `adding` rows to a table of `stored` rows drops the
/// table's secondary indexes and creates them again after its rows: when
/// it is big, and at least as big as the table before it (a first import,
/// a backfill).
pub fn rebuilds_indexes(adding: usize, stored: i64) -> bool {
    adding >= REBUILD_MIN_ROWS && i64::try_from(adding).is_ok_and(|adding| adding >= stored)
}

/// Drops `table`'s indexes that neither are its primary key nor back a
/// constraint; returns the statements that create them again, as the
/// database states them (so that they stay those of the migrations).
pub(super) async fn drop_secondary_indexes(
    conn: &mut PgConnection,
    table: &str,
) -> Result<Vec<String>> {
    let indexes = sqlx::query(
        "SELECT c.relname::text, pg_get_indexdef(i.indexrelid) \
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid \
         WHERE i.indrelid = $1::regclass AND NOT i.indisprimary \
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) \
         ORDER BY c.relname",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    let mut definitions = Vec::with_capacity(indexes.len());
    for index in indexes {
        let name: String = index.get(0);
        sqlx::query(&format!("DROP INDEX {}", quoted_identifier(&name)))
            .execute(&mut *conn)
            .await?;
        definitions.push(index.get(1));
    }
    Ok(definitions)
}

/// Creates the dropped indexes again. A unique index that the new rows
/// break fails here, and the write's transaction with it.
pub(super) async fn create_indexes(conn: &mut PgConnection, definitions: &[String]) -> Result<()> {
    if definitions.is_empty() {
        return Ok(());
    }
    // Sorting millions of keys in 64 MB (the server's default) spills to disk.
    sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
        .execute(&mut *conn)
        .await?;
    for definition in definitions {
        sqlx::query(definition).execute(&mut *conn).await?;
    }
    Ok(())
}

/// An identifier as PostgreSQL quotes it.
fn quoted_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

impl Store {
    /// The definitions of `table`'s indexes (PostgreSQL), for the tests
    /// that a rebuild leaves them as the migrations made them.
    pub async fn index_definitions(&self, table: &str) -> Result<Vec<String>> {
        let rows = sqlx::query(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index \
             WHERE indrelid = $1::regclass ORDER BY indexrelid::regclass::text",
        )
        .bind(table)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_are_rebuilt_only_for_a_write_as_big_as_the_table() {
        assert!(rebuilds_indexes(REBUILD_MIN_ROWS, 0));
        assert!(rebuilds_indexes(2_833_170, 2_833_170));
        assert!(!rebuilds_indexes(2_833_170, 2_833_171));
        assert!(!rebuilds_indexes(REBUILD_MIN_ROWS - 1, 0));
    }

    #[test]
    fn an_identifier_is_quoted_with_its_quotes_doubled() {
        assert_eq!(quoted_identifier("posting_account"), "\"posting_account\"");
        assert_eq!(quoted_identifier("a\"b"), "\"a\"\"b\"");
    }
}
