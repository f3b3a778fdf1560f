//! The register import: all or nothing, on both databases.

use crate::support::{fixture, Backend, TestDb, BACKENDS, HEADER};
use tilskot::db::Store;

/// What the database holds, to compare before and after a refused import.
async fn snapshot(db: &TestDb) -> (i64, Vec<String>) {
    let store = Store::connect(&db.url).await.unwrap();
    let count = store.event_count().await.unwrap();
    let mut events: Vec<String> = store
        .all_events()
        .await
        .unwrap()
        .iter()
        .map(|e| e.fields().join(","))
        .collect();
    events.sort();
    store.close().await;
    (count, events)
}

async fn initialised_with_small_register(backend: Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let fixture = fixture("small-register.csv");
    db.import_register(fixture.to_str().unwrap());
    db
}

#[tokio::test]
async fn an_import_adds_every_event_and_the_same_file_again_adds_nothing() {
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let (count, _) = snapshot(&db).await;
        assert_eq!(count, 12, "{backend:?}");
        let fixture = fixture("small-register.csv");
        let again = db.import_register(fixture.to_str().unwrap());
        assert!(
            again.contains("0 hendingar lagde til, 12 fanst alt i registeret"),
            "{again}"
        );
        assert_eq!(snapshot(&db).await.0, 12);
    }
}

#[tokio::test]
async fn every_rejection_reason_names_file_row_column_and_leaves_the_database_unchanged() {
    // (rows after the header, expected "row:column: reason" fragment)
    let table: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["settled,2022-03-10,N1,HN,1990-01-01,0301,,false,SY,"],
            ":2:basis: manglar for ei «settled»-hending",
        ),
        (
            vec!["settled,2022-13-10,N1,HN,1990-01-01,0301,asylum,false,SY,"],
            ":2:date: «2022-13-10» er ikkje ein dato",
        ),
        (
            vec!["arrived,2022-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,"],
            ":2:event: ukjend hending «arrived»",
        ),
        (
            vec!["settled,2022-03-10,N1,HN,1990-01-01,3101,asylum,false,SY,"],
            ":2:municipality: kommune 3101 er ikkje ein av dei 356",
        ),
        (
            vec!["settled,2099-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,"],
            ":2:date: 2099-03-10 er fram i tid",
        ),
        (
            vec!["settled,2022-03-10,A1,HN,1990-01-01,0301,asylum,false,SY,"],
            ":2:person_id: A1 er busett eller fødd ein gong til (første gong 2020-05-10, alt i databasen)",
        ),
        (
            vec![
                "settled,2022-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,",
                "settled,2022-04-10,N1,HN,1990-01-01,0301,asylum,false,SY,",
            ],
            ":3:person_id: N1 er busett eller fødd ein gong til (første gong 2022-03-10, rad 2)",
        ),
        (
            // A1 is in the register: a1 is the same person, spelt otherwise.
            vec!["moved,2022-03-10,a1,,,0301,,,,"],
            ":2:person_id: «a1» skil seg berre i store og små bokstavar frå personen «A1»",
        ),
        (
            vec![
                "settled,2022-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,",
                "born,2022-04-10,N2,,2022-04-10,,,,,n1",
            ],
            ":3:mother_id: «n1» skil seg berre i store og små bokstavar frå personen «N1»",
        ),
        (
            vec!["moved,2022-03-10,N9,,,0301,,,,"],
            ":2:person_id: «moved»-hendinga gjeld N9, som ikkje er busett i registeret",
        ),
        (
            vec!["exited,2022-03-10,N9,,,,,,,"],
            ":2:person_id: «exited»-hendinga gjeld N9, som ikkje er busett i registeret",
        ),
        (
            vec!["born,2022-03-10,N9,,2022-03-10,,,,,M9"],
            ":2:mother_id: mora M9 til N9 er ikkje busett i registeret",
        ),
        (
            vec!["moved,2022-07-10,B1,,,5001,,,,"],
            ":2:municipality: flytting til 5001, der B1 alt bur",
        ),
        (
            vec!["moved,2022-10-10,A2,,,4601,,,,"],
            ":2:date: «moved»-hendinga den 2022-10-10 kjem etter at personen flytta ut 2022-09-15",
        ),
        (
            vec!["withdrawn_settled,2022-05-03,E1,HE,1992-11-11,4601,collective,false,UA,"],
            ":2:event: trekkjer tilbake ei «settled»-hending for E1 den 2022-05-03 som ikkje finst i registeret",
        ),
        (
            // E3 (not named in the file) was born to E1's settlement.
            vec!["withdrawn_settled,2022-05-03,E1,HE,1992-11-11,0301,collective,false,UA,"],
            ":2:mother_id: mora E1 til E3 er ikkje busett i registeret",
        ),
        (
            // B1's move stays, and needs a settlement before it.
            vec!["withdrawn_settled,2021-09-01,B1,HB,1990-01-20,4601,asylum,false,ER,"],
            ":2:event: etter denne tilbaketrekkinga: «moved»-hendinga gjeld B1, som ikkje er busett i registeret (hendinga «moved» er alt i databasen)",
        ),
    ];
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let before = snapshot(&db).await;
        for (index, (rows, expected)) in table.iter().enumerate() {
            let name = format!("bad-{index}.csv");
            let path = db.write(&name, &format!("{HEADER}\n{}\n", rows.join("\n")));
            // A good row first, so that a partial write would show.
            let stderr = db.import_refused(path.to_str().unwrap());
            assert!(
                stderr.contains(&format!("{name}{expected}")),
                "{backend:?} {rows:?}: {stderr}"
            );
            assert!(stderr.contains("Ingenting vart lese inn"), "{stderr}");
            assert_eq!(
                snapshot(&db).await,
                before,
                "{backend:?}: {rows:?} changed the database"
            );
        }
    }
}

