//! Monthly batches on both databases, with amounts computed by hand from the
//! rates of rules/2022.toml for the small fixed register
//! (tests/fixtures/small-register.csv).

use crate::support::{fixture, Backend, TestDb, BACKENDS, HEADER};

/// Expected `batch show --format csv` of each term month, worked out by hand
/// (rows by municipality, then grant in the order of `Grant::ALL`):
/// A1–A3 are in grant year 3 (172 000 / 12 = 14 333.33, remainder in
/// December), B1 in year 2 (20 000 a month) and moves to 5001 from August,
/// C1 is an unaccompanied minor turning 16 (1 118 000 / 12 = 93 166.66), D1
/// is 62 with collective protection, E1/E2 a household of two, E3 is born 90
/// days after E1 settled, F1 is from Sweden (low Norwegian rate), A2 leaves in
/// September.
const EXPECTED: [(&str, &str); 4] = [
    (
        "2022-04",
        "0301,integration,128999.97\n0301,norwegian,52000.00\n1103,integration_year1,232000.00\n1103,elderly,174000.00\n1103,norwegian,68000.00\n4601,integration,60000.00\n4601,norwegian,66000.00\n5001,integration_year1,180000.00\n5001,minor,186333.32\n",
    ),
    (
        "2022-07",
        "0301,integration_year1,374000.00\n0301,integration,128999.97\n0301,kindergarten,26700.00\n0301,norwegian,68000.00\n3005,integration_year1,232000.00\n3005,norwegian,26000.00\n4601,integration,60000.00\n5001,minor,279499.98\n",
    ),
    (
        "2022-10",
        "0301,integration_year1,187000.00\n0301,integration,128999.97\n0301,kindergarten,26700.00\n4601,integration,20000.00\n5001,integration,40000.00\n5001,minor,279499.98\n",
    ),
    (
        "2022-12",
        "0301,integration,86000.06\n0301,norwegian_base,210000.00\n1103,norwegian_base,210000.00\n3005,norwegian_base,210000.00\n4601,norwegian_base,210000.00\n5001,integration,60000.00\n5001,minor,279500.06\n",
    ),
];

async fn with_small_register(backend: Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.add_users();
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    db
}

fn run_months(db: &TestDb, months: std::ops::RangeInclusive<u32>) {
    for month in months {
        db.run_and_pay(&format!("2022-{month:02}"));
    }
}

/// A batch's CSV without its last column, the rates' status (checked by
/// itself in the twelve batches' test): the hand-worked amounts.
fn show_csv(db: &TestDb, period: &str) -> String {
    let csv = db.ok(&["batch", "show", "--period", period, "--format", "csv"]);
    csv.lines()
        .map(|line| format!("{}\n", line.rsplit_once(',').map_or(line, |(rest, _)| rest)))
        .collect()
}

#[tokio::test]
async fn the_twelve_batches_of_2022_pay_what_was_worked_out_by_hand() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        run_months(&db, 1..=12);
        for (period, rows) in EXPECTED {
            assert_eq!(
                show_csv(&db, period),
                format!("municipality,grant,amount\n{rows}"),
                "{backend:?} {period}"
            );
        }
        // Each row says how far its grant's rates can be trusted (rules/2022.toml:
        // the minor grant's rates are inferred, year 1's are placeholders).
        let july = db.ok(&["batch", "show", "--period", "2022-07", "--format", "csv"]);
        assert!(
            july.starts_with("municipality,grant,amount,rate_status\n"),
            "{july}"
        );
        assert!(july.contains("\n5001,minor,279499.98,inferred\n"), "{july}");
        assert!(
            july.contains("\n0301,integration_year1,374000.00,placeholder\n"),
            "{july}"
        );
        // A month without a term is an empty batch, not an error.
        assert_eq!(show_csv(&db, "2022-05"), "municipality,grant,amount\n");
        // The year adds up to the accruals of the year.
        let accruals = db.ok(&[
            "accruals", "--from", "2022-01", "--to", "2022-12", "--format", "csv",
        ]);
        let sum_of = |text: &str, column: usize| -> i64 {
            text.lines()
                .skip(1)
                .map(|l| {
                    tilskot::domain::money::Ore::parse_nok(l.split(',').nth(column).unwrap())
                        .unwrap()
                        .0
                })
                .sum()
        };
        let paid: i64 = EXPECTED
            .iter()
            .map(|(_, rows)| sum_of(&format!("h\n{rows}"), 2))
            .sum();
        assert_eq!(paid, sum_of(&accruals, 3), "{backend:?}");
    }
}

