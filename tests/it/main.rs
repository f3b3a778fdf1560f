//! Integration tests: the `tilskot` binary and the library against real
//! SQLite files and the real PostgreSQL server, a fresh database per test.

mod accounts;
mod architecture;
mod batches;
mod browser;
mod catalogue;
mod closed_year;
mod commands;
mod disability;
mod forecast;
mod fuzz;
mod language;
mod payments;
mod peer;
mod register_import;
mod register_snapshot;
mod scale;
mod schemes;
mod seams;
mod support;
mod trust;
mod web;
