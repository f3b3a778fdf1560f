//! The built register as bytes: the stored snapshot that spares each command
//! reading and rebuilding every event (issue 16). A plain little-endian
//! layout written and read here only; [`FORMAT`] names it, and a snapshot of
//! another format is rebuilt from the events, never guessed at.
//!
//! The snapshot is derived data: the events stay the register, and
//! `tilskot check` compares the snapshot with a fresh build.

use super::codec::{count, Reader, Unreadable, Writer};
use crate::domain::grant::Basis;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::register::{BirthLink, Person, Register};
use chrono::NaiveDate;
use smol_str::SmolStr;

/// The layout's version. Raise it whenever [`Person`] or
/// [`Register::build`] changes what a person holds, so that snapshots made by
/// an older build are rebuilt instead of read. Format 2 stores the persons
/// in parts that each read on their own.
pub const FORMAT: i64 = 2;

/// Persons per stored part: about 2.5 MB at 80 bytes a person, so that
/// one part is decoded while the next is fetched, and no part is a
/// message of tens of megabytes (issue 16: fetching the 38 MB snapshot as
/// one value cost more than twice what its bytes take to send).
pub const PERSONS_PER_PART: usize = 32_768;

const MAGIC: &[u8; 4] = b"TSKR";

/// Why bytes are not a snapshot of this format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the register snapshot cannot be read: {0}")]
pub struct SnapshotUnreadable(&'static str);

/// A head or part row whose count is below zero.
pub const NEGATIVE_COUNT: SnapshotUnreadable = SnapshotUnreadable("a negative count");

impl From<Unreadable> for SnapshotUnreadable {
    fn from(unreadable: Unreadable) -> Self {
        SnapshotUnreadable(unreadable.0)
    }
}

/// The register as parts of at most `per_part` persons each, in order; a
/// register without persons is one empty part.
pub fn encode_parts(
    register: &Register,
    per_part: usize,
) -> Result<Vec<Vec<u8>>, SnapshotUnreadable> {
    if register.persons.is_empty() {
        return Ok(vec![encode_part(&[])?]);
    }
    register
        .persons
        .chunks(per_part.max(1))
        .map(encode_part)
        .collect()
}

/// One part: its persons as bytes, behind the magic, format and count.
pub fn encode_part(persons: &[Person]) -> Result<Vec<u8>, SnapshotUnreadable> {
    let mut out = Writer(Vec::with_capacity(persons.len() * 96 + 12));
    out.0.extend_from_slice(MAGIC);
    out.u32(FORMAT as u32);
    out.u32(count(persons.len())?);
    for person in persons {
        write_person(&mut out, person)?;
    }
    Ok(out.0)
}

/// The register back from its parts, as they arrive in order: each part is
/// read as soon as it is added, and [`PartsReader::finish`] holds the
/// whole to the count of parts and persons its head row stored.
pub struct PartsReader {
    parts: usize,
    persons: usize,
    read: Vec<Person>,
    next_part: usize,
}

impl PartsReader {
    /// A reader for `parts` parts holding `persons` persons in all.
    pub fn new(parts: usize, persons: usize) -> PartsReader {
        PartsReader {
            parts,
            persons,
            // Room for every person at once, so no part moves the others,
            // up to 64 parts' worth (2 million persons): a head row that
            // claims more only lets the list grow as real parts are read.
            read: Vec::with_capacity(persons.min(PERSONS_PER_PART * parts.min(64))),
            next_part: 0,
        }
    }

    /// Reads part number `part` (counted from 0), which must be the next.
    pub fn add(&mut self, part: usize, bytes: &[u8]) -> Result<(), SnapshotUnreadable> {
        if part != self.next_part || part >= self.parts {
            return Err(SnapshotUnreadable("a part missing or out of order"));
        }
        self.next_part += 1;
        decode_part_into(bytes, &mut self.read)
    }

    /// The register, if every part was read and they held every person.
    pub fn finish(self) -> Result<Register, SnapshotUnreadable> {
        if self.next_part != self.parts {
            return Err(SnapshotUnreadable("a part missing or out of order"));
        }
        if self.read.len() != self.persons {
            return Err(SnapshotUnreadable("not as many persons as stored"));
        }
        Ok(Register { persons: self.read })
    }
}

/// Adds the persons of one part to `persons`.
fn decode_part_into(bytes: &[u8], persons: &mut Vec<Person>) -> Result<(), SnapshotUnreadable> {
    let mut input = Reader::new(bytes);
    if input.take(4)? != MAGIC {
        return Err(SnapshotUnreadable("not a register snapshot"));
    }
    if i64::from(input.u32()?) != FORMAT {
        return Err(SnapshotUnreadable("another format"));
    }
    let count = input.u32()? as usize;
    persons.reserve(count.min(bytes.len() / 16));
    for _ in 0..count {
        persons.push(read_person(&mut input)?);
    }
    if input.left() != 0 {
        return Err(SnapshotUnreadable("bytes after the last person"));
    }
    Ok(())
}

const UNACCOMPANIED: u8 = 1;
const BORN: u8 = 2;
const EXITED: u8 = 4;

fn write_person(out: &mut Writer, person: &Person) -> Result<(), SnapshotUnreadable> {
    out.text(&person.id)?;
    out.text(&person.household_id)?;
    out.date(person.birth_date);
    out.date(person.settlement_date);
    out.u16(person.settlement_municipality.as_u16());
    out.u8(basis_index(person.basis));
    let flags = flag(person.unaccompanied, UNACCOMPANIED)
        | flag(person.born.is_some(), BORN)
        | flag(person.exit.is_some(), EXITED);
    out.u8(flags);
    out.text(&person.country)?;
    out.u32(person.clock_year as u32);
    out.u32(person.household_settled_same_day);
    if let Some(born) = &person.born {
        out.text(&born.mother_id)?;
        out.date(born.mother_settlement_date);
        out.u64(born.days_after_mother_settlement as u64);
    }
    out.u32(count(person.moves.len())?);
    for (date, to) in &person.moves {
        out.date(*date);
        out.u16(to.as_u16());
    }
    if let Some(exit) = person.exit {
        out.date(exit);
    }
    Ok(())
}

fn read_person(input: &mut Reader) -> Result<Person, SnapshotUnreadable> {
    let id = SmolStr::new(input.text()?);
    let household_id = SmolStr::new(input.text()?);
    let birth_date = input.date()?;
    let settlement_date = input.date()?;
    let settlement_municipality = input.municipality()?;
    let basis = *Basis::ALL
        .get(usize::from(input.u8()?))
        .ok_or(SnapshotUnreadable("unknown basis"))?;
    let flags = input.u8()?;
    let country = SmolStr::new(input.text()?);
    let clock_year = input.u32()? as i32;
    let household_settled_same_day = input.u32()?;
    let born = if flags & BORN != 0 {
        Some(BirthLink {
            mother_id: SmolStr::new(input.text()?),
            mother_settlement_date: input.date()?,
            days_after_mother_settlement: input.u64()? as i64,
        })
    } else {
        None
    };
    let moves = read_moves(input)?;
    let exit = if flags & EXITED != 0 {
        Some(input.date()?)
    } else {
        None
    };
    Ok(Person {
        id,
        household_id,
        birth_date,
        settlement_date,
        settlement_municipality,
        basis,
        unaccompanied: flags & UNACCOMPANIED != 0,
        country,
        clock_year,
        household_settled_same_day,
        born,
        moves,
        exit,
    })
}

/// A person's moves, allocated once at their stored count (a register of
/// six events a person has about five each).
fn read_moves(
    input: &mut Reader,
) -> Result<Vec<(NaiveDate, MunicipalityNumber)>, SnapshotUnreadable> {
    let count = input.u32()? as usize;
    // Each move takes six bytes: a count beyond the bytes left is refused
    // before anything is allocated for it.
    if count > input.left() / 6 {
        return Err(SnapshotUnreadable("cut short"));
    }
    let mut moves = Vec::with_capacity(count);
    for _ in 0..count {
        moves.push((input.date()?, input.municipality()?));
    }
    Ok(moves)
}

fn flag(set: bool, bit: u8) -> u8 {
    if set {
        bit
    } else {
        0
    }
}

fn basis_index(basis: Basis) -> u8 {
    Basis::ALL
        .iter()
        .position(|b| *b == basis)
        .expect("every basis is in ALL") as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::generate::{generate_register, GenerateOptions};
    use crate::domain::municipality::Municipalities;
    use rust_decimal::Decimal;

    fn generated() -> Register {
        let municipalities = Municipalities::shipped();
        let events = generate_register(
            &GenerateOptions {
                from_year: 2018,
                to_year: 2022,
                seed: 7,
                scale: Decimal::new(1, 2),
                events_per_person: None,
            },
            &municipalities,
        );
        Register::build(&events, 2)
    }

    /// The register back from its parts, in the order given.
    fn decode(parts: &[Vec<u8>], persons: usize) -> Result<Register, SnapshotUnreadable> {
        let mut reader = PartsReader::new(parts.len(), persons);
        for (part, bytes) in parts.iter().enumerate() {
            reader.add(part, bytes)?;
        }
        reader.finish()
    }

    /// One part holding every person, read back.
    fn decode_one(bytes: &[u8], persons: usize) -> Result<Register, SnapshotUnreadable> {
        decode(&[bytes.to_vec()], persons)
    }

    fn encode(register: &Register) -> Vec<u8> {
        encode_part(&register.persons).unwrap()
    }

    #[test]
    fn a_register_in_parts_reads_back_whole_and_in_order() {
        let register = generated();
        let parts = encode_parts(&register, 7).unwrap();
        assert_eq!(parts.len(), register.persons.len().div_ceil(7));
        assert!(parts.len() > 2, "{}", parts.len());
        let decoded = decode(&parts, register.persons.len()).unwrap();
        assert_eq!(decoded.persons, register.persons);
    }

    #[test]
    fn a_register_without_persons_is_one_empty_part() {
        let parts = encode_parts(&Register { persons: vec![] }, 7).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(decode(&parts, 0).unwrap().persons, vec![]);
    }

    #[test]
    fn parts_missing_swapped_or_short_of_persons_are_refused() {
        let register = generated();
        let persons = register.persons.len();
        let parts = encode_parts(&register, 7).unwrap();
        let missing = SnapshotUnreadable("a part missing or out of order");
        let short = SnapshotUnreadable("not as many persons as stored");
        assert_eq!(decode(&parts[1..], persons).unwrap_err(), short);
        let mut swapped = parts.clone();
        swapped.swap(0, 1);
        let mut reader = PartsReader::new(parts.len(), persons);
        reader.add(0, &swapped[0]).unwrap();
        assert_eq!(reader.add(2, &swapped[1]).unwrap_err(), missing);
        let mut fewer = PartsReader::new(parts.len(), persons);
        fewer.add(0, &parts[0]).unwrap();
        assert_eq!(fewer.finish().unwrap_err(), missing);
        assert_eq!(decode(&parts, persons + 1).unwrap_err(), short);
        let mut one_too_many = PartsReader::new(parts.len(), persons);
        for (part, bytes) in parts.iter().enumerate() {
            one_too_many.add(part, bytes).unwrap();
        }
        assert_eq!(
            one_too_many.add(parts.len(), &parts[0]).unwrap_err(),
            missing
        );
    }

    #[test]
    fn a_head_that_claims_too_much_is_refused_without_room_made_for_it() {
        let register = generated();
        let mut reader = PartsReader::new(usize::MAX, usize::MAX);
        assert!(reader.read.capacity() <= 64 * PERSONS_PER_PART);
        reader.add(0, &encode(&register)).unwrap();
        let missing = SnapshotUnreadable("a part missing or out of order");
        assert_eq!(reader.finish().unwrap_err(), missing);
    }

    #[test]
    fn a_generated_register_reads_back_as_it_was_built() {
        let register = generated();
        assert!(register.persons.iter().any(|p| p.born.is_some()));
        assert!(register.persons.iter().any(|p| p.unaccompanied));
        let decoded = decode_one(&encode(&register), register.persons.len()).unwrap();
        assert_eq!(decoded.persons, register.persons);
    }

    #[test]
    fn moves_and_exits_read_back() {
        let mut register = generated();
        let person = &mut register.persons[0];
        let to = MunicipalityNumber::from_trusted("0301").unwrap();
        person.moves = vec![(NaiveDate::from_ymd_opt(2021, 3, 4).unwrap(), to)];
        person.exit = NaiveDate::from_ymd_opt(2022, 5, 6);
        let decoded = decode_one(&encode(&register), register.persons.len()).unwrap();
        assert_eq!(decoded.persons[0], register.persons[0]);
    }

    #[test]
    fn identifiers_up_to_the_longest_allowed_read_back_and_are_found() {
        use crate::domain::register::MAX_IDENTIFIER_CHARS;
        let mut register = generated();
        register.persons.truncate(3);
        // Ids of up to 23 bytes are held inline, longer ones on the heap;
        // both must order, read back and be found alike.
        let ids = [
            "0".to_string(),
            format!("1{}", "x".repeat(MAX_IDENTIFIER_CHARS - 1)),
            format!("2{}", "y".repeat(22)),
        ];
        for (person, id) in register.persons.iter_mut().zip(&ids) {
            person.id = SmolStr::new(id);
            person.household_id = SmolStr::new(format!("h{id}"));
            person.born = None;
        }
        let decoded = decode_one(&encode(&register), register.persons.len()).unwrap();
        assert_eq!(decoded.persons, register.persons);
        for id in &ids {
            let found = decoded.person(id).map(|p| p.id.as_str());
            assert_eq!(found, Some(id.as_str()));
        }
    }

    #[test]
    fn a_move_count_beyond_the_bytes_is_refused_before_allocating() {
        let mut register = generated();
        register.persons.truncate(1);
        register.persons[0].exit = None;
        let mut bytes = encode(&register);
        // The last person without an exit ends with its move count.
        let at = bytes.len() - 4 - 6 * register.persons[0].moves.len();
        bytes[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(
            decode_one(&bytes, 1).unwrap_err(),
            SnapshotUnreadable("cut short")
        );
    }

    #[test]
    fn bytes_that_are_not_a_whole_snapshot_are_refused() {
        let register = generated();
        let persons = register.persons.len();
        let bytes = encode(&register);
        let cut = decode_one(&bytes[..bytes.len() - 1], persons);
        assert_eq!(cut.unwrap_err(), SnapshotUnreadable("cut short"));
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_one(&longer, persons).is_err());
        let mut other_format = bytes;
        other_format[4] = 99;
        assert_eq!(
            decode_one(&other_format, persons).unwrap_err(),
            SnapshotUnreadable("another format")
        );
    }
}
