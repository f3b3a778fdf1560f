//! The administrators' page of users: who may act, in which role, for which
//! organisation or schemes. The rules are the store's (`Store::save_user`)
//! and the use case's (`app::users::add_user`), the same as on the command
//! line; every change is an entry in the audit log.

use super::access::require_role;
use super::views::{html, Nav};
use super::{AppState, SignedIn, WebError};
use crate::app::users::{add_user, set_signature, set_user_disabled};
use crate::domain::error::Error;
use crate::domain::users::{NewUser, Role, Signature, Title, User};
use crate::render::i18n::Texts;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

/// The form that adds a user or changes one (by name).
#[derive(serde::Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub organisation: String,
    /// Scheme codes, separated by commas or spaces.
    #[serde(default)]
    pub schemes: String,
    #[serde(default)]
    password: String,
}

/// A user as the table shows them.
pub struct UserRow {
    pub name: String,
    /// The role's code; the page shows its name.
    pub role: &'static str,
    pub organisation: String,
    pub schemes: String,
    /// Disabled: can no longer sign in or act.
    pub disabled: bool,
}

/// A role as the form offers it.
pub struct RoleOption {
    pub code: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "web/users.html")]
pub struct UsersPage {
    pub t: Texts,
    pub user: Option<Nav>,
    /// The titles a letter may be signed with, by code.
    pub titles: Vec<&'static str>,
    pub rows: Vec<UserRow>,
    pub roles: Vec<RoleOption>,
    pub form: UserForm,
    pub error: Option<String>,
}

pub async fn users(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
) -> Result<Response, WebError> {
    require_role(&signed_in.user, Role::Admin, "see and change users")?;
    let page = users_page(&state, &signed_in, t, UserForm::default(), None).await?;
    Ok(html(&page).into_response())
}

pub async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    signed_in.check_csrf(&form.csrf)?;
    require_role(
        &signed_in.user,
        Role::Admin,
        "add users or change their roles",
    )?;
    let Some(role) = Role::parse(form.role.trim()) else {
        let error = Some(t.get("users-choose-role"));
        let page = users_page(&state, &signed_in, t, form, error).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
    };
    let schemes: Vec<String> = form
        .schemes
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let organisation = form.organisation.trim();
    let new = NewUser {
        name: form.name.trim(),
        password: &form.password,
        role,
        organisation: (!organisation.is_empty()).then_some(organisation),
        schemes: &schemes,
    };
    let outcome = add_user(&state.store, &signed_in.user, &new).await;
    back_or_refused(&state, &signed_in, t, form, outcome).await
}

/// After a change: back to the page, or the page again (422) with the
/// refusal in the reader's language and the form as it was typed.
async fn back_or_refused(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    form: UserForm,
    outcome: crate::domain::error::Result<()>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(Redirect::to("/users").into_response()),
        Err(error @ (Error::Invalid { .. } | Error::Refused(_) | Error::NotFound(_))) => {
            tracing::info!("users not changed: {error}");
            let error = Some(t.message(&WebError::from(error).shown()));
            let page = users_page(state, signed_in, t, form, error).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// The form that disables a user or lets them act again.
#[derive(serde::Deserialize)]
pub struct StateForm {
    csrf: String,
    name: String,
    /// "true" disables the user; anything else lets them act again.
    disabled: String,
}

pub async fn save_state(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Form(form): Form<StateForm>,
) -> Result<Response, WebError> {
    signed_in.check_csrf(&form.csrf)?;
    let disabled = form.disabled == "true";
    let outcome = set_user_disabled(&state.store, &signed_in.user, &form.name, disabled).await;
    back_or_refused(&state, &signed_in, t, UserForm::default(), outcome).await
}

/// The form that sets how a user signs letters.
#[derive(serde::Deserialize)]
pub struct SignatureForm {
    csrf: String,
    name: String,
    full_name: String,
    title: String,
}

pub async fn save_signature(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Form(form): Form<SignatureForm>,
) -> Result<Response, WebError> {
    signed_in.check_csrf(&form.csrf)?;
    require_role(&signed_in.user, Role::Admin, "set signatures")?;
    let Some(title) = Title::parse(&form.title) else {
        let error = Some(t.get("users-choose-title"));
        let page = users_page(&state, &signed_in, t, UserForm::default(), error).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response());
    };
    let signature = Signature {
        full_name: form.full_name.trim().to_string(),
        title,
    };
    match set_signature(&state.store, &signed_in.user, form.name.trim(), &signature).await {
        Ok(()) => Ok(Redirect::to("/users").into_response()),
        Err(error @ (Error::Invalid { .. } | Error::NotFound(_))) => {
            tracing::info!("signature not saved: {error}");
            let key = match error {
                Error::NotFound(_) => "users-no-such-user",
                _ => "users-full-name-length",
            };
            let page =
                users_page(&state, &signed_in, t, UserForm::default(), Some(t.get(key))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&page)).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

async fn users_page(
    state: &AppState,
    signed_in: &SignedIn,
    t: Texts,
    mut form: UserForm,
    error: Option<String>,
) -> Result<UsersPage, WebError> {
    form.password.clear();
    let disabled = state.store.disabled_user_names().await?;
    let rows = state
        .store
        .users()
        .await?
        .iter()
        .map(|user| user_row(user, disabled.contains(&user.name)))
        .collect();
    let roles = Role::ALL
        .into_iter()
        .map(|role| RoleOption {
            code: role.code(),
            selected: form.role == role.code(),
        })
        .collect();
    Ok(UsersPage {
        t,
        titles: Title::ALL.iter().map(|title| title.code()).collect(),
        user: Nav::of(&signed_in.user, &signed_in.csrf),
        rows,
        roles,
        form,
        error,
    })
}

fn user_row(user: &User, disabled: bool) -> UserRow {
    UserRow {
        name: user.name.clone(),
        role: user.role.code(),
        organisation: user.organisation.clone().unwrap_or_default(),
        schemes: user.schemes.join(", "),
        disabled,
    }
}
