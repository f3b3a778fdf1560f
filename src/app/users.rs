//! Users: the first administrator, and users added or changed by an
//! administrator. Every actor is a user who authenticated; see
//! `Store::authenticate`.

use crate::db::Store;
use crate::domain::error::{Error, Result};
use crate::domain::users::{NewUser, Role, User};

/// Makes the first administrator of a new database. Refused once one exists:
/// later users are added by an administrator.
pub async fn create_first_admin(store: &Store, name: &str, password: &str) -> Result<()> {
    if store.admin_exists().await? {
        refuse_told!(
            crate::domain::error::Message::new("error-admin-exists"),
            "the database has an administrator already; an administrator adds users with `tilskot user add`"
        );
    }
    store
        .save_user(
            &NewUser {
                name,
                password,
                role: Role::Admin,
                organisation: None,
                schemes: &[],
            },
            name,
        )
        .await
}

/// Adds a user, or changes one, as an authenticated administrator.
pub async fn add_user(store: &Store, admin: &User, user: &NewUser<'_>) -> Result<()> {
    require_role(admin, Role::Admin, "add users or change their roles")?;
    store.save_user(user, &admin.name).await
}

/// Disables a user who leaves, or lets a disabled one act again, as an
/// authenticated administrator (see `Store::set_user_disabled`).
pub async fn set_user_disabled(
    store: &Store,
    admin: &User,
    name: &str,
    disabled: bool,
) -> Result<()> {
    require_role(admin, Role::Admin, "disable users or enable them again")?;
    store.set_user_disabled(name, disabled, &admin.name).await
}

/// Every user, by name, and whether they are disabled, for an
/// administrator or an auditor.
pub async fn list_users(store: &Store, actor: &User) -> Result<Vec<(User, bool)>> {
    require_any_role(actor, &[Role::Admin, Role::Auditor], "list the users")?;
    let disabled = store.disabled_user_names().await?;
    Ok(store
        .users()
        .await?
        .into_iter()
        .map(|user| {
            let off = disabled.contains(&user.name);
            (user, off)
        })
        .collect())
}

/// Sets how a user signs decision letters, as an authenticated administrator.
pub async fn set_signature(
    store: &Store,
    admin: &User,
    name: &str,
    signature: &crate::domain::users::Signature,
) -> Result<()> {
    require_role(admin, Role::Admin, "set how users sign letters")?;
    store.save_signature(name, signature, &admin.name).await
}

/// The roles that import the register and the accounting files: finance
/// staff and administrators. An import changes what is paid or reported,
/// so it is done by an authenticated user and recorded in the audit log;
/// a payment still needs two other persons' attestation and approval.
pub const IMPORTERS: [Role; 3] = [Role::FinanceOfficer, Role::Finance, Role::Admin];

/// Refuses a user whose role is none of `roles`.
pub fn require_any_role(user: &User, roles: &[Role], what: &str) -> Result<()> {
    if roles.contains(&user.role) {
        return Ok(());
    }
    let names: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    Err(Error::NotAllowed(
        format!(
            "only a user with the role {} may {what}; {} has the role {}",
            names.join(", "),
            user.name,
            user.role.code()
        )
        .into(),
    ))
}

/// Refuses a user whose role is not `role`.
pub fn require_role(user: &User, role: Role, what: &str) -> Result<()> {
    require_any_role(user, &[role], what)
}
