//! What the scale work (issue 6) changed behind the figures: the register
//! and the paid sums kept in a process between terms, and the compacted
//! tables of migration 0006.

use crate::support::{fixture, rules_dir, Backend, TestDb, BACKENDS, HEADER, TEST_PASSWORD};
use chrono::NaiveDate;
use tilskot::app::batches::{act_on_batch, pay_batch, run_batch};
use tilskot::app::register_import::import_register;
use tilskot::db::Store;
use tilskot::domain::approval::{Action, BatchStatus};
use tilskot::domain::calendar::Period;
use tilskot::domain::money::Ore;
use tilskot::io::rules_dir::load_rules_dir;

/// One process runs and pays the year, with a register correction after
/// July; after every month the paid sums it keeps equal those a fresh
/// process reads, and the correction's set-off shows that the kept
/// register was rebuilt after the import.
#[tokio::test]
async fn sums_kept_between_terms_equal_a_fresh_read_and_an_import_rebuilds_the_register() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        db.add_users();
        let store = Store::connect(&db.url).await.unwrap();
        let rules = load_rules_dir(&rules_dir()).unwrap();
        let municipalities = tilskot::io::shipped::municipalities();
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let kari = store.authenticate("kari", TEST_PASSWORD).await.unwrap();
        let ola = store.authenticate("ola", TEST_PASSWORD).await.unwrap();
        let mut october_total = None;
        for month in 1..=12 {
            if month == 8 {
                let exit = db.write(
                    "exit.csv",
                    &format!("{HEADER}\nexited,2022-02-20,A1,,,,,,,\n"),
                );
                import_register(&store, &exit, &kari, &municipalities, today, &[2])
                    .await
                    .unwrap();
            }
            let period = Period::new(2022, month).unwrap();
            let result = run_batch(&store, &rules, period, &kari).await.unwrap();
            if result.batch.status == BatchStatus::Computed {
                act_on_batch(&store, &rules, period, Action::Attest, &kari)
                    .await
                    .unwrap();
                act_on_batch(&store, &rules, period, Action::Approve, &ola)
                    .await
                    .unwrap();
                pay_batch(
                    &store,
                    &rules,
                    &municipalities,
                    period,
                    &db.path("payments"),
                    true,
                    &kari,
                )
                .await
                .unwrap();
            }
            if month == 10 {
                october_total = Some(result.lines.iter().map(|l| l.amount).sum::<Ore>());
                // A1's March–June (4 × 14 333.33) are set off in October.
                assert!(
                    result
                        .lines
                        .iter()
                        .any(|l| l.key.person_id.as_deref() == Some("A1")
                            && l.amount == Ore(-5_733_332)),
                    "{backend:?}: {:?}",
                    result.lines
                );
            }
            let kept = store.paid_by_line().await.unwrap();
            let fresh = Store::connect(&db.url)
                .await
                .unwrap()
                .paid_by_line()
                .await
                .unwrap();
            assert_eq!(*kept, *fresh, "{backend:?} after {period}");
        }
        assert!(october_total.is_some());
    }
}

