//! The ledger and the annual statements, reproduced from the fixture's
//! general ledger (tests/fixtures/accounts-2022, copied from the project's
//! reference data) on both databases.

use crate::support::{fixture, Backend, TestDb, BACKENDS};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tilskot::db::Store;

fn accounts_fixture(name: &str) -> PathBuf {
    fixture("accounts-2022").join(name)
}

fn import_args() -> Vec<String> {
    let mut args: Vec<String> = ["accounts", "import", "--user", "admin"]
        .map(String::from)
        .to_vec();
    for (flag, file) in [
        ("--chart", "chart.csv"),
        ("--budget", "budget-lines.csv"),
        ("--allocations", "allocations.csv"),
        ("--ledger", "ledger.csv"),
    ] {
        args.push(flag.into());
        args.push(accounts_fixture(file).display().to_string());
    }
    args
}

async fn with_fixture_ledger(backend: Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let args = import_args();
    let out = db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.contains("44 bilag lagde til"), "{out}");
    db
}

type Csv = Vec<BTreeMap<String, String>>;

fn read_csv(path: &std::path::Path) -> Csv {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The files whose `previous` column needs the year before in the ledger.
const NEEDS_PREVIOUS_YEAR: [&str; 2] = ["expected-notes.csv", "expected-object-accounts.csv"];

fn header(path: &std::path::Path) -> Vec<String> {
    csv::Reader::from_path(path)
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(String::from)
        .collect()
}

/// Writes the statements of 2022 and compares every file with the
/// fixture's expected one, row by row and column by column; without the
/// previous year in the ledger its `previous` figures must be empty.
/// Returns the number of figures compared.
fn compare_2022_statements(db: &TestDb, with_previous_year: bool) -> usize {
    let out = db.path("statements");
    db.ok(&[
        "report",
        "statements",
        "--year",
        "2022",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let backend = db.backend;
    let mut compared = 0;
    let mut files = 0;
    for entry in std::fs::read_dir(fixture("accounts-2022")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.starts_with("expected-") {
            continue;
        }
        files += 1;
        let expected = read_csv(&path);
        // The report's file is named by its table: expected-notes.csv is
        // what notes.csv must hold.
        let report = out.join(name.trim_start_matches("expected-"));
        let ours = read_csv(&report);
        assert_eq!(ours.len(), expected.len(), "{backend:?} {name}: rows");
        assert_eq!(header(&report), header(&path), "{name}: columns");
        for (row, (e, o)) in expected.iter().zip(&ours).enumerate() {
            for (column, value) in e {
                let needs_2021 =
                    column == "previous" && NEEDS_PREVIOUS_YEAR.contains(&name.as_str());
                if needs_2021 && !with_previous_year {
                    assert_eq!(
                        o[column], "",
                        "{name} row {row}: no 2021 postings, no previous figure"
                    );
                    continue;
                }
                assert_eq!(
                    &o[column],
                    value,
                    "{backend:?} {name} row {} column {column}",
                    row + 2
                );
                if value.parse::<i64>().is_ok()
                    && !["chapter", "post", "account", "note"].contains(&column.as_str())
                {
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(files, 9);
    compared
}

#[tokio::test]
async fn the_2022_statements_reproduce_every_figure_of_the_annual_report() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        // Every printed figure of chapter 6 that the 2022 ledger determines
        // (every figure cell of the expected files but the 67 previous-year
        // figures of the object-account statement and notes), including the
        // salary total 209 331 558 whose printed lines add up to 209 331 559.
        assert_eq!(compare_2022_statements(&db, false), 244, "{backend:?}");
    }
}

#[tokio::test]
async fn the_2022_statements_with_the_2021_ledger_reproduce_both_columns() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let ledger_2021 = fixture("accounts-2021").join("ledger.csv");
        let out = db.import_accounts("--ledger", ledger_2021.to_str().unwrap());
        assert!(out.contains("bilag lagde til"), "{out}");
        // 2022's figures and the previous year's of the object-account
        // statement and notes 2–7; the balance with the treasury opens
        // 2022 from IB-2022, not from 2021's postings added on top.
        // Every figure cell of the expected files.
        assert_eq!(compare_2022_statements(&db, true), 311, "{backend:?}");
    }
}

#[tokio::test]
async fn importing_the_same_accounting_files_twice_adds_nothing() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let args = import_args();
        let again = db.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(
            again.contains("0 bilag lagde til, 44 fanst alt i rekneskapen"),
            "{again}"
        );
        let store = Store::connect(&db.url).await.unwrap();
        assert_eq!(store.posting_count().await.unwrap(), 97);
        store.close().await;
    }
}

#[tokio::test]
async fn a_bad_ledger_is_refused_by_file_row_and_column_and_writes_nothing() {
    let header = "date,voucher,account,statskonto,amount,text";
    // (ledger rows, expected row:column: reason)
    let table = [
        (
            "2022-12-31,X1,870,0671.60,100.00,x\n2022-12-31,X1,60088702,,-99.00,x",
            ":2:amount: bilag X1 går ikkje i balanse",
        ),
        (
            "2022-12-31,X1,8700,0671.60,100.00,x\n2022-12-31,X1,60088702,,-100.00,x",
            ":2:account: ukjend konto «8700»",
        ),
        (
            "2022-12-31,X1,870,0671.99,100.00,x\n2022-12-31,X1,60088702,,-100.00,x",
            ":2:statskonto: ukjend kapittel/post 0671.99",
        ),
        (
            "2022-12-31,X1,870,0671.60,100;00,x\n2022-12-31,X1,60088702,,-100.00,x",
            ":2:amount: «100;00» er ikkje eit beløp",
        ),
        // A text or reference that would write its own lines into the
        // auditor's journal.
        (
            "2022-12-31,X1,870,0671.60,100.00,\"x\n2022-12-31 forged\n  0671.60  1000000\"\n2022-12-31,X1,60088702,,-100.00,x",
            ":2:text: har kontrollteiknet '\\n'",
        ),
        (
            "2022-12-31,X\t1,870,0671.60,100.00,x\n2022-12-31,X\t1,60088702,,-100.00,x",
            ":2:voucher: har kontrollteiknet '\\t'",
        ),
    ];
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let store = Store::connect(&db.url).await.unwrap();
        let before = (
            store.voucher_count().await.unwrap(),
            store.posting_count().await.unwrap(),
        );
        for (index, (rows, expected)) in table.iter().enumerate() {
            let name = format!("bad-ledger-{index}.csv");
            let path = db.write(&name, &format!("{header}\n2022-12-30,OK1,870,0671.60,1.00,good\n2022-12-30,OK1,60088702,,-1.00,good\n{rows}\n"));
            let expected = expected.replace(":2:", ":4:");
            let stderr = db.import_accounts_refused("--ledger", path.to_str().unwrap());
            assert!(
                stderr.contains(&format!("{name}{expected}")),
                "{backend:?}: {stderr}"
            );
            assert_eq!(
                (
                    store.voucher_count().await.unwrap(),
                    store.posting_count().await.unwrap()
                ),
                before
            );
        }
        // The same voucher reference with other content is refused too.
        let changed = db.write("changed.csv", &format!("{header}\n2022-12-31,V0001,675,0351.21,500000.02,Utbetaling\n2022-12-31,V0001,60088702,,-500000.02,Utbetaling\n"));
        let stderr = db.import_accounts_refused("--ledger", changed.to_str().unwrap());
        assert!(
            stderr.contains("Bilaget V0001 finst alt i rekneskapen med anna innhald"),
            "{stderr}"
        );
        assert_eq!(
            (
                store.voucher_count().await.unwrap(),
                store.posting_count().await.unwrap()
            ),
            before
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_chart_row_on_a_line_the_statements_do_not_know_is_refused() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let chart = db.write(
            "chart.csv",
            "account,name,group,line\n998,Noko anna,other_operating,note99.nothing\n\
             999,Fordring,balance,mv.fordringar_tilsette|n8.ukjend\n",
        );
        let stderr = db.import_accounts_refused("--chart", chart.to_str().unwrap());
        assert!(
            stderr.contains("chart.csv:2:line: oppstillingane har inga linje «note99.nothing»"),
            "{backend:?}: {stderr}"
        );
        assert!(
            stderr.contains("chart.csv:3:line: note 8 har inga linje «n8.ukjend»"),
            "{stderr}"
        );
        let store = Store::open(&db.url).await.unwrap();
        let accounts = store.ledger_data().await.unwrap().accounts;
        assert!(!accounts.contains_key("998") && !accounts.contains_key("999"));
        store.close().await;
    }
}

#[tokio::test]
async fn postings_are_never_updated_or_deleted() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let store = Store::connect(&db.url).await.unwrap();
        let update = sqlx::query("UPDATE posting SET amount_ore = amount_ore + 1")
            .execute(&db.raw_pool().await)
            .await;
        assert!(
            update.unwrap_err().to_string().contains("never"),
            "{backend:?}"
        );
        let delete = sqlx::query("DELETE FROM posting")
            .execute(&db.raw_pool().await)
            .await;
        assert!(
            delete.unwrap_err().to_string().contains("never"),
            "{backend:?}"
        );
        assert_eq!(store.posting_count().await.unwrap(), 97);
        store.close().await;
    }
}

