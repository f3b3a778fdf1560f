//! Users, passwords and sessions in the database.
//!
//! Passwords are stored as argon2id PHC strings. A session is a random
//! 256-bit token in a cookie (`HttpOnly`, `SameSite=Strict`, `Secure` when
//! served over HTTPS); the database keeps only its SHA-256, with the
//! session's CSRF token and its expiry. Forms carry the CSRF token; the JSON
//! API takes only `application/json` bodies, which a cross-site form cannot send.

use crate::db::dialect::{lock_administrators, now_text};
use crate::db::Store;
use crate::domain::error::{Context, Error, Message, Reason, Result};
use crate::domain::schemes::ApplicantKind;
use crate::domain::users::{check_password, check_user_name, NewUser, Role, User, SESSION_HOURS};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| internal!("no random salt: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| internal!("salt: {e}"))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| internal!("cannot hash the password: {e}"))?
        .to_string())
}

/// Checks a password against a stored hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A random token of 32 bytes, hex.
pub fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| internal!("no random token: {e}"))?;
    Ok(hex(&bytes))
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn expiry_text(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(hours))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// The message of every failed authentication: which of name and password
/// was wrong is not said.
const NOT_AUTHENTICATED: &str = "unknown user or wrong password";

/// A field of a user refused for `reason`, its message kept.
fn field_refused(field: &str, reason: Reason) -> Error {
    match reason.message {
        Some(message) => Error::field_told(field, message, reason.text),
        None => Error::field(field, reason.text),
    }
}

impl Store {
    /// Sets how a user signs letters; an entry in the audit log.
    pub async fn save_signature(
        &self,
        name: &str,
        signature: &crate::domain::users::Signature,
        actor: &str,
    ) -> Result<()> {
        let full_name = signature.full_name.trim();
        if full_name.is_empty() || full_name.chars().count() > 100 {
            let message = Message::new("problem-full-name-length");
            return Err(Error::field_told(
                "full_name",
                message,
                "1 to 100 characters",
            ));
        }
        self.user(name).await?;
        let mut tx = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO user_signature (user_name, full_name, title) VALUES ($1, $2, $3) \
             ON CONFLICT (user_name) DO UPDATE SET full_name = excluded.full_name, title = excluded.title",
        )
        .bind(name)
        .bind(full_name)
        .bind(signature.title.code())
        .execute(&mut *tx)
        .await?;
        let detail = format!(
            "user {name} signs as {full_name}, {}",
            signature.title.code()
        );
        crate::db::audit::append_audit(&mut tx, 0, "signature_saved", actor, "", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How a user signs letters, if that was set.
    pub async fn signature(&self, name: &str) -> Result<Option<crate::domain::users::Signature>> {
        let row = sqlx::query("SELECT full_name, title FROM user_signature WHERE user_name = $1")
            .bind(name)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.and_then(|row| {
            let title: String = row.get(1);
            crate::domain::users::Title::parse(&title).map(|title| {
                crate::domain::users::Signature {
                    full_name: row.get(0),
                    title,
                }
            })
        }))
    }

