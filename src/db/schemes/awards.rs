//! Decisions and awards within the frame, reservations of later years, and the ranking's proposal. **Boundary:** an award and its frame check are one conditional UPDATE in the decision's transaction.

use super::*;
use crate::db::closed_years::refuse_in_closed_year;
use crate::domain::error::{Message, Reason};

impl Store {
    /// Writes a decision. An award adds its amount to the frame's bound sum
    /// in the same transaction, on condition that the sum stays within the
    /// frame; later years become reservations.
    pub async fn decide(
        &self,
        id: i64,
        request: &DecisionRequest,
        actor: &str,
    ) -> Result<(), DecideError> {
        let application = self.application(id).await?;
        self.check_decision_rights(&application, actor).await?;
        let mut tx = self.pool().begin().await.map_err(Error::from)?;
        let updated = sqlx::query(
            "UPDATE application SET state = 'decided', decision = $1, decision_reason = $2, \
             decided_by = $3, decided_at = $4, decision_message = $5 \
             WHERE id = $6 AND state IN ('submitted', 'in_review')",
        )
        .bind(request.kind.code())
        .bind(&request.reason)
        .bind(actor)
        .bind(now_text())
        .bind(request.message.as_ref().map(Message::to_stored))
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(Error::from)?
        .rows_affected();
        // After the first write, so that the transaction holds the write
        // lock before it reads (SQLite cannot upgrade a read under a writer).
        refuse_in_closed_year(
            &mut tx,
            application.year,
            "no application of its schemes is decided",
        )
        .await?;
        if updated != 1 {
            return Err(AwardError::NotOpen(id, application.state.to_string()).into());
        }
        if request.kind.commits() {
            let bound = sqlx::query(
                "UPDATE scheme_call SET bound_ore = bound_ore + $1 \
                 WHERE scheme = $2 AND year = $3 AND bound_ore + $4 <= frame_ore",
            )
            .bind(request.amount.0)
            .bind(&application.scheme)
            .bind(i64::from(application.year))
            .bind(request.amount.0)
            .execute(&mut *tx)
            .await
            .map_err(Error::from)?
            .rows_affected();
            if bound != 1 {
                drop(tx);
                let status = self
                    .frame_status(&application.scheme, application.year)
                    .await?;
                return Err(AwardError::FrameExceeded {
                    scheme: application.scheme.clone(),
                    year: application.year,
                    available: status.available(),
                    wanted: request.amount,
                }
                .into());
            }
            sqlx::query(
                "INSERT INTO commitment (application_id, scheme, year, amount_ore, committed_by, committed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(&application.scheme)
            .bind(i64::from(application.year))
            .bind(request.amount.0)
            .bind(actor)
            .bind(now_text())
            .execute(&mut *tx)
            .await
            .map_err(Error::from)?;
            for (year, amount) in &application.figures.later_years {
                sqlx::query(
                    "INSERT INTO reservation (application_id, year, amount_ore) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(i64::from(*year))
                .bind(amount.0)
                .execute(&mut *tx)
                .await
                .map_err(Error::from)?;
            }
        }
        let detail = match request.kind.commits() {
            true => format!("{} {}", request.kind.code(), request.amount),
            false => format!("{}: {}", request.kind.code(), request.reason),
        };
        record_transition(
            &mut tx,
            id,
            Some(application.state),
            ApplicationState::Decided,
            actor,
            &detail,
        )
        .await?;
        tx.commit().await.map_err(Error::from)?;
        Ok(())
    }

    /// The one rule of who may decide, for the pages, the JSON API and
    /// `scheme propose --apply` alike: the deciding user exists, is a
    /// caseworker of the application's scheme, has declared on conflicts of
    /// interest in this application and declared none, and the application
    /// has the submitted reviews the scheme requires.
    async fn check_decision_rights(
        &self,
        application: &StoredApplication,
        actor: &str,
    ) -> Result<(), DecideError> {
        let id = application.id;
        let not_allowed = |message: Message, text: String| {
            DecideError::Other(Error::NotAllowed(Reason::told(message, text)))
        };
        let user = match self.user(actor).await {
            Ok(user) => user,
            Err(Error::NotFound(_)) => {
                return Err(not_allowed(
                    Message::new("error-no-user").arg("name", actor),
                    format!("{actor} is not a user"),
                ))
            }
            Err(other) => return Err(other.into()),
        };
        if user.role != Role::Caseworker || !user.schemes.contains(&application.scheme) {
            return Err(not_allowed(
                Message::new("error-not-caseworker-of-scheme").arg("id", id),
                format!(
                    "{actor} is not a caseworker of {} and cannot decide application {id}",
                    application.scheme
                ),
            ));
        }
        let reviews = self.reviews_for(id, None).await?;
        match reviews.iter().find(|r| r.reviewer == actor) {
            None => {
                return Err(not_allowed(
                    Message::new("error-declare-before-deciding").arg("id", id),
                    format!(
                        "{actor} has not declared on conflicts of interest in application {id}; declare before deciding"
                    ),
                ))
            }
            Some(review) if review.conflict_of_interest => {
                return Err(not_allowed(
                    Message::new("error-conflict-of-interest").arg("id", id),
                    format!(
                        "{actor} declared a conflict of interest in application {id}; another caseworker decides it"
                    ),
                ))
            }
            Some(_) => {}
        }
        let scheme = self
            .scheme_call(&application.scheme, application.year)
            .await?;
        let submitted = reviews.iter().filter(|r| r.submitted).count() as u32;
        if submitted < scheme.min_reviews {
            return Err(AwardError::NotReviewed {
                id,
                submitted,
                required: scheme.min_reviews,
            }
            .into());
        }
        Ok(())
    }

    /// Reservations of later years of an application's award.
    pub async fn reservations(&self, id: i64) -> Result<Vec<(i32, Ore)>> {
        Ok(sqlx::query(
            "SELECT year, amount_ore FROM reservation WHERE application_id = $1 ORDER BY year",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| (r.get::<i64, _>(0) as i32, Ore(r.get(1))))
        .collect())
    }

    /// The allocation the scheme's rules propose for the undecided
    /// applications of a call, ranked by their submitted scores, within what
    /// is left of the frame. An eligible application nobody has reviewed yet
    /// is left out (it cannot be ranked) and listed as such; an ineligible
    /// one is proposed for rejection with or without a review.
    pub async fn propose_allocation(
        &self,
        scheme: &str,
        year: i32,
        stated_partial: &BTreeMap<String, Ore>,
    ) -> Result<Proposal> {
        let mut call = self.scheme_call(scheme, year).await?;
        call.frame = self.frame_status(scheme, year).await?.available();
        let mut inputs = Vec::new();
        let mut not_reviewed = Vec::new();
        for application in self.applications_of_call(scheme, year).await? {
            if !application.state.open_for_review() {
                continue;
            }
            let scores: Vec<Score> = self
                .reviews_for(application.id, None)
                .await?
                .into_iter()
                .filter(|r| r.submitted)
                .flat_map(|r| {
                    let reviewer = r.reviewer.clone();
                    r.scores.into_iter().map(move |(criterion, value)| Score {
                        reviewer: reviewer.clone(),
                        criterion,
                        value,
                    })
                })
                .collect();
            let candidate = Application {
                id: application.id.to_string(),
                applicant_kind: application.organisation.kind,
                submitted: application.submitted_on.ok_or_else(|| {
                    internal!("application {} has no submission date", application.id)
                })?,
                amount_applied: application.figures.amount_applied,
                budget_total: application.figures.budget_total,
                own_financing: application.figures.own_financing,
                participants: application.figures.participants,
                later_years: application.figures.later_years.clone(),
            };
            if scores.is_empty() && eligibility(&call, &candidate).is_ok() {
                not_reviewed.push(application.id);
                continue;
            }
            inputs.push((candidate, scores));
        }
        Ok(Proposal {
            decisions: allocate(&call, &inputs, stated_partial).map_err(|e| internal!(e))?,
            not_reviewed,
        })
    }
}
