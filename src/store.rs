//! The database edge: SQLite (embedded default) or PostgreSQL through sqlx's
//! `Any` driver, with the same queries for both. Every write of an import or
//! a batch happens in one transaction.

use crate::approval::BatchStatus;
use crate::calendar::{parse_iso_date, Period};
use crate::grant::Basis;
use crate::money::Ore;
use crate::municipality::MunicipalityNumber;
use crate::payout::{BatchLine, LineKey, PersonPayment};
use crate::register::{Event, EventKind};
use anyhow::{anyhow, bail, Context, Result};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor, Row};
use std::collections::BTreeMap;
use std::sync::Arc;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Rows per multi-row INSERT: 13 columns × 2 000 rows stays under SQLite's
/// 32 766 and PostgreSQL's 65 535 parameters.
const ROWS_PER_INSERT: usize = 2_000;

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connected, migrated database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The register as last built, with the event count and move lag it was
    /// built from: events are only ever added, so the same count is the same
    /// register, and the batches of a year need not rebuild it each term.
    register_cache: Arc<std::sync::Mutex<Option<CachedRegister>>>,
    /// What was paid, with the paid batches it sums: paid batches never
    /// change, so a later call adds only the batches paid since.
    paid_cache: Arc<std::sync::Mutex<Option<CachedPaid>>>,
}

/// The paid sums per line key and the ids of the paid batches they sum.
struct CachedPaid {
    batches: Vec<i64>,
    paid: Arc<BTreeMap<LineKey, Ore>>,
}

