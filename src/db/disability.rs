//! Applications for and decisions on the disability grant (R14–R19). An
//! import and a file of decisions are each one transaction; every decision
//! is kept, the latest is in force, and each is an entry in the audit log.

use super::Store;
use crate::db::audit::append_audit;
use crate::db::closed_years::refuse_in_closed_year;
use crate::db::dialect::now_text;
use crate::db::trusted_municipality;
use crate::domain::calendar::parse_iso_date;
use crate::domain::disability::{DisabilityApplication, DisabilityDecisionKind, DisabilityGrant};
use crate::domain::disability_file::content_key;
use crate::domain::error::Result;
use crate::domain::money::Ore;
use chrono::{Datelike, NaiveDate};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A stored decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDecision {
    pub kind: DisabilityDecisionKind,
    pub amount: Ore,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub decided_by: String,
    pub recorded_at: String,
}

/// A stored application with its decisions, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDisability {
    pub application: DisabilityApplication,
    pub decisions: Vec<StoredDecision>,
}

impl StoredDisability {
    /// The decision in force: the latest.
    pub fn in_force(&self) -> Option<&StoredDecision> {
        self.decisions.last()
    }

    /// Whether the application stands (not rejected) for R17.
    pub fn stands(&self) -> bool {
        self.in_force()
            .is_none_or(|d| d.kind != DisabilityDecisionKind::Rejected)
    }
}

/// A decision to record.
pub struct NewDecision<'a> {
    pub reference: &'a str,
    pub kind: DisabilityDecisionKind,
    pub amount: Ore,
    pub reason: &'a str,
    pub decided_on: NaiveDate,
}

const APPLICATION_SELECT: &str =
    "SELECT reference, municipality, person_id, grant_number, grant_year, \
     documented_ore, originated_before_settlement, special_agreement, received, extended_until \
     FROM disability_application";

impl Store {
    /// Every application with its decisions.
    pub async fn disability_applications(&self) -> Result<Vec<StoredDisability>> {
        let rows = sqlx::query(&format!("{APPLICATION_SELECT} ORDER BY reference"))
            .fetch_all(self.pool())
            .await?;
        let mut stored: Vec<StoredDisability> = rows
            .iter()
            .map(|r| {
                Ok(StoredDisability {
                    application: application_from_row(r)?,
                    decisions: Vec::new(),
                })
            })
            .collect::<Result<_>>()?;
        let decisions = sqlx::query(
            "SELECT reference, decision, amount_ore, reason, decided_on, decided_by, recorded_at \
             FROM disability_decision ORDER BY id",
        )
        .fetch_all(self.pool())
        .await?;
        for row in &decisions {
            let reference: String = row.get(0);
            if let Ok(i) = stored.binary_search_by(|s| s.application.reference.cmp(&reference)) {
                stored[i].decisions.push(decision_from_row(row)?);
            }
        }
        Ok(stored)
    }

