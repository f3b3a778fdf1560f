//! What SQLite and PostgreSQL spell differently, in one place. Everything
//! else is the same SQL for both: `$n` placeholders (SQLite reads them too),
//! `CAST(SUM(..) AS BIGINT)`, `ON CONFLICT`, `RETURNING`.

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of `sqlite:…` or `postgres://…`, or `None`.
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    /// The backend of an open connection (tilskot builds only these two).
    pub fn of_connection(connection: &sqlx::AnyConnection) -> Backend {
        if connection.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

/// Set on every SQLite connection.
///
/// `mmap_size`: the first GiB of the file is read through a memory map
/// instead of being copied into SQLite's page cache. Each command is a new
/// process with an empty cache, and copying in the pages it reads (the
/// register snapshot, the paid sums, the index `COUNT(*)` walks) was a fifth
/// of a payment's processor time, in page faults. The map's pages are the
/// kernel's file cache, shared and given back under pressure, but they count
/// in a process's resident size. The cost SQLite documents: an I/O error on
/// a mapped page ends the process with a signal instead of an error.
pub(super) const SQLITE_PRAGMAS: &str = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; \
    PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA cache_size = -131072; \
    PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 1073741824;";

/// The file of a `sqlite://FILE?options` URL.
pub(super) fn sqlite_path(url: &str) -> &str {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest)
}

/// The URL with `mode=rwc` (create a missing file) or `mode=rw`, unless it
/// names a mode of its own.
pub(super) fn sqlite_url_with_mode(url: &str, create: bool) -> String {
    let mode = if create { "rwc" } else { "rw" };
    if url.contains("mode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode={mode}")
    } else {
        format!("{url}?mode={mode}")
    }
}

/// The number of register events: PostgreSQL keeps it in a row its
/// triggers update with every statement that adds or removes events
/// (migration 0018), SQLite counts them.
pub(super) fn event_count(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "SELECT COUNT(*) FROM register_event",
        Backend::Postgres => "SELECT events FROM register_size",
    }
}

/// The statement that makes a transaction read one state of the database
/// from its first query to its end: PostgreSQL's default gives each
/// statement its own; SQLite's transactions already read one state.
pub(super) fn consistent_reads(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
    }
}

/// The closed years as a write reads them in its own transaction, to refuse
/// a write into one. On PostgreSQL the read takes the table's ROW SHARE
/// lock, which [`lock_closed_years`] waits for and then holds off until the
/// closing commits: a year cannot be closed between a write's check and its
/// commit, and a write that waited sees the year closed. On SQLite every
/// write reads the guard after its first write, holding the database's one
/// write lock, which a closing needs too.
pub(super) fn closed_years_guard(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "SELECT year FROM closed_year",
        Backend::Postgres => "SELECT year FROM closed_year FOR SHARE",
    }
}

/// What the transaction that closes a year takes first (see
/// [`closed_years_guard`]).
pub(super) fn lock_closed_years(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("LOCK TABLE closed_year IN EXCLUSIVE MODE"),
    }
}

/// What the transaction that stores an import takes first, so that imports
/// are stored one at a time while readers go on (PostgreSQL's SHARE ROW
/// EXCLUSIVE conflicts with itself and with writes, not with reads); SQLite
/// has one writer anyway.
pub(super) fn lock_register_events(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("LOCK TABLE register_event IN SHARE ROW EXCLUSIVE MODE"),
    }
}

/// What disabling a user takes first: the administrators' rows, so that
/// two administrators disabling each other at once are done one after the
/// other and the second sees that no one else may act (SQLite has one
/// writer anyway, and `FOR UPDATE` is not its SQL).
pub(crate) fn lock_administrators(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("SELECT name FROM user_account WHERE role = 'admin' FOR UPDATE"),
    }
}

/// Counts (0 or 1) the table of applied migrations.
pub(super) fn migrations_table_exists(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    }
}

/// Joins the `packed` texts of a group with newlines in the order of their
/// `id`: the one function the two databases spell differently. SQLite keeps
/// the order of its input (a subquery ordered by the key, which costs no
/// sort there; an `ORDER BY` inside `group_concat` sorts every block again).
pub(crate) fn packed_lines_aggregate(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "group_concat(packed, char(10))",
        Backend::Postgres => "string_agg(packed, chr(10) ORDER BY id)",
    }
}

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

pub(crate) use super::clock::now_text;

/// A subquery of the texts of the JSON array bound as `$1` (a list of
/// strings): one parameter however long the list, where numbered
/// placeholders cost a statement per 2 000.
pub(super) fn texts_of_json_array(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "SELECT value FROM json_each($1)",
        Backend::Postgres => "SELECT jsonb_array_elements_text($1::jsonb)",
    }
}

/// Rows per JSON text when PostgreSQL unpacks many rows from one parameter
/// (`jsonb_array_elements`): a statement of thousands of numbered
/// parameters cost it three times SQLite's time; one text it unpacks itself
/// does not.
pub(super) const ROWS_PER_JSON: usize = 20_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_url_names_its_file_and_mode() {
        assert_eq!(sqlite_path("sqlite://dir/t.db?mode=ro"), "dir/t.db");
        assert_eq!(sqlite_path("sqlite:t.db"), "t.db");
        assert_eq!(
            sqlite_url_with_mode("sqlite://t.db", false),
            "sqlite://t.db?mode=rw"
        );
        assert_eq!(
            sqlite_url_with_mode("sqlite://t.db?a=b", true),
            "sqlite://t.db?a=b&mode=rwc"
        );
        assert_eq!(Backend::of_url("mysql://x"), None);
    }

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
}