/// The error kind a raw statement met, or none if it succeeded.
async fn refusal_kind(pool: &sqlx::AnyPool, sql: &str) -> Option<sqlx::error::ErrorKind> {
    match sqlx::query(sql).execute(pool).await {
        Ok(_) => None,
        Err(e) => Some(e.as_database_error().expect("a database error").kind()),
    }
}

/// PostgreSQL checks a posting's voucher and account once per statement
/// (migration 0017) where SQLite has foreign keys: both must refuse the same
/// orphans, and neither lets a voucher or a used account go.
#[tokio::test]
async fn postings_refer_to_vouchers_and_accounts_that_stay() {
    use sqlx::error::ErrorKind::{ForeignKeyViolation, Other};
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let pool = db.raw_pool().await;
        let voucher: i64 = sqlx::query_scalar("SELECT MIN(voucher_id) FROM posting")
            .fetch_one(&pool)
            .await
            .unwrap();
        let account: String = sqlx::query_scalar("SELECT MIN(account) FROM posting")
            .fetch_one(&pool)
            .await
            .unwrap();
        let insert = |voucher_id: i64, account: &str| {
            format!(
                "INSERT INTO posting (voucher_id, line_number, account, amount_ore, text) \
                 VALUES ({voucher_id}, 999, '{account}', 0, 'orphan')"
            )
        };
        for (sql, expected) in [
            (insert(voucher, "9999.99"), Some(ForeignKeyViolation)),
            (
                insert(voucher + 1_000_000, &account),
                Some(ForeignKeyViolation),
            ),
            (
                format!("DELETE FROM account WHERE account = '{account}'"),
                Some(ForeignKeyViolation),
            ),
            (
                format!("UPDATE account SET account = 'renamed' WHERE account = '{account}'"),
                Some(ForeignKeyViolation),
            ),
            (
                format!("DELETE FROM voucher WHERE id = {voucher}"),
                Some(Other),
            ),
            (
                format!("UPDATE voucher SET content_hash = 'x' WHERE id = {voucher}"),
                Some(Other),
            ),
            (
                format!("UPDATE account SET name = 'Ny tekst' WHERE account = '{account}'"),
                None,
            ),
            (insert(voucher, &account), None),
        ] {
            assert_eq!(
                refusal_kind(&pool, &sql).await,
                expected,
                "{backend:?}: {sql}"
            );
        }
        pool.close().await;
    }
}

