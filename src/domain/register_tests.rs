use super::*;

fn today() -> NaiveDate {
    parse_iso_date("2026-11-24").unwrap()
}

fn raw(row: usize, line: &str) -> RawRow {
    RawRow {
        row,
        cells: line.split(',').map(str::to_string).collect(),
    }
}

/// Parses and validates rows (numbered from 2) against existing events.
fn check(lines: &[&str], existing: &[Event]) -> Result<Vec<Event>, Vec<Problem>> {
    let municipalities = Municipalities::shipped();
    let mut parsed = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match parse_row(&raw(i + 2, line), &municipalities, today()) {
            Ok(event) => parsed.push((i + 2, event)),
            Err(mut p) => problems.append(&mut p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    validate_batch(parsed, existing)
}

fn problems(lines: &[&str]) -> Vec<(usize, String, String)> {
    check(lines, &[])
        .expect_err("must be refused")
        .into_iter()
        .map(|p| (p.row, p.column, p.reason.text))
        .collect()
}

const SETTLED: &str = "settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,";

#[test]
fn every_rejection_reason_of_the_register_names_row_column_and_reason() {
    // (rows, expected row, column, words in the reason)
    let table: Vec<(Vec<&str>, usize, &str, &str)> = vec![
        (
            vec!["settled,2022-03-10,p1,h1,1990-01-01,0301,,false,SY,"],
            2,
            "basis",
            "missing basis",
        ),
        (
            vec!["settled,10.03.2022,p1,h1,1990-01-01,0301,asylum,false,SY,"],
            2,
            "date",
            "not a date",
        ),
        (
            vec!["settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,yes,SY,"],
            2,
            "unaccompanied",
            "not true or false",
        ),
        (
            vec!["settled,2022-03-10,p1,h1,1990-01-01,0301,refugee,false,SY,"],
            2,
            "basis",
            "not a basis",
        ),
        (
            vec!["settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,Syria,"],
            2,
            "country",
            "alpha-2",
        ),
        (
            vec!["arrived,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,"],
            2,
            "event",
            "unknown event 'arrived'",
        ),
        (
            vec!["settled,2022-03-10,p1,h1,1990-01-01,3101,asylum,false,SY,"],
            2,
            "municipality",
            "not one of the 356",
        ),
        (
            vec!["settled,2027-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,"],
            2,
            "date",
            "in the future",
        ),
        (
            vec![
                SETTLED,
                "settled,2022-04-10,p1,h1,1990-01-01,4601,asylum,false,SY,",
            ],
            3,
            "person_id",
            "a second settled",
        ),
        (
            vec!["moved,2022-04-10,p9,,,4601,,,,"],
            2,
            "person_id",
            "no settled record",
        ),
        (
            vec!["exited,2022-04-10,p9,,,,,,,"],
            2,
            "person_id",
            "no settled record",
        ),
        (
            vec![SETTLED, "moved,2022-04-10,p1,,,0301,,,,"],
            3,
            "municipality",
            "already lives",
        ),
        (
            vec![
                SETTLED,
                "exited,2022-04-10,p1,,,,,,,",
                "moved,2022-05-10,p1,,,4601,,,,",
            ],
            4,
            "date",
            "after the person's exit",
        ),
        (
            vec!["born,2022-05-10,c1,,2022-05-10,,,,,m9"],
            2,
            "mother_id",
            "the mother m9 of c1 has no settled record",
        ),
        (
            vec![SETTLED, "moved,2022-02-10,p1,,,4601,,,,"],
            3,
            "date",
            "before the person's settlement",
        ),
        (
            vec![SETTLED, "born,2022-02-10,c1,,2022-02-10,,,,,p1"],
            3,
            "date",
            "before the mother's settlement",
        ),
    ];
    for (lines, row, column, reason) in table {
        let found = problems(&lines);
        assert!(
            found
                .iter()
                .any(|(r, c, why)| *r == row && c == column && why.contains(reason)),
            "{lines:?}: expected {row}:{column}: {reason}, found {found:?}"
        );
    }
}

#[test]
fn every_problem_of_a_file_is_reported_not_only_the_first() {
    let found = problems(&[
        "settled,2022-03-10,p1,h1,1990-01-01,9999,asylum,false,SY,",
        SETTLED
            .replace("p1", "p2")
            .replace("asylum", "bogus")
            .as_str(),
        "moved,2022-04-10,p3,,,4601,,,,",
    ]);
    let rows: Vec<usize> = found.iter().map(|(r, _, _)| *r).collect();
    assert_eq!(rows, [2, 3]);
    let found = problems(&[
        SETTLED,
        "moved,2022-04-10,p3,,,4601,,,,",
        "exited,2022-04-10,p4,,,,,,,",
    ]);
    let rows: Vec<usize> = found.iter().map(|(r, _, _)| *r).collect();
    assert_eq!(rows, [3, 4]);
}

#[test]
fn the_same_event_again_adds_nothing_and_checks_see_the_database() {
    let first = check(&[SETTLED, "moved,2022-05-10,p1,,,4601,,,,"], &[]).unwrap();
    assert_eq!(first.len(), 2);
    // Re-importing the same rows: nothing new.
    assert!(check(&[SETTLED, "moved,2022-05-10,p1,,,4601,,,,"], &first)
        .unwrap()
        .is_empty());
    // A later file can move the person stored earlier, but not to where they live.
    assert_eq!(
        check(&["moved,2022-08-10,p1,,,0301,,,,"], &first)
            .unwrap()
            .len(),
        1
    );
    let refused = check(&["moved,2022-08-10,p1,,,4601,,,,"], &first).unwrap_err();
    assert!(
        refused[0].reason.text.contains("already lives"),
        "{refused:?}"
    );
    // An exit dated before a move already stored is refused at the exit's row.
    let refused = check(&["exited,2022-04-01,p1,,,,,,,"], &first).unwrap_err();
    assert!(refused.iter().all(|p| p.row == 2), "{refused:?}");
    assert!(
        refused[0]
            .reason
            .text
            .contains("after the person's exit on 2022-04-01"),
        "{refused:?}"
    );
    // A settlement dated before the stored one is still a second settlement.
    let refused = check(&[&SETTLED.replace("2022-03-10", "2022-01-10")], &first).unwrap_err();
    assert_eq!(refused[0].row, 2, "{refused:?}");
    assert!(
        refused[0].reason.text.contains("a second settled"),
        "{refused:?}"
    );
    // And a second settlement is refused against the database too.
    let refused = check(&[&SETTLED.replace("0301", "4601")], &first).unwrap_err();
    assert!(
        refused[0].reason.text.contains("already in the database"),
        "{refused:?}"
    );
}

#[test]
fn persons_are_built_with_moves_exit_and_births_under_the_mothers_clock() {
    let events = check(
        &[
            SETTLED,
            "settled,2022-03-10,p2,h1,2015-01-01,0301,asylum,false,SY,",
            "moved,2022-05-10,p1,,,4601,,,,",
            "born,2022-06-01,c1,,2022-06-01,,,,,p1",
            "exited,2022-09-01,p2,,,,,,,",
        ],
        &[],
    )
    .unwrap();
    let register = Register::build(&events, 2);
    let ids: Vec<&str> = register.persons.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["c1", "p1", "p2"],
        "in id order, the child before its mother"
    );
    let p1 = register.person("p1").unwrap();
    assert_eq!(p1.household_settled_same_day, 2);
    assert_eq!(p1.category(), Category::Adult);
    assert_eq!(
        p1.municipality_of("2022-06".parse().unwrap(), 2)
            .to_string(),
        "0301"
    );
    assert_eq!(
        p1.municipality_of("2022-07".parse().unwrap(), 2)
            .to_string(),
        "4601"
    );
    let c1 = register.person("c1").unwrap();
    assert_eq!(c1.settlement_municipality.to_string(), "0301");
    assert_eq!(c1.clock_year, 2022);
    assert_eq!(c1.born.as_ref().unwrap().days_after_mother_settlement, 83);
    assert_eq!(
        (c1.household_id.as_str(), c1.household_settled_same_day),
        ("h1", 2),
        "the mother's household"
    );
    assert_eq!((c1.basis, c1.country.as_str()), (Basis::Asylum, "SY"));
    assert_eq!(
        register.person("p2").unwrap().exit,
        Some(parse_iso_date("2022-09-01").unwrap())
    );
}

/// Validation refuses a birth whose mother is not in the register; should
/// such events reach the build anyway, the child is left out and the other
/// persons keep their order.
#[test]
fn a_born_child_without_a_settled_mother_is_left_out_of_the_persons() {
    let municipalities = Municipalities::shipped();
    let events: Vec<Event> = [
        "born,2022-06-01,a0,,2022-06-01,,,,,nobody",
        SETTLED,
        "born,2022-06-01,p1-child,,2022-06-01,,,,,p1",
        "born,2022-07-01,q0,,2022-07-01,,,,,p1-child",
        "settled,2022-03-10,r1,h2,1990-01-01,0301,asylum,false,SY,",
    ]
    .iter()
    .enumerate()
    .map(|(i, line)| parse_row(&raw(i + 2, line), &municipalities, today()).unwrap())
    .collect();
    let register = Register::build(&events, 2);
    let ids: Vec<&str> = register.persons.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p1-child", "r1"]);
    let child = register.person("p1-child").unwrap();
    assert_eq!(child.born.as_ref().unwrap().mother_id.as_str(), "p1");
    assert_eq!(child.household_id.as_str(), "h1");
}

#[test]
fn the_content_key_is_the_hex_of_the_first_128_bits_of_the_sha256_of_the_fields() {
    // Keys are stored: a change of their form would make a second import
    // of the same file add its events again.
    let event = check(
        &["settled,2020-05-10,A1,HA,1985-02-01,0301,resettlement,false,SY,"],
        &[],
    )
    .unwrap()
    .remove(0);
    let mut joined = Vec::new();
    for field in event.fields() {
        joined.extend_from_slice(field.as_bytes());
        joined.push(0x1f);
    }
    let digest = Sha256::digest(&joined);
    let expected: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(event.content_key(), expected);
    assert_eq!(event.content_key().len(), 32);
    assert_eq!(format!("{:032x}", event.content_hash()), expected);
}

#[test]
fn the_content_hash_is_the_sha256_of_the_fields_as_written() {
    use crate::domain::generate::{generate_register, GenerateOptions};
    use sha2::{Digest, Sha256};
    let options = GenerateOptions {
        from_year: 2018,
        to_year: 2022,
        seed: 11,
        scale: "0.02".parse().unwrap(),
        events_per_person: Some(2),
    };
    let events = generate_register(&options, &Municipalities::shipped());
    for kind in [
        EventKind::Settled,
        EventKind::Born,
        EventKind::Moved,
        EventKind::Exited,
    ] {
        assert!(events.iter().any(|e| e.kind == kind), "{kind}");
    }
    for event in &events {
        let mut hasher = Sha256::new();
        for field in event.fields() {
            hasher.update(field.as_bytes());
            hasher.update([0x1f]);
        }
        let digest = hasher.finalize();
        let expected = u128::from_be_bytes(digest[..16].try_into().unwrap());
        assert_eq!(event.content_hash(), expected, "{event:?}");
    }
}

/// A settlement in the wrong municipality, withdrawn and registered again.
const WRONG: &str = "settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,";
const WITHDRAW_WRONG: &str = "withdrawn_settled,2022-03-10,p1,h1,1990-01-01,0301,asylum,false,SY,";
const RIGHT: &str = "settled,2022-03-10,p1,h1,1990-01-01,4601,asylum,false,SY,";

#[test]
fn a_withdrawn_settlement_and_its_correction_make_the_person_settled_where_right() {
    let stored = check(&[WRONG, "moved,2022-06-01,p1,,,5001,,,,"], &[]).unwrap();
    let added = check(&[WITHDRAW_WRONG, RIGHT], &stored).unwrap();
    assert_eq!(added.len(), 2);
    let all: Vec<Event> = stored.iter().chain(&added).cloned().collect();
    let register = Register::build(&all, 0);
    assert_eq!(register.persons.len(), 1);
    let person = &register.persons[0];
    assert_eq!(person.settlement_municipality.to_string(), "4601");
    // The move stays: only the withdrawn event stops counting.
    assert_eq!(person.moves.len(), 1);
    // The same file again adds nothing.
    assert!(check(&[WITHDRAW_WRONG, RIGHT], &all).unwrap().is_empty());
}

#[test]
fn a_withdrawn_move_or_exit_no_longer_counts() {
    let stored = check(
        &[
            WRONG,
            "moved,2022-06-01,p1,,,5001,,,,",
            "exited,2022-09-01,p1,,,,,,,",
        ],
        &[],
    )
    .unwrap();
    let added = check(
        &[
            "withdrawn_moved,2022-06-01,p1,,,5001,,,,",
            "withdrawn_exited,2022-09-01,p1,,,,,,,",
        ],
        &stored,
    )
    .unwrap();
    let all: Vec<Event> = stored.iter().chain(&added).cloned().collect();
    let person = &Register::build(&all, 0).persons[0];
    assert!(
        person.moves.is_empty() && person.exit.is_none(),
        "{person:?}"
    );
}

#[test]
fn a_withdrawal_of_what_is_not_registered_or_that_orphans_a_birth_is_refused() {
    let stored = check(&[WRONG], &[]).unwrap();
    // Another municipality than the one registered: nothing to withdraw.
    let refused = check(
        &["withdrawn_settled,2022-03-10,p1,h1,1990-01-01,5001,asylum,false,SY,"],
        &stored,
    )
    .unwrap_err();
    assert_eq!((refused[0].row, refused[0].column.as_str()), (2, "event"));
    assert!(
        refused[0]
            .reason
            .text
            .contains("withdraws a settled of p1 on 2022-03-10 that is not in the register"),
        "{refused:?}"
    );
    // Without the settlement, the other events of the person have no entry.
    let with_move = check(&[WRONG, "moved,2022-06-01,p1,,,5001,,,,"], &[]).unwrap();
    let refused = check(&[WITHDRAW_WRONG], &with_move).unwrap_err();
    assert!(
        refused[0].reason.text.contains("who has no settled record"),
        "{refused:?}"
    );
    // A child born to the withdrawn settlement is named at the withdrawal.
    let with_child = check(&[WRONG, "born,2022-05-10,c1,,2022-05-10,,,,,p1"], &[]).unwrap();
    let refused = check(&[WITHDRAW_WRONG], &with_child).unwrap_err();
    assert_eq!(
        (refused[0].row, refused[0].column.as_str()),
        (2, "mother_id")
    );
    assert!(
        refused[0].reason.text.contains("the mother p1 of c1"),
        "{refused:?}"
    );
    // Settled again in the same file, the child's mother is there.
    assert_eq!(
        check(&[WITHDRAW_WRONG, RIGHT], &with_child).unwrap().len(),
        2
    );
}
