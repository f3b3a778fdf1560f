//! Progress on a terminal (indicatif) for long commands; nothing when the
//! output is not a terminal, so logs and pipes stay clean.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;

/// The bar on the terminal now, so that a log line can clear it, print and
/// draw it again instead of the two overwriting each other.
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Runs `write` (a log line) with the active bar, if any, taken off the
/// terminal meanwhile.
pub fn suspend_for<R>(write: impl FnOnce() -> R) -> R {
    let active = ACTIVE.lock().ok().and_then(|a| a.clone());
    match active {
        Some(bar) if !bar.is_finished() => bar.suspend(write),
        _ => write(),
    }
}

fn activate(bar: &ProgressBar) {
    if let Ok(mut active) = ACTIVE.lock() {
        *active = Some(bar.clone());
    }
}

/// A spinner with a message, drawn on standard error when it is a terminal.
pub fn spinner(message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("valid template"),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    activate(&bar);
    bar
}

/// A bar of `length` steps, drawn on standard error when it is a terminal.
pub fn bar(length: u64, message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} [{elapsed}]")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(message.to_string());
    activate(&bar);
    bar
}
