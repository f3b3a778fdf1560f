//! The little-endian byte layout shared by the stored forms tilskot writes
//! and reads only itself: the register snapshot (`register_codec`) and the
//! pages of register events (`event_pages`).

use crate::domain::municipality::MunicipalityNumber;
use chrono::{Datelike, NaiveDate};

/// Why bytes cannot be read: cut short, or a value no writer writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable(pub &'static str);

/// Appends values to a byte vector.
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A date as days since 1 January of year 1.
    pub fn date(&mut self, date: NaiveDate) {
        self.u32(date.num_days_from_ce() as u32);
    }
    /// Identifiers and country codes: at most 255 bytes.
    pub fn text(&mut self, text: &str) -> Result<(), Unreadable> {
        let len = u8::try_from(text.len()).map_err(|_| Unreadable("text over 255 bytes"))?;
        self.u8(len);
        self.0.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

/// Reads values back in the order a [`Writer`] wrote them.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    /// How many bytes are not read yet.
    pub fn left(&self) -> usize {
        self.bytes.len() - self.at
    }
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], Unreadable> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len());
        let end = end.ok_or(Unreadable("cut short"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], Unreadable> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    pub fn u8(&mut self) -> Result<u8, Unreadable> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, Unreadable> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, Unreadable> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, Unreadable> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn date(&mut self) -> Result<NaiveDate, Unreadable> {
        let days = i32::try_from(self.u32()?).map_err(|_| Unreadable("bad date"))?;
        date_of_day(days).ok_or(Unreadable("bad date"))
    }
    pub fn municipality(&mut self) -> Result<MunicipalityNumber, Unreadable> {
        MunicipalityNumber::from_trusted_u16(self.u16()?)
            .ok_or(Unreadable("bad municipality number"))
    }
    pub fn text(&mut self) -> Result<&'a str, Unreadable> {
        let len = usize::from(self.u8()?);
        std::str::from_utf8(self.take(len)?).map_err(|_| Unreadable("text not UTF-8"))
    }
}

/// The first and the last day [`date_of_day`] looks up rather than computes:
/// every date of a register of refugees settled in this century.
const TABLE_FROM: (i32, u32, u32) = (1900, 1, 1);
const TABLE_TO: (i32, u32, u32) = (2099, 12, 31);

/// The date of a day number (days since 1 January of year 1, as
/// [`Writer::date`] writes it), or `None` for no date. Days of
/// 1900–2099 come from a table made once: chrono's conversion was 2 % of a
/// December batch run's samples, once for each of the 4 million dates in
/// the snapshot of a register with six events a person.
fn date_of_day(days: i32) -> Option<NaiveDate> {
    static TABLE: std::sync::OnceLock<(i32, Vec<NaiveDate>)> = std::sync::OnceLock::new();
    let (first, dates) = TABLE.get_or_init(|| {
        let day = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a real day");
        let (first, last) = (day(TABLE_FROM), day(TABLE_TO));
        (
            first.num_days_from_ce(),
            first.iter_days().take_while(|d| *d <= last).collect(),
        )
    });
    let looked_up = usize::try_from(days - first)
        .ok()
        .and_then(|i| dates.get(i));
    match looked_up {
        Some(date) => Some(*date),
        None => NaiveDate::from_num_days_from_ce_opt(days),
    }
}

/// A count as the four bytes it is written in.
pub fn count(n: usize) -> Result<u32, Unreadable> {
    u32::try_from(n).map_err(|_| Unreadable("more than 2^32 items"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day of the table, its edges and days beyond them read back
    /// as chrono computes them.
    #[test]
    fn a_day_number_is_the_date_chrono_makes_of_it() {
        let first = NaiveDate::from_ymd_opt(1900, 1, 1)
            .unwrap()
            .num_days_from_ce();
        let last = NaiveDate::from_ymd_opt(2099, 12, 31)
            .unwrap()
            .num_days_from_ce();
        for days in (first - 400..=last + 400).chain([1, 0, -1, i32::MAX]) {
            assert_eq!(
                date_of_day(days),
                NaiveDate::from_num_days_from_ce_opt(days),
                "{days}"
            );
        }
    }

    #[test]
    fn a_date_written_reads_back() {
        let dates = [
            "1899-12-31",
            "1900-01-01",
            "2022-02-28",
            "2099-12-31",
            "2100-01-01",
        ];
        for text in dates {
            let date: NaiveDate = text.parse().unwrap();
            let mut out = Writer(Vec::new());
            out.date(date);
            assert_eq!(Reader::new(&out.0).date(), Ok(date), "{text}");
        }
    }
}