#[tokio::test]
async fn running_a_period_again_returns_the_same_batch_and_a_register_change_pays_the_difference() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        run_months(&db, 1..=7);
        let again = db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
        assert!(
            again.contains("Utbetalinga for 2022-07, køyring 1 (uendra"),
            "{again}"
        );
        assert_eq!(
            show_csv(&db, "2022-07"),
            format!("municipality,grant,amount\n{}", EXPECTED[1].1)
        );

        // A late registration: settled in February, registered after July's batch.
        let late = db.write(
            "late.csv",
            &format!("{HEADER}\nsettled,2022-02-01,L1,HL,1980-01-01,0301,asylum,false,SY,\n"),
        );
        db.import_register(late.to_str().unwrap());
        let rerun = db.run_and_pay("2022-07");
        assert!(
            rerun.contains(
                "Utbetalinga for 2022-07, køyring 2 (det som skal betalast, har endra seg etter utbetalinga"
            ),
            "{rerun}"
        );
        let difference = db.ok(&[
            "batch", "show", "--period", "2022-07", "--run", "2", "--format", "csv",
        ]);
        assert_eq!(difference, "municipality,grant,amount,rate_status\n0301,integration_year1,232000.00,placeholder\n0301,norwegian,68000.00,placeholder\n");
        // Nothing is paid twice: the October term does not pay L1's lump sum again.
        run_months(&db, 8..=10);
        assert!(!show_csv(&db, "2022-10").contains("integration_year1,232000"));
    }
}

#[tokio::test]
async fn a_correction_that_lowers_what_was_paid_is_set_off_in_the_next_term() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        run_months(&db, 1..=7);
        // A1 left in February, registered after A1 was paid January to June.
        let exit = db.write(
            "exit.csv",
            &format!("{HEADER}\nexited,2022-02-20,A1,,,,,,,\n"),
        );
        db.import_register(exit.to_str().unwrap());
        run_months(&db, 8..=10);
        // A2 and A3 earn July–September (2 × 42 999.99); A1's four months
        // March–June (4 × 14 333.33) are set off.
        let october = show_csv(&db, "2022-10");
        assert!(
            october.contains("0301,integration,28666.66\n"),
            "{backend:?}: {october}"
        );
        let explained = db.ok(&["explain", "--person", "A1"]);
        assert!(
            explained.contains("utbetalinga for 2022-10, køyring 1: Integreringstilskot, år 2–5"),
            "{explained}"
        );
        assert!(
            explained.contains("-57\u{a0}333,32 kroner til 0301 Oslo (motrekning)"),
            "{explained}"
        );
        assert!(
            explained.contains("flytta ut eller døydde 2022-02-20"),
            "{explained}"
        );
    }
}

