//! Batches, their lines and what was paid, in the database.

use super::batch_blocks::{self, Block};
use super::dialect::{multi_row_insert, now_text};
use super::{trusted_municipality, trusted_period, Store};
use crate::db::approval::{supersede, transition_in};
use crate::db::closed_years::refuse_in_closed_year;
use crate::domain::approval::BatchStatus;
use crate::domain::calendar::Period;
use crate::domain::error::Result;
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::payout::{BatchLine, LineKey, PersonPayment};
use crate::domain::tamper::paid_lines_problem;
use smol_str::SmolStr;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// A batch to store.
pub struct NewBatch<'a> {
    pub period: Period,
    pub run_number: i64,
    pub lines: &'a [BatchLine],
    pub content_hash: &'a str,
    pub weakest_rate_status: &'a str,
    pub register_events: i64,
    /// The rules' fingerprint and the register's size it was computed from.
    pub computed_from: &'a str,
    /// The period's current run, not paid, that this run replaces: it is
    /// marked superseded in the same transaction, or not at all.
    pub supersedes: Option<&'a StoredBatch>,
    /// Who computed it (an authenticated finance user).
    pub actor: &'a str,
}

/// A stored batch, without its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBatch {
    pub id: i64,
    pub period: Period,
    pub run_number: i64,
    pub computed_at: String,
    pub content_hash: String,
    pub line_count: i64,
    pub total: Ore,
    pub weakest_rate_status: String,
    pub register_events: i64,
    /// The rules' fingerprint and the register's size when computed.
    pub computed_from: String,
    pub status: BatchStatus,
    pub attested_by: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    /// Set when the batch was paid on rates that are not adopted.
    pub unverified_rates_allowed: Option<String>,
}

impl Store {
    /// The lines of the paid batches with ids from `first` to `last`, each
    /// batch's lines re-hashed against the hash its payment entry recorded
    /// in the audit chain: a paid sum that no longer matches what was paid
    /// is refused, never paid again (see `domain::tamper`).
    pub(super) async fn verified_paid_lines(
        &self,
        first: i64,
        last: i64,
    ) -> Result<BTreeMap<i64, Vec<BatchLine>>> {
        let reading = std::time::Instant::now();
        let batches = self.read_lines(PAID_BATCHES, first, last).await?;
        tracing::debug!(read = ?reading.elapsed(), "paid lines read");
        let recorded = sqlx::query(PAID_BATCH_HASHES_SQL)
            .bind(first)
            .bind(last)
            .fetch_all(&self.pool)
            .await?;
        for row in recorded {
            let batch_id: i64 = row.get(0);
            let period: String = row.get(1);
            let period = trusted_period(&period)?;
            let pay_hash: Option<String> = row.get(2);
            let lines = batches.get(&batch_id).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(problem) = paid_lines_problem(batch_id, period, lines, pay_hash.as_deref())
            {
                return Err(super::paid_record_changed(problem));
            }
        }
        tracing::debug!(verified = ?reading.elapsed(), "paid lines verified");
        Ok(batches)
    }