#[tokio::test]
async fn a_paid_batch_is_in_the_statements_on_0671_60_and_870_and_every_invariant_holds() {
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        db.add_users();
        for month in 1..=4 {
            db.run_and_pay(&format!("2022-{month:02}"));
        }
        let out = db.path("statements");
        let printed = db.ok(&[
            "report",
            "statements",
            "--year",
            "2022",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            printed.contains("kontrollar av oppstillingane er i orden"),
            "{printed}"
        );
        let appropriation = read_csv(&out.join("appropriation.csv"));
        let accounts_of = |chapter: &str, post: &str| -> i64 {
            appropriation
                .iter()
                .find(|r| r["chapter"] == chapter && r["post"] == post)
                .unwrap()["accounts"]
                .parse()
                .unwrap()
        };
        // The April batch of the small register, worked out by hand in
        // tests/it/batches.rs: 0671.60 got 12 899 997 + 6 000 000 + 18 000 000
        // + 23 200 000 + 17 400 000 øre, 0671.61 18 633 332 øre. The printed
        // figure is the exact øre sum rounded, not a sum of rounded parts.
        let kroner = |ore: i64| tilskot::domain::money::Ore(ore).round_half_away_to_kroner();
        assert_eq!(
            accounts_of("0671", "60"),
            kroner(980_202_837_000 + 77_499_997)
        );
        assert_eq!(accounts_of("0671", "60"), 9_802_803_370);
        assert_eq!(
            accounts_of("0671", "61"),
            kroner(87_169_179_700 + 18_633_332)
        );
        let notes = read_csv(&out.join("notes.csv"));
        let kommunar: i64 = notes
            .iter()
            .find(|r| r["line"] == "note7.kommunar")
            .unwrap()["amount"]
            .parse()
            .unwrap();
        assert_eq!(kommunar, kroner(1_225_633_824_290 + 114_733_329));
        let capital = read_csv(&out.join("capital.csv"));
        assert_eq!(capital.last().unwrap()["amount"], "0");
    }
}

