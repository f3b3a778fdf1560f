//! Calendar values: the month a grant accrues in ([`Period`]), dates and ages.

use crate::domain::error::{Message, Reason};
use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::str::FromStr;

/// A calendar month, written `YYYY-MM`: the unit of accrual and of payment
/// batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        (1..=12).contains(&month).then_some(Period { year, month })
    }

    pub fn of_date(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Months since year 0, so that periods can be compared and added.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    pub fn from_index(index: i64) -> Period {
        Period {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn plus_months(self, months: i64) -> Period {
        Period::from_index(self.index() + months)
    }

    pub fn next(self) -> Period {
        self.plus_months(1)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid period")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid period")
    }

    /// Every month from `from` to `to`, both included.
    pub fn range_inclusive(from: Period, to: Period) -> impl Iterator<Item = Period> {
        (from.index()..=to.index()).map(Period::from_index)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for Period {
    type Err = Reason;
    fn from_str(text: &str) -> Result<Period, Reason> {
        let bad = || {
            Reason::told(
                Message::new("problem-not-a-month").arg("text", text),
                format!("'{text}' is not a month in the form YYYY-MM"),
            )
        };
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        let month: u32 = month.parse().map_err(|_| bad())?;
        Period::new(year, month).ok_or_else(bad)
    }
}

/// No date before 1 January 1900 is accepted on input: nobody in the
/// register was born earlier, and a year like 0001 is a typing error.
pub const EARLIEST_YEAR: u32 = 1900;

/// Parses an ISO date (`2022-06-15`), the only date form tilskot accepts.
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, Reason> {
    let text = text.trim();
    let malformed = || {
        let message = Message::new("problem-not-a-date").arg("text", text);
        Reason::told(
            message,
            format!("'{text}' is not a date in the form YYYY-MM-DD"),
        )
    };
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(malformed());
    }
    // Digits read by hand: chrono's format parser was a tenth of loading
    // the register (perf, scale 10).
    let number = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    match (number(0..4), number(5..7), number(8..10)) {
        (Some(year), _, _) if year < EARLIEST_YEAR => Err(Reason::told(
            Message::new("problem-date-too-early")
                .arg("text", text)
                .arg("year", EARLIEST_YEAR),
            format!("'{text}' is before {EARLIEST_YEAR}-01-01, the earliest date accepted"),
        )),
        (Some(year), Some(month), Some(day)) => {
            NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(malformed)
        }
        _ => Err(malformed()),
    }
}

/// Age on a date: full years lived on that date (docs/rules.md, "Ages").
/// A person born on 29 February turns a year older on 1 March in other years.
pub fn age_on(birth_date: NaiveDate, date: NaiveDate) -> i32 {
    let mut age = date.year() - birth_date.year();
    if (date.month(), date.day()) < (birth_date.month(), birth_date.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        parse_iso_date(text).unwrap()
    }

    #[test]
    fn age_is_full_years_lived_on_the_date() {
        let table = [
            ("2004-06-15", "2022-06-14", 17),
            ("2004-06-15", "2022-06-15", 18),
            ("2004-02-29", "2022-02-28", 17),
            ("2004-02-29", "2022-03-01", 18),
            ("2022-01-01", "2022-12-31", 0),
        ];
        for (birth, on, expected) in table {
            assert_eq!(age_on(date(birth), date(on)), expected, "{birth} on {on}");
        }
    }

    #[test]
    fn periods_parse_print_and_count_months() {
        let p: Period = "2022-07".parse().unwrap();
        assert_eq!(
            p,
            Period {
                year: 2022,
                month: 7
            }
        );
        assert_eq!(p.to_string(), "2022-07");
        assert_eq!(p.plus_months(6).to_string(), "2023-01");
        assert_eq!(p.plus_months(-7).to_string(), "2021-12");
        assert_eq!(p.last_day(), date("2022-07-31"));
        assert_eq!(
            "2022-02".parse::<Period>().unwrap().last_day(),
            date("2022-02-28")
        );
        for bad in ["2022-13", "2022-7", "22-07", "2022/07", ""] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert_eq!(
            Period::range_inclusive("2021-11".parse().unwrap(), "2022-02".parse().unwrap())
                .map(|p| p.to_string())
                .collect::<Vec<_>>(),
            ["2021-11", "2021-12", "2022-01", "2022-02"]
        );
    }

    #[test]
    fn only_iso_dates_are_accepted() {
        assert_eq!(
            parse_iso_date(" 2022-06-15 "),
            Ok(NaiveDate::from_ymd_opt(2022, 6, 15).unwrap())
        );
        assert_eq!(
            parse_iso_date("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        for bad in [
            "15.06.2022",
            "2022-6-15",
            "2022-02-30",
            "2023-02-29",
            "yesterday",
            "+022-06-15",
            "2022-06-1x",
            "2022/06/15",
            "2022-13-01",
            "2022-00-10",
        ] {
            assert!(parse_iso_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_before_1900_are_refused() {
        assert!(parse_iso_date("1900-01-01").is_ok());
        assert!(parse_iso_date("1899-12-31")
            .unwrap_err()
            .text
            .contains("before 1900-01-01"));
        assert!(parse_iso_date("0001-01-01").is_err());
    }
}
