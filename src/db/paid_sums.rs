//! What has been paid so far per municipality, grant and person (tables
//! `paid_sum_block` and `paid_sum_batch`, migration 0016).
//!
//! A term's run subtracts what was paid from what is due. Summing every
//! paid batch's lines again (600 000 lines by December at ten times the
//! report's volume, each batch re-hashed against its payment entry) took a
//! third of the run. Each payment now stores the sums it leaves, with the
//! paid batches they sum, and records their hash in the audit log
//! ('paid_sums'); a run reads them, checks the hash, and adds only the
//! batches paid since (normally none). Paid batches never change, so the
//! process also keeps the sums it read.

use super::audit::append_audit;
use super::batch_blocks::{self, Block};
use super::batches::{block_from_row, insert_blocks, BlockTable};
use super::dialect::{multi_row_insert, Backend};
use super::Store;
use crate::domain::error::Result;
use crate::domain::payout::{add_paid, paid_sums_hash, BatchLine};
use crate::domain::tamper::{paid_sums_cover_unpaid, paid_sums_problem};
use sqlx::Row;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What was paid so far per line, and the paid batches it sums.
#[derive(Debug, Clone)]
pub struct PaidSoFar {
    /// Ids of the paid batches summed, ascending.
    pub batches: Vec<i64>,
    /// One line per municipality, grant and person, in key order, none of
    /// them zero.
    pub sums: Arc<Vec<BatchLine>>,
}

/// The sums a payment leaves, written in its transaction.
#[derive(Debug, Clone)]
pub struct NewPaidSums {
    /// Ids of the paid batches summed, this payment's included, ascending.
    pub batches: Vec<i64>,
    /// One line per municipality, grant and person, none of them zero.
    pub lines: Vec<BatchLine>,
}

impl PaidSoFar {
    /// Nothing paid yet.
    pub fn nothing() -> Self {
        PaidSoFar {
            batches: Vec::new(),
            sums: Arc::new(Vec::new()),
        }
    }
}

impl NewPaidSums {
    /// What `before` and the lines just paid by `batch_id` come to.
    pub fn after_payment(before: &PaidSoFar, batch_id: i64, newly_paid: Vec<BatchLine>) -> Self {
        let mut batches = before.batches.clone();
        batches.push(batch_id);
        batches.sort_unstable();
        batches.dedup();
        NewPaidSums {
            batches,
            lines: add_paid(&before.sums, newly_paid),
        }
    }
}

impl Store {
    /// What has been paid so far, per municipality, grant and person: the
    /// lines of paid batches, without those of municipalities whose negative
    /// net was carried to the next term.
    pub async fn paid_by_line(&self) -> Result<Arc<Vec<BatchLine>>> {
        Ok(self.paid_so_far().await?.sums)
    }

    /// [`Store::paid_by_line`] with the batches it sums: from the sums kept
    /// in this process or stored at the last payment, plus the lines of the
    /// batches paid since.
    pub async fn paid_so_far(&self) -> Result<PaidSoFar> {
        let paid_batches = self.paid_batch_ids().await?;
        let cached = self.paid_cache.lock().expect("paid cache").take();
        let base = match cached {
            Some(kept) if is_subset(&kept.batches, &paid_batches) => kept,
            _ => match self.stored_paid_sums().await? {
                Some(stored) => {
                    if let Some(problem) = paid_sums_cover_unpaid(&stored.batches, &paid_batches) {
                        return Err(super::paid_record_changed(problem));
                    }
                    stored
                }
                None => PaidSoFar::nothing(),
            },
        };
        let paid = self.add_batches_paid_since(base, &paid_batches).await?;
        *self.paid_cache.lock().expect("paid cache") = Some(paid.clone());
        Ok(paid)
    }

    /// What the paid batches' lines sum to, read and verified line by line
    /// without the stored sums: what `audit verify` compares them with.
    pub async fn paid_sums_recomputed(&self, batches: &[i64]) -> Result<Vec<BatchLine>> {
        let sums = self
            .add_batches_paid_since(PaidSoFar::nothing(), batches)
            .await?
            .sums;
        Ok(Arc::unwrap_or_clone(sums))
    }