/// A database made before migration 0006 keeps its events, batches and
/// lines through the rebuild of its two largest tables, and a person's
/// payments are still found.
#[tokio::test]
async fn migration_0006_keeps_the_register_and_the_batch_lines() {
    let db = TestDb::new(Backend::Sqlite).await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&format!("{}?mode=rwc", db.url))
        .await
        .unwrap();
    migrate_before(&db, &pool, "migrations/sqlite", "0006").await;
    // A paid batch as the engine stores it: its content hash in the batch
    // and in its payment's audit entry (a batch run re-hashes paid lines).
    let oslo = tilskot::io::shipped::municipalities()
        .parse("0301")
        .unwrap();
    let paid_line = tilskot::domain::payout::BatchLine {
        key: tilskot::domain::payout::LineKey {
            municipality: oslo,
            grant: tilskot::domain::grant::Grant::Integration,
            person_id: Some("A1".into()),
        },
        amount: Ore(1_433_333),
    };
    let hash = tilskot::domain::payout::content_hash("2022-04".parse().unwrap(), &[paid_line]);
    let batch = format!(
        "INSERT INTO batch (id, period, run_number, computed_at, content_hash, line_count, total_ore, weakest_rate_status, register_events, status) \
         VALUES (1, '2022-04', 1, 't', '{hash}', 1, 1433333, 'placeholder', 1, 'paid')"
    );
    let entry = format!(
        "INSERT INTO audit_entry (batch_id, action, actor, at, batch_hash, detail, prev_hash, entry_hash) \
         VALUES (1, 'pay', 'kari', 't', '{hash}', '', '', 'e1')"
    );
    for sql in [
        "INSERT INTO register_import (id, file_name, imported_at, rows_read, events_added) VALUES (1, 'r.csv', 't', 1, 1)",
        "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id, household_id, birth_date, municipality, basis, unaccompanied, country) \
         VALUES ('k1', 1, 2, 'settled', '2020-05-10', 'A1', 'HA', '1985-02-01', '0301', 'resettlement', 'false', 'SY')",
        &batch,
        &entry,
        "INSERT INTO batch_line (batch_id, municipality, grant_code, person_id, amount_ore) VALUES (1, '0301', 'integration', 'A1', 1433333)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let store = Store::connect(&db.url).await.unwrap();
    let events = store.all_events().await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].person_id, "A1");
    let payments = store.person_payments("A1", &[oslo]).await.unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].amount, Ore(1_433_333));
    assert_eq!(store.paid_by_line().await.unwrap().len(), 1);
    // The same event again is still refused by the database.
    let again = sqlx::query(
        "INSERT INTO register_event (content_key, import_id, source_row, event, event_date, person_id) \
         VALUES ('k1', 1, 3, 'moved', '2021-01-01', 'A1')",
    )
    .execute(&db.raw_pool().await)
    .await;
    assert!(again.is_err());
}

/// Migration 0015 packs every batch's lines into one block per
/// municipality and grant: what a batch read back holds, what a paid
/// batch's recorded hash says and what a person was paid stay the same, on
/// both databases, with the lines stored out of person order.
#[tokio::test]
async fn migration_0015_packs_the_lines_into_blocks_that_read_back_the_same() {
    use tilskot::domain::grant::Grant;
    use tilskot::domain::payout::{content_hash, BatchLine, LineKey};
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let folder = match backend {
            Backend::Sqlite => "migrations/sqlite",
            Backend::Postgres => "migrations/postgres",
        };
        let pool = db.raw_pool().await;
        migrate_before(&db, &pool, folder, "0015").await;
        let municipalities = tilskot::io::shipped::municipalities();
        let line = |municipality: &str, grant: Grant, person: Option<&str>, ore: i64| BatchLine {
            key: LineKey {
                municipality: municipalities.parse(municipality).unwrap(),
                grant,
                person_id: person.map(smol_str::SmolStr::new),
            },
            amount: Ore(ore),
        };
        // Inserted in this order: persons out of byte order ("B10" < "B9").
        let lines = [
            line("0301", Grant::Integration, Some("B9"), 1_433_333),
            line("0301", Grant::Integration, Some("B10"), -25),
            line("0301", Grant::NorwegianBase, None, 7_000_000),
            line("3005", Grant::Minor, Some("A1"), 99),
        ];
        let hash = content_hash("2022-04".parse().unwrap(), &lines);
        let mut statements = vec![
            format!(
                "INSERT INTO batch (id, period, run_number, computed_at, content_hash, line_count, total_ore, weakest_rate_status, register_events, status) \
                 VALUES (1, '2022-04', 1, 't', '{hash}', 4, 8433407, 'placeholder', 1, 'paid')"
            ),
            format!(
                "INSERT INTO audit_entry (batch_id, action, actor, at, batch_hash, detail, prev_hash, entry_hash) \
                 VALUES (1, 'pay', 'kari', 't', '{hash}', '', '', 'e1')"
            ),
        ];
        for l in &lines {
            statements.push(format!(
                "INSERT INTO batch_line (batch_id, municipality, grant_code, person_id, amount_ore) VALUES (1, '{}', '{}', '{}', {})",
                l.key.municipality,
                l.key.grant.code(),
                l.key.person_id.as_deref().unwrap_or(""),
                l.amount.0
            ));
        }
        for sql in &statements {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        pool.close().await;

        let store = Store::connect(&db.url).await.unwrap();
        let mut expected = lines.to_vec();
        expected.sort_by(|a, b| {
            (a.key.municipality, a.key.grant.code(), &a.key.person_id).cmp(&(
                b.key.municipality,
                b.key.grant.code(),
                &b.key.person_id,
            ))
        });
        assert_eq!(store.batch_lines(1).await.unwrap(), expected, "{backend:?}");
        // The paid sums are read only after the lines hash to the payment.
        let paid = store.paid_by_line().await.unwrap();
        assert_eq!(paid.len(), 4, "{backend:?}");
        let oslo = municipalities.parse("0301").unwrap();
        let payments = store.person_payments("B10", &[oslo]).await.unwrap();
        assert_eq!(payments.len(), 1, "{backend:?}");
        assert_eq!(payments[0].amount, Ore(-25), "{backend:?}");
        let totals = store.batch_totals(1).await.unwrap();
        assert_eq!(
            totals[&(oslo, Grant::Integration)],
            Ore(1_433_308),
            "{backend:?}"
        );
        assert_eq!(
            store.municipality_counts().await.unwrap()[&1],
            2,
            "{backend:?}"
        );
    }
}

