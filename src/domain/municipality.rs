//! Municipalities (kommunar) in the 2020–2023 numbering, loaded from
//! `rules/kommunar-2022.csv` (SSB classification 131; see `rules/SOURCES.md`).

use crate::domain::error::{Message, Reason};
use std::collections::BTreeMap;
use std::fmt;

/// A four-digit municipality number (kommunenummer) that exists in the
/// municipality list. Construct it with [`Municipalities::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MunicipalityNumber(u16);

impl MunicipalityNumber {
    /// The number without checking it against the list; for values read back
    /// from the database, which only ever stores checked numbers.
    pub fn from_trusted(text: &str) -> Option<MunicipalityNumber> {
        (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| MunicipalityNumber(text.parse().expect("four digits")))
    }

    /// The number from [`MunicipalityNumber::as_u16`] without checking it
    /// against the list; for the stored register snapshot.
    pub fn from_trusted_u16(number: u16) -> Option<MunicipalityNumber> {
        (number <= 9999).then_some(MunicipalityNumber(number))
    }

    pub fn as_u16(self) -> u16 {
        self.0
    }
}

impl fmt::Display for MunicipalityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

/// One municipality of the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    pub number: MunicipalityNumber,
    pub name: String,
    pub county: String,
    /// Population on 1 January 2022 (SSB table 07459).
    pub population_2022: u64,
}

/// The list of municipalities valid 2020–2023.
#[derive(Debug, Clone)]
pub struct Municipalities {
    by_number: BTreeMap<MunicipalityNumber, Municipality>,
}

impl Municipalities {
    /// Parses `kommunenummer,name,fylkesnummer,fylke,population_2022`.
    pub fn from_csv(text: &str) -> Result<Municipalities, String> {
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut by_number = BTreeMap::new();
        for (index, record) in reader.records().enumerate() {
            let row = index + 2;
            let record = record.map_err(|e| format!("row {row}: {e}"))?;
            let field = |i: usize| record.get(i).unwrap_or("").to_string();
            let number = MunicipalityNumber::from_trusted(&field(0))
                .ok_or_else(|| format!("row {row}: '{}' is not a municipality number", field(0)))?;
            let population_2022 = field(4)
                .parse()
                .map_err(|_| format!("row {row}: '{}' is not a population", field(4)))?;
            by_number.insert(
                number,
                Municipality {
                    number,
                    name: field(1),
                    county: field(3),
                    population_2022,
                },
            );
        }
        Ok(Municipalities { by_number })
    }

    /// A number that is one of the list's, or why not.
    pub fn parse(&self, text: &str) -> Result<MunicipalityNumber, Reason> {
        let number = MunicipalityNumber::from_trusted(text.trim()).ok_or_else(|| {
            Reason::told(
                Message::new("problem-not-a-municipality-number").arg("text", text),
                format!("'{text}' is not a four-digit municipality number"),
            )
        })?;
        if self.by_number.contains_key(&number) {
            Ok(number)
        } else {
            Err(Reason::told(
                Message::new("problem-unknown-municipality")
                    .arg("number", number)
                    .arg("count", self.by_number.len()),
                format!(
                    "municipality {number} is not one of the {} municipalities of 2020–2023",
                    self.by_number.len()
                ),
            ))
        }
    }

    pub fn get(&self, number: MunicipalityNumber) -> Option<&Municipality> {
        self.by_number.get(&number)
    }

    pub fn name(&self, number: MunicipalityNumber) -> &str {
        self.get(number)
            .map(|m| m.name.as_str())
            .unwrap_or("(unknown)")
    }

    /// The number and the name, as a person reads a municipality in a
    /// sentence ("0301 Oslo"); the number alone if it is not known.
    pub fn labelled(&self, number: MunicipalityNumber) -> String {
        match self.get(number) {
            Some(found) => format!("{number} {}", found.name),
            None => number.to_string(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Municipality> {
        self.by_number.values()
    }

    pub fn len(&self) -> usize {
        self.by_number.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_number.is_empty()
    }
}

#[cfg(test)]
impl Municipalities {
    /// The shipped list for the domain's own tests; the product reads it
    /// through `io::shipped`.
    pub(crate) fn shipped() -> Municipalities {
        Municipalities::from_csv(include_str!("../../rules/kommunar-2022.csv"))
            .expect("the shipped municipality list is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_municipality_is_labelled_by_number_and_name_or_by_number_alone() {
        let shipped = Municipalities::shipped();
        let oslo = MunicipalityNumber::from_trusted("0301").unwrap();
        assert_eq!(shipped.labelled(oslo), "0301 Oslo");
        let unknown = MunicipalityNumber::from_trusted("9999").unwrap();
        assert_eq!(shipped.labelled(unknown), "9999");
    }

    #[test]
    fn the_shipped_list_has_the_356_municipalities_and_the_population_of_norway() {
        let list = Municipalities::shipped();
        assert_eq!(list.len(), 356);
        let population: u64 = list.iter().map(|m| m.population_2022).sum();
        assert_eq!(population, 5_425_270);
        assert_eq!(list.name(list.parse("0301").unwrap()), "Oslo");
    }

    #[test]
    fn a_number_outside_the_list_is_refused_with_a_reason() {
        let list = Municipalities::shipped();
        assert!(list
            .parse("3101")
            .unwrap_err()
            .text
            .contains("not one of the 356"));
        assert!(list.parse("301").unwrap_err().text.contains("four-digit"));
        assert!(list.parse("abcd").is_err());
    }
}
