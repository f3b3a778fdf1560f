//! Money: integer øre, and the named rules that split and round it.
//!
//! Every amount in tilskot is an [`Ore`] (1 NOK = 100 øre). Arithmetic on
//! money never touches floating point; display and parsing go through
//! `rust_decimal` so that "1234.56" means exactly 123 456 øre.

use crate::domain::error::{Message, Reason};
use rust_decimal::Decimal;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of money in øre (hundredths of a krone). Negative amounts are
/// set-offs or reversals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Ore(pub i64);

/// Named rule **largest amount on input**: no amount read from a file or a
/// form may exceed 100 000 000 000 NOK (seven times the directorate's whole
/// budget), so that no sum of them comes near the end of an i64 of øre.
pub const MAX_INPUT_NOK: i64 = 100_000_000_000;

impl Ore {
    pub const ZERO: Ore = Ore(0);

    /// Whole kroner to øre. Fails on overflow rather than wrapping.
    pub fn from_kroner(kroner: i64) -> Option<Ore> {
        kroner.checked_mul(100).map(Ore)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The amount in NOK as an exact decimal with two places.
    pub fn to_decimal_nok(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Parses an amount in NOK with at most two decimals ("1234.5", "-12.34").
    /// More decimals are refused rather than rounded: a ledger never invents
    /// øre. Exponent notation ("1e3") and amounts beyond
    /// [`MAX_INPUT_NOK`] are refused too.
    pub fn parse_nok(text: &str) -> Result<Ore, Reason> {
        let trimmed = text.trim();
        let refused = |key: &'static str, english: String| {
            Reason::told(Message::new(key).arg("text", text), english)
        };
        if !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        {
            return Err(refused(
                "problem-not-an-amount",
                format!(
                    "'{text}' is not an amount in NOK: digits and one decimal point, no exponent"
                ),
            ));
        }
        let value: Decimal = trimmed.parse().map_err(|_| {
            refused(
                "problem-not-an-amount",
                format!("'{text}' is not an amount in NOK"),
            )
        })?;
        if value.abs() > Decimal::from(MAX_INPUT_NOK) {
            return Err(refused(
                "problem-amount-too-large",
                format!("'{text}' is over the largest amount accepted, 100 000 000 000 NOK"),
            ));
        }
        if value.scale() > 2 && value.normalize().scale() > 2 {
            return Err(refused(
                "problem-amount-decimals",
                format!("'{text}' has more than two decimals"),
            ));
        }
        let ore = value * Decimal::ONE_HUNDRED;
        i64::try_from(ore.normalize()).map(Ore).map_err(|_| {
            refused(
                "problem-amount-too-large",
                format!("'{text}' is out of range"),
            )
        })
    }

    /// Named rule **round half away from zero to whole kroner**, used for
    /// every printed figure of the annual statements (docs/rules.md, Rounding).
    pub fn round_half_away_to_kroner(self) -> i64 {
        let whole = self.0 / 100;
        let rest = self.0 % 100;
        if rest >= 50 {
            whole + 1
        } else if rest <= -50 {
            whole - 1
        } else {
            whole
        }
    }
}

/// NOK with two decimals and no thousands separator: the CSV form.
impl fmt::Display for Ore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", self.to_decimal_nok())
    }
}

impl Add for Ore {
    type Output = Ore;
    fn add(self, other: Ore) -> Ore {
        Ore(self.0 + other.0)
    }
}

impl Sub for Ore {
    type Output = Ore;
    fn sub(self, other: Ore) -> Ore {
        Ore(self.0 - other.0)
    }
}

impl Neg for Ore {
    type Output = Ore;
    fn neg(self) -> Ore {
        Ore(-self.0)
    }
}

impl AddAssign for Ore {
    fn add_assign(&mut self, other: Ore) {
        self.0 += other.0;
    }
}

impl SubAssign for Ore {
    fn sub_assign(&mut self, other: Ore) {
        self.0 -= other.0;
    }
}

impl Sum for Ore {
    fn sum<I: Iterator<Item = Ore>>(iter: I) -> Ore {
        Ore(iter.map(|o| o.0).sum())
    }
}

impl<'a> Sum<&'a Ore> for Ore {
    fn sum<I: Iterator<Item = &'a Ore>>(iter: I) -> Ore {
        Ore(iter.map(|o| o.0).sum())
    }
}

