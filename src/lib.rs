//! tilskot: grant administration and payout engine.
//!
//! The domain core (pure functions over plain data) comes first; the edges
//! (database, files, reports, command line) after. See ARCHITECTURE.md.

// Domain core: no I/O.
/// Integer øre and the named rules that split and round money.
pub mod money;
/// Months (`Period`), ISO dates and ages.
pub mod calendar;
/// Grant codes, settlement bases, categories and rule ids.
pub mod grant;
/// Rates and payment terms per budget year, parsed strictly from TOML text.
pub mod rules;
/// The 356 municipalities of 2020–2023.
pub mod municipality;
/// The settlement register: row parsing, validation and person timelines.
pub mod register;
/// Accruals per person, grant and month (rules R0–R13).
pub mod accrual;