#[tokio::test]
async fn the_journal_lets_hledger_reproduce_the_appropriation_accounts() {
    let Ok(version) = std::process::Command::new("hledger")
        .arg("--version")
        .output()
    else {
        eprintln!(
            "hledger is not installed: skipping the independent check (Debian package hledger)"
        );
        return;
    };
    assert!(version.status.success());
    let db = with_fixture_ledger(Backend::Sqlite).await;
    let journal = db.path("2022.journal");
    db.ok(&[
        "report",
        "journal",
        "--year",
        "2022",
        "--out",
        journal.to_str().unwrap(),
    ]);
    let output = std::process::Command::new("hledger")
        .args([
            "-f",
            journal.to_str().unwrap(),
            "balance",
            "--pivot",
            "statskonto",
            "-N",
            "-O",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let mut by_key: BTreeMap<String, i64> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').map(|c| c.trim_matches('"')).collect();
        let amount = cells[1].trim_end_matches(" NOK").replace(' ', "");
        by_key.insert(
            cells[0].to_string(),
            tilskot::domain::money::Ore::parse_nok(&amount)
                .unwrap()
                .round_half_away_to_kroner(),
        );
    }
    let out = db.path("statements");
    db.ok(&[
        "report",
        "statements",
        "--year",
        "2022",
        "--out",
        out.to_str().unwrap(),
    ]);
    let appropriation = read_csv(&out.join("appropriation.csv"));
    let mut checked = 0;
    for row in appropriation
        .iter()
        .filter(|r| r["kind"] == "expense" || r["kind"] == "income")
    {
        let key = format!("{}.{}", row["chapter"], row["post"]);
        let hledger = by_key[&key];
        let sign = if row["kind"] == "income" { -1 } else { 1 };
        assert_eq!(
            hledger * sign,
            row["accounts"].parse::<i64>().unwrap(),
            "{key}"
        );
        checked += 1;
    }
    assert_eq!(checked, 16);
}

/// `hledger check -s`: every account and the commodity declared, every
/// transaction balanced, every closing-balance assertion true.
fn hledger_strict_check(journal: &std::path::Path) {
    let output = std::process::Command::new("hledger")
        .args(["-f", journal.to_str().unwrap(), "check", "-s"])
        .output()
        .expect("hledger runs");
    assert!(
        output.status.success(),
        "{}: {}",
        journal.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn hledger_checks_the_journal_of_each_year_strictly() {
    if std::process::Command::new("hledger")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("hledger is not installed: skipping the strict check (Debian package hledger)");
        return;
    }
    let db = with_fixture_ledger(Backend::Sqlite).await;
    let alone = db.path("2022-alone.journal");
    db.ok(&[
        "report",
        "journal",
        "--year",
        "2022",
        "--out",
        alone.to_str().unwrap(),
    ]);
    hledger_strict_check(&alone);
    let ledger_2021 = fixture("accounts-2021").join("ledger.csv");
    db.import_accounts("--ledger", ledger_2021.to_str().unwrap());
    for year in ["2021", "2022"] {
        let journal = db.path(&format!("{year}.journal"));
        db.ok(&[
            "report",
            "journal",
            "--year",
            year,
            "--out",
            journal.to_str().unwrap(),
        ]);
        hledger_strict_check(&journal);
    }
    // The 2022 journal opens from IB-2022 with both years in the ledger:
    // the same text as with 2022 alone.
    assert_eq!(
        std::fs::read_to_string(db.path("2022.journal")).unwrap(),
        std::fs::read_to_string(&alone).unwrap()
    );
}

#[tokio::test]
async fn the_html_statements_are_snapshotted() {
    let db = with_fixture_ledger(Backend::Sqlite).await;
    // The printed statements of 2022, written in `folder` in `lang`.
    let statements_page = |lang: &str, folder: &str| {
        let out = db.path(folder);
        db.ok(&[
            "--lang",
            lang,
            "report",
            "statements",
            "--year",
            "2022",
            "--format",
            "html",
            "--out",
            out.to_str().unwrap(),
        ]);
        std::fs::read_to_string(out.join("statements-2022.html")).unwrap()
    };
    let html = statements_page("nn", "html");
    assert!(html.contains("Oppstilling av løyvingsrapportering 31.12.2022"));
    // The checks are listed in the page's Nynorsk, not by their English names.
    assert!(
        html.contains(
            "<li>«Utbetalingar til lønn» i artskontorapporteringa er lik summen i note 2</li>"
        ) && !html.contains("equals"),
        "{html}"
    );
    insta::assert_snapshot!("statements_2022_html", html);
    // The statements reproduce the report's Nynorsk whatever the language.
    assert_eq!(statements_page("nb", "html-nb"), html);
}

#[tokio::test]
async fn an_accounts_import_is_done_by_finance_staff_and_recorded_in_the_audit_log() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.add_users();
        let ledger = fixture("accounts-2022").join("ledger.csv");
        let ledger = ledger.to_str().unwrap();
        let by_approver = db.fails(&["accounts", "import", "--user", "ola", "--ledger", ledger]);
        assert!(
            by_approver.contains("Berre ein økonomimedarbeidar, nokon i økonomi eller ein administrator kan importere rekneskapsfiler, og ola har ikkje ei slik rolle"),
            "{backend:?}: {by_approver}"
        );
        db.ok(&["accounts", "import", "--user", "kari", "--ledger", ledger]);
        let store = tilskot::db::Store::open(&db.url).await.unwrap();
        let last = store.audit_entries().await.unwrap().pop().unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("accounts_imported", "kari"),
            "{backend:?}"
        );
        assert!(
            last.detail.contains("ledger.csv") && last.detail.contains("vouchers added"),
            "{}",
            last.detail
        );
        store.close().await;
    }
}

