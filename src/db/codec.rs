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
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(Unreadable("bad date"))
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

/// A count as the four bytes it is written in.
pub fn count(n: usize) -> Result<u32, Unreadable> {
    u32::try_from(n).map_err(|_| Unreadable("more than 2^32 items"))
}
