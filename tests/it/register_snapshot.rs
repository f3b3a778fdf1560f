//! The stored register snapshot (issue 16): the persons every command reads
//! instead of rebuilding them from the events. It must always give what the
//! events give, on both databases.

use crate::support::{fixture, Backend, TestDb, BACKENDS, HEADER};
use tilskot::db::register_codec;
use tilskot::db::Store;
use tilskot::domain::register::Register;

const ACCRUALS: [&str; 5] = ["accruals", "--from", "2022-01", "--to", "2022-12"];

/// The small register in two files: the second adds a household member
/// settled the same day as the first file's (which changes their
/// category), a child born to a mother of the first file and a move.
fn split_register(db: &TestDb) -> [std::path::PathBuf; 2] {
    let text = std::fs::read_to_string(fixture("small-register.csv")).unwrap();
    let (mut first, mut second) = (vec![HEADER], vec![HEADER]);
    for line in text.lines().skip(1) {
        let later = line.contains(",A2,") || line.starts_with("born") || line.starts_with("moved");
        if later { &mut second } else { &mut first }.push(line);
    }
    [
        db.write("first.csv", &(first.join("\n") + "\n")),
        db.write("second.csv", &(second.join("\n") + "\n")),
    ]
}

async fn initialised(backend: Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db
}

async fn with_small_register(backend: Backend) -> TestDb {
    let db = initialised(backend).await;
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    db
}

/// Replaces the bytes of the stored snapshot's one part behind tilskot's
/// back.
async fn overwrite_snapshot(db: &TestDb, content: Vec<u8>) {
    let pool = db.raw_pool().await;
    let changed = sqlx::query("UPDATE register_snapshot_part SET content = $1")
        .bind(content)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(changed.rows_affected(), 1);
}

#[tokio::test]
async fn accruals_after_a_second_import_are_those_of_one_import_of_both_files() {
    for backend in BACKENDS {
        let whole = with_small_register(backend).await;
        let expected = whole.ok(&ACCRUALS);

        let db = initialised(backend).await;
        let [first, second] = split_register(&db);
        db.import_register(first.to_str().unwrap());
        let after_first = db.ok(&ACCRUALS);
        assert_ne!(after_first, expected, "{backend:?}: the split must matter");
        db.import_register(second.to_str().unwrap());
        assert_eq!(db.ok(&ACCRUALS), expected, "{backend:?}");
        assert!(db.ok(&["check"]).contains("1 lagra registerbilete"));
    }
}

#[tokio::test]
async fn an_unreadable_snapshot_is_rebuilt_from_the_events() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let expected = db.ok(&ACCRUALS);
        overwrite_snapshot(&db, b"not a register".to_vec()).await;
        assert_eq!(db.ok(&ACCRUALS), expected, "{backend:?}");
        // The rebuild replaced it: the check compares a readable one.
        assert!(
            db.ok(&["check"]).contains("1 lagra registerbilete"),
            "{backend:?}"
        );
    }
}

/// How many parts the stored snapshot has, by its head and by its rows.
async fn stored_parts(db: &TestDb) -> (i64, i64) {
    use sqlx::Row;
    let row = sqlx::query(
        "SELECT (SELECT parts FROM register_snapshot), (SELECT COUNT(*) FROM register_snapshot_part)",
    )
    .fetch_one(&db.raw_pool().await)
    .await
    .unwrap();
    (row.get(0), row.get(1))
}

#[tokio::test]
async fn a_snapshot_in_parts_reads_back_whole_and_a_lost_part_is_rebuilt() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let expected = db.ok(&ACCRUALS);
        let store = Store::connect(&db.url).await.unwrap();
        let count = store.event_count().await.unwrap();
        let built = Register::build(&store.all_events().await.unwrap(), 2);
        store
            .save_register_snapshot_in_parts(2, count, &built, 2)
            .await
            .unwrap();
        let read = store.register_snapshot(2, count).await.unwrap();
        assert_eq!(read.unwrap().unwrap().persons, built.persons, "{backend:?}");
        store.close().await;
        let parts = built.persons.len().div_ceil(2) as i64;
        assert!(parts > 2, "{backend:?}: {parts}");
        assert_eq!(stored_parts(&db).await, (parts, parts), "{backend:?}");
        assert_eq!(db.ok(&ACCRUALS), expected, "{backend:?}");

        let pool = db.raw_pool().await;
        sqlx::query("DELETE FROM register_snapshot_part WHERE part = 1")
            .execute(&pool)
            .await
            .unwrap();
        let checked = db.fails(&["check"]);
        assert!(
            checked.contains("kan ikkje lesast"),
            "{backend:?}: {checked}"
        );
        // Read by the next command, it is rebuilt whole in one part.
        assert_eq!(db.ok(&ACCRUALS), expected, "{backend:?}");
        assert_eq!(stored_parts(&db).await, (1, 1), "{backend:?}");
        assert!(db.ok(&["check"]).contains("1 lagra registerbilete"));
    }
}

