//! Users of the command line, batch transitions and payments in the
//! database. Every transition writes its audit entry in the same transaction.

use super::audit::append_audit;
use super::closed_years::refuse_in_closed_year;
use super::dialect::now_text;
use crate::db::{Store, StoredBatch};
use crate::domain::approval::BatchStatus;
use crate::domain::error::Result;
use crate::domain::ledger::Voucher;
use crate::domain::money::Ore;
use sqlx::{Any, Row, Transaction};

/// A recorded payment of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub payment_id: String,
    pub batch_id: i64,
    pub content_hash: String,
    pub file_name: String,
    pub transfers: i64,
    pub total: Ore,
    pub paid_at: String,
}

/// What the payment of a batch writes, all in one transaction.
pub struct PaymentWrite<'a> {
    pub batch: &'a StoredBatch,
    pub record: PaymentRecord,
    pub vouchers: Vec<Voucher>,
    pub carried: Vec<String>,
    pub actor: &'a str,
    /// Recorded on the batch when it was paid on rates that are not adopted.
    pub unverified_rates_note: Option<String>,
    /// What has been paid so far once this payment is made.
    pub paid_sums: crate::db::paid_sums::NewPaidSums,
}

/// How a payment attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentOutcome {
    Recorded(PaymentRecord),
    /// Another attempt recorded the same payment first.
    AlreadyPaid(PaymentRecord),
}

impl Store {
    /// The batch a payment id was made from (`TS-YYYY-MM-RUN-HASH8`), if any.
    pub async fn batch_of_payment_id(&self, payment_id: &str) -> Result<Option<i64>> {
        let parts: Vec<&str> = payment_id.split('-').collect();
        let ["TS", year, month, run, hash] = parts[..] else {
            return Ok(None);
        };
        let Ok(run) = run.parse::<i64>() else {
            return Ok(None);
        };
        let row = sqlx::query(
            "SELECT id FROM batch WHERE period = $1 AND run_number = $2 AND content_hash LIKE $3",
        )
        .bind(format!("{year}-{month}"))
        .bind(run)
        .bind(format!("{hash}%"))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Records in the audit log that a staged payment file was moved to
    /// `void/` because its payment was never committed.
    pub async fn record_voided_file(&self, batch_id: i64, file: &str, actor: &str) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let detail = format!("payment file {file} moved to void/: its payment was never committed");
        append_audit(&mut tx, batch_id, "void", actor, "", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves a batch from `from` to `to`, recording who did it, in one
    /// transaction with its audit entry. Fails if another process moved the
    /// batch first, or if the batch's year is closed.
    pub async fn transition_batch(
        &self,
        batch: &StoredBatch,
        from: BatchStatus,
        to: BatchStatus,
        action: &str,
        actor: &str,
        detail: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let step = Transition {
            from,
            to,
            action,
            actor,
            detail,
        };
        transition_in(&mut tx, batch, &step).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn payment_of_batch(&self, batch_id: i64) -> Result<Option<PaymentRecord>> {
        let row = sqlx::query(&format!("{PAYMENT_SELECT} WHERE batch_id = $1"))
            .bind(batch_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| payment_from_row(&r)))
    }

    pub async fn payment(&self, payment_id: &str) -> Result<Option<PaymentRecord>> {
        let row = sqlx::query(&format!("{PAYMENT_SELECT} WHERE payment_id = $1"))
            .bind(payment_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| payment_from_row(&r)))
    }

    /// Records a payment: the payment row, the batch's move to paid, its
    /// ledger vouchers, the municipalities carried forward and the audit
    /// entry, in one transaction. A second attempt with the same payment id
    /// returns the first; the same id with other content is an error.
    pub async fn record_payment(&self, write: PaymentWrite<'_>) -> Result<PaymentOutcome> {
        let result = self.try_record_payment(&write).await;
        match result {
            Ok(()) => Ok(PaymentOutcome::Recorded(write.record)),
            Err(error) => match self.payment(&write.record.payment_id).await? {
                Some(existing) if existing.content_hash == write.record.content_hash => {
                    Ok(PaymentOutcome::AlreadyPaid(existing))
                }
                Some(_) => refuse_told!(
                    crate::domain::error::Message::new("error-payment-recorded-otherwise")
                        .arg("payment", &write.record.payment_id),
                    "payment {} was already recorded with other content",
                    write.record.payment_id
                ),
                None => match self.payment_of_batch(write.batch.id).await? {
                    Some(existing) => refuse_told!(
                        crate::domain::error::Message::new("error-paid-as-other")
                            .arg("payment", &existing.payment_id),
                        "the batch was paid as {}, not {}",
                        existing.payment_id,
                        write.record.payment_id
                    ),
                    None => Err(error),
                },
            },
        }
    }

    async fn try_record_payment(&self, write: &PaymentWrite<'_>) -> Result<()> {
        let r = &write.record;
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO payment (payment_id, batch_id, content_hash, file_name, transfers, total_ore, paid_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&r.payment_id)
        .bind(r.batch_id)
        .bind(&r.content_hash)
        .bind(&r.file_name)
        .bind(r.transfers)
        .bind(r.total.0)
        .bind(&r.paid_at)
        .execute(&mut *tx)
        .await?;
        let updated = sqlx::query("UPDATE batch SET status = 'paid', unverified_rates_allowed = $1 WHERE id = $2 AND status = 'approved'")
            .bind(write.unverified_rates_note.clone())
            .bind(write.batch.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-batch-changed"),
                "batch {} run {} is no longer approved",
                write.batch.period,
                write.batch.run_number
            );
        }
        for municipality in &write.carried {
            sqlx::query("INSERT INTO batch_carried (batch_id, municipality) VALUES ($1, $2)")
                .bind(write.batch.id)
                .bind(municipality)
                .execute(&mut *tx)
                .await?;
        }
        let vouchers: Vec<&Voucher> = write.vouchers.iter().collect();
        let ids = crate::db::ledger::insert_vouchers(
            self.backend(),
            &mut tx,
            &vouchers,
            &format!("payment:{}", r.payment_id),
        )
        .await?;
        let voucher_ids: Vec<i64> = ids.into_values().collect();
        for chunk in voucher_ids.chunks(1_000) {
            let sql = crate::db::dialect::multi_row_insert(
                self.backend(),
                "batch_voucher",
                &["batch_id", "voucher_id"],
                chunk.len(),
            );
            let mut query = sqlx::query(&sql);
            for voucher_id in chunk {
                query = query.bind(write.batch.id).bind(*voucher_id);
            }
            query.execute(&mut *tx).await?;
        }
        let detail = format!(
            "payment {} file {} transfers {} total {}{}",
            r.payment_id,
            r.file_name,
            r.transfers,
            r.total,
            write
                .unverified_rates_note
                .as_deref()
                .map(|n| format!("; {n}"))
                .unwrap_or_default()
        );
        append_audit(
            &mut tx,
            write.batch.id,
            "pay",
            write.actor,
            &write.batch.content_hash,
            &detail,
        )
        .await?;
        crate::db::paid_sums::write_paid_sums(
            self.backend(),
            &mut tx,
            write.batch.id,
            &write.paid_sums,
            write.actor,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The attesting user is a finance officer (`$3` is the actor).
const ROLE_CHECK_FINANCE_OFFICER: &str = " AND EXISTS (SELECT 1 FROM user_account u \
     WHERE u.name = $3 AND u.role = 'finance_officer')";
/// The approving user is an approver and not the one who attested.
const ROLE_CHECK_APPROVER: &str = " AND attested_by IS NOT NULL AND attested_by <> $3 \
     AND EXISTS (SELECT 1 FROM user_account u WHERE u.name = $3 AND u.role = 'approver')";

const PAYMENT_SELECT: &str = "SELECT payment_id, batch_id, content_hash, file_name, transfers, total_ore, paid_at FROM payment";

fn payment_from_row(r: &sqlx::any::AnyRow) -> PaymentRecord {
    PaymentRecord {
        payment_id: r.get(0),
        batch_id: r.get(1),
        content_hash: r.get(2),
        file_name: r.get(3),
        transfers: r.get(4),
        total: Ore(r.get(5)),
        paid_at: r.get(6),
    }
}

/// One move of a batch's status, by whom and why.
pub(in crate::db) struct Transition<'a> {
    pub from: BatchStatus,
    pub to: BatchStatus,
    pub action: &'a str,
    pub actor: &'a str,
    pub detail: &'a str,
}

/// The move of a run to superseded by `actor`, made in the transaction
/// that stores the run that replaces it.
pub(in crate::db) fn supersede<'a>(batch: &StoredBatch, actor: &'a str) -> Transition<'a> {
    Transition {
        from: batch.status,
        to: BatchStatus::Superseded,
        action: "supersede",
        actor,
        detail: "what is due changed: recomputed as a new run",
    }
}

