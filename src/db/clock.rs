//! The date the store records writes at: the machine's clock, unless the
//! process was given a date (`tilskot serve --today`, the demo's replay of a
//! past year). Then every time stamp the process writes (a history row, an
//! audit entry, a batch) carries that date, with the time of day of the
//! clock, so that what the pages show and what they record agree.
//!
//! The date is the process's, set by the binary's entry points only; tests
//! that share a process never set it.

use chrono::NaiveDate;
use std::sync::RwLock;

static FIXED_DATE: RwLock<Option<NaiveDate>> = RwLock::new(None);

/// Records every later write at `date` (or at the clock's date for `None`).
pub fn set_today(date: Option<NaiveDate>) {
    if let Ok(mut fixed) = FIXED_DATE.write() {
        *fixed = date;
    }
}

/// The date set for the process, if any.
pub fn fixed_today() -> Option<NaiveDate> {
    FIXED_DATE.read().ok().and_then(|fixed| *fixed)
}

/// The time of a write, as text in UTC; the same in both databases.
pub(crate) fn now_text() -> String {
    let now = chrono::Utc::now();
    match fixed_today() {
        Some(date) => format!("{date}T{}Z", now.format("%H:%M:%S")),
        None => now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_carries_the_clock_date_unless_a_date_is_set() {
        // This unit test binary sets no date anywhere else.
        let today = chrono::Utc::now().date_naive().to_string();
        assert!(now_text().starts_with(&today), "{}", now_text());
        let date = NaiveDate::from_ymd_opt(2023, 1, 16).unwrap();
        set_today(Some(date));
        let stamped = now_text();
        set_today(None);
        assert!(
            stamped.starts_with("2023-01-16T") && stamped.ends_with('Z'),
            "{stamped}"
        );
        assert_eq!(stamped.len(), "2023-01-16T10:00:00Z".len());
    }
}
