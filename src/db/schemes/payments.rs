//! Payments, releases and reports of awarded applications.

use super::*;
use crate::db::closed_years::refuse_in_closed_year;

impl Store {
    /// Pays an award's commitment once: the voucher to the ledger, the
    /// payment record and the transition in one transaction. A second
    /// attempt finds the application paid and writes nothing.
    pub async fn pay_commitment(&self, id: i64, date: NaiveDate, actor: &str) -> Result<Ore> {
        let application = self.application(id).await?;
        let (Some(committed), Some(decision)) = (application.committed, application.decision)
        else {
            refuse_told!(
                crate::domain::error::Message::new("error-no-award").arg("id", id),
                "application {id} has no award to pay"
            );
        };
        if application.released.is_some() {
            refuse_told!(
                crate::domain::error::Message::new("error-released").arg("id", id),
                "the commitment of application {id} was released; it is not paid"
            );
        }
        // A commitment is against one year's appropriation (post 62 is not
        // transferable): it is paid in that year or released.
        if date.year() != application.year {
            refuse_told!(
                crate::domain::error::Message::new("error-payment-year")
                    .arg("id", id)
                    .arg("year", application.year)
                    .arg("date", date),
                "application {id} was awarded from the {} frame; a payment dated {date} falls in another budget year",
                application.year
            );
        }
        let scheme = self
            .scheme_call(&application.scheme, application.year)
            .await?;
        let voucher = scheme_payment_voucher(
            id,
            &scheme.code,
            &scheme.budget_key,
            application.organisation.kind,
            &application.organisation.id,
            committed,
            date,
        );
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE application SET state = 'paid' WHERE id = $1 AND state = 'decided'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        refuse_in_closed_year(&mut tx, application.year, "no award of its schemes is paid").await?;
        if updated != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-already-paid").arg("id", id),
                "application {id} is {}: it was paid already or is not decided",
                application.state
            );
        }
        let ids = insert_vouchers(self.backend(), &mut tx, &[&voucher], "scheme").await?;
        sqlx::query(
            "INSERT INTO scheme_payment (application_id, voucher_id, amount_ore, paid_by, paid_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(ids[&voucher.reference])
        .bind(committed.0)
        .bind(actor)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
        record_transition(
            &mut tx,
            id,
            Some(ApplicationState::Decided),
            ApplicationState::Paid,
            actor,
            &format!("{} paid, voucher {}", committed, voucher.reference),
        )
        .await?;
        tx.commit().await?;
        debug_assert!(decision.commits());
        Ok(committed)
    }

    /// Releases an unpaid commitment back to the frame.
    pub async fn release_commitment(&self, id: i64, actor: &str, reason: &str) -> Result<Ore> {
        let application = self.application(id).await?;
        let Some(committed) = application.committed else {
            refuse_told!(
                crate::domain::error::Message::new("error-nothing-to-release").arg("id", id),
                "application {id} has no commitment to release"
            );
        };
        if application.paid.is_some() {
            refuse_told!(
                crate::domain::error::Message::new("error-paid-not-released").arg("id", id),
                "application {id} is paid; a paid commitment is not released"
            );
        }
        if reason.trim().is_empty() {
            refuse_told!(
                crate::domain::error::Message::new("error-release-reason"),
                "a release states its reason"
            );
        }
        check_free_text("reason", reason).map_err(field_invalid)?;
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO commitment_release (application_id, amount_ore, released_by, released_at, reason) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(committed.0)
        .bind(actor)
        .bind(now_text())
        .bind(reason.trim())
        .execute(&mut *tx)
        .await
        .map_err(refused_by_constraint(|| {
            Reason::told(
                Message::new("error-already-released").arg("id", id),
                format!("the commitment of application {id} was released already"),
            )
        }))?;
        sqlx::query(
            "UPDATE scheme_call SET bound_ore = bound_ore - $1 WHERE scheme = $2 AND year = $3",
        )
        .bind(committed.0)
        .bind(&application.scheme)
        .bind(i64::from(application.year))
        .execute(&mut *tx)
        .await?;
        refuse_in_closed_year(
            &mut tx,
            application.year,
            "no commitment of its schemes is released",
        )
        .await?;
        record_transition(
            &mut tx,
            id,
            Some(application.state),
            application.state,
            actor,
            &format!("{committed} released: {}", reason.trim()),
        )
        .await?;
        tx.commit().await?;
        Ok(committed)
    }

    /// At year end: releases every commitment of a call that is neither
    /// paid nor released, so that the status shows the underspend.
    pub async fn release_unpaid(&self, scheme: &str, year: i32, actor: &str) -> Result<Ore> {
        let mut total = Ore::ZERO;
        for application in self.applications_of_call(scheme, year).await? {
            if application.committed.is_some()
                && application.paid.is_none()
                && application.released.is_none()
            {
                total += self
                    .release_commitment(application.id, actor, "unpaid at year end")
                    .await?;
            }
        }
        Ok(total)
    }

    /// The applicant reports on a paid project (rapportering).
    pub async fn report_on_application(&self, id: i64, text: &str, actor: &str) -> Result<()> {
        if text.trim().is_empty() {
            refuse_told!(
                crate::domain::error::Message::new("error-report-required"),
                "report: the report is required"
            );
        }
        check_free_text("report", text).map_err(field_invalid)?;
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE application SET state = 'reported', report_text = $1 WHERE id = $2 AND state = 'paid'",
        )
        .bind(text.trim())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-report-before-payment").arg("id", id),
                "application {id} is not paid; a report comes after the payment"
            );
        }
        record_transition(
            &mut tx,
            id,
            Some(ApplicationState::Paid),
            ApplicationState::Reported,
            actor,
            "reported",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