/// Moves `batch` as `step` says, with its audit entry, inside the caller's
/// transaction. Refused when the batch's year is closed or another process
/// moved the batch first.
pub(in crate::db) async fn transition_in(
    tx: &mut Transaction<'_, Any>,
    batch: &StoredBatch,
    step: &Transition<'_>,
) -> Result<()> {
    let (column_sql, at) = match step.action {
        "attest" => ("attested_by = $3", None),
        "approve" => ("approved_by = $3, approved_at = $4", Some(now_text())),
        "reject" => (
            "attested_by = NULL, approved_by = NULL, approved_at = NULL",
            None,
        ),
        _ => ("attested_by = attested_by", None),
    };
    // The two-person rule, in the transaction that writes the step: the
    // actor holds the step's role now, and the approver is not the
    // person who attested.
    let actor_check = match step.action {
        "attest" => ROLE_CHECK_FINANCE_OFFICER,
        "approve" => ROLE_CHECK_APPROVER,
        _ => "",
    };
    let sql = format!(
        "UPDATE batch SET status = $1, {column_sql} WHERE id = $2 AND status = '{}'{actor_check}",
        step.from.code()
    );
    let mut query = sqlx::query(&sql).bind(step.to.code()).bind(batch.id);
    if column_sql.contains("$3") {
        query = query.bind(step.actor.to_string());
    }
    if let Some(at) = at {
        query = query.bind(at);
    }
    let updated = query.execute(&mut **tx).await?.rows_affected();
    // After the write, so that the transaction holds the write lock before
    // it reads (SQLite cannot upgrade a read under a writer).
    refuse_in_closed_year(tx, batch.period.year, "no batch of its months changes").await?;
    if updated != 1 {
        refuse_told!(
            crate::domain::error::Message::new("error-batch-changed"),
            "batch {} run {} changed while you acted on it; look at it again",
            batch.period,
            batch.run_number
        );
    }
    append_audit(
        tx,
        batch.id,
        step.action,
        step.actor,
        &batch.content_hash,
        step.detail,
    )
    .await
}