/// A built register and what it was built from.
#[derive(Clone)]
pub struct CachedRegister {
    pub events: i64,
    pub move_lag: u32,
    pub register: Arc<crate::register::Register>,
}

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
    /// Connects to `sqlite://FILE` (created if missing) or `postgres://…`
    /// and applies the migrations of that backend.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (backend, url) = if url.starts_with("sqlite:") {
            let url = if url.contains("mode=") {
                url.to_string()
            } else if url.contains('?') {
                format!("{url}&mode=rwc")
            } else {
                format!("{url}?mode=rwc")
            };
            (Backend::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_string())
        } else {
            bail!("unsupported database URL '{url}': use sqlite://FILE or postgres://…");
        };
        let options =
            AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 1 } else { 4 });
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY;")
                        .await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let pool = options
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&url)))?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&pool)
            .await
            .context("cannot apply the database migrations")?;
        Ok(Store {
            pool,
            backend,
            register_cache: Arc::new(std::sync::Mutex::new(None)),
            paid_cache: Arc::new(std::sync::Mutex::new(None)),
        })
    }

    /// The cached register, if it was built from `events` events with `move_lag`.
    pub fn cached_register(
        &self,
        events: i64,
        move_lag: u32,
    ) -> Option<Arc<crate::register::Register>> {
        let cache = self.register_cache.lock().expect("register cache");
        cache
            .as_ref()
            .filter(|c| c.events == events && c.move_lag == move_lag)
            .map(|c| Arc::clone(&c.register))
    }

    pub fn clear_register_cache(&self) {
        *self.register_cache.lock().expect("register cache") = None;
    }

    pub fn cache_register(&self, entry: CachedRegister) {
        *self.register_cache.lock().expect("register cache") = Some(entry);
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Records the period from which tilskot pays, and loads the shipped chart
    /// of accounts and budget lines into an empty ledger. Refuses to change
    /// the period once set: accruals before it were paid by the previous
    /// system.
    pub async fn init(&self, start: Period) -> Result<()> {
        let (accounts, budget_lines) = crate::accounts_import::shipped_reference_data()?;
        self.seed_reference_data(&accounts, &budget_lines).await?;
        crate::scheme_cli::load_shipped_schemes(self).await?;
        match self.setting("start_period").await? {
            Some(existing) if existing == start.to_string() => Ok(()),
            Some(existing) => bail!("the database already pays from {existing}; the start period cannot be changed to {start}"),
            None => {
                sqlx::query("INSERT INTO setting (key, value) VALUES ($1, $2)")
                    .bind("start_period")
                    .bind(start.to_string())
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM setting WHERE key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// The start period, or an error telling the operator to run `init`.
    pub async fn start_period(&self) -> Result<Period> {
        let text = self.setting("start_period").await?.ok_or_else(|| {
            anyhow!(
                "the database is not initialised: run `tilskot init --start-period YYYY-MM` first"
            )
        })?;
        text.parse().map_err(|e: String| anyhow!(e))
    }

    pub async fn event_count(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM register_event")
            .fetch_one(&self.pool)
            .await?
            .get::<i64, _>(0))
    }

    /// Every event of the register.
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        // Events come packed, one text per event, and a block of them per
        // row: decoding ten columns a row through sqlx's `Any` driver, and
        // handing each row over from SQLite's worker thread, cost several
        // times more than splitting strings here. The aggregate's name is
        // the one thing the two databases spell differently.
        let aggregate = packed_lines_aggregate(self.backend);
        let rows = sqlx::query(&format!(
            "SELECT {aggregate} FROM (SELECT id, {PACKED_EVENT} AS packed FROM register_event) events \
             GROUP BY id / {EVENTS_PER_BLOCK}"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut events = Vec::new();
        for row in rows {
            let block: String = row.get(0);
            for packed in block.split('\n') {
                events.push(event_from_packed(packed)?);
            }
        }
        Ok(events)
    }

    /// The events of the given persons (and of nobody else).
    pub async fn events_of_persons(&self, person_ids: &[String]) -> Result<Vec<Event>> {
        let mut events = Vec::new();
        for chunk in person_ids.chunks(ROWS_PER_INSERT) {
            let placeholders: Vec<String> = (1..=chunk.len())
                .map(|i| placeholder(self.backend, i))
                .collect();
            let sql = format!(
                "SELECT {PACKED_EVENT} FROM register_event WHERE person_id IN ({}) ORDER BY id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(id.as_str());
            }
            for row in query.fetch_all(&self.pool).await? {
                events.push(event_from_packed(&row.get::<String, _>(0))?);
            }
        }
        Ok(events)
    }

    /// Stores an import and its new events in one transaction; returns the
    /// import's id.
    pub async fn insert_import(
        &self,
        file_name: &str,
        rows_read: usize,
        events: &[(usize, Event)],
    ) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let import_id: i64 = sqlx::query(
            "INSERT INTO register_import (file_name, imported_at, rows_read, events_added) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(file_name)
        .bind(now_text())
        .bind(rows_read as i64)
        .bind(events.len() as i64)
        .fetch_one(&mut *tx)
        .await?
        .get(0);
        for chunk in events.chunks(ROWS_PER_INSERT) {
            let sql = multi_row_insert(
                self.backend,
                "register_event",
                &[
                    "content_key",
                    "import_id",
                    "source_row",
                    "event",
                    "event_date",
                    "person_id",
                    "household_id",
                    "birth_date",
                    "municipality",
                    "basis",
                    "unaccompanied",
                    "country",
                    "mother_id",
                ],
                chunk.len(),
            );
            let mut query = sqlx::query(&sql);
            for (row, event) in chunk {
                let [kind, date, person, household, birth, municipality, basis, unaccompanied, country, mother] =
                    event.fields();
                query = query
                    .bind(event.content_key())
                    .bind(import_id)
                    .bind(*row as i64)
                    .bind(kind)
                    .bind(date)
                    .bind(person)
                    .bind(non_empty(household))
                    .bind(non_empty(birth))
                    .bind(non_empty(municipality))
                    .bind(non_empty(basis))
                    .bind(non_empty(unaccompanied))
                    .bind(non_empty(country))
                    .bind(non_empty(mother));
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(import_id)
    }

    /// What has been paid so far, per municipality, grant and person: the
    /// lines of paid batches, without those of municipalities whose negative
    /// net was carried to the next term. Paid batches never change, so the
    /// sums are kept and a later call reads only the batches paid since.
    pub async fn paid_by_line(&self) -> Result<Arc<BTreeMap<LineKey, Ore>>> {
        let paid_batches: Vec<i64> =
            sqlx::query("SELECT id FROM batch WHERE status = 'paid' ORDER BY id")
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect();
        let cached = self.paid_cache.lock().expect("paid cache").take();
        let (mut paid, new_batches) = match cached {
            Some(c) if paid_batches.starts_with(&c.batches) => {
                let new = paid_batches[c.batches.len()..].to_vec();
                (c.paid, new)
            }
            _ => {
                let mut all = BTreeMap::new();
                for (key, amount) in self.read_packed_lines(PAID_SUMS_SQL, None).await? {
                    all.insert(key, amount);
                }
                (Arc::new(all), Vec::new())
            }
        };
        if !new_batches.is_empty() {
            let sums = Arc::make_mut(&mut paid);
            for batch_id in new_batches {
                for (key, amount) in self
                    .read_packed_lines(PAID_LINES_OF_BATCH_SQL, Some(batch_id))
                    .await?
                {
                    *sums.entry(key).or_default() += amount;
                }
            }
        }
        paid_retain_non_zero(&mut paid);
        *self.paid_cache.lock().expect("paid cache") = Some(CachedPaid {
            batches: paid_batches,
            paid: Arc::clone(&paid),
        });
        Ok(paid)
    }

    /// Reads lines packed in blocks (see `all_events`): a million rows
    /// decoded one by one through `Any` cost seconds. `sql` selects one
    /// `packed` text and a row number `n` per line.
    async fn read_packed_lines(
        &self,
        sql: &str,
        batch_id: Option<i64>,
    ) -> Result<Vec<(LineKey, Ore)>> {
        let aggregate = packed_lines_aggregate(self.backend);
        let sql =
            format!("SELECT {aggregate} FROM ({sql}) lines GROUP BY (n - 1) / {EVENTS_PER_BLOCK}");
        let mut query = sqlx::query(&sql);
        if let Some(batch_id) = batch_id {
            query = query.bind(batch_id);
        }
        let mut lines = Vec::new();
        for row in query.fetch_all(&self.pool).await? {
            let block: String = row.get(0);
            for packed in block.split('\n') {
                let fields: Vec<&str> = packed.split('\t').collect();
                let [municipality, grant, person, amount] = fields[..] else {
                    bail!("stored line '{packed}' does not have 4 fields");
                };
                let amount = Ore(amount
                    .parse()
                    .map_err(|_| anyhow!("stored amount '{amount}' of a line"))?);
                lines.push((line_key(municipality, grant, person)?, amount));
            }
        }
        Ok(lines)
    }

    /// The sums of a batch's lines per municipality and grant, in SQL.
    pub async fn batch_totals(
        &self,
        batch_id: i64,
    ) -> Result<BTreeMap<(MunicipalityNumber, crate::grant::Grant), Ore>> {
        let rows = sqlx::query(
            "SELECT municipality, grant_code, '', CAST(SUM(amount_ore) AS BIGINT) FROM batch_line \
             WHERE batch_id = $1 GROUP BY municipality, grant_code",
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
        .with_context(|| format!("cannot store batch {period} run {run_number} (was it stored by another run at the same time?)"))?
        .get(0);
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
        crate::approval_store::append_audit(
            &mut tx,
            id,
            "compute",
            "tilskot",
            content_hash,
            detail,
        )
        .await?;
        for chunk in lines.chunks(ROWS_PER_INSERT) {
            let sql = multi_row_insert(
                self.backend,
                "batch_line",
                &[
                    "batch_id",
                    "municipality",
                    "grant_code",
                    "person_id",
                    "amount_ore",
                ],
                chunk.len(),
            );
            let mut query = sqlx::query(&sql);
            for line in chunk {
                query = query
                    .bind(id)
                    .bind(line.key.municipality.to_string())
                    .bind(line.key.grant.code())
                    .bind(line.key.person_id.as_deref().unwrap_or("").to_string())
                    .bind(line.amount.0);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
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

    pub async fn batch_lines(&self, batch_id: i64) -> Result<Vec<BatchLine>> {
        let rows = sqlx::query(
            "SELECT municipality, grant_code, person_id, amount_ore FROM batch_line WHERE batch_id = $1 \
             ORDER BY municipality, grant_code, person_id",
        )
        .bind(batch_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(BatchLine {
                    key: line_key_from_row(row)?,
                    amount: Ore(row.get::<i64, _>(3)),
                })
            })
            .collect()
    }

    /// Every payment line of one person, oldest first.
    ///
    /// A person's lines are looked up through the primary key (batch,
    /// municipality, grant, person) with the municipalities the person lived
    /// in, which the register knows: batch lines have no index by person,
    /// which cost every batch's storage more than it saved `explain`. The
    /// CROSS JOIN keeps SQLite's planner from scanning all batch lines
    /// first (PostgreSQL plans it freely; the meaning is the same).
    pub async fn person_payments(
        &self,
        person_id: &str,
        municipalities: &[MunicipalityNumber],
    ) -> Result<Vec<PersonPayment>> {
        if municipalities.is_empty() {
            return Ok(Vec::new());
        }
        let municipality_list: Vec<String> = (0..municipalities.len())
            .map(|i| format!("${}", i + 2))
            .collect();
        let grant_list: Vec<String> = (0..crate::grant::Grant::ALL.len())
            .map(|i| format!("${}", i + 2 + municipalities.len()))
            .collect();
        let sql = format!(
            "SELECT b.period, b.run_number, l.municipality, l.grant_code, l.amount_ore \
             FROM batch b CROSS JOIN batch_line l \
             WHERE l.batch_id = b.id AND b.status = 'paid' AND l.municipality IN ({}) AND l.grant_code IN ({}) AND l.person_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM batch_carried c WHERE c.batch_id = l.batch_id AND c.municipality = l.municipality) \
             ORDER BY b.period, b.run_number, l.grant_code, l.municipality",
            municipality_list.join(", "),
            grant_list.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(person_id);
        for municipality in municipalities {
            query = query.bind(municipality.to_string());
        }
        for grant in crate::grant::Grant::ALL {
            query = query.bind(grant.code());
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(PersonPayment {
                    period: row
                        .get::<String, _>(0)
                        .parse()
                        .map_err(|e: String| anyhow!(e))?,
                    run_number: row.get(1),
                    municipality: trusted_municipality(&row.get::<String, _>(2))?,
                    grant: row
                        .get::<String, _>(3)
                        .parse()
                        .map_err(|e: String| anyhow!(e))?,
                    amount: Ore(row.get::<i64, _>(4)),
                })
            })
            .collect()
    }
}

/// Events per row when the register is read in blocks.
const EVENTS_PER_BLOCK: i64 = 5_000;

/// The paid sums per line key, packed (see `read_packed_lines`).
const PAID_SUMS_SQL: &str = "SELECT ROW_NUMBER() OVER () AS n, l.municipality || '\t' || l.grant_code \
     || '\t' || l.person_id || '\t' || CAST(CAST(SUM(l.amount_ore) AS BIGINT) AS TEXT) AS packed \
     FROM batch_line l JOIN batch b ON b.id = l.batch_id \
     WHERE b.status = 'paid' AND NOT EXISTS \
       (SELECT 1 FROM batch_carried c WHERE c.batch_id = l.batch_id AND c.municipality = l.municipality) \
     GROUP BY l.municipality, l.grant_code, l.person_id";

/// The paid lines of one batch, packed (see `read_packed_lines`).
const PAID_LINES_OF_BATCH_SQL: &str = "SELECT ROW_NUMBER() OVER () AS n, l.municipality || '\t' || l.grant_code \
     || '\t' || l.person_id || '\t' || CAST(l.amount_ore AS TEXT) AS packed \
     FROM batch_line l WHERE l.batch_id = $1 AND NOT EXISTS \
       (SELECT 1 FROM batch_carried c WHERE c.batch_id = l.batch_id AND c.municipality = l.municipality)";

/// Drops sums that came to zero (a payment and its set-off).
fn paid_retain_non_zero(paid: &mut Arc<BTreeMap<LineKey, Ore>>) {
    if paid.values().any(|a| a.is_zero()) {
        Arc::make_mut(paid).retain(|_, a| !a.is_zero());
    }
}

/// The columns of an event joined by tabs (identifiers never hold a tab:
/// the import refuses control characters).
const PACKED_EVENT: &str = "event || '\t' || event_date || '\t' || person_id || '\t' || COALESCE(household_id, '') \
     || '\t' || COALESCE(birth_date, '') || '\t' || COALESCE(municipality, '') || '\t' || COALESCE(basis, '') \
     || '\t' || COALESCE(unaccompanied, '') || '\t' || COALESCE(country, '') || '\t' || COALESCE(mother_id, '')";

/// Reads back a packed event that was validated before it was stored.
/// Joins the `packed` texts of a group with newlines: the one function the
/// two databases spell differently.
fn packed_lines_aggregate(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "group_concat(packed, char(10))",
        Backend::Postgres => "string_agg(packed, chr(10))",
    }
}

fn event_from_packed(text: &str) -> Result<Event> {
    let fields: Vec<&str> = text.split('\t').collect();
    if fields.len() != 10 {
        bail!("stored event '{text}' does not have 10 fields");
    }
    let opt = |i: usize| (!fields[i].is_empty()).then(|| fields[i].to_string());
    let date = |i: usize| {
        opt(i)
            .map(|t| parse_iso_date(&t))
            .transpose()
            .map_err(|e| anyhow!(e))
    };
    Ok(Event {
        kind: EventKind::parse(fields[0])
            .ok_or_else(|| anyhow!("stored event kind '{}'", fields[0]))?,
        date: date(1)?.ok_or_else(|| anyhow!("stored event without date"))?,
        person_id: fields[2].to_string(),
        household_id: opt(3),
        birth_date: date(4)?,
        municipality: opt(5).map(|m| trusted_municipality(&m)).transpose()?,
        basis: opt(6)
            .map(|b| b.parse::<Basis>())
            .transpose()
            .map_err(|e| anyhow!(e))?,
        unaccompanied: opt(7).map(|u| u == "true"),
        country: opt(8),
        mother_id: opt(9),
    })
}

const BATCH_SELECT: &str =
    "SELECT id, period, run_number, computed_at, content_hash, line_count, total_ore, \
     weakest_rate_status, register_events, status, attested_by, approved_by, approved_at, \
     unverified_rates_allowed, computed_from FROM batch";

/// The `n`-th (1-based) bind parameter in the backend's syntax. SQLite gets
/// anonymous `?`: numbered names make SQLite look each one up by name, which
/// costs time quadratic in the number of parameters of a statement.
pub(crate) fn placeholder(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_string(),
        Backend::Postgres => format!("${n}"),
    }
}

/// `INSERT INTO table (columns) VALUES (…), (…)` for `rows` rows, with the
/// parameters numbered in order.
pub(crate) fn multi_row_insert(
    backend: Backend,
    table: &str,
    columns: &[&str],
    rows: usize,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut parameter = 0;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..columns.len() {
            if column > 0 {
                sql.push_str(", ");
            }
            parameter += 1;
            sql.push_str(&placeholder(backend, parameter));
        }
        sql.push(')');
    }
    sql
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

pub(crate) fn now_text() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}

fn trusted_municipality(text: &str) -> Result<MunicipalityNumber> {
    MunicipalityNumber::from_trusted(text)
        .ok_or_else(|| anyhow!("stored municipality '{text}' is malformed"))
}

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
        grant: grant.parse().map_err(|e: String| anyhow!(e))?,
        person_id: (!person.is_empty()).then(|| Arc::from(person)),
    })
}

fn batch_from_row(row: &AnyRow) -> Result<StoredBatch> {
    Ok(StoredBatch {
        id: row.get(0),
        period: row
            .get::<String, _>(1)
            .parse()
            .map_err(|e: String| anyhow!(e))?,
        run_number: row.get(2),
        computed_at: row.get(3),
        content_hash: row.get(4),
        line_count: row.get(5),
        total: Ore(row.get::<i64, _>(6)),
        weakest_rate_status: row.get(7),
        register_events: row.get(8),
        status: {
            let text: String = row.get(9);
            BatchStatus::parse(&text).ok_or_else(|| anyhow!("stored batch status '{text}'"))?
        },
        attested_by: row.get(10),
        approved_by: row.get(11),
        approved_at: row.get(12),
        unverified_rates_allowed: row.get(13),
        computed_from: row.get(14),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_row_inserts_number_their_parameters_in_order() {
        assert_eq!(
            multi_row_insert(Backend::Postgres, "t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            multi_row_insert(Backend::Sqlite, "t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn passwords_do_not_appear_in_error_messages() {
        assert_eq!(
            redact("postgres://user:secret@host/db"),
            "postgres://…@host/db"
        );
        assert_eq!(redact("sqlite://tilskot.db"), "sqlite://tilskot.db");
    }
}