    /// The sums stored at the last payment, checked against the hash its
    /// audit entry recorded; none when none are stored (a database paid
    /// before migration 0016).
    pub async fn stored_paid_sums(&self) -> Result<Option<PaidSoFar>> {
        let through: Option<i64> = sqlx::query("SELECT MAX(through_batch_id) FROM paid_sum_batch")
            .fetch_one(&self.pool)
            .await?
            .get(0);
        let Some(through) = through else {
            return Ok(None);
        };
        let batches: Vec<i64> = sqlx::query(
            "SELECT batch_id FROM paid_sum_batch WHERE through_batch_id = $1 ORDER BY batch_id",
        )
        .bind(through)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
        let lines = self.paid_sum_lines(through).await?;
        let recorded: Option<String> = sqlx::query(
            "SELECT batch_hash FROM audit_entry WHERE batch_id = $1 AND action = 'paid_sums' \
             ORDER BY id DESC LIMIT 1",
        )
        .bind(through)
        .fetch_optional(&self.pool)
        .await?
        .map(|row| row.get(0));
        if let Some(problem) = paid_sums_problem(through, &batches, &lines, recorded.as_deref()) {
            return Err(super::paid_record_changed(problem));
        }
        Ok(Some(PaidSoFar {
            batches,
            sums: Arc::new(lines),
        }))
    }

    async fn paid_batch_ids(&self) -> Result<Vec<i64>> {
        Ok(
            sqlx::query("SELECT id FROM batch WHERE status = 'paid' ORDER BY id")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect(),
        )
    }

    /// The stored sums' lines in key order, each block checked against its
    /// count and total.
    async fn paid_sum_lines(&self, through: i64) -> Result<Vec<BatchLine>> {
        let rows = sqlx::query(
            "SELECT through_batch_id, municipality, grant_code, line_count, total_ore, lines \
             FROM paid_sum_block WHERE through_batch_id = $1",
        )
        .bind(through)
        .fetch_all(&self.pool)
        .await?;
        let mut blocks: Vec<Block> = rows.iter().map(block_from_row).collect::<Result<_>>()?;
        blocks.sort_by_key(|b| (b.municipality, b.grant));
        let mut lines = Vec::new();
        for block in &blocks {
            lines.extend(batch_blocks::unpack(block)?);
        }
        Ok(lines)
    }

    /// `base` plus the verified lines of the batches in `paid_batches` it
    /// does not sum yet, without those of carried municipalities.
    async fn add_batches_paid_since(
        &self,
        base: PaidSoFar,
        paid_batches: &[i64],
    ) -> Result<PaidSoFar> {
        let new: BTreeSet<i64> = paid_batches
            .iter()
            .copied()
            .filter(|id| base.batches.binary_search(id).is_err())
            .collect();
        let (Some(&first), Some(&last)) = (new.first(), new.last()) else {
            return Ok(base);
        };
        let carried = self.carried_municipalities().await?;
        let mut new_lines = Vec::new();
        for (batch_id, lines) in self.verified_paid_lines(first, last).await? {
            if !new.contains(&batch_id) {
                continue;
            }
            new_lines.extend(
                lines
                    .into_iter()
                    .filter(|line| !carried.contains(&(batch_id, line.key.municipality))),
            );
        }
        let mut batches = base.batches;
        batches.extend(new);
        batches.sort_unstable();
        // Months without a term store an empty batch, paid at once: then
        // the sums stay as they are.
        let sums = if new_lines.is_empty() {
            base.sums
        } else {
            Arc::new(add_paid(&base.sums, new_lines))
        };
        Ok(PaidSoFar { batches, sums })
    }
}

/// Whether every id of `part` is in `whole` (both ascending).
fn is_subset(part: &[i64], whole: &[i64]) -> bool {
    part.iter().all(|id| whole.binary_search(id).is_ok())
}

/// Replaces the stored sums with those a payment leaves, in the payment's
/// transaction, and records their hash in the audit log.
pub(super) async fn write_paid_sums(
    backend: Backend,
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    through_batch_id: i64,
    sums: &NewPaidSums,
    actor: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM paid_sum_block")
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM paid_sum_batch")
        .execute(&mut **tx)
        .await?;
    let blocks = batch_blocks::pack(&sums.lines)?;
    insert_blocks(backend, tx, BlockTable::PaidSums, through_batch_id, &blocks).await?;
    for chunk in sums.batches.chunks(1_000) {
        let sql = multi_row_insert(
            backend,
            "paid_sum_batch",
            &["through_batch_id", "batch_id"],
            chunk.len(),
        );
        let mut query = sqlx::query(&sql);
        for batch_id in chunk {
            query = query.bind(through_batch_id).bind(*batch_id);
        }
        query.execute(&mut **tx).await?;
    }
    let hash = paid_sums_hash(&sums.batches, &sums.lines);
    let detail = format!(
        "paid so far: {} lines summing {} paid batches",
        sums.lines.len(),
        sums.batches.len()
    );
    append_audit(tx, through_batch_id, "paid_sums", actor, &hash, &detail).await
}