#[tokio::test]
async fn one_bad_row_among_good_ones_writes_nothing_and_every_problem_is_listed() {
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let before = snapshot(&db).await;
        let path = db.write(
            "mixed.csv",
            &format!(
                "{HEADER}\nsettled,2022-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,\nsettled,2022-03-10,N2,HN,1990-01-01,9999,asylum,false,SY,\nmoved,2022-04-01,N1,,,4601,,,,\nexited,2022-04-01,N7,,,,,,,\n"
            ),
        );
        let stderr = db.import_refused(path.to_str().unwrap());
        assert!(stderr.contains("mixed.csv:3:municipality:"), "{stderr}");
        assert_eq!(snapshot(&db).await, before);
        // Parse problems are reported before the timeline checks run; fix the
        // municipality and the unknown person is found.
        let path = db.write(
            "mixed.csv",
            &format!("{HEADER}\nsettled,2022-03-10,N1,HN,1990-01-01,0301,asylum,false,SY,\nexited,2022-04-01,N7,,,,,,,\n"),
        );
        let stderr = db.import_refused(path.to_str().unwrap());
        assert!(
            stderr.contains("mixed.csv:3:person_id: «exited»-hendinga gjeld N7"),
            "{stderr}"
        );
        assert_eq!(snapshot(&db).await, before);
    }
}

#[tokio::test]
async fn a_wrong_header_is_refused_at_row_one() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let path = db.write(
            "header.csv",
            "event,date,person,household_id\nsettled,2022-01-01,x,y\n",
        );
        let stderr = db.import_refused(path.to_str().unwrap());
        assert!(
            stderr
                .contains("header.csv:1:person: overskrifta må vere nøyaktig event,date,person_id"),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn an_xlsx_register_imports_the_same_events_as_its_csv() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let csv = std::fs::read_to_string(fixture("small-register.csv")).unwrap();
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (row, line) in csv.lines().enumerate() {
            for (column, cell) in line.split(',').enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(row as u32, column as u16, cell).unwrap();
                }
            }
        }
        let xlsx = db.path("register.xlsx");
        workbook.save(&xlsx).unwrap();
        let out = db.import_register(xlsx.to_str().unwrap());
        assert!(out.contains("12 hendingar lagde til"), "{out}");
        let again = db.import_register(fixture("small-register.csv").to_str().unwrap());
        assert!(
            again.contains("0 hendingar lagde til, 12 fanst alt"),
            "{again}"
        );
    }
}

