//! Creating a database: the schema, the period from which tilskot pays, and
//! the reference data shipped in the binary (chart, budget lines, schemes).

use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::error::Result;
use crate::io::shipped;

/// Seeds an empty ledger with the shipped chart and budget lines, loads the
/// shipped schemes and records the start period. Running it again with the
/// same period changes nothing; another period is refused.
pub async fn init(store: &Store, start: Period) -> Result<()> {
    let (accounts, budget_lines) = shipped::reference_data()?;
    store.seed_reference_data(&accounts, &budget_lines).await?;
    store.load_schemes(&shipped::schemes()?).await?;
    store.set_start_period(start).await
}