/// Runs the migrations in `folder` whose names sort before `before`: a
/// database as an earlier release left it.
async fn migrate_before(db: &TestDb, pool: &sqlx::AnyPool, folder: &str, before: &str) {
    let earlier = db.path(&format!("migrations-before-{before}"));
    std::fs::create_dir_all(&earlier).unwrap();
    let all = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    for entry in std::fs::read_dir(&all).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.as_str() < before {
            std::fs::copy(&path, earlier.join(&name)).unwrap();
        }
    }
    sqlx::migrate::Migrator::new(earlier.as_path())
        .await
        .unwrap()
        .run(pool)
        .await
        .unwrap();
}

/// The values every term writes and reads whole are not compressed with
/// PostgreSQL's slow default (pglz) but with lz4, or stored as they are.
#[tokio::test]
async fn postgres_stores_the_large_values_without_its_slow_compression() {
    let db = TestDb::new(Backend::Postgres).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let pool = db.raw_pool().await;
    for (table, column) in [
        ("register_snapshot", "content"),
        ("register_snapshot_part", "content"),
        ("batch_block", "lines"),
        ("paid_sum_block", "lines"),
    ] {
        let (compression, storage): (String, String) = sqlx::query_as(
            "SELECT attcompression::text, attstorage::text FROM pg_attribute \
             WHERE attrelid = $1::regclass AND attname = $2",
        )
        .bind(table)
        .bind(column)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!(
            compression == "l" || storage == "e",
            "{table}.{column}: compression {compression:?}, storage {storage:?}"
        );
    }
}

/// The bench's scratch databases: made beside the one named, removed after,
/// and a database of that name the bench did not make is refused, not
/// dropped.
#[tokio::test]
async fn the_bench_makes_and_removes_only_its_own_scratch_databases() {
    use tilskot::db::scratch;
    use tilskot::domain::error::Error;
    let db = TestDb::new(Backend::Postgres).await;
    let exists = |url: String| async move { sqlx::AnyPool::connect(&url).await.is_ok() };
    let made = scratch::create(&db.url, 2).await.unwrap();
    assert!(exists(made.clone()).await);
    // Someone else's database of that name (here: the one just made).
    let refused = scratch::create(&db.url, 2).await.unwrap_err();
    assert!(matches!(refused, Error::Invalid { .. }), "{refused}");
    assert!(
        exists(made.clone()).await,
        "the existing database was dropped"
    );
    scratch::remove(&db.url, 2).await.unwrap();
    assert!(!exists(made).await);
}