#[tokio::test]
async fn an_xlsx_with_a_bad_cell_in_its_last_row_is_refused_by_row_and_column() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (column, name) in HEADER.split(',').enumerate() {
            sheet.write_string(0, column as u16, name).unwrap();
        }
        let rows = 2_000u32;
        for index in 1..=rows {
            let municipality = if index == rows { "9999" } else { "0301" };
            let cells = [
                "settled",
                "2022-03-10",
                &format!("X{index}"),
                &format!("H{index}"),
                "1990-01-01",
                municipality,
                "asylum",
                "false",
                "SY",
            ];
            for (column, cell) in cells.iter().enumerate() {
                sheet.write_string(index, column as u16, *cell).unwrap();
            }
        }
        let xlsx = db.path("large.xlsx");
        workbook.save(&xlsx).unwrap();
        let stderr = db.import_refused(xlsx.to_str().unwrap());
        assert!(
            stderr.contains(&format!("large.xlsx:{}:municipality:", rows + 1)),
            "{stderr}"
        );
        let store = Store::connect(&db.url).await.unwrap();
        assert_eq!(store.event_count().await.unwrap(), 0);
    }
}

#[tokio::test]
async fn an_excel_csv_with_bom_crlf_and_semicolons_is_accepted() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let csv = std::fs::read_to_string(fixture("small-register.csv")).unwrap();
        let excel = format!("\u{feff}{}", csv.replace(',', ";").replace('\n', "\r\n"));
        let path = db.write("excel.csv", &excel);
        let out = db.import_register(path.to_str().unwrap());
        assert!(out.contains("12 hendingar lagde til"), "{out}");
    }
}

#[tokio::test]
async fn importing_before_init_says_to_run_init() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let stderr = db.import_refused(fixture("small-register.csv").to_str().unwrap());
        assert!(stderr.contains("tilskot init --start-period"), "{stderr}");
    }
}

/// The number of events every command keys the register by (kept by
/// triggers on PostgreSQL, counted on SQLite) follows the table: an
/// import, and rows added by hand in SQL. Rows are never removed.
#[tokio::test]
async fn the_event_count_follows_every_change_of_the_events_table() {
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let pool = db.raw_pool().await;
        let rows = || async {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM register_event")
                .fetch_one(&pool)
                .await
                .unwrap()
        };
        let counted = || async {
            let store = Store::connect(&db.url).await.unwrap();
            let count = store.event_count().await.unwrap();
            store.close().await;
            count
        };
        assert_eq!((counted().await, rows().await), (12, 12), "{backend:?}");
        sqlx::query(
            "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, \
             person_id, household_id, birth_date, municipality, basis, unaccompanied, country, \
             mother_id) SELECT content_key || '-copy', import_id, source_row, event, event_date, \
             person_id || '-copy', household_id, birth_date, municipality, basis, unaccompanied, \
             country, mother_id FROM register_event WHERE event = 'settled'",
        )
        .execute(&pool)
        .await
        .unwrap();
        assert!(rows().await > 12, "{backend:?}");
        assert_eq!(counted().await, rows().await, "{backend:?}");
    }
}

