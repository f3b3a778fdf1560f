//! Calls of the schemes: definitions loaded from files, frames and their status.

use super::*;

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
                refuse_told!(
                    crate::domain::error::Message::new("error-scheme-budget-line-unknown")
                        .arg("scheme", &s.code)
                        .arg("year", s.year)
                        .arg("line", &s.budget_key),
                    "scheme {} {}: budget line {} is not among the ledger's budget lines; payments could not be posted",
                    s.code,
                    s.year,
                    s.budget_key
                );
            }
            let eligible: Vec<&str> = s.eligible.iter().map(|k| k.code()).collect();
            sqlx::query(
                "INSERT INTO scheme_call (scheme, year, name, chapter, post, eligible, call_opens, \
                 call_closes, min_participants, min_own_financing_percent, frame_ore, sources, \
                 min_reviews) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (scheme, year) DO UPDATE SET name = excluded.name, \
                 chapter = excluded.chapter, post = excluded.post, eligible = excluded.eligible, \
                 call_opens = excluded.call_opens, call_closes = excluded.call_closes, \
                 min_participants = excluded.min_participants, \
                 min_own_financing_percent = excluded.min_own_financing_percent, \
                 frame_ore = excluded.frame_ore, sources = excluded.sources, \
                 min_reviews = excluded.min_reviews",
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
            .bind(i64::from(s.min_reviews))
            .execute(&mut *tx)
            .await
            .map_err(refused_by_constraint(|| frame_below_awards(&s.code, s.year)))?;
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
                    refuse_told!(
                        crate::domain::error::Message::new("error-criterion-scored")
                            .arg("criterion", &code)
                            .arg("scheme", &s.code)
                            .arg("year", s.year),
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
             min_own_financing_percent, frame_ore, min_reviews FROM scheme_call WHERE scheme = $1 AND year = $2",
        )
        .bind(code)
        .bind(i64::from(year))
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| no_call(code, year))?;
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
            min_reviews: row.get::<i64, _>(9) as u32,
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
        .ok_or_else(|| no_call(code, year))?;
        let status = FrameStatus {
            frame: Ore(row.get(0)),
            awarded: Ore(row.try_get(1)?),
            paid: Ore(row.try_get(2)?),
            released: Ore(row.try_get(3)?),
        };
        let bound = Ore(row.get(4));
        if bound != status.awarded - status.released {
            refuse_told!(
                crate::domain::error::Message::new("error-frame-bound-differs")
                    .arg("scheme", code)
                    .arg("year", year),
                "scheme {code} {year}: the frame's bound sum {bound} differs from awards minus releases {}",
                status.awarded - status.released
            );
        }
        Ok(status)
    }
}

/// A call's new frame is below what it has already awarded.
fn frame_below_awards(code: &str, year: i32) -> Reason {
    Reason::told(
        Message::new("error-frame-below-awards")
            .arg("scheme", code)
            .arg("year", year),
        format!("cannot load scheme {code} {year}: its new frame is below what is already awarded"),
    )
}

/// No call of `code` in `year`.
fn no_call(code: &str, year: i32) -> Error {
    Error::NotFound(crate::domain::error::Reason::told(
        crate::domain::error::Message::new("error-no-call")
            .arg("scheme", code)
            .arg("year", year),
        format!("no scheme {code} for {year}: `tilskot scheme list` shows the schemes"),
    ))
}