#[tokio::test]
async fn the_check_names_a_snapshot_that_differs_from_the_events() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        db.ok(&["check"]);
        let store = Store::connect(&db.url).await.unwrap();
        let mut events = store.all_events().await.unwrap();
        store.close().await;
        events.retain(|e| e.person_id != "D1");
        let forged = Register::build(&events, 2).persons;
        overwrite_snapshot(&db, register_codec::encode_part(&forged).unwrap()).await;
        sqlx::query("UPDATE register_snapshot SET persons = $1")
            .bind(forged.len() as i64)
            .execute(&db.raw_pool().await)
            .await
            .unwrap();
        let refused = db.fails(&["check"]);
        assert!(
            refused.contains("Det lagra registerbiletet (2 månader før ei flytting tel, 12 hendingar) skil seg frå personane hendingane gjev."),
            "{backend:?}: {refused}"
        );
    }
}

/// The stored events in key order, each as the CSV line of its fields,
/// read column by column with plain SQL.
async fn stored_in_key_order(db: &TestDb) -> Vec<String> {
    use sqlx::Row;
    let columns = "event, event_date, person_id, household_id, birth_date, municipality, \
                   basis, unaccompanied, country, mother_id";
    let rows = sqlx::query(&format!("SELECT {columns} FROM register_event ORDER BY id"))
        .fetch_all(&db.raw_pool().await)
        .await
        .unwrap();
    rows.iter()
        .map(|row| {
            let field = |i: usize| row.get::<Option<String>, _>(i).unwrap_or_default();
            (0..10).map(field).collect::<Vec<_>>().join(",")
        })
        .collect()
}

#[tokio::test]
async fn every_stored_event_is_read_back_once_in_the_order_of_its_key() {
    // Read in blocks of 5 000 events by key range: this register spans
    // three blocks, the last one partly filled.
    for backend in BACKENDS {
        let db = initialised(backend).await;
        let register = db.path("register.csv");
        let register = register.to_str().unwrap();
        db.ok(&[
            "generate", "--scale", "0.25", "--seed", "3", "--out", register,
        ]);
        db.import_register(register);
        let store = Store::connect(&db.url).await.unwrap();
        let read: Vec<String> = store
            .all_events()
            .await
            .unwrap()
            .iter()
            .map(|event| event.fields().join(","))
            .collect();
        store.close().await;
        let mut written = crate::support::rows_after_header(register);
        assert!(written.len() > 10_000, "{}", written.len());
        let in_key_order = stored_in_key_order(&db).await;
        let first_difference = read.iter().zip(&in_key_order).position(|(r, s)| r != s);
        assert_eq!(first_difference, None, "{backend:?}");
        let mut read = read;
        read.sort();
        written.sort();
        assert!(read == written, "{backend:?}: not every event read once");
    }
}

/// Adds a row to the register behind tilskot's back, without a page, as a
/// version from before the pages wrote its imports: a copy of the first
/// event for a person `Z1`.
async fn add_event_row_without_page(db: &TestDb) {
    let pool = db.raw_pool().await;
    sqlx::query(
        "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id, \
             household_id, birth_date, municipality, basis, unaccompanied, country, mother_id) \
         SELECT content_key || 'Z', import_id, source_row + 100000, event, event_date, 'Z1', \
             household_id, birth_date, municipality, basis, unaccompanied, country, mother_id \
         FROM register_event WHERE id = (SELECT MIN(id) FROM register_event)",
    )
    .execute(&pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn the_pages_of_two_imports_hold_their_rows_in_order() {
    for backend in BACKENDS {
        let db = initialised(backend).await;
        let [first, second] = split_register(&db);
        db.import_register(first.to_str().unwrap());
        db.import_register(second.to_str().unwrap());
        let store = Store::connect(&db.url).await.unwrap();
        let rows = store.event_rows().await.unwrap();
        let paged = store.paged_events().await.unwrap();
        store.close().await;
        assert_eq!(rows.len(), 12, "{backend:?}");
        assert_eq!(paged.as_ref(), Some(&rows), "{backend:?}");
        let checked = db.ok(&["check"]);
        assert!(
            checked.contains("same hendingane som radene"),
            "{backend:?}: {checked}"
        );
    }
}

#[tokio::test]
async fn events_without_pages_are_read_from_their_rows() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let before = db.ok(&ACCRUALS);
        add_event_row_without_page(&db).await;
        let store = Store::connect(&db.url).await.unwrap();
        assert_eq!(store.paged_events().await.unwrap(), None, "{backend:?}");
        let events = store.all_events().await.unwrap();
        assert_eq!(events, store.event_rows().await.unwrap(), "{backend:?}");
        store.close().await;
        assert!(events.iter().any(|e| e.person_id == "Z1"), "{backend:?}");
        // Z1 is settled like the first person: the accruals see them.
        assert_ne!(db.ok(&ACCRUALS), before, "{backend:?}");
        let checked = db.ok(&["check"]);
        assert!(!checked.contains("radene"), "{backend:?}: {checked}");
    }
}

