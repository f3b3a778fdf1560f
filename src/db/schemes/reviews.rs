//! Reviews: declarations of conflicts of interest and scores.

use super::*;

impl Store {
    /// A caseworker declares, once per application, whether they have a
    /// conflict of interest (inhabilitet). A conflicted reviewer never scores it.
    pub async fn declare_review(&self, id: i64, reviewer: &str, conflict: bool) -> Result<()> {
        let application = self.application(id).await?;
        if !application.state.open_for_review() {
            refuse_told!(
                crate::domain::error::Message::new("error-not-open-for-review").arg("id", id),
                "application {id} is {}: it is not open for review",
                application.state
            );
        }
        let inserted = sqlx::query(
            "INSERT INTO review (application_id, reviewer, conflict_of_interest, declared_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (application_id, reviewer) DO NOTHING",
        )
        .bind(id)
        .bind(reviewer)
        .bind(if conflict { "true" } else { "false" })
        .bind(now_text())
        .execute(self.pool())
        .await?
        .rows_affected();
        if inserted != 1 {
            refuse_told!(
                crate::domain::error::Message::new("error-already-declared").arg("id", id),
                "{reviewer} has already declared on application {id}; a declaration is not changed"
            );
        }
        Ok(())
    }

    /// Saves a reviewer's scores; `submit` makes them final and visible to
    /// the other reviewers. The first submitted review moves the
    /// application into review.
    pub async fn save_scores(
        &self,
        id: i64,
        reviewer: &str,
        scores: &BTreeMap<String, u32>,
        submit: bool,
    ) -> Result<()> {
        let application = self.application(id).await?;
        let scheme = self
            .scheme_call(&application.scheme, application.year)
            .await?;
        for (criterion, value) in scores {
            if !scheme.criteria.iter().any(|c| &c.code == criterion) {
                refuse_told!(
                    crate::domain::error::Message::new("error-unknown-criterion"),
                    "{criterion} is not a criterion of {}",
                    scheme.name
                );
            }
            if *value > 5 {
                refuse_told!(
                    crate::domain::error::Message::new("field-not-score").arg("text", value),
                    "{criterion}: a score is 0–5, not {value}"
                );
            }
        }
        if submit && scores.len() != scheme.criteria.len() {
            refuse_told!(
                crate::domain::error::Message::new("error-review-incomplete")
                    .arg("given", scores.len())
                    .arg("total", scheme.criteria.len()),
                "a submitted review scores every criterion: {} of {} given",
                scores.len(),
                scheme.criteria.len()
            );
        }
        let mut tx = self.pool().begin().await?;
        let review = sqlx::query(
            "SELECT conflict_of_interest, submitted_at FROM review WHERE application_id = $1 AND reviewer = $2",
        )
        .bind(id)
        .bind(reviewer)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            Error::Refused(crate::domain::error::Reason::told(
                crate::domain::error::Message::new("error-declare-first").arg("id", id),
                format!("{reviewer} must declare on conflicts of interest before scoring application {id}"),
            ))
        })?;
        if review.get::<String, _>(0) == "true" {
            return Err(Error::NotAllowed(crate::domain::error::Reason::told(
                crate::domain::error::Message::new("error-conflict-no-score").arg("id", id),
                format!(
                    "{reviewer} has declared a conflict of interest on application {id} and cannot score it"
                ),
            )));
        }
        if review.get::<Option<String>, _>(1).is_some() {
            refuse_told!(
                crate::domain::error::Message::new("error-review-submitted").arg("id", id),
                "{reviewer} has already submitted the review of application {id}"
            );
        }
        let state: String = sqlx::query("SELECT state FROM application WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .get(0);
        if !ApplicationState::parse(&state).is_some_and(ApplicationState::open_for_review) {
            refuse_told!(
                crate::domain::error::Message::new("error-not-open-for-review").arg("id", id),
                "application {id} is {state}: it is not open for review"
            );
        }
        for (criterion, value) in scores {
            sqlx::query(
                "INSERT INTO review_score (application_id, reviewer, criterion, value) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (application_id, reviewer, criterion) DO UPDATE SET value = excluded.value",
            )
            .bind(id)
            .bind(reviewer)
            .bind(criterion)
            .bind(i64::from(*value))
            .execute(&mut *tx)
            .await?;
        }
        if submit {
            sqlx::query(
                "UPDATE review SET submitted_at = $1 WHERE application_id = $2 AND reviewer = $3",
            )
            .bind(now_text())
            .bind(id)
            .bind(reviewer)
            .execute(&mut *tx)
            .await?;
            let moved = sqlx::query(
                "UPDATE application SET state = 'in_review' WHERE id = $1 AND state = 'submitted'",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved == 1 {
                record_transition(
                    &mut tx,
                    id,
                    Some(ApplicationState::Submitted),
                    ApplicationState::InReview,
                    reviewer,
                    "first review submitted",
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The reviews of an application as `viewer` may see them: their own,
    /// and the others' only once both the other's and the viewer's own
    /// review are submitted. `None` as viewer (a decision-maker's or
    /// auditor's view) sees every submitted review.
    pub async fn reviews_for(&self, id: i64, viewer: Option<&str>) -> Result<Vec<Review>> {
        let mut reviews: Vec<Review> = sqlx::query(
            "SELECT reviewer, conflict_of_interest, submitted_at FROM review WHERE application_id = $1 ORDER BY reviewer",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Review {
            reviewer: r.get(0),
            conflict_of_interest: r.get::<String, _>(1) == "true",
            submitted: r.get::<Option<String>, _>(2).is_some(),
            scores: BTreeMap::new(),
        })
        .collect();
        let viewer_submitted = match viewer {
            None => true,
            Some(v) => reviews.iter().any(|r| r.reviewer == v && r.submitted),
        };
        let rows = sqlx::query(
            "SELECT reviewer, criterion, value FROM review_score WHERE application_id = $1",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        for row in rows {
            let reviewer: String = row.get(0);
            let Some(review) = reviews.iter_mut().find(|r| r.reviewer == reviewer) else {
                continue;
            };
            let own = viewer == Some(reviewer.as_str());
            if own || (review.submitted && viewer_submitted) {
                review
                    .scores
                    .insert(row.get(1), row.get::<i64, _>(2) as u32);
            }
        }
        Ok(reviews)
    }
}