/// An event must belong to an import, and neither an import nor an event
/// ever changes: on SQLite by its foreign key and triggers, on PostgreSQL
/// by the statement-level check of migration 0017 and the triggers of 0022.
#[tokio::test]
async fn events_refer_to_imports_that_stay() {
    use sqlx::error::ErrorKind::ForeignKeyViolation;
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let pool = db.raw_pool().await;
        let orphan = sqlx::query(
            "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, \
             person_id) VALUES ('orphan', 999999, 2, 'exited', '2022-01-01', 'NOBODY')",
        )
        .execute(&pool)
        .await
        .unwrap_err();
        let kind = orphan.as_database_error().map(|e| e.kind());
        assert_eq!(kind, Some(ForeignKeyViolation), "{backend:?}: {orphan}");
        for change in [
            "UPDATE register_import SET rows_read = rows_read + 1",
            "DELETE FROM register_import",
            "UPDATE register_event SET municipality = '4601' WHERE person_id = 'A1'",
            "DELETE FROM register_event WHERE person_id = 'A1'",
        ] {
            let refused = sqlx::query(change).execute(&pool).await;
            assert!(refused.is_err(), "{backend:?}: {change} was allowed");
        }
        if backend == Backend::Postgres {
            let refused = sqlx::query("TRUNCATE register_event").execute(&pool).await;
            assert!(refused.is_err(), "TRUNCATE was allowed");
        }
        assert_eq!(snapshot(&db).await.0, 12, "{backend:?}");
    }
}

/// Two imports checked against the same register must not both be stored:
/// each could be valid alone and contradict the other (here, two
/// settlements of one new person). The second waits for the first and is
/// refused. PostgreSQL, where a statement reads what others committed.
#[tokio::test]
async fn an_import_checked_before_another_was_stored_is_refused_whole() {
    let db = initialised_with_small_register(Backend::Postgres).await;
    // Another import under way: the lock imports take, N1 settled in Oslo.
    let mut tx = db
        .under_way("LOCK TABLE register_event IN SHARE ROW EXCLUSIVE MODE")
        .await;
    sqlx::query(
        "INSERT INTO register_import (id, file_name, imported_at, rows_read, events_added) \
         VALUES (900, 'other.csv', '2022-06-01T00:00:00Z', 1, 1)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, \
         person_id, household_id, birth_date, municipality, basis, unaccompanied, country) \
         VALUES ('n1-oslo', 900, 2, 'settled', '2022-03-10', 'N1', 'HN', '1990-01-01', '0301', \
         'asylum', 'false', 'SY')",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let bergen = db.write(
        "bergen.csv",
        &format!("{HEADER}\nsettled,2022-03-10,N1,HN,1990-01-01,4601,asylum,false,SY,\n"),
    );
    let import = crate::support::started_and_waiting(
        &db,
        &[
            "register",
            "import",
            bergen.to_str().unwrap(),
            "--user",
            "admin",
        ],
    )
    .await;
    tx.commit().await.unwrap();
    let (code, stderr) = crate::support::finished(import);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("bergen.csv: ei anna innlesing til registeret vart lagra medan denne fila vart kontrollert"),
        "{stderr}"
    );
    let store = Store::open(&db.url).await.unwrap();
    let n1 = store.events_of_persons(&["N1".to_string()]).await.unwrap();
    assert_eq!(n1.len(), 1, "only the first import's settlement: {n1:?}");
    store.close().await;
}

/// How many rows each table an import writes holds.
async fn import_tables(pool: &sqlx::AnyPool) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in [
        "register_import",
        "register_event",
        "register_event_page",
        "audit_entry",
    ] {
        let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
        let count: i64 = sqlx::Row::get(&sqlx::query(&sql).fetch_one(pool).await.unwrap(), 0);
        counts.push((table, count));
    }
    counts
}