/// Whether a session of the test database waits for a lock on `table`.
async fn someone_waits_for(watcher: &sqlx::AnyPool, table: &str) -> bool {
    let waiting: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation \
         WHERE c.relname = $1 AND NOT l.granted",
    )
    .bind(table)
    .fetch_one(watcher)
    .await
    .expect("pg_locks");
    waiting > 0
}

/// On PostgreSQL the accounts import gives its vouchers ids by moving the
/// id sequence on by their number at once. A voucher written meanwhile (a
/// payment posting its batch) could be given one of those ids, so the
/// import waits for every voucher writer to end first, and leaves the
/// sequence past every id it stored.
#[tokio::test]
async fn the_accounts_import_waits_for_a_voucher_writer_and_leaves_the_ids_after_its_own() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    // A payment posting its voucher, under way: the table's writer lock and
    // an id taken, not committed.
    let mut posting = db
        .under_way("LOCK TABLE voucher IN ROW EXCLUSIVE MODE")
        .await;
    let taken: i64 = sqlx::query_scalar("SELECT nextval(pg_get_serial_sequence('voucher', 'id'))")
        .fetch_one(&mut *posting)
        .await
        .unwrap();
    let args = import_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut import = db
        .tilskot_command(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start the import");
    let watcher = db.raw_pool().await;
    let mut waited = false;
    for _ in 0..1_200 {
        waited = someone_waits_for(&watcher, "voucher").await;
        if waited || import.try_wait().unwrap().is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(waited, "the import did not wait for the voucher writer");
    posting.commit().await.unwrap();
    let (code, stderr) = crate::support::finished(import);
    assert_eq!(code, Some(0), "{stderr}");
    let (first, last, count): (i64, i64, i64) =
        sqlx::query_as("SELECT min(id), max(id), count(*) FROM voucher")
            .fetch_one(&watcher)
            .await
            .unwrap();
    assert_eq!(count, 44);
    assert!(
        first > taken,
        "the import's ids {first}–{last} after {taken}"
    );
    let next: i64 = sqlx::query_scalar("SELECT nextval(pg_get_serial_sequence('voucher', 'id'))")
        .fetch_one(&watcher)
        .await
        .unwrap();
    assert!(
        next > last,
        "the next voucher would be {next}, at or before {last}"
    );
}

/// A posting's text is the accountant's own: backslashes (`\N` among
/// them), quotes and letters beyond ASCII in it, and a file name with a
/// space and a backslash, come back from the ledger as written on both
/// databases (PostgreSQL stores them by `COPY`, whose text format gives a
/// backslash and `\N` meanings of their own). Control characters are
/// refused by the import before anything is stored.
#[tokio::test]
async fn posting_texts_and_file_names_with_backslashes_and_quotes_are_stored_as_written() {
    let texts = [
        r"Back\slash \N and \\",
        "\\N",
        "Sitat \"x\", komma; 'enkel'",
        "Æøå – § 3",
    ];
    for backend in BACKENDS {
        let db = with_fixture_ledger(backend).await;
        let mut csv = String::from("date,voucher,account,statskonto,amount,text\n");
        for (line, text) in texts.iter().enumerate() {
            let amount = if line == 0 { "300.00" } else { "-100.00" };
            let quoted = text.replace('"', "\"\"");
            csv.push_str(&format!(
                "2022-06-30,SPECIAL-1,150,,{amount},\"{quoted}\"\n"
            ));
        }
        let file = db.write(r"ledger juni\2022.csv", &csv);
        let out = db.import_accounts("--ledger", file.to_str().unwrap());
        assert!(out.contains("1 bilag lagde til"), "{backend:?}: {out}");
        let raw = db.raw_pool().await;
        let stored: Vec<String> = sqlx::query_scalar(
            "SELECT p.text FROM posting p JOIN voucher v ON v.id = p.voucher_id \
             WHERE v.reference = 'SPECIAL-1' ORDER BY p.line_number",
        )
        .fetch_all(&raw)
        .await
        .unwrap();
        assert_eq!(stored, texts, "{backend:?}");
        let source: String =
            sqlx::query_scalar("SELECT source FROM voucher WHERE reference = 'SPECIAL-1'")
                .fetch_one(&raw)
                .await
                .unwrap();
        assert!(
            source.ends_with(r"ledger juni\2022.csv"),
            "{backend:?}: {source}"
        );
        // The same file again finds the voucher stored with the same content.
        let again = db.import_accounts("--ledger", file.to_str().unwrap());
        assert!(
            again.contains("0 bilag lagde til, 1 fanst alt"),
            "{backend:?}: {again}"
        );
    }
}
