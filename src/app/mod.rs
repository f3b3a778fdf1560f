//! The use cases: what a finance officer, caseworker or auditor asks of
//! tilskot, composed of the domain, the store and files. Like cargo's `ops`.

/// The accounts import: chart, budget, allocations, ledger, all or nothing.
pub mod accounts_import;
/// Verifying the audit log against the batches and the anchor file.
pub mod audit;
/// Running, attesting, approving and paying the monthly batches.
pub mod batches;
/// Every invariant in one run (`tilskot check`).
pub mod check;
/// Closing a year: checks, releases, the lock.
pub mod close_year;
/// The disability grant: applications, extensions, decisions, the queue.
pub mod disability;
/// Explaining a person's accruals and payments.
pub mod explain;
/// Forecasts of a budget year with the rules that pay (F1–F3).
pub mod forecast;
/// The two-phase hand-off of payment files: staging, outbox, void.
pub mod handoff;
/// Creating a database and seeding its reference data.
pub mod init;
/// The register import: all events of a file or none.
pub mod register_import;
/// Scheme allocation, payment and year close.
pub mod schemes;
/// The annual statements and the auditor's journal.
pub mod statements;
/// Users: the first administrator and users added by one.
pub mod users;
