//! A year's rates by position rather than in a map.
//!
//! The accruals look a rate up for every person-month: 2.6 million lookups at
//! ten times the report's volume. A [`RateTable`] answers each by indexing an
//! array, where the rules' `BTreeMap` walks a tree of keys.

use crate::domain::money::Ore;
use crate::domain::rules::{RateKey, YearRules};

/// How many positions [`position`] hands out.
const POSITIONS: usize = 29;

/// A key's place in a [`RateTable`]; none for a grant year beyond those any
/// rule uses (such a key is looked up in the rules' map instead).
fn position(key: RateKey) -> Option<usize> {
    use RateKey::*;
    // (first position of the kind, offset within it, positions of the kind)
    let (first, offset, span) = match key {
        IntegrationYear1(category) => (0, category as usize, 4),
        IntegrationYear(year) => (4, usize::from(year), 8),
        Elderly => (12, 0, 1),
        Kindergarten => (13, 0, 1),
        MinorToYearOf16 => (14, 0, 1),
        MinorFromYearOf17 => (15, 0, 1),
        NorwegianHigh(year) => (16, usize::from(year), 4),
        NorwegianLow(year) => (20, usize::from(year), 4),
        NorwegianCollective => (24, 0, 1),
        NorwegianBase1To3 => (25, 0, 1),
        NorwegianBase4To150 => (26, 0, 1),
        Disability1 => (27, 0, 1),
        Disability2 => (28, 0, 1),
    };
    (offset < span).then_some(first + offset)
}

/// The amounts of one year's rates, by [`position`].
pub(crate) struct RateTable<'a> {
    rules: &'a YearRules,
    amounts: [Option<Ore>; POSITIONS],
}

impl<'a> RateTable<'a> {
    pub(crate) fn of(rules: &'a YearRules) -> RateTable<'a> {
        let mut amounts = [None; POSITIONS];
        for (key, rate) in &rules.rates {
            if let Some(at) = position(*key) {
                amounts[at] = Some(rate.amount);
            }
        }
        RateTable { rules, amounts }
    }

    /// The year's rules the table was made from.
    pub(crate) fn rules(&self) -> &'a YearRules {
        self.rules
    }

    /// The amount of a required rate, as [`YearRules::required_rate`] gives it.
    pub(crate) fn amount(&self, key: RateKey) -> Ore {
        match position(key).and_then(|at| self.amounts[at]) {
            Some(amount) => amount,
            None => self.rules.required_rate(key).amount,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grant::Category;

    fn every_key() -> Vec<RateKey> {
        use RateKey::*;
        let mut keys: Vec<RateKey> = Category::ALL.into_iter().map(IntegrationYear1).collect();
        for year in 0..=u8::MAX {
            keys.extend([
                IntegrationYear(year),
                NorwegianHigh(year),
                NorwegianLow(year),
            ]);
        }
        keys.extend([
            Elderly,
            Kindergarten,
            MinorToYearOf16,
            MinorFromYearOf17,
            NorwegianCollective,
            NorwegianBase1To3,
            NorwegianBase4To150,
            Disability1,
            Disability2,
        ]);
        keys
    }

    #[test]
    fn no_two_keys_share_a_position() {
        let mut taken = [None; POSITIONS];
        for key in every_key() {
            if let Some(at) = position(key) {
                assert_eq!(taken[at], None, "{key:?} and {:?}", taken[at]);
                taken[at] = Some(key);
            }
        }
    }

    #[test]
    fn the_table_gives_every_rate_of_the_rules_as_the_map_does() {
        let book = crate::domain::accrual::tests::rules();
        let mut looked_up = 0;
        let in_files: usize = book.years().map(|year| year.rates.len()).sum();
        for year in book.years() {
            let table = RateTable::of(year);
            for key in every_key() {
                if let Some(rate) = year.rate(key) {
                    assert_eq!(table.amount(key), rate.amount, "{} {key:?}", year.year);
                    looked_up += 1;
                }
            }
        }
        assert_eq!(looked_up, in_files, "every rate of the files is compared");
    }

    #[test]
    fn a_grant_year_beyond_the_table_is_read_from_the_map() {
        let book = crate::domain::accrual::tests::rules();
        let mut year = book.years().next().expect("a year").clone();
        let beyond = RateKey::IntegrationYear(9);
        let rate = year.rates[&RateKey::IntegrationYear(2)].clone();
        year.rates.insert(beyond, rate.clone());
        assert_eq!(position(beyond), None);
        assert_eq!(RateTable::of(&year).amount(beyond), rate.amount);
    }
}
