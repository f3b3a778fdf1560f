//! Who may see and do what (edge, but the rules are plain functions).
//!
//! - An applicant sees only the applications of their own organisation,
//!   drafts included.
//! - A caseworker sees the submitted applications of their schemes.
//! - Finance staff see every submitted application and every frame.
//!
//! An application a user may not see answers 404, so that its existence is
//! not given away; an action the user's role may not take answers 403.

use super::{AppState, WebError};
use crate::db::schemes::StoredApplication;
use crate::domain::application::ApplicationState;
use crate::domain::error::Error;
use crate::domain::users::{Role, User};

pub fn can_view(user: &User, application: &StoredApplication) -> bool {
    match user.role {
        Role::Applicant => user.organisation.as_deref() == Some(&application.organisation.id),
        Role::Caseworker => {
            application.state != ApplicationState::Draft
                && user.schemes.contains(&application.scheme)
        }
        // The auditor reads what finance reads, and changes nothing.
        Role::Finance | Role::Auditor => application.state != ApplicationState::Draft,
        Role::FinanceOfficer | Role::Approver | Role::Admin => false,
    }
}

pub fn can_view_scheme(user: &User, scheme: &str) -> bool {
    match user.role {
        Role::Applicant => false,
        Role::Caseworker => user.schemes.iter().any(|s| s == scheme),
        Role::Finance | Role::Auditor => true,
        Role::FinanceOfficer | Role::Approver | Role::Admin => false,
    }
}

/// Refuses a user whose role is not `role`.
pub fn require_role(user: &User, role: Role, what: &str) -> Result<(), WebError> {
    if user.role == role {
        Ok(())
    } else {
        Err(WebError::Forbidden(crate::domain::error::Reason::told(
            crate::domain::error::Message::new("error-role"),
            format!(
                "only a {} may {what}; you are signed in as a {}",
                role.code(),
                user.role.code()
            ),
        )))
    }
}

/// The application `id` if `user` may see it; 404 otherwise.
pub async fn visible_application(
    state: &AppState,
    user: &User,
    id: i64,
) -> Result<StoredApplication, WebError> {
    let application = match state.store.application(id).await {
        Ok(application) => application,
        Err(Error::NotFound(_)) => return Err(WebError::NotFound),
        Err(other) => return Err(other.into()),
    };
    if can_view(user, &application) {
        Ok(application)
    } else {
        Err(WebError::NotFound)
    }
}

/// The applications `user` may see.
pub async fn visible_applications(
    state: &AppState,
    user: &User,
) -> Result<Vec<StoredApplication>, WebError> {
    Ok(match user.role {
        Role::Applicant => match &user.organisation {
            Some(organisation) => {
                state
                    .store
                    .applications_of_organisation(organisation)
                    .await?
            }
            None => Vec::new(),
        },
        Role::Caseworker => {
            state
                .store
                .applications_of_schemes(Some(&user.schemes))
                .await?
        }
        Role::Finance | Role::Auditor => state.store.applications_of_schemes(None).await?,
        Role::FinanceOfficer | Role::Approver | Role::Admin => Vec::new(),
    })
}
