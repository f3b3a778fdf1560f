//! Discretionary schemes in the database (edge): calls and frames,
//! organisations, applications and their transitions, reviews, awards
//! against the frame, payments to the ledger and releases.
//!
//! The frame is enforced where the award is written: one conditional
//! `UPDATE scheme_call SET bound_ore = bound_ore + amount WHERE … AND
//! bound_ore + amount <= frame_ore` in the award's transaction. Whichever of
//! two concurrent awards comes second sees the first one's sum, on SQLite
//! (one writer at a time) and on PostgreSQL (the row lock re-evaluates the
//! condition).

use crate::db::dialect::now_text;
use crate::db::ledger::insert_vouchers;
use crate::db::{refused_by_constraint, Store};
use crate::domain::application::{
    scheme_payment_voucher, ApplicationFigures, ApplicationState, DecisionKind, DecisionRequest,
    FrameStatus,
};
use crate::domain::error::{Error, Result};
use crate::domain::ledger::BudgetKey;
use crate::domain::money::Ore;
use crate::domain::schemes::{
    allocate, eligibility, ApplicantKind, Application, Criterion, Decision, Outcome, Scheme,
    SchemeDefinition, Score,
};
use chrono::{Datelike, NaiveDate};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::collections::BTreeMap;

/// An organisation that applies.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(serialize_with = "kind_code")]
    pub kind: ApplicantKind,
}

fn kind_code<S: serde::Serializer>(kind: &ApplicantKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.code())
}

/// A stored application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredApplication {
    pub id: i64,
    pub scheme: String,
    pub year: i32,
    pub organisation: Organisation,
    pub figures: ApplicationFigures,
    pub state: ApplicationState,
    pub submitted_on: Option<NaiveDate>,
    pub decision: Option<DecisionKind>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub committed: Option<Ore>,
    pub paid: Option<Ore>,
    pub released: Option<Ore>,
    pub report_text: Option<String>,
}

/// A recorded transition of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
    pub at: String,
    pub detail: String,
}

/// A reviewer's declaration and scores on one application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub reviewer: String,
    pub conflict_of_interest: bool,
    pub submitted: bool,
    /// criterion code → 0–5.
    pub scores: BTreeMap<String, u32>,
}

/// Why an award was not written.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AwardError {
    #[error(
        "the frame of {scheme} {year} has {available} left; an award of {wanted} would exceed it"
    )]
    FrameExceeded {
        scheme: String,
        year: i32,
        available: Ore,
        wanted: Ore,
    },
    #[error("application {0} is not open for a decision (it is {1})")]
    NotOpen(i64, String),
    #[error("application {0} has no submitted review; it cannot be ranked or awarded")]
    NotReviewed(i64),
}

const APPLICATION_COLUMNS: &str = "a.id, a.scheme, a.year, a.organisation, o.name, o.kind, \
    a.project, a.amount_ore, a.budget_total_ore, a.own_financing_ore, a.participants, a.state, \
    a.submitted_on, a.decision, a.decision_reason, a.decided_by, a.decided_at, c.amount_ore, \
    p.amount_ore, r.amount_ore, a.report_text";

const APPLICATION_FROM: &str = "application a JOIN organisation o ON o.id = a.organisation \
    LEFT JOIN commitment c ON c.application_id = a.id \
    LEFT JOIN scheme_payment p ON p.application_id = a.id \
    LEFT JOIN commitment_release r ON r.application_id = a.id";

