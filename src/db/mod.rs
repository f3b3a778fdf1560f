//! The database: SQLite (embedded default) or PostgreSQL through sqlx's
//! `Any` driver, with the same queries for both. This folder is the only
//! user of sqlx; its pool never leaves it. One file per aggregate; the few
//! places where the two dialects differ are in `dialect`.
//!
//! **Boundary:** every write of an import, a batch, a payment or a decision
//! happens in one transaction.

/// The bounds of functions shared by the `Any` and native PostgreSQL
/// drivers (first: its macro is used by the modules after it).
#[macro_use]
mod either_driver;
/// Users and transitions of batches, payments.
pub mod approval;
/// The hash-chained audit log.
pub mod audit;
/// The stored form of a batch's lines: a block per municipality and grant.
pub mod batch_blocks;
/// Batches, their lines and what was paid.
pub mod batches;
/// Closed years: the guard every write into a year checks.
pub mod clock;
pub mod closed_years;
/// The byte layout of the stored snapshot and event pages.
mod codec;
/// Rows in the text format of PostgreSQL's `COPY`.
mod copy_rows;
/// What SQLite and PostgreSQL spell differently.
pub mod dialect;
/// Applications for and decisions on the disability grant.
pub mod disability;
/// The register's events as pages of bytes, beside their rows.
pub mod event_pages;
/// An import's event rows into PostgreSQL, by `COPY`.
mod event_rows_pg;
/// An import's event rows into SQLite.
mod event_rows_sqlite;
/// A register import's one transaction, on either database.
mod import_transaction;
/// A big bulk write into PostgreSQL with its indexes created after.
pub mod index_rebuild;
/// Rows as one JSON text, for PostgreSQL to unpack.
mod json_rows;
/// Chart, budget lines, allocations, vouchers and postings.
pub mod ledger;
/// An accounts import's vouchers and postings into PostgreSQL, by `COPY`.
mod ledger_copy;
/// Statements made on a worker while the one before is stored.
mod made_ahead;
/// What has been paid so far per line, kept at every payment.
pub mod paid_sums;
/// The register's events and imports.
pub mod register;
/// The built register as the bytes of its stored snapshot.
pub mod register_codec;
/// The stored register snapshot, in parts read as they arrive.
pub mod register_snapshot;
/// Schemes: calls, applications, reviews, awards and payments.
pub mod schemes;
/// Scratch PostgreSQL databases for the bench's runs.
pub mod scratch;
/// Web users and their sessions.
pub mod users;

pub use batches::{NewBatch, StoredBatch};
pub use dialect::Backend;

use crate::domain::calendar::Period;
use crate::domain::error::{Context, Error, Message, Reason, Result};
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor, Row};
use std::sync::Arc;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// Rows per multi-row INSERT: 13 columns × 2 000 rows stays under SQLite's
/// 32 766 and PostgreSQL's 65 535 parameters.
const ROWS_PER_INSERT: usize = 2_000;

/// A connected, migrated database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// The register as last built, with the event count and move lag it was
    /// built from: events are only ever added, so the same count is the same
    /// register, and the batches of a year need not rebuild it each term.
    register_cache: Arc<std::sync::Mutex<Option<CachedRegister>>>,
    /// Held while the register is read or built for the cache: one load
    /// at a time (see [`Store::register_loading`]).
    register_loading: Arc<tokio::sync::Mutex<()>>,
    /// What was paid, with the paid batches it sums: paid batches never
    /// change, so a later call adds only the batches paid since.
    paid_cache: Arc<std::sync::Mutex<Option<paid_sums::PaidSoFar>>>,
    /// How to open a native PostgreSQL connection (PostgreSQL only): the
    /// `Any` driver has no `COPY`, which a big import's rows take.
    native_postgres: Option<sqlx::postgres::PgConnectOptions>,
}

/// A built register and what it was built from.
#[derive(Clone)]
pub struct CachedRegister {
    pub events: i64,
    pub move_lag: u32,
    pub register: Arc<crate::domain::register::Register>,
}