    /// Stores new applications in one transaction; those already stored
    /// with the same content are skipped (returns how many were added).
    /// The same reference with other content is refused.
    pub async fn insert_disability_applications(
        &self,
        source: &str,
        applications: &[DisabilityApplication],
        actor: &str,
    ) -> Result<usize> {
        let mut tx = self.pool().begin().await?;
        let mut added = 0;
        for a in applications {
            let key = content_key(a);
            let inserted = sqlx::query(
                "INSERT INTO disability_application (reference, municipality, person_id, grant_number, grant_year, \
                 documented_ore, originated_before_settlement, special_agreement, received, content_hash, source, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (reference) DO NOTHING",
            )
            .bind(&a.reference)
            .bind(a.municipality.to_string())
            .bind(&a.person_id)
            .bind(i64::from(a.grant.number()))
            .bind(i64::from(a.grant_year))
            .bind(a.documented_expenses.map(|e| e.0))
            .bind(a.originated_before_settlement.to_string())
            .bind(a.special_agreement.to_string())
            .bind(a.received.to_string())
            .bind(&key)
            .bind(source)
            .bind(now_text())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 0 {
                let stored: String = sqlx::query(
                    "SELECT content_hash FROM disability_application WHERE reference = $1",
                )
                .bind(&a.reference)
                .fetch_one(&mut *tx)
                .await?
                .get(0);
                if stored != key {
                    refuse_told!(
                        crate::domain::error::Message::new("error-reference-taken").arg("reference", &a.reference),
                        "application {} is already stored with other content: a new application has a new reference",
                        a.reference
                    );
                }
            } else {
                added += 1;
            }
        }
        let detail = format!("{source}: {added} applications added");
        append_audit(
            &mut tx,
            0,
            "disability_applications_received",
            actor,
            "",
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(added)
    }

    /// R18: records an extension of an application's deadline, as `actor`.
    pub async fn extend_disability(
        &self,
        reference: &str,
        until: NaiveDate,
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE disability_application SET extended_until = $1 WHERE reference = $2",
        )
        .bind(until.to_string())
        .bind(reference)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            return Err(crate::domain::error::Error::NotFound(
                crate::domain::error::Reason::told(
                    crate::domain::error::Message::new("error-no-disability-application")
                        .arg("reference", reference),
                    format!("no application {reference}"),
                ),
            ));
        }
        let detail = format!("application {reference} extended until {until}");
        append_audit(&mut tx, 0, "disability_extended", actor, "", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records decisions as `actor`, all or none, each with an audit entry.
    /// A decision dated in a closed year is refused.
    pub async fn record_disability_decisions(
        &self,
        decisions: &[NewDecision<'_>],
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let recorded_at = now_text();
        for d in decisions {
            sqlx::query(
                "INSERT INTO disability_decision (reference, decision, amount_ore, reason, decided_on, decided_by, recorded_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(d.reference)
            .bind(d.kind.code())
            .bind(d.amount.0)
            .bind(d.reason)
            .bind(d.decided_on.to_string())
            .bind(actor)
            .bind(&recorded_at)
            .execute(&mut *tx)
            .await?;
            let detail = format!(
                "application {} {} {} on {}",
                d.reference,
                d.kind.code(),
                d.amount,
                d.decided_on
            );
            append_audit(&mut tx, 0, "disability_decided", actor, "", &detail).await?;
            refuse_in_closed_year(&mut tx, d.decided_on.year(), "no decision is dated in it")
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn application_from_row(row: &AnyRow) -> Result<DisabilityApplication> {
    let date = |text: String| parse_iso_date(&text).map_err(|e| internal!("stored date: {e}"));
    let grant: i64 = row.get(3);
    Ok(DisabilityApplication {
        reference: row.get(0),
        municipality: trusted_municipality(&row.get::<String, _>(1))?,
        person_id: row.get(2),
        grant: DisabilityGrant::parse(&grant.to_string()).map_err(|e| internal!(e))?,
        grant_year: u8::try_from(row.get::<i64, _>(4)).map_err(|e| internal!(e))?,
        documented_expenses: row.get::<Option<i64>, _>(5).map(Ore),
        originated_before_settlement: row.get::<String, _>(6) == "true",
        special_agreement: row.get::<String, _>(7) == "true",
        received: date(row.get(8))?,
        extended_until: row.get::<Option<String>, _>(9).map(date).transpose()?,
    })
}

fn decision_from_row(row: &AnyRow) -> Result<StoredDecision> {
    Ok(StoredDecision {
        kind: DisabilityDecisionKind::parse(&row.get::<String, _>(1)).map_err(|e| internal!(e))?,
        amount: Ore(row.get(2)),
        reason: row.get(3),
        decided_on: parse_iso_date(&row.get::<String, _>(4)).map_err(|e| internal!(e))?,
        decided_by: row.get(5),
        recorded_at: row.get(6),
    })
}
