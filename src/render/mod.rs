//! Output for people: askama reports, text tables and progress spinners.

/// The audit log as CSV for auditors.
pub mod audit;
/// Refused and failed commands as the command line prints them.
pub mod errors;
/// `explain`'s account of a person.
pub mod explain;
/// Forecasts as CSV, text and an HTML page with an SVG chart.
pub mod forecast;
pub mod i18n;
/// Spinners on a terminal.
pub mod progress;
/// Batch CSV and the askama HTML pages.
pub mod reports;
/// Text tables of the command line.
pub mod tables;