impl Store {
    /// Creates the database if it is missing (`tilskot init` and the demo),
    /// and applies the migrations of its backend.
    pub async fn connect(url: &str) -> Result<Store> {
        let store = Store::pool_for(url, true).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens a database that `tilskot init` made, and applies any newer
    /// migrations. A database that does not exist, or was never
    /// initialised, is refused with a message that says so; nothing is
    /// created. Every command but `init` and the demo opens this way.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::pool_for(url, false).await?;
        let not_initialised = || {
            let shown = redact(url);
            Error::NotFound(Reason::told(
                Message::new("error-database-not-initialised").arg("database", &shown),
                format!("the database {shown} is not initialised: run `tilskot init --start-period YYYY-MM` first"),
            ))
        };
        let exists: i64 = sqlx::query(dialect::migrations_table_exists(store.backend))
            .fetch_one(&store.pool)
            .await?
            .get(0);
        if exists == 0 {
            store.close().await;
            return Err(not_initialised());
        }
        store.migrate().await?;
        if store.setting("start_period").await?.is_none() {
            store.close().await;
            return Err(not_initialised());
        }
        Ok(store)
    }

    /// The pool of a URL; a missing SQLite file is created only if `create`.
    async fn pool_for(url: &str, create: bool) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| {
            let shown = redact(url);
            Error::invalid_told(
                Message::new("error-database-url").arg("database", &shown),
                format!("unsupported database URL '{shown}': use sqlite://FILE or postgres://…"),
            )
        })?;
        if backend == Backend::Sqlite && !create {
            let path = dialect::sqlite_path(url);
            if !std::path::Path::new(path).exists() {
                return Err(Error::NotFound(Reason::told(
                    Message::new("error-database-missing").arg("database", path),
                    format!("the database {path} does not exist: run `tilskot init --start-period YYYY-MM` to create it"),
                )));
            }
        }
        let url = match backend {
            Backend::Sqlite => dialect::sqlite_url_with_mode(url, create),
            Backend::Postgres => url.to_string(),
        };
        if backend == Backend::Sqlite {
            refuse_other_than_sqlite(&url, dialect::sqlite_path(&url)).await?;
        }
        let options =
            AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 1 } else { 4 });
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| {
                Box::pin(async move {
                    conn.execute(dialect::SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            })
        } else {
            options
        };
        let native_postgres = match backend {
            Backend::Postgres => Some(quiet(parsed_options::<sqlx::postgres::PgConnectOptions>(
                &url,
            )?)),
            Backend::Sqlite => None,
        };
        let pool = options
            .connect_with(quiet(parsed_options::<sqlx::any::AnyConnectOptions>(&url)?))
            .await
            .map_err(|e| connect_error(e, &url))?;
        Ok(Store {
            pool,
            backend,
            register_cache: Arc::new(std::sync::Mutex::new(None)),
            register_loading: Arc::new(tokio::sync::Mutex::new(())),
            paid_cache: Arc::new(std::sync::Mutex::new(None)),
            native_postgres,
        })
    }

    async fn migrate(&self) -> Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("cannot apply the database migrations")
    }

    /// The cached register, if it was built from `events` events with `move_lag`.
    pub fn cached_register(
        &self,
        events: i64,
        move_lag: u32,
    ) -> Option<Arc<crate::domain::register::Register>> {
        let cache = self.register_cache.lock().expect("register cache");
        cache
            .as_ref()
            .filter(|c| c.events == events && c.move_lag == move_lag)
            .map(|c| Arc::clone(&c.register))
    }

    /// Waits for any other load of the register into the cache, and holds
    /// off the next until the guard is dropped. Requests that arrive while
    /// the register is read take it from the cache afterwards, instead of
    /// each reading a copy of their own (about 100 MB at scale 10 with six
    /// events a person) over a connection of its own.
    pub async fn register_loading(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.register_loading.lock().await
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

    /// The pool, for the files of this folder only.
    pub(in crate::db) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A native connection to the PostgreSQL database, for what the `Any`
    /// driver cannot do (`COPY`); the database's own connections stay in
    /// the pool.
    pub(in crate::db) async fn native_postgres(&self) -> Result<sqlx::PgConnection> {
        use sqlx::ConnectOptions;
        let options = self
            .native_postgres
            .as_ref()
            .ok_or_else(|| internal!("a native PostgreSQL connection to a SQLite database"))?;
        options.connect().await.map_err(|e| {
            let url = format!(
                "postgres://{}:{}/{}",
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or_default()
            );
            connect_error(e, &url)
        })
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Records the period from which tilskot pays. Refuses to change it once
    /// set: accruals before it were paid by the previous system.
    pub async fn set_start_period(&self, start: Period) -> Result<()> {
        match self.setting("start_period").await? {
            Some(existing) if existing == start.to_string() => Ok(()),
            Some(existing) => refuse_told!(
                crate::domain::error::Message::new("error-start-period-fixed")
                    .arg("existing", &existing)
                    .arg("start", start),
                "the database already pays from {existing}; the start period cannot be changed to {start}"
            ),
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
            internal!(
                "the database is not initialised: run `tilskot init --start-period YYYY-MM` first"
            )
        })?;
        trusted_period(&text)
    }
}