    /// The municipalities whose negative net in a batch was carried to the
    /// next term: their lines in that batch were not paid.
    pub(super) async fn carried_municipalities(
        &self,
    ) -> Result<BTreeSet<(i64, MunicipalityNumber)>> {
        sqlx::query("SELECT batch_id, municipality FROM batch_carried")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| Ok((row.get(0), trusted_municipality(&row.get::<String, _>(1))?)))
            .collect()
    }

    /// The stored blocks of the `batches` (a query of ids between `$1` and
    /// `$2`), in batch, municipality and grant order.
    async fn read_blocks(&self, batches: &str, first: i64, last: i64) -> Result<Vec<(i64, Block)>> {
        let sql = format!(
            "SELECT batch_id, municipality, grant_code, line_count, total_ore, lines \
             FROM batch_block WHERE batch_id IN ({batches}) \
             ORDER BY batch_id, municipality, grant_code"
        );
        let rows = sqlx::query(&sql)
            .bind(first)
            .bind(last)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.get::<i64, _>(0), block_from_row(row)?)))
            .collect()
    }

    /// Every line of the `batches` (a query of ids between `$1` and `$2`),
    /// by batch id, each block checked against its count and total.
    async fn read_lines(
        &self,
        batches: &str,
        first: i64,
        last: i64,
    ) -> Result<BTreeMap<i64, Vec<BatchLine>>> {
        let mut lines: BTreeMap<i64, Vec<BatchLine>> = BTreeMap::new();
        let mut blocks = self.read_blocks(batches, first, last).await?;
        // In key order (the grant's place, not its code's spelling), so that
        // each batch's lines come sorted for hashing and summing.
        blocks.sort_by_key(|(batch_id, block)| (*batch_id, block.municipality, block.grant));
        for (batch_id, block) in blocks {
            lines
                .entry(batch_id)
                .or_default()
                .extend(batch_blocks::unpack(&block)?);
        }
        Ok(lines)
    }

    /// How many municipalities each batch pays or sets off, by batch id.
    pub async fn municipality_counts(&self) -> Result<BTreeMap<i64, i64>> {
        let rows = sqlx::query(
            "SELECT batch_id, CAST(COUNT(DISTINCT municipality) AS BIGINT) FROM batch_block \
             GROUP BY batch_id",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|row| (row.get::<i64, _>(0), row.get::<i64, _>(1)))
            .collect())
    }

    /// The sums of a batch's lines per municipality and grant, as its blocks
    /// record them (for pages; a payment sums the lines it verified).
    pub async fn batch_totals(
        &self,
        batch_id: i64,
    ) -> Result<BTreeMap<(MunicipalityNumber, crate::domain::grant::Grant), Ore>> {
        let rows = sqlx::query(
            "SELECT municipality, grant_code, '', total_ore FROM batch_block WHERE batch_id = $1",
        )
        .bind(batch_id)
        .fetch_all(&self.pool)
        .await?;
        let mut totals = BTreeMap::new();
        for row in rows {
            let key = line_key_from_row(&row)?;
            let amount = Ore(row.get::<i64, _>(3));
            if !amount.is_zero() {
                totals.insert((key.municipality, key.grant), amount);
            }
        }
        Ok(totals)
    }

    pub async fn batches(&self) -> Result<Vec<StoredBatch>> {
        let rows = sqlx::query(&format!("{BATCH_SELECT} ORDER BY period, run_number"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(batch_from_row).collect()
    }

    pub async fn batches_of_period(&self, period: Period) -> Result<Vec<StoredBatch>> {
        let rows = sqlx::query(&format!(
            "{BATCH_SELECT} WHERE period = $1 ORDER BY run_number"
        ))
        .bind(period.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(batch_from_row).collect()
    }

    /// Stores a batch and its lines in one transaction, with its first audit
    /// entry. The unique (period, run_number) stops two runs from storing the
    /// same batch twice. An empty batch has nothing to approve and is stored
    /// as paid; any other starts as computed.
    pub async fn insert_batch(&self, new: NewBatch<'_>) -> Result<StoredBatch> {
        let NewBatch {
            period,
            run_number,
            lines,
            content_hash,
            weakest_rate_status,
            register_events,
            computed_from,
            supersedes,
            actor,
        } = new;
        let total: Ore = lines.iter().map(|l| l.amount).sum();
        let computed_at = now_text();
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO batch (period, run_number, computed_at, content_hash, line_count, total_ore, weakest_rate_status, register_events, computed_from) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(period.to_string())
        .bind(run_number)
        .bind(computed_at.clone())
        .bind(content_hash)
        .bind(lines.len() as i64)
        .bind(total.0)
        .bind(weakest_rate_status)
        .bind(register_events)
        .bind(computed_from)
        .fetch_one(&mut *tx)
        .await
        .map_err(super::refused_by_constraint(|| {
            crate::domain::error::Reason::told(
                crate::domain::error::Message::new("error-batch-run-concurrent")
                    .arg("period", period)
                    .arg("run", run_number),
                format!("batch {period} run {run_number} was stored by another run at the same time; look at it again"),
            )
        }))?
        .get(0);
        // After the first write, so that the transaction holds the write
        // lock before it reads (SQLite cannot upgrade a read under a writer).
        refuse_in_closed_year(&mut tx, period.year, "no batch of its months is run").await?;
        if let Some(earlier) = supersedes {
            transition_in(&mut tx, earlier, &supersede(earlier, actor)).await?;
        }
        let status = if lines.is_empty() {
            BatchStatus::Paid
        } else {
            BatchStatus::Computed
        };
        sqlx::query("UPDATE batch SET status = $1 WHERE id = $2")
            .bind(status.code())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let detail = if lines.is_empty() {
            "empty batch: nothing to pay"
        } else {
            "computed"
        };
        crate::db::audit::append_audit(&mut tx, id, "compute", actor, content_hash, detail).await?;
        let inserting = std::time::Instant::now();
        let blocks = batch_blocks::pack(lines)?;
        insert_blocks(self.backend, &mut tx, BlockTable::Batch, id, &blocks).await?;
        let inserted = inserting.elapsed();
        tx.commit().await?;
        tracing::debug!(?inserted, committed = ?inserting.elapsed(), "batch lines stored");
        Ok(StoredBatch {
            id,
            period,
            run_number,
            computed_at,
            content_hash: content_hash.to_string(),
            line_count: lines.len() as i64,
            total,
            weakest_rate_status: weakest_rate_status.to_string(),
            register_events,
            computed_from: computed_from.to_string(),
            status,
            attested_by: None,
            approved_by: None,
            approved_at: None,
            unverified_rates_allowed: None,
        })
    }

    /// A batch's lines in key order (municipality, grant, person).
    pub async fn batch_lines(&self, batch_id: i64) -> Result<Vec<BatchLine>> {
        let mut lines = self
            .read_lines(BATCHES_BETWEEN, batch_id, batch_id)
            .await?
            .remove(&batch_id)
            .unwrap_or_default();
        // By grant code, not the grant's place in the enum: the order the
        // pages and the CSV have always shown (blocks come in nearly so).
        lines.sort_by(|a, b| {
            (a.key.municipality, a.key.grant.code(), &a.key.person_id).cmp(&(
                b.key.municipality,
                b.key.grant.code(),
                &b.key.person_id,
            ))
        });
        Ok(lines)
    }

    /// Every payment line of one person, oldest first.
    ///
    /// A person's lines are found in the blocks of the municipalities the
    /// person lived in, which the register knows: blocks are stored by
    /// batch, municipality and grant, with no index by person.
    pub async fn person_payments(
        &self,
        person_id: &str,
        municipalities: &[MunicipalityNumber],
    ) -> Result<Vec<PersonPayment>> {
        if municipalities.is_empty() {
            return Ok(Vec::new());
        }
        let municipality_list: Vec<String> = (0..municipalities.len())
            .map(|i| super::dialect::placeholder(self.backend, i + 1))
            .collect();
        let sql = format!(
            "SELECT b.period, b.run_number, k.municipality, k.grant_code, k.lines \
             FROM batch b CROSS JOIN batch_block k \
             WHERE k.batch_id = b.id AND b.status = 'paid' AND k.municipality IN ({}) \
             AND NOT EXISTS (SELECT 1 FROM batch_carried c WHERE c.batch_id = k.batch_id AND c.municipality = k.municipality) \
             ORDER BY b.period, b.run_number, k.grant_code, k.municipality",
            municipality_list.join(", "),
        );
        let mut query = sqlx::query(&sql);
        for municipality in municipalities {
            query = query.bind(municipality.to_string());
        }
        let mut payments = Vec::new();
        for row in query.fetch_all(&self.pool).await? {
            let lines: String = row.get(4);
            let Some(amount) = batch_blocks::person_amount(&lines, person_id)? else {
                continue;
            };
            payments.push(PersonPayment {
                period: trusted_period(&row.get::<String, _>(0))?,
                run_number: row.get(1),
                municipality: trusted_municipality(&row.get::<String, _>(2))?,
                grant: row
                    .get::<String, _>(3)
                    .parse()
                    .map_err(|e: String| internal!(e))?,
                amount,
            });
        }
        Ok(payments)
    }
}

/// The tables that hold lines as blocks.
#[derive(Debug, Clone, Copy)]
pub(super) enum BlockTable {
    /// A batch's lines (`batch_block`).
    Batch,
    /// What was paid so far (`paid_sum_block`).
    PaidSums,
}

impl BlockTable {
    /// The table and its columns, in the order they are bound.
    fn columns(self) -> (&'static str, [&'static str; 6]) {
        let owner = match self {
            BlockTable::Batch => "batch_id",
            BlockTable::PaidSums => "through_batch_id",
        };
        let table = match self {
            BlockTable::Batch => "batch_block",
            BlockTable::PaidSums => "paid_sum_block",
        };
        let columns = [
            owner,
            "municipality",
            "grant_code",
            "line_count",
            "total_ore",
            "lines",
        ];
        (table, columns)
    }
}

/// Stores `blocks` in `table`, owned by the batch `owner`.
pub(super) async fn insert_blocks(
    backend: super::dialect::Backend,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: BlockTable,
    owner: i64,
    blocks: &[Block],
) -> Result<()> {
    let (name, columns) = table.columns();
    for chunk in blocks.chunks(BLOCKS_PER_INSERT) {
        let sql = multi_row_insert(backend, name, &columns, chunk.len());
        let mut query = sqlx::query(&sql);
        for block in chunk {
            query = query
                .bind(owner)
                .bind(block.municipality.to_string())
                .bind(block.grant.code())
                .bind(block.line_count)
                .bind(block.total.0)
                .bind(block.lines.as_str());
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// A stored block from a row of (owner, municipality, grant code, count,
/// total, lines).
pub(super) fn block_from_row(row: &AnyRow) -> Result<Block> {
    Ok(Block {
        municipality: trusted_municipality(&row.get::<String, _>(1))?,
        grant: row
            .get::<String, _>(2)
            .parse()
            .map_err(|e: String| internal!(e))?,
        line_count: row.get(3),
        total: Ore(row.get::<i64, _>(4)),
        lines: row.get(5),
    })
}

/// Blocks per insert statement: 6 parameters each, far under either
/// database's limit.
const BLOCKS_PER_INSERT: usize = 1_000;

/// The paid batches with ids from $1 to $2.
const PAID_BATCHES: &str = "SELECT id FROM batch WHERE status = 'paid' AND id BETWEEN $1 AND $2";

/// The batches with ids from $1 to $2.
const BATCHES_BETWEEN: &str = "SELECT id FROM batch WHERE id BETWEEN $1 AND $2";

/// The paid batches with ids from $1 to $2 and the content hash their
/// payment's audit entry recorded (none for an empty batch, paid at once).
const PAID_BATCH_HASHES_SQL: &str = "SELECT b.id, b.period, \
     (SELECT MAX(a.batch_hash) FROM audit_entry a WHERE a.batch_id = b.id AND a.action = 'pay') \
     FROM batch b WHERE b.status = 'paid' AND b.id BETWEEN $1 AND $2 ORDER BY b.id";

pub(super) const BATCH_SELECT: &str =
    "SELECT id, period, run_number, computed_at, content_hash, line_count, total_ore, \
     weakest_rate_status, register_events, status, attested_by, approved_by, approved_at, \
     unverified_rates_allowed, computed_from FROM batch";

fn line_key_from_row(row: &AnyRow) -> Result<LineKey> {
    line_key(
        &row.get::<String, _>(0),
        &row.get::<String, _>(1),
        &row.get::<String, _>(2),
    )
}

fn line_key(municipality: &str, grant: &str, person: &str) -> Result<LineKey> {
    Ok(LineKey {
        municipality: trusted_municipality(municipality)?,
        grant: grant.parse().map_err(|e: String| internal!(e))?,
        person_id: (!person.is_empty()).then(|| SmolStr::new(person)),
    })
}

fn batch_from_row(row: &AnyRow) -> Result<StoredBatch> {
    Ok(StoredBatch {
        id: row.get(0),
        period: trusted_period(&row.get::<String, _>(1))?,
        run_number: row.get(2),
        computed_at: row.get(3),
        content_hash: row.get(4),
        line_count: row.get(5),
        total: Ore(row.get::<i64, _>(6)),
        weakest_rate_status: row.get(7),
        register_events: row.get(8),
        status: {
            let text: String = row.get(9);
            BatchStatus::parse(&text).ok_or_else(|| internal!("stored batch status '{text}'"))?
        },
        attested_by: row.get(10),
        approved_by: row.get(11),
        approved_at: row.get(12),
        unverified_rates_allowed: row.get(13),
        computed_from: row.get(14),
    })
}
