//! The stored form of a batch's lines: one block per municipality and grant
//! (table `batch_block`), its lines as text, "person<TAB>amount_ore<LF>" in
//! byte order of the person, an empty person for the base grant.
//!
//! A term pays 300 000–400 000 lines; as one row each, storing them cost
//! SQLite half a second (its own B-tree work, measured with a plain
//! `executemany`), and reading every paid line back for a run another half.
//! As about 2 500 blocks a batch both take a few hundredths. The block's
//! count and total are stored beside its lines for the pages that show sums
//! only, and are checked against the lines whenever these are read.

use crate::domain::error::Result;
use crate::domain::grant::Grant;
use crate::domain::money::Ore;
use crate::domain::municipality::MunicipalityNumber;
use crate::domain::payout::{BatchLine, LineKey};
use smol_str::SmolStr;

/// The lines of one municipality and grant in a batch, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub municipality: MunicipalityNumber,
    pub grant: Grant,
    pub line_count: i64,
    pub total: Ore,
    pub lines: String,
}

/// Groups lines into blocks, one per municipality and grant, in key order.
/// Fails on a sum that overflows.
pub fn pack(lines: &[BatchLine]) -> Result<Vec<Block>> {
    let mut sorted: Vec<&BatchLine> = lines.iter().collect();
    if !sorted.is_sorted_by(|a, b| a.key <= b.key) {
        sorted.sort_by(|a, b| a.key.cmp(&b.key));
    }
    let mut blocks: Vec<Block> = Vec::new();
    for line in sorted {
        let (municipality, grant) = (line.key.municipality, line.key.grant);
        let same = blocks
            .last()
            .is_some_and(|b| b.municipality == municipality && b.grant == grant);
        if !same {
            blocks.push(Block {
                municipality,
                grant,
                line_count: 0,
                total: Ore(0),
                lines: String::new(),
            });
        }
        let block = blocks.last_mut().expect("pushed above");
        block.line_count += 1;
        block.total = Ore(block
            .total
            .0
            .checked_add(line.amount.0)
            .ok_or_else(|| internal!("the lines of {municipality} {grant} overflow a sum"))?);
        block
            .lines
            .push_str(line.key.person_id.as_deref().unwrap_or(""));
        block.lines.push('\t');
        block
            .lines
            .push_str(itoa::Buffer::new().format(line.amount.0));
        block.lines.push('\n');
    }
    Ok(blocks)
}

/// The lines of a stored block, in person order, checked against the
/// block's count and total: a block whose text was edited without its sums
/// (or the other way round) is an error, never read as lines.
pub fn unpack(block: &Block) -> Result<Vec<BatchLine>> {
    let mut lines = Vec::with_capacity(usize::try_from(block.line_count).unwrap_or(0));
    let mut total: i64 = 0;
    for text in block.lines.split_terminator('\n') {
        let (person, amount) = text
            .split_once('\t')
            .ok_or_else(|| unreadable(block, &format!("line '{text}' has no amount")))?;
        let amount: i64 = amount
            .parse()
            .map_err(|_| unreadable(block, &format!("amount '{amount}'")))?;
        total = total
            .checked_add(amount)
            .ok_or_else(|| unreadable(block, "its sum overflows"))?;
        lines.push(BatchLine {
            key: LineKey {
                municipality: block.municipality,
                grant: block.grant,
                person_id: (!person.is_empty()).then(|| SmolStr::new(person)),
            },
            amount: Ore(amount),
        });
    }
    if lines.len() as i64 != block.line_count || Ore(total) != block.total {
        return Err(unreadable(
            block,
            &format!(
                "it holds {} lines summing to {total} øre, but says {} lines and {} øre",
                lines.len(),
                block.line_count,
                block.total.0
            ),
        ));
    }
    if !lines.is_sorted_by(|a, b| a.key < b.key) {
        lines.sort_by(|a, b| a.key.cmp(&b.key));
        if lines.windows(2).any(|w| w[0].key == w[1].key) {
            return Err(unreadable(block, "a person appears twice"));
        }
    }
    Ok(lines)
}