/// A municipality number read back from the database, which stores only
/// checked numbers.
/// A period as the store wrote it; a malformed one is a failure inside.
pub(in crate::db) fn trusted_period(text: &str) -> Result<crate::domain::calendar::Period> {
    text.parse()
        .map_err(|_| internal!("stored period '{text}' is malformed"))
}

pub(in crate::db) fn trusted_municipality(
    text: &str,
) -> Result<crate::domain::municipality::MunicipalityNumber> {
    crate::domain::municipality::MunicipalityNumber::from_trusted(text)
        .ok_or_else(|| internal!("stored municipality '{text}' is malformed"))
}

/// The refusal of a paid record that no longer matches the audit log
/// (`domain::tamper`): the person reads that an auditor must look, and
/// under it what differs; that is also logged as a warning.
pub(in crate::db) fn paid_record_changed(problem: crate::domain::error::Reason) -> Error {
    tracing::warn!("{problem}");
    let listed: Vec<_> = problem
        .message
        .clone()
        .into_iter()
        .chain(problem.listed().iter().cloned())
        .collect();
    Error::Refused(
        crate::domain::error::Reason::told(
            crate::domain::error::Message::new("error-paid-record-changed"),
            problem.text,
        )
        .with_listed(listed),
    )
}

/// SQLite's result code for a file that is not a database (SQLITE_NOTADB).
const SQLITE_NOT_A_DATABASE: &str = "26";

/// Refuses an existing file that is not an SQLite database. Without this
/// check sqlx retries the connection for half a minute and then fails
/// inside; the person most likely named the wrong file. SQLite itself is
/// asked, on a connection of its own: reading the file directly would close
/// a descriptor of it, and closing any descriptor drops the locks that the
/// process's other connections hold on the file (POSIX advisory locks),
/// which SQLite's own connections know to avoid.
async fn refuse_other_than_sqlite(url: &str, path: &str) -> Result<()> {
    if !std::path::Path::new(path).exists() {
        return Ok(());
    }
    let Ok(mut connection) = <sqlx::AnyConnection as sqlx::Connection>::connect(url).await else {
        // The pool's own connection says why.
        return Ok(());
    };
    let probe = sqlx::query("PRAGMA schema_version")
        .fetch_optional(&mut connection)
        .await;
    let _ = sqlx::Connection::close(connection).await;
    let code = probe
        .as_ref()
        .err()
        .and_then(|e| e.as_database_error())
        .and_then(|e| e.code());
    if code.as_deref() != Some(SQLITE_NOT_A_DATABASE) {
        return Ok(());
    }
    Err(Error::NotFound(Reason::told(
        Message::new("error-database-unreachable").arg("database", path),
        format!("{path} is not an SQLite database"),
    )))
}