#[tokio::test]
async fn the_check_names_pages_that_differ_from_the_rows() {
    use tilskot::db::event_pages;
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let store = Store::connect(&db.url).await.unwrap();
        let mut forged = store.event_rows().await.unwrap().remove(0);
        store.close().await;
        forged.person_id = "Y1".into();
        add_event_row_without_page(&db).await;
        // A page of one event where the row says Z1: the counts agree.
        let pool = db.raw_pool().await;
        sqlx::query(
            "INSERT INTO register_event_page (import_id, page, format, events, content) \
             SELECT MIN(id), 99, $1, 1, $2 FROM register_import",
        )
        .bind(event_pages::FORMAT)
        .bind(event_pages::encode_page(&[&forged]).unwrap())
        .execute(&pool)
        .await
        .unwrap();
        let refused = db.fails(&["check"]);
        assert!(
            refused.contains("Éin kontroll feila:\n  Sidene med registerhendingar skil seg frå radene frå hending 13 og utover."),
            "{backend:?}: {refused}"
        );
        let changed = sqlx::query("UPDATE register_event_page SET events = 2 WHERE page = 99")
            .execute(&pool)
            .await;
        assert!(changed.is_err(), "{backend:?}: a page was changed");
        let removed = sqlx::query("DELETE FROM register_event_page")
            .execute(&pool)
            .await;
        assert!(removed.is_err(), "{backend:?}: pages were removed");
    }
}

#[tokio::test]
async fn an_unreadable_page_is_named_by_the_check_and_the_rows_are_read_instead() {
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        add_event_row_without_page(&db).await;
        let from_rows = db.ok(&ACCRUALS);
        // A page that holds the one event the pages lack, by its count,
        // but not in any format tilskot reads.
        let pool = db.raw_pool().await;
        sqlx::query(
            "INSERT INTO register_event_page (import_id, page, format, events, content) \
             SELECT MIN(id), 99, $1, 1, $2 FROM register_import",
        )
        .bind(tilskot::db::event_pages::FORMAT)
        .bind(b"TSKE but not a page".to_vec())
        .execute(&pool)
        .await
        .unwrap();
        let store = Store::connect(&db.url).await.unwrap();
        assert_eq!(store.paged_events().await.unwrap(), None, "{backend:?}");
        let events = store.all_events().await.unwrap();
        assert_eq!(events, store.event_rows().await.unwrap(), "{backend:?}");
        store.close().await;
        assert_eq!(db.ok(&ACCRUALS), from_rows, "{backend:?}");
        let refused = db.fails(&["check"]);
        assert!(
            refused.contains("Side 100 av registerhendingane frå innlesing 1 kan ikkje lesast."),
            "{backend:?}: {refused}"
        );
        let bokmal = db.fails(&["check", "--lang", "nb"]);
        assert!(
            bokmal.contains("Side 100 av registerhendelsene fra innlesing 1 kan ikke leses."),
            "{backend:?}: {bokmal}"
        );
    }
}

/// Requests that need the register at once (the web application's, on a
/// cold cache) read it once: the others wait and share what it read,
/// rather than each reading a copy over a connection of its own.
#[tokio::test]
async fn loads_of_the_register_at_once_read_it_once_and_share_it() {
    use std::sync::Arc;
    use tilskot::domain::calendar::Period;
    let rules = tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
    let period: Period = "2022-07".parse().unwrap();
    for backend in BACKENDS {
        let db = with_small_register(backend).await;
        let store = Store::open(&db.url).await.unwrap();
        let loads = (0..6).map(|_| tilskot::app::batches::load_register(&store, &rules, period));
        let loaded = futures_util::future::try_join_all(loads).await.unwrap();
        assert!(
            loaded
                .iter()
                .all(|register| Arc::ptr_eq(register, &loaded[0])),
            "{backend:?}: the register was read more than once"
        );
        assert!(!loaded[0].persons.is_empty(), "{backend:?}");
        store.close().await;
    }
}
