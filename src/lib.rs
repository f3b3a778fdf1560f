//! tilskot: grant administration and payout engine.
//!
//! The domain core (pure functions over plain data) comes first; the edges
//! (database, files, reports, command line) after. See ARCHITECTURE.md.

// Domain core: no I/O.
/// The accounts import: chart, budget, allocations, ledger (edge).
pub mod accounts_import;
/// Accruals per person, grant and month (rules R0–R13).
pub mod accrual;
/// Applications to schemes: states, form validation, decisions, frame tracking.
pub mod application;
/// Two-person approval of batches and the audit log's hash chain.
pub mod approval;
/// Users, transitions, payments and the audit log in the database (edge).
pub mod approval_store;
/// Running and storing a monthly batch (edge).
pub mod batch_run;
/// The benchmark command (edge).
pub mod bench;
/// Months (`Period`), ISO dates and ages.
pub mod calendar;
/// The command line (edge).
pub mod cli;
/// The demo: the main job end to end on a fresh SQLite database.
pub mod demo;
/// The demo's discretionary schemes: Jobbsjansen 2022 replayed.
pub mod demo_schemes;
/// Explanations of a person's accruals and payments.
pub mod explain;
/// A synthetic register shaped by the annual report.
pub mod generate;
/// Grant codes, settlement bases, categories and rule ids.
pub mod grant;
/// The register import: all events of a file or none (edge).
pub mod import;
/// The ledger as an hledger journal for auditors.
pub mod journal;
/// The ledger: accounts, budget lines, allocations, balanced vouchers.
pub mod ledger;
/// The ledger in the database (edge).
pub mod ledger_store;
/// Integer øre and the named rules that split and round money.
pub mod money;
/// The 356 municipalities of 2020–2023.
pub mod municipality;
/// The ISO 20022 pain.001 payment file and Norwegian check digits.
pub mod payment_file;
/// Payout batches: what a term pays, per municipality, grant and person.
pub mod payout;
/// Progress bars on a terminal (edge).
pub mod progress;
/// The settlement register: row parsing, validation and person timelines.
pub mod register;
/// Payout reports: batch CSV and askama HTML pages (edge).
pub mod reports;
/// Rates and payment terms per budget year, parsed strictly from TOML text.
pub mod rules;
/// Loading the rules directory (edge).
pub mod rules_dir;
/// The `scheme` and `serve` commands (edge).
pub mod scheme_cli;
/// Schemes, applications, reviews, awards and releases in the database (edge).
pub mod scheme_store;
/// Discretionary schemes: eligibility, scoring, ranking and awards within the frame.
pub mod schemes;
/// The annual statements and their invariants, built from the ledger.
pub mod statements;
/// The database edge (sqlx, SQLite or PostgreSQL).
pub mod store;
/// Reading CSV and XLSX files into rows (edge).
pub mod tabular;
/// The web application: pages, JSON API, sessions (edge).
pub mod web;
