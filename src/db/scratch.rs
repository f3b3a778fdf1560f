//! Scratch PostgreSQL databases for `tilskot bench --runs N --db …`: every
//! run after the first needs an empty database of its own beside the one
//! named, which the bench makes and removes. A database of that name that
//! already exists is refused, never dropped: the bench removes only what it
//! made.

use crate::domain::error::{Error, Result};

/// The URL of the database `<name>_run<run>` on the server of `url`.
pub fn scratch_url(url: &str, run: u32) -> Result<(String, String)> {
    let (server, rest) = url
        .rsplit_once('/')
        .ok_or_else(|| Error::invalid(format!("{} names no database", super::redact(url))))?;
    let (name, query) = rest.split_once('?').unwrap_or((rest, ""));
    let scratch = format!("{name}_run{run}");
    if !scratch
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err(Error::invalid(
            "the bench makes scratch databases only beside a database named with letters, digits and _",
        ));
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    Ok((format!("{server}/{scratch}{query}"), scratch))
}

/// Makes the empty database `<name>_run<run>` beside `url` and returns its
/// URL; refuses when a database of that name exists.
pub async fn create(url: &str, run: u32) -> Result<String> {
    sqlx::any::install_default_drivers();
    let (scratch_url, name) = scratch_url(url, run)?;
    let admin = sqlx::AnyPool::connect(url).await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(&name)
        .fetch_one(&admin)
        .await?;
    if existing > 0 {
        admin.close().await;
        return Err(Error::invalid(format!(
            "the database {name} exists; the bench makes its own scratch databases and \
             drops only those: drop it (dropdb {name}) or name another database"
        )));
    }
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await?;
    admin.close().await;
    Ok(scratch_url)
}

/// Removes the scratch database of `run` beside `url`.
pub async fn remove(url: &str, run: u32) -> Result<()> {
    let (_, name) = scratch_url(url, run)?;
    let admin = sqlx::AnyPool::connect(url).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
        .execute(&admin)
        .await?;
    admin.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::scratch_url;

    #[test]
    fn a_scratch_database_sits_beside_the_one_named() {
        let (url, name) = scratch_url("postgres://u@h:5432/bench10?sslmode=disable", 2).unwrap();
        assert_eq!(name, "bench10_run2");
        assert_eq!(url, "postgres://u@h:5432/bench10_run2?sslmode=disable");
        assert!(scratch_url("postgres://u@h/we\"ird", 2).is_err());
    }
}
