//! tilskot: grant administration and payout engine.
//!
//! The folders are layers; each may use only those below it (see
//! ARCHITECTURE.md; `tests/it/architecture.rs` enforces it):
//!
//! - [`domain`]: the pure rules over plain data, no I/O;
//! - [`db`] (the database) and [`io`] (files): the only I/O, over the domain;
//! - [`app`]: the use cases, composed of the three above;
//! - [`render`]: reports and tables from domain values;
//! - [`cli`], [`web`], [`demo`]: the edges a person uses.

#[macro_use]
mod macros;

pub mod app;
pub mod cli;
pub mod db;
pub mod demo;
pub mod domain;
pub mod io;
pub mod render;
pub mod web;