/// A big first import whose check finds a problem (a row far down the file
/// exits an unknown person) keeps nothing, and is refused with that
/// problem, even when the database would also have refused a row: the
/// check's answer comes before anything the writes could say. (The
/// contract a later change that stores while it checks must keep.)
#[tokio::test]
async fn a_big_import_whose_check_fails_keeps_nothing_and_tells_its_problem() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let generated = db.path("register.csv");
        let generated = generated.to_str().unwrap();
        db.ok(&[
            "generate", "--scale", "0.25", "--seed", "3", "--out", generated,
        ]);
        let mut text = std::fs::read_to_string(generated).unwrap();
        let rows = text.lines().count();
        assert!(rows > 10_000, "{rows}");
        text.push_str("exited,2022-04-01,N7,,,,,,,\n");
        let file = db.write("late-problem.csv", &text);
        let pool = db.raw_pool().await;
        let before = import_tables(&pool).await;
        let refused = db.import_refused(file.to_str().unwrap());
        let problem = format!(
            "late-problem.csv:{}:person_id: «exited»-hendinga gjeld N7",
            rows + 1
        );
        assert!(refused.contains(&problem), "{backend:?}: {refused}");
        assert_eq!(import_tables(&pool).await, before, "{backend:?}");
        // The database refuses a row as well: the check's problem is told.
        let plant = match backend {
            Backend::Sqlite => {
                "CREATE TRIGGER planted_refusal BEFORE INSERT ON register_event \
                 BEGIN SELECT RAISE(ABORT, 'planted refusal'); END"
            }
            Backend::Postgres => {
                "CREATE FUNCTION planted_refusal() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION 'planted refusal'; END $$; \
                 CREATE TRIGGER planted_refusal BEFORE INSERT ON register_event \
                 FOR EACH ROW EXECUTE FUNCTION planted_refusal()"
            }
        };
        sqlx::raw_sql(plant).execute(&pool).await.unwrap();
        let refused = db.import_refused(file.to_str().unwrap());
        assert!(refused.contains(&problem), "{backend:?}: {refused}");
        assert!(!refused.contains("planted"), "{backend:?}: {refused}");
        assert_eq!(import_tables(&pool).await, before, "{backend:?}");
        pool.close().await;
    }
}

/// A row the database refuses while the import's rows are stored (a
/// trigger planted here; on PostgreSQL inside `COPY`, after the import's
/// row, pages and audit entry were written) leaves nothing of the import:
/// no import, event, page or audit entry, and the same file imports once
/// the database takes it.
#[tokio::test]
async fn a_row_refused_while_stored_leaves_nothing_of_the_import() {
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        let pool = db.raw_pool().await;
        let plant = match backend {
            Backend::Sqlite => {
                "CREATE TRIGGER planted_refusal BEFORE INSERT ON register_event \
                 WHEN NEW.person_id = 'Z9' BEGIN SELECT RAISE(ABORT, 'planted refusal'); END"
            }
            Backend::Postgres => {
                "CREATE FUNCTION planted_refusal() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN IF NEW.person_id = 'Z9' THEN RAISE EXCEPTION 'planted refusal'; END IF; \
                 RETURN NEW; END $$; \
                 CREATE TRIGGER planted_refusal BEFORE INSERT ON register_event \
                 FOR EACH ROW EXECUTE FUNCTION planted_refusal()"
            }
        };
        sqlx::raw_sql(plant).execute(&pool).await.unwrap();
        let before = import_tables(&pool).await;
        // Z9 sorts last of the stored order: the rows before it are sent.
        let file = db.write(
            "late.csv",
            &format!(
                "{HEADER}\nsettled,2022-06-01,Z9,HZ,1995-03-03,3005,asylum,false,SE,\n\
                 settled,2022-06-01,M1,HM,1991-04-04,3005,asylum,false,SE,\n\
                 settled,2022-06-01,M2,HM,1993-05-05,3005,asylum,false,SE,\n"
            ),
        );
        let path = file.to_str().unwrap();
        db.fails(&["register", "import", path, "--user", "admin"]);
        assert_eq!(import_tables(&pool).await, before, "{backend:?}");
        let unplant = match backend {
            Backend::Sqlite => "DROP TRIGGER planted_refusal",
            Backend::Postgres => "DROP TRIGGER planted_refusal ON register_event",
        };
        sqlx::query(unplant).execute(&pool).await.unwrap();
        let stored = db.import_register(path);
        assert!(
            stored.contains("3 hendingar lagde til"),
            "{backend:?}: {stored}"
        );
        assert_eq!(snapshot(&db).await.0, 15, "{backend:?}");
        pool.close().await;
    }
}

