//! Closing a year (`tilskot close-year`): every check first, then every
//! unpaid scheme commitment of the year released, then the year locked.

use super::check::check_everything;
use crate::app::users::{require_any_role, Duty};
use crate::db::Store;
use crate::domain::closing::{closable, NotClosable};
use crate::domain::error::{Message, Result};
use crate::domain::money::Ore;
use crate::domain::users::{Role, User};
use chrono::NaiveDate;
use std::path::Path;

/// Who closes a year: finance staff, or an auditor.
pub const YEAR_CLOSERS: [Role; 3] = [Role::Finance, Role::FinanceOfficer, Role::Auditor];

/// What closing a year did: per scheme call, what was released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedYear {
    pub year: i32,
    pub released: Vec<(String, Ore)>,
}

/// Closes `year` as `actor` (finance staff or an auditor) on `today`.
/// Refused, and nothing changed, when the year is not over, the year before
/// it is open (see `domain::closing`) or a check fails.
pub async fn close_year(
    store: &Store,
    actor: &User,
    year: i32,
    anchor: &Path,
    today: NaiveDate,
) -> Result<ClosedYear> {
    require_any_role(actor, &YEAR_CLOSERS, Duty::CloseYear)?;
    store
        .refuse_if_closed(year, "it cannot be closed again")
        .await?;
    let start_year = store.start_period().await?.year;
    match closable(year, start_year, &store.closed_years().await?, today) {
        Ok(()) => {}
        Err(NotClosable::NotOver { year }) => refuse_told!(
            Message::new("error-year-not-over").arg("year", year),
            "{year} is not over before 31 December {year}: it cannot be closed on {today}"
        ),
        Err(NotClosable::EarlierOpen { earlier }) => refuse_told!(
            Message::new("error-earlier-year-open")
                .arg("year", year)
                .arg("earlier", earlier),
            "{earlier} is not closed: years are closed in order, {earlier} before {year}"
        ),
    }
    check_everything(store, anchor, Some(year)).await?;
    let mut released = Vec::new();
    for call in store
        .scheme_calls()
        .await?
        .into_iter()
        .filter(|c| c.year == year)
    {
        let amount = store.release_unpaid(&call.code, year, &actor.name).await?;
        released.push((call.code, amount));
    }
    store.close_year(year, &actor.name).await?;
    Ok(ClosedYear { year, released })
}