impl Store {
    /// Loads scheme definitions, all or none: new calls are inserted; an
    /// existing call gets the file's name, rules, dates, criteria and frame,
    /// provided the frame still covers what is already awarded (the CHECK
    /// refuses otherwise), no scored criterion is dropped, and the budget
    /// line is one of the ledger's.
    pub async fn load_schemes(&self, definitions: &[SchemeDefinition]) -> Result<()> {
        let mut tx = self.pool().begin().await?;
        for definition in definitions {
            let s = &definition.scheme;
            let known = sqlx::query("SELECT 1 FROM budget_line WHERE chapter = $1 AND post = $2")
                .bind(&s.budget_key.chapter)
                .bind(&s.budget_key.post)
                .fetch_optional(&mut *tx)
                .await?;
            if known.is_none() {
                refuse!(
                    "scheme {} {}: budget line {} is not among the ledger's budget lines; payments could not be posted",
                    s.code,
                    s.year,
                    s.budget_key
                );
            }
            let eligible: Vec<&str> = s.eligible.iter().map(|k| k.code()).collect();
            sqlx::query(
                "INSERT INTO scheme_call (scheme, year, name, chapter, post, eligible, call_opens, \
                 call_closes, min_participants, min_own_financing_percent, frame_ore, sources) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                 ON CONFLICT (scheme, year) DO UPDATE SET name = excluded.name, \
                 chapter = excluded.chapter, post = excluded.post, eligible = excluded.eligible, \
                 call_opens = excluded.call_opens, call_closes = excluded.call_closes, \
                 min_participants = excluded.min_participants, \
                 min_own_financing_percent = excluded.min_own_financing_percent, \
                 frame_ore = excluded.frame_ore, sources = excluded.sources",
            )
            .bind(&s.code)
            .bind(i64::from(s.year))
            .bind(&s.name)
            .bind(&s.budget_key.chapter)
            .bind(&s.budget_key.post)
            .bind(eligible.join(","))
            .bind(s.call_opens.to_string())
            .bind(s.call_closes.to_string())
            .bind(s.min_participants.map(i64::from))
            .bind(s.min_own_financing_percent.map(i64::from))
            .bind(s.frame.0)
            .bind(&definition.sources)
            .execute(&mut *tx)
            .await
            .map_err(refused_by_constraint(|| {
                format!(
                    "cannot load scheme {} {}: its new frame is below what is already awarded",
                    s.code, s.year
                )
            }))?;
            for (position, criterion) in s.criteria.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO scheme_criterion (scheme, year, code, name, weight, position) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (scheme, year, code) DO UPDATE \
                     SET name = excluded.name, weight = excluded.weight, position = excluded.position",
                )
                .bind(&s.code)
                .bind(i64::from(s.year))
                .bind(&criterion.code)
                .bind(&criterion.name)
                .bind(i64::from(criterion.weight))
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
            // A criterion the file no longer has goes, unless a reviewer
            // has scored it: then the file is wrong for this call.
            let stored: Vec<String> =
                sqlx::query("SELECT code FROM scheme_criterion WHERE scheme = $1 AND year = $2")
                    .bind(&s.code)
                    .bind(i64::from(s.year))
                    .fetch_all(&mut *tx)
                    .await?
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
            for code in stored {
                if s.criteria.iter().any(|c| c.code == code) {
                    continue;
                }
                let scored = sqlx::query(
                    "SELECT 1 FROM review_score r JOIN application a ON a.id = r.application_id \
                     WHERE a.scheme = $1 AND a.year = $2 AND r.criterion = $3",
                )
                .bind(&s.code)
                .bind(i64::from(s.year))
                .bind(&code)
                .fetch_optional(&mut *tx)
                .await?;
                if scored.is_some() {
                    refuse!(
                        "scheme {} {}: criterion {code} has scores and cannot be removed",
                        s.code,
                        s.year
                    );
                }
                sqlx::query(
                    "DELETE FROM scheme_criterion WHERE scheme = $1 AND year = $2 AND code = $3",
                )
                .bind(&s.code)
                .bind(i64::from(s.year))
                .bind(&code)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every call, by year and scheme.
    pub async fn scheme_calls(&self) -> Result<Vec<Scheme>> {
        let keys: Vec<(String, i64)> =
            sqlx::query("SELECT scheme, year FROM scheme_call ORDER BY year, scheme")
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect();
        let mut calls = Vec::new();
        for (code, year) in keys {
            calls.push(self.scheme_call(&code, year as i32).await?);
        }
        Ok(calls)
    }

    pub async fn scheme_call(&self, code: &str, year: i32) -> Result<Scheme> {
        let row = sqlx::query(
            "SELECT name, chapter, post, eligible, call_opens, call_closes, min_participants, \
             min_own_financing_percent, frame_ore FROM scheme_call WHERE scheme = $1 AND year = $2",
        )
        .bind(code)
        .bind(i64::from(year))
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "no scheme {code} for {year}: `tilskot scheme list` shows the schemes"
            ))
        })?;
        let criteria = sqlx::query(
            "SELECT code, name, weight FROM scheme_criterion WHERE scheme = $1 AND year = $2 \
             ORDER BY position",
        )
        .bind(code)
        .bind(i64::from(year))
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(|r| Criterion {
            code: r.get(0),
            name: r.get(1),
            weight: r.get::<i64, _>(2) as u32,
        })
        .collect();
        let eligible: String = row.get(3);
        Ok(Scheme {
            code: code.to_string(),
            name: row.get(0),
            budget_key: BudgetKey::new(&row.get::<String, _>(1), &row.get::<String, _>(2))
                .map_err(|e| internal!(e))?,
            year,
            frame: Ore(row.get(8)),
            eligible: eligible
                .split(',')
                .filter_map(ApplicantKind::parse)
                .collect(),
            call_opens: parse_date(&row.get::<String, _>(4))?,
            call_closes: parse_date(&row.get::<String, _>(5))?,
            min_participants: row.get::<Option<i64>, _>(6).map(|v| v as u32),
            min_own_financing_percent: row.get::<Option<i64>, _>(7).map(|v| v as u32),
            criteria,
        })
    }

    /// Frame, awarded, paid and released of one call, summed in SQL.
    pub async fn frame_status(&self, code: &str, year: i32) -> Result<FrameStatus> {
        let row = sqlx::query(
            "SELECT s.frame_ore, \
             CAST((SELECT COALESCE(SUM(amount_ore), 0) FROM commitment WHERE scheme = s.scheme AND year = s.year) AS BIGINT), \
             CAST((SELECT COALESCE(SUM(p.amount_ore), 0) FROM scheme_payment p JOIN commitment c \
                ON c.application_id = p.application_id WHERE c.scheme = s.scheme AND c.year = s.year) AS BIGINT), \
             CAST((SELECT COALESCE(SUM(r.amount_ore), 0) FROM commitment_release r JOIN commitment c \
                ON c.application_id = r.application_id WHERE c.scheme = s.scheme AND c.year = s.year) AS BIGINT), \
             s.bound_ore \
             FROM scheme_call s WHERE s.scheme = $1 AND s.year = $2",
        )
        .bind(code)
        .bind(i64::from(year))
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| Error::NotFound(format!("no scheme {code} for {year}")))?;
        let status = FrameStatus {
            frame: Ore(row.get(0)),
            awarded: Ore(row.try_get(1)?),
            paid: Ore(row.try_get(2)?),
            released: Ore(row.try_get(3)?),
        };
        let bound = Ore(row.get(4));
        if bound != status.awarded - status.released {
            refuse!(
                "scheme {code} {year}: the frame's bound sum {bound} differs from awards minus releases {}",
                status.awarded - status.released
            );
        }
        Ok(status)
    }

    pub async fn add_organisation(&self, organisation: &Organisation) -> Result<()> {
        sqlx::query(
            "INSERT INTO organisation (id, name, kind) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind",
        )
        .bind(&organisation.id)
        .bind(&organisation.name)
        .bind(organisation.kind.code())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn organisation(&self, id: &str) -> Result<Organisation> {
        let row = sqlx::query("SELECT id, name, kind FROM organisation WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or_else(|| Error::NotFound(format!("no organisation {id}")))?;
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
            refuse!("application {id} is no longer a draft and cannot be changed");
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
            refuse!(
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
            refuse!("application {id} is not a draft: it was submitted already");
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
            .ok_or_else(|| Error::NotFound(format!("no application {id}")))?;
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

    /// A caseworker declares, once per application, whether they have a
    /// conflict of interest (inhabilitet). A conflicted reviewer never scores it.
    pub async fn declare_review(&self, id: i64, reviewer: &str, conflict: bool) -> Result<()> {
        let application = self.application(id).await?;
        if !application.state.open_for_review() {
            refuse!(
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
            refuse!(
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
                refuse!("{criterion} is not a criterion of {}", scheme.name);
            }
            if *value > 5 {
                refuse!("{criterion}: a score is 0–5, not {value}");
            }
        }
        if submit && scores.len() != scheme.criteria.len() {
            refuse!(
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
        .ok_or_else(|| Error::Refused(format!("{reviewer} must declare on conflicts of interest before scoring application {id}")))?;
        if review.get::<String, _>(0) == "true" {
            return Err(Error::NotAllowed(format!(
                "{reviewer} has declared a conflict of interest on application {id} and cannot score it"
            )));
        }
        if review.get::<Option<String>, _>(1).is_some() {
            refuse!("{reviewer} has already submitted the review of application {id}");
        }
        let state: String = sqlx::query("SELECT state FROM application WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .get(0);
        if !ApplicationState::parse(&state).is_some_and(ApplicationState::open_for_review) {
            refuse!("application {id} is {state}: it is not open for review");
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
        if request.kind != DecisionKind::Rejected {
            let reviews = self.reviews_for(id, None).await?;
            if !reviews.iter().any(|r| r.submitted) {
                return Err(AwardError::NotReviewed(id).into());
            }
        }
        let mut tx = self.pool().begin().await.map_err(Error::from)?;
        let updated = sqlx::query(
            "UPDATE application SET state = 'decided', decision = $1, decision_reason = $2, \
             decided_by = $3, decided_at = $4 WHERE id = $5 AND state IN ('submitted', 'in_review')",
        )
        .bind(request.kind.code())
        .bind(&request.reason)
        .bind(actor)
        .bind(now_text())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(Error::from)?
        .rows_affected();
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

    /// Pays an award's commitment once: the voucher to the ledger, the
    /// payment record and the transition in one transaction. A second
    /// attempt finds the application paid and writes nothing.
    pub async fn pay_commitment(&self, id: i64, date: NaiveDate, actor: &str) -> Result<Ore> {
        let application = self.application(id).await?;
        let (Some(committed), Some(decision)) = (application.committed, application.decision)
        else {
            refuse!("application {id} has no award to pay");
        };
        if application.released.is_some() {
            refuse!("the commitment of application {id} was released; it is not paid");
        }
        // A commitment is against one year's appropriation (post 62 is not
        // transferable): it is paid in that year or released.
        if date.year() != application.year {
            refuse!(
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
        if updated != 1 {
            refuse!(
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
            refuse!("application {id} has no commitment to release");
        };
        if application.paid.is_some() {
            refuse!("application {id} is paid; a paid commitment is not released");
        }
        if reason.trim().is_empty() {
            refuse!("a release states its reason");
        }
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
            format!("the commitment of application {id} was released already")
        }))?;
        sqlx::query(
            "UPDATE scheme_call SET bound_ore = bound_ore - $1 WHERE scheme = $2 AND year = $3",
        )
        .bind(committed.0)
        .bind(&application.scheme)
        .bind(i64::from(application.year))
        .execute(&mut *tx)
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
            refuse!("report: the report is required");
        }
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
            refuse!("application {id} is not paid; a report comes after the payment");
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

/// What the ranking proposes for a call's undecided applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub decisions: Vec<Decision>,
    /// Eligible applications without a submitted review: not ranked yet.
    pub not_reviewed: Vec<i64>,
}

/// A decision that was not written: a rule of the award, or the database.
#[derive(Debug, thiserror::Error)]
pub enum DecideError {
    #[error(transparent)]
    Award(#[from] AwardError),
    #[error(transparent)]
    Other(#[from] Error),
}

impl From<DecideError> for Error {
    fn from(error: DecideError) -> Error {
        match error {
            DecideError::Award(award) => Error::Refused(award.to_string()),
            DecideError::Other(other) => other,
        }
    }
}

/// The request that writes a proposed decision.
pub fn request_of(decision: &Decision) -> DecisionRequest {
    match &decision.outcome {
        Outcome::Awarded(amount) => DecisionRequest {
            kind: DecisionKind::Awarded,
            amount: *amount,
            reason: String::new(),
        },
        Outcome::PartlyAwarded(amount) => DecisionRequest {
            kind: DecisionKind::PartlyAwarded,
            amount: *amount,
            reason: "the frame did not cover the whole amount applied for".into(),
        },
        Outcome::RecommendedNotFunded => DecisionRequest {
            kind: DecisionKind::RecommendedNotFunded,
            amount: Ore::ZERO,
            reason: "the frame was used up by applications ranked higher".into(),
        },
        Outcome::Rejected(rule) => DecisionRequest {
            kind: DecisionKind::Rejected,
            amount: Ore::ZERO,
            reason: rule.clone(),
        },
    }
}

async fn write_later_years(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    years: &[(i32, Ore)],
) -> Result<()> {
    for (year, amount) in years {
        sqlx::query(
            "INSERT INTO application_later_year (application_id, year, amount_ore) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(i64::from(*year))
        .bind(amount.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn record_transition(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    from: Option<ApplicationState>,
    to: ApplicationState,
    actor: &str,
    detail: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO application_transition (application_id, from_state, to_state, actor, at, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.map(|s| s.code().to_string()))
    .bind(to.code())
    .bind(actor)
    .bind(now_text())
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn application_from_row(
    row: &AnyRow,
    later: &BTreeMap<i64, Vec<(i32, Ore)>>,
) -> Result<StoredApplication> {
    let id: i64 = row.get(0);
    let state: String = row.get(11);
    Ok(StoredApplication {
        id,
        scheme: row.get(1),
        year: row.get::<i64, _>(2) as i32,
        organisation: Organisation {
            id: row.get(3),
            name: row.get(4),
            kind: parse_kind(&row.get::<String, _>(5))?,
        },
        figures: ApplicationFigures {
            project: row.get(6),
            amount_applied: Ore(row.get(7)),
            budget_total: Ore(row.get(8)),
            own_financing: Ore(row.get(9)),
            participants: row.get::<i64, _>(10) as u32,
            later_years: later.get(&id).cloned().unwrap_or_default(),
        },
        state: ApplicationState::parse(&state)
            .ok_or_else(|| internal!("stored state '{state}'"))?,
        submitted_on: row
            .get::<Option<String>, _>(12)
            .map(|d| parse_date(&d))
            .transpose()?,
        decision: row
            .get::<Option<String>, _>(13)
            .and_then(|d| DecisionKind::parse(&d)),
        decision_reason: row.get(14),
        decided_by: row.get(15),
        decided_at: row.get(16),
        committed: row.get::<Option<i64>, _>(17).map(Ore),
        paid: row.get::<Option<i64>, _>(18).map(Ore),
        released: row.get::<Option<i64>, _>(19).map(Ore),
        report_text: row.get(20),
    })
}

fn parse_kind(text: &str) -> Result<ApplicantKind> {
    ApplicantKind::parse(text).ok_or_else(|| internal!("stored applicant kind '{text}'"))
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| internal!("stored date '{text}'"))
}