/// The amount of one person in a stored block's lines, if the block holds
/// the person (a search of the text: `explain` reads a few blocks for one
/// person).
pub fn person_amount(lines: &str, person: &str) -> Result<Option<Ore>> {
    if person.is_empty() {
        // The base grant's lines have no person; an empty search would
        // match everywhere and never advance.
        return Ok(None);
    }
    let mut rest = lines;
    while let Some(found) = rest.find(person) {
        let at_line_start = found == 0 || rest.as_bytes()[found - 1] == b'\n';
        let after = &rest[found + person.len()..];
        if at_line_start && after.starts_with('\t') {
            let amount = after[1..].split('\n').next().unwrap_or("");
            let amount: i64 = amount
                .parse()
                .map_err(|_| internal!("stored amount '{amount}' of person {person}"))?;
            return Ok(Some(Ore(amount)));
        }
        rest = &rest[found + person.len()..];
    }
    Ok(None)
}

fn unreadable(block: &Block, reason: &str) -> crate::domain::error::Error {
    internal!(
        "the stored lines of {} {}: {reason}",
        block.municipality,
        block.grant
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(municipality: &str, grant: Grant, person: Option<&str>, amount: i64) -> BatchLine {
        BatchLine {
            key: LineKey {
                municipality: MunicipalityNumber::from_trusted(municipality).unwrap(),
                grant,
                person_id: person.map(SmolStr::new),
            },
            amount: Ore(amount),
        }
    }

    fn sample() -> Vec<BatchLine> {
        vec![
            line("3005", Grant::Integration, Some("B2"), -300),
            line("0301", Grant::Integration, Some("A10"), 1_433_333),
            line("0301", Grant::Integration, Some("A1"), 5),
            line("0301", Grant::NorwegianBase, None, 7_000_000),
        ]
    }

    #[test]
    fn lines_pack_into_one_block_per_municipality_and_grant_and_unpack_unchanged() {
        let lines = sample();
        let blocks = pack(&lines).unwrap();
        assert_eq!(blocks.len(), 3);
        let oslo = blocks
            .iter()
            .find(|b| b.grant == Grant::Integration && b.municipality.to_string() == "0301")
            .unwrap();
        assert_eq!(oslo.lines, "A1\t5\nA10\t1433333\n");
        assert_eq!((oslo.line_count, oslo.total), (2, Ore(1_433_338)));
        let mut back: Vec<BatchLine> = blocks.iter().flat_map(|b| unpack(b).unwrap()).collect();
        back.sort();
        let mut expected = lines;
        expected.sort();
        assert_eq!(back, expected);
    }

    #[test]
    fn a_block_whose_text_no_longer_matches_its_count_or_total_is_an_error() {
        let mut block = pack(&sample()).unwrap().remove(0);
        block.lines.push_str("X9\t100\n");
        assert!(unpack(&block).is_err());
        block.line_count += 1;
        assert!(unpack(&block).is_err(), "the total still differs");
        block.total = Ore(block.total.0 + 100);
        assert_eq!(unpack(&block).unwrap().len() as i64, block.line_count);
    }

    #[test]
    fn a_person_is_found_only_as_a_whole_line_key_and_an_empty_person_never() {
        let text = "A1\t5\nA10\t1433333\nXA1\t7\n";
        assert_eq!(person_amount(text, "A10").unwrap(), Some(Ore(1_433_333)));
        assert_eq!(person_amount(text, "A1").unwrap(), Some(Ore(5)));
        assert_eq!(person_amount("XA1\t7\n", "A1").unwrap(), None);
        assert_eq!(person_amount("\t7000000\n", "").unwrap(), None);
    }

    #[test]
    fn a_block_with_a_person_twice_or_a_bad_amount_is_an_error() {
        let block = Block {
            municipality: MunicipalityNumber::from_trusted("0301").unwrap(),
            grant: Grant::Integration,
            line_count: 2,
            total: Ore(2),
            lines: "B\t1\nB\t1\n".into(),
        };
        assert!(unpack(&block).is_err());
        let bad = Block {
            lines: "B\tone\n".into(),
            line_count: 1,
            total: Ore(1),
            ..block
        };
        assert!(unpack(&bad).is_err());
    }

    #[test]
    fn a_person_is_found_only_as_a_whole_line_key() {
        let text = "A1\t5\nA10\t1433333\nXA1\t7\n";
        assert_eq!(person_amount(text, "A10").unwrap(), Some(Ore(1_433_333)));
        assert_eq!(person_amount(text, "A1").unwrap(), Some(Ore(5)));
        assert_eq!(person_amount(text, "A").unwrap(), None);
        assert_eq!(person_amount(text, "1").unwrap(), None);
    }

    #[test]
    fn a_sum_that_overflows_is_an_error_not_a_wrap() {
        let lines = vec![
            line("0301", Grant::Integration, Some("A"), i64::MAX),
            line("0301", Grant::Integration, Some("B"), 1),
        ];
        assert!(pack(&lines).is_err());
    }
}
