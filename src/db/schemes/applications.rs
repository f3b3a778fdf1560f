//! Organisations and applications: drafts, submission, the lists each role sees, and the history of transitions.

use super::*;

impl Store {
    /// Adds an applicant organisation, or renames one, as `actor`, with an
    /// entry in the audit log.
    pub async fn add_organisation(&self, organisation: &Organisation, actor: &str) -> Result<()> {
        let name = organisation.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::field_told(
                "name",
                Message::new("field-organisation-name-length").arg("max", MAX_NAME_CHARS),
                format!("is 1 to {MAX_NAME_CHARS} characters"),
            ));
        }
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO organisation (id, name, kind) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        )
        .bind(&organisation.id)
        .bind(&organisation.name)
        .bind(organisation.kind.code())
        .execute(&mut *tx)
        .await?;
        let detail = format!(
            "organisation {} {} ({})",
            organisation.id,
            organisation.name,
            organisation.kind.code()
        );
        crate::db::audit::append_audit(&mut tx, 0, "organisation_saved", actor, "", &detail)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn organisation(&self, id: &str) -> Result<Organisation> {
        let row = sqlx::query("SELECT id, name, kind FROM organisation WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| {
                Error::NotFound(crate::domain::error::Reason::told(
                    crate::domain::error::Message::new("error-no-organisation").arg("id", id),
                    format!("no organisation {id}"),
                ))
            })?;
        Ok(Organisation {
            id: row.get(0),
            name: row.get(1),
            kind: parse_kind(&row.get::<String, _>(2))?,
        })
    }

    /// Creates a draft and records the transition into it.
    pub async fn create_application(
        &self,
        scheme: &str,
        year: i32,
        organisation: &str,
        figures: &ApplicationFigures,
        actor: &str,
    ) -> Result<i64> {
        self.scheme_call(scheme, year).await?;
        let mut tx = self.pool().begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO application (scheme, year, organisation, project, amount_ore, \
             budget_total_ore, own_financing_ore, participants, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft') RETURNING id",
        )
        .bind(scheme)
        .bind(i64::from(year))
        .bind(organisation)
        .bind(&figures.project)
        .bind(figures.amount_applied.0)
        .bind(figures.budget_total.0)
        .bind(figures.own_financing.0)
        .bind(i64::from(figures.participants))
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        write_later_years(&mut tx, id, &figures.later_years).await?;
        record_transition(&mut tx, id, None, ApplicationState::Draft, actor, "created").await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a draft's figures; refused once it is submitted.
    pub async fn update_draft(
        &self,
        id: i64,
        figures: &ApplicationFigures,
        actor: &str,
    ) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE application SET project = $1, amount_ore = $2, budget_total_ore = $3, \
             own_financing_ore = $4, participants = $5 WHERE id = $6 AND state = 'draft'",
        )
        .bind(&figures.project)
        .bind(figures.amount_applied.0)
        .bind(figures.budget_total.0)
        .bind(figures.own_financing.0)
        .bind(i64::from(figures.participants))
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-not-draft").arg("id", id),
                "application {id} is no longer a draft and cannot be changed"
            );
        }
        sqlx::query("DELETE FROM application_later_year WHERE application_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        write_later_years(&mut tx, id, &figures.later_years).await?;
        record_transition(
            &mut tx,
            id,
            Some(ApplicationState::Draft),
            ApplicationState::Draft,
            actor,
            "edited",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Submits a draft on `today`, which must fall within the call.
    pub async fn submit_application(&self, id: i64, today: NaiveDate, actor: &str) -> Result<()> {
        let application = self.application(id).await?;
        let scheme = self
            .scheme_call(&application.scheme, application.year)
            .await?;
        if today < scheme.call_opens || today > scheme.call_closes {
            refuse_told!(
                crate::domain::error::Message::new("error-call-closed")
                    .arg("opens", scheme.call_opens)
                    .arg("closes", scheme.call_closes)
                    .arg("today", today),
                "the call of {} {} is open {} to {}; it cannot take applications on {today}",
                scheme.name,
                scheme.year,
                scheme.call_opens,
                scheme.call_closes
            );
        }
        let mut tx = self.pool().begin().await?;
        let updated = sqlx::query(
            "UPDATE application SET state = 'submitted', submitted_on = $1 WHERE id = $2 AND state = 'draft'",
        )
        .bind(today.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-not-draft").arg("id", id),
                "application {id} is not a draft: it was submitted already"
            );
        }
        record_transition(
            &mut tx,
            id,
            Some(ApplicationState::Draft),
            ApplicationState::Submitted,
            actor,
            "submitted",
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn application(&self, id: i64) -> Result<StoredApplication> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.id = $1");
        let row = sqlx::query(&sql)
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| {
                Error::NotFound(crate::domain::error::Reason::told(
                    crate::domain::error::Message::new("error-no-scheme-application").arg("id", id),
                    format!("no application {id}"),
                ))
            })?;
        let later = self.later_years(&[id]).await?;
        application_from_row(&row, &later)
    }

    /// The applications of one organisation, newest first.
    pub async fn applications_of_organisation(
        &self,
        organisation: &str,
    ) -> Result<Vec<StoredApplication>> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.organisation = $1 ORDER BY a.id DESC"
        );
        let rows = sqlx::query(&sql)
            .bind(organisation)
            .fetch_all(self.pool())
            .await?;
        self.applications_from_rows(&rows).await
    }

    /// The applications of the given schemes (every scheme when `None`),
    /// drafts left out: a draft is the applicant's own until submitted.
    pub async fn applications_of_schemes(
        &self,
        schemes: Option<&[String]>,
    ) -> Result<Vec<StoredApplication>> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.state <> 'draft' ORDER BY a.year, a.scheme, a.id"
        );
        let rows = sqlx::query(&sql).fetch_all(self.pool()).await?;
        let mut applications = self.applications_from_rows(&rows).await?;
        if let Some(schemes) = schemes {
            applications.retain(|a| schemes.contains(&a.scheme));
        }
        Ok(applications)
    }

    /// The applications of one call, drafts left out.
    pub async fn applications_of_call(
        &self,
        scheme: &str,
        year: i32,
    ) -> Result<Vec<StoredApplication>> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM {APPLICATION_FROM} WHERE a.scheme = $1 AND a.year = $2 \
             AND a.state <> 'draft' ORDER BY a.id"
        );
        let rows = sqlx::query(&sql)
            .bind(scheme)
            .bind(i64::from(year))
            .fetch_all(self.pool())
            .await?;
        self.applications_from_rows(&rows).await
    }

    async fn applications_from_rows(&self, rows: &[AnyRow]) -> Result<Vec<StoredApplication>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        let later = self.later_years(&ids).await?;
        rows.iter()
            .map(|row| application_from_row(row, &later))
            .collect()
    }

    async fn later_years(&self, ids: &[i64]) -> Result<BTreeMap<i64, Vec<(i32, Ore)>>> {
        let mut later: BTreeMap<i64, Vec<(i32, Ore)>> = BTreeMap::new();
        for chunk in ids.chunks(500) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT application_id, year, amount_ore FROM application_later_year \
                 WHERE application_id IN ({}) ORDER BY application_id, year",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                later
                    .entry(row.get(0))
                    .or_default()
                    .push((row.get::<i64, _>(1) as i32, Ore(row.get(2))));
            }
        }
        Ok(later)
    }

    pub async fn transitions(&self, id: i64) -> Result<Vec<Transition>> {
        Ok(sqlx::query(
            "SELECT from_state, to_state, actor, at, detail FROM application_transition \
             WHERE application_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Transition {
            from: r.get(0),
            to: r.get(1),
            actor: r.get(2),
            at: r.get(3),
            detail: r.get(4),
        })
        .collect())
    }
}