#[tokio::test]
async fn an_import_is_done_by_finance_staff_and_recorded_in_the_audit_log() {
    for backend in BACKENDS {
        let db = initialised_with_small_register(backend).await;
        db.add_users();
        let file = db.write(
            "fix.csv",
            &format!(
                "{HEADER}\nwithdrawn_settled,2022-06-01,F1,HF,1995-03-03,3005,family,false,SE,\n\
                 settled,2022-06-01,F1,HF,1995-03-03,3005,asylum,false,SE,\n"
            ),
        );
        let path = file.to_str().unwrap();
        let by_approver = db.fails(&["register", "import", path, "--user", "ola"]);
        assert!(
            by_approver.contains(
                "Berre ein økonomimedarbeidar, nokon i økonomi eller ein administrator kan importere busetjingsregisteret, og ola har ikkje ei slik rolle"
            ),
            "{backend:?}: {by_approver}"
        );
        db.ok(&["register", "import", path, "--user", "kari"]);
        let store = Store::open(&db.url).await.unwrap();
        let last = store.audit_entries().await.unwrap().pop().unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("register_imported", "kari"),
            "{backend:?}"
        );
        assert!(
            last.detail
                .contains("fix.csv: 2 rows read, 2 events added, 1 of them withdrawals"),
            "{}",
            last.detail
        );
        store.close().await;
    }
}

/// A first import at least `REBUILD_MIN_ROWS` long (PostgreSQL) stores its
/// rows without the event table's secondary indexes and builds them again:
/// they must come back exactly as the migrations made them, still refuse
/// what they refused, and every event must be stored once.
#[tokio::test]
async fn a_big_first_import_builds_the_event_indexes_again_as_they_were() {
    use tilskot::db::index_rebuild::{rebuilds_indexes, REBUILD_MIN_ROWS};
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let register = db.path("big.csv");
    let register = register.to_str().unwrap();
    db.ok(&[
        "generate",
        "--scale",
        "0.4",
        "--seed",
        "5",
        "--events-per-person",
        "6",
        "--out",
        register,
    ]);
    let mut written = crate::support::rows_after_header(register);
    assert!(written.len() >= REBUILD_MIN_ROWS, "{}", written.len());
    assert!(rebuilds_indexes(written.len(), 0));
    let store = Store::connect(&db.url).await.unwrap();
    let before = store.index_definitions("register_event").await.unwrap();
    store.close().await;
    assert_eq!(before.len(), 3, "{before:?}");

    db.import_register(register);

    let store = Store::connect(&db.url).await.unwrap();
    assert_eq!(
        store.index_definitions("register_event").await.unwrap(),
        before
    );
    store.close().await;
    let (count, read) = snapshot(&db).await;
    assert_eq!(count, written.len() as i64);
    written.sort();
    assert!(read == written, "not every event stored once");
    let again = db.import_register(register);
    assert!(again.contains(" 0 hendingar lagde til"), "{again}");
    let pool = db.raw_pool().await;
    let duplicate = sqlx::query(
        "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id) \
         SELECT content_key, import_id, source_row, event, event_date, person_id \
         FROM register_event WHERE id = (SELECT MIN(id) FROM register_event)",
    )
    .execute(&pool)
    .await;
    assert!(
        duplicate.is_err(),
        "the rebuilt unique index must refuse a duplicate"
    );
}
