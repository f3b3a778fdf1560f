//! When a year may be closed (`tilskot close-year`): once it is over, and
//! after the year before it. The opening balances of a year are the closing
//! balances of the year before, so years are closed in order; the years
//! before the start period were the previous system's and need not be.

use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// Why a year cannot be closed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotClosable {
    /// Its 31 December has not passed.
    NotOver { year: i32 },
    /// The year before it, from the start period on, is still open.
    EarlierOpen { earlier: i32 },
}

/// Whether `year` may be closed on `today`, given the year of the start
/// period and the years already closed.
pub fn closable(
    year: i32,
    start_year: i32,
    closed: &BTreeSet<i32>,
    today: NaiveDate,
) -> Result<(), NotClosable> {
    if today.year() <= year {
        return Err(NotClosable::NotOver { year });
    }
    let earlier = year - 1;
    if earlier >= start_year && !closed.contains(&earlier) {
        return Err(NotClosable::EarlierOpen { earlier });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_year_closes_once_over_and_after_the_year_before_it() {
        let none = BTreeSet::new();
        let start = 2022;
        assert_eq!(closable(2022, start, &none, day("2023-01-01")), Ok(()));
        assert_eq!(
            closable(2022, start, &none, day("2022-12-31")),
            Err(NotClosable::NotOver { year: 2022 })
        );
        assert_eq!(
            closable(2023, start, &none, day("2024-02-01")),
            Err(NotClosable::EarlierOpen { earlier: 2022 })
        );
        let closed = BTreeSet::from([2022]);
        assert_eq!(closable(2023, start, &closed, day("2024-02-01")), Ok(()));
        // Years before the start period were the previous system's.
        assert_eq!(closable(2021, start, &none, day("2024-02-01")), Ok(()));
    }
}
