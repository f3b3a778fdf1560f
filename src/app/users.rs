//! Users: the first administrator, and users added or changed by an
//! administrator. Every actor is a user who authenticated; see
//! `Store::authenticate`.

use crate::db::Store;
use crate::domain::error::{Error, Message, Reason, Result};
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
    require_role(admin, Role::Admin, Duty::ChangeUsers)?;
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
    require_role(admin, Role::Admin, Duty::DisableUsers)?;
    store.set_user_disabled(name, disabled, &admin.name).await
}

/// Every user, by name, and whether they are disabled, for an
/// administrator or an auditor.
pub async fn list_users(store: &Store, actor: &User) -> Result<Vec<(User, bool)>> {
    require_any_role(actor, &[Role::Admin, Role::Auditor], Duty::ListUsers)?;
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
    require_role(admin, Role::Admin, Duty::SetSignatures)?;
    store.save_signature(name, signature, &admin.name).await
}

/// The roles that import the register and the accounting files: finance
/// staff and administrators. An import changes what is paid or reported,
/// so it is done by an authenticated user and recorded in the audit log;
/// a payment still needs two other persons' attestation and approval.
pub const IMPORTERS: [Role; 3] = [Role::FinanceOfficer, Role::Finance, Role::Admin];

/// What a user asks to do where their role decides: each duty has a
/// catalogue message (`error-role-…`) that says who may do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duty {
    ComputeBatch,
    ImportRegister,
    ImportAccounts,
    ChangeUsers,
    DisableUsers,
    ListUsers,
    SetSignatures,
    AddOrganisations,
    CloseYear,
}

impl Duty {
    /// The refusal's catalogue key.
    pub fn message_key(self) -> &'static str {
        match self {
            Duty::ComputeBatch => "error-role-compute-batch",
            Duty::ImportRegister => "error-role-import-register",
            Duty::ImportAccounts => "error-role-import-accounts",
            Duty::ChangeUsers => "error-role-change-users",
            Duty::DisableUsers => "error-role-disable-users",
            Duty::ListUsers => "error-role-list-users",
            Duty::SetSignatures => "error-role-set-signatures",
            Duty::AddOrganisations => "error-role-add-organisations",
            Duty::CloseYear => "error-role-close-year",
        }
    }

    /// The duty in English, for the log.
    fn english(self) -> &'static str {
        match self {
            Duty::ComputeBatch => "compute a batch",
            Duty::ImportRegister => "import the register",
            Duty::ImportAccounts => "import accounting files",
            Duty::ChangeUsers => "add users or change their roles",
            Duty::DisableUsers => "disable users or enable them again",
            Duty::ListUsers => "list the users",
            Duty::SetSignatures => "set how users sign letters",
            Duty::AddOrganisations => "add applicant organisations",
            Duty::CloseYear => "close a year",
        }
    }
}

/// Refuses a user whose role is none of `roles`.
pub fn require_any_role(user: &User, roles: &[Role], duty: Duty) -> Result<()> {
    if roles.contains(&user.role) {
        return Ok(());
    }
    let names: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    let message = Message::new(duty.message_key()).arg("user", &user.name);
    Err(Error::NotAllowed(Reason::told(
        message,
        format!(
            "only a user with the role {} may {}; {} has the role {}",
            names.join(", "),
            duty.english(),
            user.name,
            user.role.code()
        ),
    )))
}

/// Refuses a user whose role is not `role`.
pub fn require_role(user: &User, role: Role, duty: Duty) -> Result<()> {
    require_any_role(user, &[role], duty)
}
