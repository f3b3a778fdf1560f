//! Property tests over the import parsers: no input, however mangled, may
//! panic; every refusal names a row. (The all-or-nothing write is the
//! transaction's; see register_import.rs and accounts.rs.)

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tilskot::domain::ledger::{parse_ledger, BudgetKey, Rows};
use tilskot::domain::register::validate_batch;
use tilskot::io::tabular::read_csv;

const REGISTER_HEADER: &str = "event,date,person_id,household_id,birth_date,municipality,basis,unaccompanied,country,mother_id";

fn register_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![
            "settled",
            "born",
            "moved",
            "exited",
            "asylum",
            "collective",
            "true",
            "false",
            "SY",
            "UA",
            "0301",
            "4601",
            "9999"
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "2022-03-10",
            "2021-12-31",
            "2099-01-01",
            "2022-02-30",
            "1990-01-01",
            "10.03.2022"
        ])
        .prop_map(String::from),
        "[PHM][0-9]{1,2}",
        ".{0,12}",
    ]
}

fn register_file() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(register_cell(), 8..12), 0..30).prop_map(|rows| {
        let mut text = String::from(REGISTER_HEADER);
        for row in rows {
            text.push('\n');
            text.push_str(&row.join(if row.len() % 2 == 0 { "," } else { ";" }));
        }
        text
    })
}

fn parse_register(bytes: &[u8]) {
    let municipalities = tilskot::io::shipped::municipalities();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let Ok(table) = read_csv(bytes) else { return };
    match tilskot::app::register_import::parse_table(&table, &municipalities, today) {
        Ok(events) => {
            if let Err(problems) = validate_batch(events, &[]) {
                assert!(problems.iter().all(|p| p.row >= 2));
            }
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic_the_register_import(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        parse_register(&bytes);
    }

    #[test]
    fn mangled_register_rows_never_panic_and_are_refused_by_row(text in register_file()) {
        parse_register(text.as_bytes());
    }

    #[test]
    fn arbitrary_ledger_rows_never_panic(rows in prop::collection::vec(
        (
            prop::sample::select(vec!["2022-12-31", "2022-13-01", ""]),
            prop::sample::select(vec!["V1", "V2", ""]),
            prop::sample::select(vec!["870", "60088702", "999", ""]),
            prop::sample::select(vec!["0671.60", "0671.99", "x", ""]),
            "-?[0-9]{0,6}(\\.[0-9]{0,3})?|[a-z]{0,3}",
        ),
        0..20,
    )) {
        let mut text = String::from("date,voucher,account,statskonto,amount,text\n");
        for (date, voucher, account, key, amount) in &rows {
            text.push_str(&format!("{date},{voucher},{account},{key},{amount},t\n"));
        }
        let table = read_csv(text.as_bytes()).unwrap();
        let accounts: BTreeMap<String, tilskot::domain::ledger::Account> = ["870", "60088702"]
            .into_iter()
            .map(|a| (a.to_string(), tilskot::domain::ledger::Account { account: a.into(), name: a.into(), group: "grants".into(), line: String::new() }))
            .collect();
        let keys: BTreeSet<BudgetKey> = [BudgetKey::parse("0671.60").unwrap()].into_iter().collect();
        if let Ok(vouchers) = parse_ledger(Rows { header: &table.header, rows: &table.rows }, &accounts, &keys) {
            prop_assert!(vouchers.iter().all(|v| v.imbalance().is_zero()));
        }
    }
}
