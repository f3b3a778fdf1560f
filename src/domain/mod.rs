//! The domain core: rules, accruals, payouts, ledger, statements and schemes
//! as plain functions over plain data. No module here does I/O, reads the
//! clock or imports another layer.

/// Accruals per person, grant and month (rules R0–R13).
pub mod accrual;
/// Applications to schemes: states, form validation, decisions, frame tracking.
pub mod application;
/// Two-person approval of batches and the audit log's hash chain.
pub mod approval;
/// Months (`Period`), ISO dates and ages.
pub mod calendar;
/// When a year may be closed: once over, and after the year before it.
pub mod closing;
/// ISO 3166-1 alpha-2 country codes.
pub mod country;
/// The disability grant on application (rules R14–R19).
pub mod disability;
/// The application and decision files of the disability grant.
pub mod disability_file;
/// What is due per batch line, accrued straight into the line sums.
pub mod due;
/// Typed errors shared by the store and the use cases.
pub mod error;
/// Explanations of a person's accruals and payments.
pub mod explain;
/// Forecasts of a budget year with the rules that pay (F1–F3).
pub mod forecast;
/// A synthetic register shaped by the annual report.
pub mod generate;
/// Synthetic disability-grant applications shaped by the annual report.
pub mod generate_disability;
/// Grant codes, settlement bases, categories and rule ids.
pub mod grant;
/// The ledger as an hledger journal for auditors.
pub mod journal;
/// The ledger: accounts, budget lines, allocations, balanced vouchers.
pub mod ledger;
/// Integer øre and the named rules that split and round money.
pub mod money;
/// The 356 municipalities of 2020–2023.
pub mod municipality;
/// The ISO 20022 pain.001 payment file and Norwegian check digits.
pub mod payment_file;
/// Payout batches: what a term pays, per municipality, grant and person.
pub mod payout;
/// The prognosis file of a forecast (F2).
pub mod prognosis;
/// A year's rates by position, for lookups per person-month.
pub(crate) mod rate_table;
/// The settlement register: row parsing, validation and person timelines.
pub mod register;
/// Rates and payment terms per budget year, parsed strictly from TOML text.
pub mod rules;
/// Discretionary schemes: eligibility, scoring, ranking and awards within the frame.
pub mod schemes;
/// The annual statements and their invariants, built from the ledger.
pub mod statements;
/// Tamper evidence: batches against the audit log, and its anchors.
pub mod tamper;
/// A stable sort of a big list, its halves on two cores.
pub mod two_core_sort;
/// Web users: roles and what they reach.
pub mod users;