/// Named rule **split even, remainder last** (docs/rules.md, "Monthly parts"):
/// an annual rate is split into twelve monthly parts of `floor(rate / 12)` øre,
/// and what the floor left over is added to December, so that the twelve
/// parts add up exactly to the annual rate.
///
/// `month` is 1–12.
pub fn monthly_part(annual: Ore, month: u32) -> Ore {
    debug_assert!((1..=12).contains(&month));
    let part = annual.0.div_euclid(12);
    if month == 12 {
        Ore(annual.0 - part * 11)
    } else {
        Ore(part)
    }
}

/// Formats whole kroner with a thin space between thousands, as the annual
/// report prints them ("9 802 028 370").
pub fn format_kroner_grouped(kroner: i64) -> String {
    let digits = kroner.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, ch) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(ch);
    }
    if kroner < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// NOK with two decimals and grouped thousands, for HTML pages.
pub fn format_nok_grouped(amount: Ore) -> String {
    let sign = if amount.0 < 0 { "-" } else { "" };
    let abs = amount.0.unsigned_abs();
    let kroner = format_kroner_grouped((abs / 100) as i64);
    format!("{sign}{kroner},{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_parts_of_an_annual_rate_add_up_to_the_rate_with_the_remainder_in_december() {
        // (annual øre, expected January–November part, expected December part)
        let table = [
            (24_000_000, 2_000_000, 2_000_000),
            (17_200_000, 1_433_333, 1_433_337),
            (111_800_000, 9_316_666, 9_316_674),
            (70_500_000, 5_875_000, 5_875_000),
            (11, 0, 11),
            (0, 0, 0),
        ];
        for (annual, part, december) in table {
            for month in 1..=11 {
                assert_eq!(
                    monthly_part(Ore(annual), month),
                    Ore(part),
                    "{annual} m{month}"
                );
            }
            assert_eq!(
                monthly_part(Ore(annual), 12),
                Ore(december),
                "{annual} december"
            );
            let year: Ore = (1..=12).map(|m| monthly_part(Ore(annual), m)).sum();
            assert_eq!(year, Ore(annual));
        }
    }

    #[test]
    fn rounding_to_kroner_is_half_away_from_zero_also_for_negative_amounts() {
        let table = [
            (150, 2),
            (149, 1),
            (-150, -2),
            (-149, -1),
            (-50, -1),
            (50, 1),
            (49, 0),
            (-49, 0),
            (0, 0),
            (123_456_789, 1_234_568),
        ];
        for (ore, kroner) in table {
            assert_eq!(Ore(ore).round_half_away_to_kroner(), kroner, "{ore} øre");
        }
    }

    #[test]
    fn amounts_print_and_parse_as_nok_with_two_decimals() {
        assert_eq!(Ore(123_456).to_string(), "1234.56");
        assert_eq!(Ore(-5).to_string(), "-0.05");
        assert_eq!(Ore(0).to_string(), "0.00");
        assert_eq!(Ore::parse_nok("1234.56"), Ok(Ore(123_456)));
        assert_eq!(Ore::parse_nok("-0.5"), Ok(Ore(-50)));
        assert_eq!(Ore::parse_nok("12"), Ok(Ore(1200)));
        assert_eq!(Ore::parse_nok("1.230"), Ok(Ore(123)));
        assert!(Ore::parse_nok("1.234").is_err());
        assert!(Ore::parse_nok("abc").is_err());
    }

    #[test]
    fn grouped_kroner_use_a_space_between_thousands() {
        assert_eq!(
            format_kroner_grouped(9_802_028_370),
            "9\u{a0}802\u{a0}028\u{a0}370"
        );
        assert_eq!(format_kroner_grouped(-1_000), "-1\u{a0}000");
        assert_eq!(format_kroner_grouped(999), "999");
        assert_eq!(format_nok_grouped(Ore(-123_456)), "-1\u{a0}234,56");
    }

    #[test]
    fn input_amounts_refuse_exponents_and_amounts_over_the_cap() {
        assert_eq!(Ore::parse_nok("1000"), Ok(Ore(100_000)));
        assert!(Ore::parse_nok("1e3").is_err());
        assert!(Ore::parse_nok("1E3").is_err());
        assert_eq!(
            Ore::parse_nok("100000000000.00"),
            Ok(Ore(10_000_000_000_000))
        );
        assert!(Ore::parse_nok("100000000000.01").is_err());
        assert!(Ore::parse_nok("-92233720368547758.07").is_err());
    }
}
