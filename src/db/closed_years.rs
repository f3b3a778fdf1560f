//! Closed years (tilskot close-year): a closed year's vouchers, batches,
//! awards, payments and releases never change. The guard is read in the
//! transaction that writes, so a write cannot slip in beside a closing.

use super::dialect::{closed_years_guard, lock_closed_years, Backend};
use super::Store;
use crate::db::audit::append_audit;
use crate::db::dialect::now_text;
use crate::domain::approval::BatchStatus;
use crate::domain::error::Result;
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeSet;

impl Store {
    /// The years that are closed.
    pub async fn closed_years(&self) -> Result<BTreeSet<i32>> {
        read_closed_years(&mut *self.pool().acquire().await?).await
    }

    /// Refuses `what` when `year` is closed, naming the year.
    pub async fn refuse_if_closed(&self, year: i32, what: &str) -> Result<()> {
        if self.closed_years().await?.contains(&year) {
            refuse_told!(
                crate::domain::error::Message::new("error-year-closed").arg("year", year),
                "{year} is closed (tilskot close-year): {what}"
            );
        }
        Ok(())
    }

    /// Closes `year` as `actor`, with an entry in the audit log. A year is
    /// closed once, and not while a batch of its months waits for payment:
    /// nothing could pay that batch afterwards, and the later months would
    /// wait behind it.
    pub async fn close_year(&self, year: i32, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        if let Some(lock) = lock_closed_years(self.backend()) {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        if read_closed_years(&mut tx).await?.contains(&year) {
            refuse_told!(
                crate::domain::error::Message::new("error-year-closed").arg("year", year),
                "{year} is closed already"
            );
        }
        refuse_open_batch(&mut tx, year).await?;
        sqlx::query("INSERT INTO closed_year (year, closed_at, closed_by) VALUES ($1, $2, $3)")
            .bind(i64::from(year))
            .bind(now_text())
            .bind(actor)
            .execute(&mut *tx)
            .await?;
        append_audit(
            &mut tx,
            0,
            "year_closed",
            actor,
            "",
            &format!("year {year}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Refuses, inside the closing transaction, to close `year` while a batch
/// of its months is computed, attested or approved, naming the first.
async fn refuse_open_batch(tx: &mut Transaction<'_, Any>, year: i32) -> Result<()> {
    let runs = sqlx::query(
        "SELECT period, run_number, status FROM batch WHERE period >= $1 AND period <= $2 \
         ORDER BY period, run_number",
    )
    .bind(format!("{year:04}-01"))
    .bind(format!("{year:04}-12"))
    .fetch_all(&mut **tx)
    .await?;
    for row in runs {
        let status = row.get::<String, _>(2);
        let parsed = BatchStatus::parse(&status)
            .ok_or_else(|| internal!("stored batch status '{status}'"))?;
        if parsed.is_open() {
            let (period, run) = (row.get::<String, _>(0), row.get::<i64, _>(1));
            refuse_told!(
                crate::domain::error::Message::new("error-year-batch-unpaid")
                    .arg("year", year)
                    .arg("period", period.as_str())
                    .arg("run", run),
                "batch {period} run {run} is {status}: it must be paid before {year} is closed"
            );
        }
    }
    Ok(())
}

/// The closed years, read inside the caller's transaction with the guard
/// that keeps a closing out until it commits.
pub(in crate::db) async fn closed_in(tx: &mut Transaction<'_, Any>) -> Result<BTreeSet<i32>> {
    let backend = Backend::of_connection(tx);
    closed_on::<Any>(tx, backend).await
}

on_either_driver! {
/// [`closed_in`] on a connection of either driver.
pub(in crate::db) async fn closed_on<DB>(
    conn: &mut DB::Connection,
    backend: Backend,
) -> Result<BTreeSet<i32>> {
    let rows = sqlx::query::<DB>(closed_years_guard(backend))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|row| {
            let year: i64 = row.get(0);
            i32::try_from(year).map_err(|e| internal!("stored closed year: {e}"))
        })
        .collect()
}
}

/// Refuses, inside the caller's transaction, a write into `year` when it
/// is closed: `what` says what was refused.
pub(in crate::db) async fn refuse_in_closed_year(
    tx: &mut Transaction<'_, Any>,
    year: i32,
    what: &str,
) -> Result<()> {
    if closed_in(tx).await?.contains(&year) {
        refuse_told!(
            crate::domain::error::Message::new("error-year-closed").arg("year", year),
            "{year} is closed (tilskot close-year): {what}"
        );
    }
    Ok(())
}

async fn read_closed_years(connection: &mut sqlx::AnyConnection) -> Result<BTreeSet<i32>> {
    years_of(
        sqlx::query("SELECT year FROM closed_year")
            .fetch_all(connection)
            .await?,
    )
}

fn years_of(rows: Vec<sqlx::any::AnyRow>) -> Result<BTreeSet<i32>> {
    rows.iter()
        .map(|row| {
            i32::try_from(row.get::<i64, _>(0)).map_err(|e| internal!("stored closed year: {e}"))
        })
        .collect()
}