#[tokio::test]
async fn batches_run_in_month_order_and_not_before_the_start_period() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let stderr = db.fails(&["batch", "run", "--period", "2021-12", "--user", "kari"]);
        assert!(
            stderr.contains("Utbetalingane før 2022-01 vart gjorde i det førre systemet"),
            "{stderr}"
        );
        db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
        let stderr = db.fails(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        assert!(
            stderr.contains("Utbetalinga for 2022-07 finst alt. Utbetalingane blir rekna ut månad for månad, og 2022-04 er tidlegare."),
            "{stderr}"
        );
        // Starting in July means the April term's months were the old system's:
        // July pays only what accrued from the start period on.
        let stderr = db.fails(&["batch", "show", "--period", "2022-04"]);
        assert!(
            stderr.contains("Det finst inga utbetaling for 2022-04"),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn the_start_period_keeps_earlier_months_with_the_previous_system() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-07", "--admin", "admin"]);
        db.add_users();
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
        // Only July's own month pays; June and before were paid by the previous system.
        let july = show_csv(&db, "2022-07");
        assert_eq!(july, "municipality,grant,amount\n");
        let stderr = db.fails(&["init", "--start-period", "2022-01"]);
        assert!(
            stderr.contains("Startperioden kan ikkje endrast"),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn batch_show_and_the_overview_are_snapshotted() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        run_months(&db, 1..=12);
        let text = db.ok(&["batch", "show", "--period", "2022-07"]);
        let without_time: String = text
            .lines()
            .map(|l| match l.find("rekna ut ") {
                Some(i) => format!(
                    "{}rekna ut [tid],{}",
                    &l[..i],
                    l[i..].split_once(',').map(|x| x.1).unwrap_or("")
                ),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!("batch_show_2022_07", without_time);

        let store = tilskot::db::Store::connect(&db.url).await.unwrap();
        let municipalities = tilskot::io::shipped::municipalities();
        let mut batches = Vec::new();
        for batch in store.batches().await.unwrap() {
            let lines = store.batch_lines(batch.id).await.unwrap();
            batches.push((batch, lines));
        }
        use askama::Template;
        use tilskot::render::i18n::{Lang, Texts};
        let events = store.event_count().await.unwrap();
        let page = |lang| {
            let t = Texts::new(lang);
            tilskot::demo::overview_page(2022, 11, events, &batches, &municipalities, t)
                .render()
                .unwrap()
        };
        insta::assert_snapshot!("demo_overview_small_register", page(Lang::Nn));
        // The same page in Bokmål: the same figures, no Nynorsk word.
        let bokmal = page(Lang::Nb);
        assert!(
            bokmal.contains("<html lang=\"nb\">")
                && bokmal.contains("Utbetalinger av tilskudd til kommuner 2022")
                && !bokmal.contains("ikkje")
                && !bokmal.contains("Utbetalingar"),
            "{bokmal}"
        );
    }
}

#[tokio::test]
async fn batch_list_shows_every_run_and_what_waits_for_whom() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        run_months(&db, 1..=4);
        db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
        db.ok(&["batch", "attest", "--period", "2022-07", "--user", "kari"]);
        let list = db.ok(&["batch", "list", "--year", "2022"]);
        // Month, run, status first; who attested and approved last.
        let row = |month: &str| -> Vec<&str> {
            let line = list.lines().find(|l| l.starts_with(month)).unwrap();
            let cells: Vec<&str> = line.split_whitespace().collect();
            [&cells[..3], &cells[cells.len() - 2..]].concat()
        };
        assert_eq!(
            row("2022-04"),
            ["2022-04", "1", "Utbetalt", "kari", "ola"],
            "{backend:?}: {list}"
        );
        assert_eq!(
            row("2022-07"),
            ["2022-07", "1", "Attestert", "kari", "–"],
            "{backend:?}: {list}"
        );
        // Months without a term are empty batches, paid at once.
        assert!(list.contains("2022-01   1  Utbetalt"), "{list}");
        assert!(
            list.ends_with("Køyringar: 5. Ventar på utbetaling: 1.\n"),
            "{list}"
        );
        let none = db.ok(&["batch", "list", "--year", "2023"]);
        assert!(
            none.ends_with("Køyringar: 0. Ventar på utbetaling: 0.\n"),
            "{none}"
        );
    }
}

/// Per municipality and grant, the sum of every run that counts of every
/// month of 2022: what the year paid on the lines.
fn paid_in_2022(db: &TestDb) -> std::collections::BTreeMap<String, tilskot::domain::money::Ore> {
    let mut sums = std::collections::BTreeMap::new();
    for month in 1..=12 {
        let csv = db.ok(&[
            "batch",
            "show",
            "--period",
            &format!("2022-{month:02}"),
            "--format",
            "csv",
        ]);
        for line in csv.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            let amount = tilskot::domain::money::Ore::parse_nok(cells[2]).unwrap();
            *sums
                .entry(format!("{},{}", cells[0], cells[1]))
                .or_default() += amount;
        }
    }
    sums
}

#[tokio::test]
async fn a_settlement_corrected_after_payment_ends_where_a_right_register_would() {
    const WRONG: &str = "settled,2020-05-10,A3,HA,2017-03-03,0301,resettlement,false,SY,";
    const RIGHT: &str = "settled,2020-05-10,A3,HA,2017-03-03,4601,resettlement,false,SY,";
    for backend in BACKENDS {
        // A3 was registered in Oslo by mistake, found after April was paid.
        let corrected = with_small_register(backend).await;
        run_months(&corrected, 1..=4);
        let fix = corrected.write(
            "fix.csv",
            &format!("{HEADER}\nwithdrawn_{WRONG}\n{RIGHT}\n"),
        );
        let imported = corrected.import_register(fix.to_str().unwrap());
        assert!(imported.contains("2 hendingar lagde til"), "{imported}");
        run_months(&corrected, 5..=12);
        let explained = corrected.ok(&["explain", "--person", "A3"]);
        assert!(
            explained.contains("busett 2020-05-10 i 4601"),
            "{explained}"
        );
        assert!(
            explained.contains("til 0301 Oslo (motrekning)"),
            "{explained}"
        );
        assert!(
            explained.contains(
                "Trekt tilbake fordi dei vart registrerte ved ein feil:\n  busetjing 2020-05-10 i 0301 Oslo"
            ),
            "{explained}"
        );

        // The register as it should have been from the start.
        let right = TestDb::new(backend).await;
        right.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        right.add_users();
        let original = std::fs::read_to_string(fixture("small-register.csv")).unwrap();
        assert!(original.contains(WRONG));
        let file = right.write("right.csv", &original.replace(WRONG, RIGHT));
        right.import_register(file.to_str().unwrap());
        run_months(&right, 1..=12);

        let (after_correction, from_the_start) = (paid_in_2022(&corrected), paid_in_2022(&right));
        assert_eq!(after_correction, from_the_start, "{backend:?}");
        assert!(from_the_start.keys().any(|k| k.starts_with("4601,")));
        corrected.ok(&["check"]);
    }
}