    /// Adds a user, or changes the password, role, organisation and schemes
    /// of one, as `actor`, in the audit log. A changed password ends every
    /// session of the user.
    pub async fn save_user(&self, user: &NewUser<'_>, actor: &str) -> Result<()> {
        check_user_name(user.name).map_err(|reason| field_refused("name", reason))?;
        check_password(user.password).map_err(|reason| field_refused("password", reason))?;
        match (user.role, user.organisation) {
            (Role::Applicant, None) => refuse_told!(
                crate::domain::error::Message::new("error-applicant-needs-organisation"),
                "an applicant belongs to an organisation"
            ),
            (Role::Applicant, Some(organisation)) => {
                self.organisation(organisation).await.with_context(|| {
                    format!(
                        "add the organisation {organisation} first (`tilskot scheme organisation`)"
                    )
                })?;
            }
            (_, Some(_)) => refuse_told!(
                crate::domain::error::Message::new("error-organisation-only-applicants"),
                "only applicants belong to an organisation"
            ),
            (_, None) => {}
        }
        if user.role != Role::Caseworker && !user.schemes.is_empty() {
            refuse_told!(
                crate::domain::error::Message::new("error-schemes-only-caseworkers"),
                "only caseworkers have schemes"
            );
        }
        let mut known: Vec<String> = self
            .scheme_calls()
            .await?
            .into_iter()
            .map(|s| s.code)
            .collect();
        known.push(crate::domain::disability::DISABILITY_SCHEME.to_string());
        if let Some(unknown) = user.schemes.iter().find(|s| !known.contains(s)) {
            return Err(Error::field_told(
                "scheme",
                Message::new("problem-no-scheme").arg("scheme", unknown),
                format!("no scheme '{unknown}': `tilskot scheme list` shows the schemes"),
            ));
        }
        let hash = hash_password(user.password)?;
        let mut tx = self.pool().begin().await?;
        // As in `set_user_disabled`: the administrators who may act are
        // counted inside the change, so that two administrators taking
        // each other's role at once cannot both succeed.
        if let Some(lock) = lock_administrators(self.backend()) {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        let acting_before = acting_administrators(&mut tx).await?;
        sqlx::query(
            "INSERT INTO user_account (name, password_hash, role, organisation) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, \
             role = excluded.role, organisation = excluded.organisation",
        )
        .bind(user.name)
        .bind(hash)
        .bind(user.role.code())
        .bind(user.organisation.map(str::to_string))
        .execute(&mut *tx)
        .await?;
        if acting_before > 0 && acting_administrators(&mut tx).await? == 0 {
            refuse_told!(crate::domain::error::Message::new("error-last-admin").arg("name", user.name), "{} is the last administrator and keeps that role; make another administrator first", user.name);
        }
        // A new password (or role) ends the sessions signed in with the old.
        sqlx::query("DELETE FROM user_session WHERE user_name = $1")
            .bind(user.name)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM user_scheme WHERE user_name = $1")
            .bind(user.name)
            .execute(&mut *tx)
            .await?;
        for scheme in user.schemes {
            sqlx::query("INSERT INTO user_scheme (user_name, scheme) VALUES ($1, $2)")
                .bind(user.name)
                .bind(scheme)
                .execute(&mut *tx)
                .await?;
        }
        let detail = format!(
            "user {} role {} organisation {} schemes {}",
            user.name,
            user.role.code(),
            user.organisation.unwrap_or("-"),
            user.schemes.join(",")
        );
        crate::db::audit::append_audit(&mut tx, 0, "user_saved", actor, "", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every user, by name, with role, organisation and schemes.
    pub async fn users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(
            "SELECT u.name, u.role, u.organisation, o.kind FROM user_account u \
             LEFT JOIN organisation o ON o.id = u.organisation ORDER BY u.name",
        )
        .fetch_all(self.pool())
        .await?;
        let mut users = Vec::with_capacity(rows.len());
        for row in &rows {
            users.push(self.user_from_row(row).await?);
        }
        Ok(users)
    }

    /// Disables a user who leaves (`disabled`), or lets one act again, as
    /// `actor`, in the audit log. A disabled user keeps their name on all
    /// they did, cannot sign in or authenticate, and their sessions end.
    /// The last administrator who may act is not disabled.
    pub async fn set_user_disabled(&self, name: &str, disabled: bool, actor: &str) -> Result<()> {
        self.user(name).await?;
        let mut tx = self.pool().begin().await?;
        // Two administrators disabling each other at once must not both
        // succeed: PostgreSQL locks the administrators' rows first (SQLite
        // holds its one write lock from the UPDATE on), and the count of
        // administrators who may act is read after the change, in it.
        if let Some(lock) = lock_administrators(self.backend()) {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE user_account SET disabled_at = $1 WHERE name = $2")
            .bind(disabled.then(now_text))
            .bind(name)
            .execute(&mut *tx)
            .await?;
        if acting_administrators(&mut tx).await? == 0 {
            refuse_told!(crate::domain::error::Message::new("error-last-admin-disable").arg("name", name), "{name} is the last administrator who may act and cannot be disabled; make another administrator first");
        }
        sqlx::query("DELETE FROM user_session WHERE user_name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await?;
        let action = if disabled {
            "user_disabled"
        } else {
            "user_enabled"
        };
        let detail = format!("user {name}");
        crate::db::audit::append_audit(&mut tx, 0, action, actor, "", &detail).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The names of the disabled users.
    pub async fn disabled_user_names(&self) -> Result<std::collections::BTreeSet<String>> {
        Ok(
            sqlx::query("SELECT name FROM user_account WHERE disabled_at IS NOT NULL")
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|row| row.get(0))
                .collect(),
        )
    }

    /// Whether any administrator exists (the first is made by `init --admin`).
    pub async fn admin_exists(&self) -> Result<bool> {
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM user_account WHERE role = 'admin'")
            .fetch_one(self.pool())
            .await?
            .get(0);
        Ok(count > 0)
    }

    /// The user of a name and password, or `NotAllowed` without saying
    /// which was wrong. An unknown name costs the same work as a wrong
    /// password: it is checked against a real hash made once per process.
    pub async fn authenticate(&self, name: &str, password: &str) -> Result<User> {
        // A disabled user is refused as an unknown one is, after the same
        // work: the answer does not tell who exists.
        let row = sqlx::query(
            "SELECT password_hash FROM user_account WHERE name = $1 AND disabled_at IS NULL",
        )
        .bind(name)
        .fetch_optional(self.pool())
        .await?;
        let stored = row.map(|r| r.get::<String, _>(0));
        static UNKNOWN_USER_HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let dummy = UNKNOWN_USER_HASH
            .get_or_init(|| hash_password("no user has this password").unwrap_or_default());
        let verified = verify_password(password, stored.as_deref().unwrap_or(dummy));
        if stored.is_none() || !verified {
            return Err(Error::NotAllowed(Reason::told(
                Message::new("login-wrong"),
                NOT_AUTHENTICATED,
            )));
        }
        self.user(name).await
    }

    /// A user with their role, organisation and schemes.
    pub async fn user(&self, name: &str) -> Result<User> {
        let row = sqlx::query(
            "SELECT u.name, u.role, u.organisation, o.kind FROM user_account u \
             LEFT JOIN organisation o ON o.id = u.organisation WHERE u.name = $1",
        )
        .bind(name)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| {
            Error::NotFound(Reason::told(
                Message::new("error-no-user").arg("name", name),
                format!("no user {name}"),
            ))
        })?;
        self.user_from_row(&row).await
    }

    async fn user_from_row(&self, row: &sqlx::any::AnyRow) -> Result<User> {
        let name: String = row.get(0);
        let role: String = row.get(1);
        let schemes =
            sqlx::query("SELECT scheme FROM user_scheme WHERE user_name = $1 ORDER BY scheme")
                .bind(&name)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|r| r.get(0))
                .collect();
        Ok(User {
            name,
            role: Role::parse(&role).ok_or_else(|| internal!("stored role '{role}'"))?,
            organisation: row.get(2),
            organisation_kind: row
                .get::<Option<String>, _>(3)
                .and_then(|k| ApplicantKind::parse(&k)),
            schemes,
        })
    }

    /// Signs in: returns the session token and CSRF token, or `None` when
    /// the name or the password is wrong (which of them is not said). Every
    /// sign-in makes a new session id.
    pub async fn sign_in(&self, name: &str, password: &str) -> Result<Option<(String, String)>> {
        match self.authenticate(name, password).await {
            Ok(_) => {}
            Err(Error::NotAllowed(_)) => return Ok(None),
            Err(other) => return Err(other),
        }
        let token = random_token()?;
        let csrf = random_token()?;
        sqlx::query(
            "INSERT INTO user_session (token_hash, user_name, csrf_token, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(name)
        .bind(&csrf)
        .bind(expiry_text(SESSION_HOURS))
        .execute(self.pool())
        .await?;
        Ok(Some((token, csrf)))
    }

    /// The user and CSRF token of a live session.
    pub async fn session_user(&self, token: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(
            "SELECT u.name, u.role, u.organisation, o.kind, s.csrf_token FROM user_session s \
             JOIN user_account u ON u.name = s.user_name LEFT JOIN organisation o ON o.id = u.organisation \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL",
        )
        .bind(token_hash(token))
        .bind(expiry_text(0))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let user = self.user_from_row(&row).await?;
        Ok(Some((user, row.get(4))))
    }

    pub async fn sign_out(&self, token: &str) -> Result<()> {
        sqlx::query("DELETE FROM user_session WHERE token_hash = $1 OR expires_at <= $2")
            .bind(token_hash(token))
            .bind(expiry_text(0))
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// How many administrators may act (the role, not disabled), as the
/// transaction sees them: the one definition both the role change and the
/// disabling of a user check against.
async fn acting_administrators(tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<i64> {
    Ok(sqlx::query(
        "SELECT COUNT(*) FROM user_account WHERE role = 'admin' AND disabled_at IS NULL",
    )
    .fetch_one(&mut **tx)
    .await?
    .get(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::users::same_secret;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterx", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let a = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_token().unwrap());
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &a[..63]));
        assert_ne!(token_hash(&a), a);
    }
}