/// Maps a write that the database's constraints refused (a unique key, a
/// check, a foreign key) to a refusal with `reason`; any other failure stays
/// internal. The decision is by the driver's error kind, not its text.
pub(in crate::db) fn refused_by_constraint(
    reason: impl FnOnce() -> crate::domain::error::Reason,
) -> impl FnOnce(sqlx::Error) -> Error {
    move |error| match error.as_database_error().map(|e| e.kind()) {
        Some(
            sqlx::error::ErrorKind::UniqueViolation
            | sqlx::error::ErrorKind::CheckViolation
            | sqlx::error::ErrorKind::ForeignKeyViolation,
        ) => Error::Refused(reason()),
        _ => Error::from(error),
    }
}

impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Error {
        Error::Internal(Box::new(error))
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(error: sqlx::migrate::MigrateError) -> Error {
        Error::Internal(Box::new(error))
    }
}

/// Closes a native connection whose work is done (a committed write, or a
/// read): a connection that does not close cleanly is the server's to log,
/// not an error of what was done on it.
async fn close_native(conn: sqlx::PgConnection) {
    use sqlx::Connection;
    if let Err(error) = conn.close().await {
        tracing::warn!("closing a native PostgreSQL connection: {error}");
    }
}

/// Why a connection to `url` failed: a file that is not a database, or a
/// server that is not there, are the operator's to fix and say so; anything
/// else is the database's error.
fn connect_error(error: sqlx::Error, url: &str) -> Error {
    if error.as_database_error().is_some() || matches!(error, sqlx::Error::Io(_)) {
        let shown = redact(url);
        Error::NotFound(Reason::told(
            Message::new("error-database-unreachable").arg("database", &shown),
            format!("cannot open the database {shown}: {error}"),
        ))
    } else {
        Error::from(error)
    }
}

/// The connection options a database URL gives, or why it gives none.
fn parsed_options<O: std::str::FromStr<Err = sqlx::Error>>(url: &str) -> Result<O> {
    url.parse().map_err(|e| {
        let shown = redact(url);
        Error::invalid_told(
            Message::new("error-database-url").arg("database", &shown),
            format!("database URL {shown}: {e}"),
        )
    })
}

/// Connection options that log statements at debug level only, and never
/// as "slow statement" warnings: the log is for the operator who asks for it
/// with `TILSKOT_LOG`, not for every run.
fn quiet<O: sqlx::ConnectOptions>(options: O) -> O {
    options
        .log_statements(log::LevelFilter::Debug)
        .log_slow_statements(log::LevelFilter::Debug, std::time::Duration::from_secs(1))
}

fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_do_not_appear_in_error_messages() {
        assert_eq!(
            redact("postgres://user:secret@host/db"),
            "postgres://…@host/db"
        );
        assert_eq!(redact("sqlite://tilskot.db"), "sqlite://tilskot.db");
    }

    #[test]
    fn a_server_that_is_not_there_is_the_operators_to_fix() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        let error = connect_error(
            sqlx::Error::Io(refused),
            "postgres://user:secret@127.0.0.1:1/db",
        );
        let Error::NotFound(reason) = &error else {
            panic!("a refused connection is {error:?}");
        };
        let key = reason.message.as_ref().map(|m| m.key);
        assert_eq!(key, Some("error-database-unreachable"));
        assert!(!error.to_string().contains("secret"), "{error}");
    }

    #[test]
    fn other_connection_failures_stay_the_databases_errors() {
        let error = connect_error(sqlx::Error::PoolTimedOut, "postgres://127.0.0.1/db");
        assert!(matches!(error, Error::Internal(_)), "{error:?}");
    }

    #[tokio::test]
    async fn a_native_connection_that_fails_says_which_database() {
        let unreachable = "postgres://postgres@127.0.0.1:1/test";
        let store = Store {
            pool: AnyPoolOptions::new()
                .connect_lazy(unreachable)
                .expect("lazy"),
            backend: Backend::Postgres,
            register_cache: Arc::default(),
            register_loading: Arc::default(),
            paid_cache: Arc::default(),
            native_postgres: Some(parsed_options(unreachable).expect("options")),
        };
        let error = store
            .native_postgres()
            .await
            .expect_err("nothing listens on port 1");
        assert!(matches!(error, Error::NotFound(_)), "{error:?}");
        assert!(error.to_string().contains("127.0.0.1:1/test"), "{error}");
    }
}
