//! `tilskot close-year` and `tilskot check`: a closed year never changes,
//! on SQLite and PostgreSQL.

use crate::schemes::{add_caseworker, add_finance, award, initialised, reviewed_application};
use crate::support::{fixture, TestDb, BACKENDS};
use std::collections::BTreeMap;
use tilskot::domain::application::ApplicationFigures;
use tilskot::domain::money::Ore;

fn accounts_file(name: &str) -> String {
    fixture("accounts-2022").join(name).display().to_string()
}

/// The 2022 fixture ledger, a finance user `fin` and a caseworker `kari`.
fn with_ledger(db: &TestDb) {
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let (chart, budget, allocations, ledger) = (
        accounts_file("chart.csv"),
        accounts_file("budget-lines.csv"),
        accounts_file("allocations.csv"),
        accounts_file("ledger.csv"),
    );
    db.ok(&[
        "accounts",
        "import",
        "--user",
        "admin",
        "--chart",
        &chart,
        "--budget",
        &budget,
        "--allocations",
        &allocations,
        "--ledger",
        &ledger,
    ]);
    db.ok(&[
        "user", "add", "--user", "admin", "--name", "fin", "--role", "finance",
    ]);
    db.ok(&[
        "user",
        "add",
        "--user",
        "admin",
        "--name",
        "kari",
        "--role",
        "caseworker",
    ]);
}

/// Every statement file of 2022, by name.
fn statements_2022(db: &TestDb, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let out = db.path(dir);
    db.ok(&[
        "report",
        "statements",
        "--year",
        "2022",
        "--out",
        out.to_str().unwrap(),
    ]);
    std::fs::read_dir(&out)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

const LEDGER_HEADER: &str = "date,voucher,account,statskonto,amount,text";

#[tokio::test]
async fn every_write_into_a_closed_year_is_refused_and_its_statements_never_change() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        with_ledger(&db);
        let caseworker = db.fails(&["close-year", "--year", "2022", "--user", "kari"]);
        assert!(
            caseworker.contains("Berre økonomi eller ein revisor kan avslutte eit rekneskapsår"),
            "{caseworker}"
        );
        // Years close in order, once over (this one is not, by the clock).
        let refused = db.fails(&["close-year", "--year", "2023", "--user", "fin"]);
        assert!(
            refused.contains(
                "Rekneskapsåret 2022 er ikkje avslutta. Åra blir avslutta i rekkjefølgje"
            ),
            "{backend:?}: {refused}"
        );
        let this_year = chrono::Datelike::year(&chrono::Local::now()).to_string();
        let refused = db.fails(&["close-year", "--year", &this_year, "--user", "fin"]);
        assert!(
            refused.contains(&format!("Rekneskapsåret {this_year} er ikkje over")),
            "{backend:?}: {refused}"
        );
        let closed = db.ok(&["close-year", "--year", "2022", "--user", "fin"]);
        assert!(
            closed.contains("Rekneskapsåret 2022 er avslutta: ingen bilag"),
            "{closed}"
        );
        let before = statements_2022(&db, "before");

        let late = db.write(
            "late.csv",
            &format!("{LEDGER_HEADER}\n2022-06-01,LATE1,870,0671.60,100.00,x\n2022-06-01,LATE1,60088702,,-100.00,x\n"),
        );
        let refused = db.import_accounts_refused("--ledger", late.to_str().unwrap());
        assert!(
            refused
                .contains("Bilaget LATE1 er datert 2022-06-01, og rekneskapsåret 2022 er avslutta"),
            "{backend:?}: {refused}"
        );

        let allocations = db.write(
            "allocations.csv",
            "year,chapter,post,transferred,allocated\n2022,0671,60,186900000,10991981685\n",
        );
        let refused = db.import_accounts_refused("--allocations", allocations.to_str().unwrap());
        assert!(
            refused.contains("allocations.csv:2:allocated: rekneskapsåret 2022 er avslutta"),
            "{refused}"
        );

        let chart = db.write(
            "chart.csv",
            "account,name,group,line\n870,Tilskot til kommunar,grants,note7.fylkeskommunar\n",
        );
        let refused = db.import_accounts_refused("--chart", chart.to_str().unwrap());
        assert!(
            refused.contains("chart.csv:2:line: konto 870 har posteringar i 2022"),
            "{refused}"
        );

        let refused = db.fails(&["batch", "run", "--period", "2022-04", "--user", "fin"]);
        assert!(
            refused.contains("Rekneskapsåret 2022 er avslutta og kan ikkje endrast"),
            "{backend:?}: {refused}"
        );
        let again = db.fails(&["close-year", "--year", "2022", "--user", "fin"]);
        assert!(
            again.contains("Rekneskapsåret 2022 er avslutta og kan ikkje endrast"),
            "{again}"
        );

        // The next year is open, and the same 2022 files again change nothing.
        let next = db.write(
            "next.csv",
            &format!("{LEDGER_HEADER}\n2023-01-15,N1,870,0671.60,100.00,x\n2023-01-15,N1,60088702,,-100.00,x\n"),
        );
        db.import_accounts("--ledger", next.to_str().unwrap());
        db.import_accounts("--ledger", &accounts_file("ledger.csv"));
        db.import_accounts("--allocations", &accounts_file("allocations.csv"));
        assert_eq!(statements_2022(&db, "after"), before, "{backend:?}");
    }
}

#[tokio::test]
async fn a_closed_year_releases_its_unpaid_commitments_and_takes_no_award_payment_or_release() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        add_finance(&store, "fin").await;
        crate::schemes::add_drammen(&store).await;
        let figures = ApplicationFigures {
            project: "P".into(),
            amount_applied: Ore(100_000_000),
            budget_total: Ore(150_000_000),
            own_financing: Ore(50_000_000),
            participants: 12,
            later_years: Vec::new(),
        };
        let award = award(Ore(100_000_000));
        let awarded = reviewed_application(&store, "3005", &figures, "kari", [3; 5]).await;
        store.decide(awarded, &award, "kari").await.unwrap();
        let waiting = reviewed_application(&store, "3005", &figures, "kari", [3; 5]).await;
        let fin = store
            .authenticate("fin", crate::support::TEST_PASSWORD)
            .await
            .unwrap();
        let anchor = db.path("audit-anchor.log");
        let after_the_year = chrono::NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
        let closed =
            tilskot::app::close_year::close_year(&store, &fin, 2022, &anchor, after_the_year)
                .await
                .unwrap();
        let released: BTreeMap<String, Ore> = closed.released.into_iter().collect();
        assert_eq!(released["jobbsjansen"], Ore(100_000_000), "{backend:?}");
        assert_eq!(released["integreringstiltak"], Ore(0), "{backend:?}");
        let status = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert!(status.outstanding().is_zero(), "{backend:?}");
        let decided = store.decide(waiting, &award, "kari").await;
        assert!(
            format!("{decided:?}").contains("2022 is closed"),
            "{backend:?}: {decided:?}"
        );
        let date = chrono::NaiveDate::from_ymd_opt(2022, 12, 1).unwrap();
        let paid = store.pay_commitment(awarded, date, "fin").await;
        assert!(
            paid.is_err(),
            "{backend:?}: a released award of a closed year is not paid"
        );
        store.close().await;
    }
}

#[tokio::test]
async fn check_names_each_failure_and_passes_on_a_clean_database() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        with_ledger(&db);
        let clean = db.ok(&["check"]);
        assert!(
            clean.contains("Alle kontrollane er i orden") && clean.contains("2022"),
            "{clean}"
        );
        // A posting added by hand: its voucher no longer balances.
        sqlx::query(
            "INSERT INTO posting (voucher_id, line_number, account, amount_ore, text) \
             VALUES ((SELECT MIN(id) FROM voucher), 999, '870', 1, 'by hand')",
        )
        .execute(&db.raw_pool().await)
        .await
        .unwrap();
        let stderr = db.fails(&["check"]);
        assert!(
            stderr.contains("går ikkje i balanse: differansen er 0,01 kroner"),
            "{backend:?}: {stderr}"
        );
        let refused = db.fails(&["report", "statements", "--year", "2022"]);
        assert!(
            refused.contains("går ikkje i balanse"),
            "report statements checks first: {refused}"
        );
    }
}

/// The status of every stored run of `period`, in run order.
async fn runs_of(db: &TestDb, period: &str) -> Vec<String> {
    let store = tilskot::db::Store::open(&db.url).await.unwrap();
    let runs = store
        .batches()
        .await
        .unwrap()
        .into_iter()
        .filter(|b| b.period.to_string() == period)
        .map(|b| format!("{} {}", b.run_number, b.status))
        .collect();
    store.close().await;
    runs
}

#[tokio::test]
async fn a_year_is_not_closed_while_a_batch_of_its_months_waits_for_payment() {
    for backend in BACKENDS {
        let db = crate::trust::with_computed_april(backend).await;
        db.ok(&[
            "user", "add", "--user", "admin", "--name", "fin", "--role", "finance",
        ]);
        let refused = db.fails(&["close-year", "--year", "2022", "--user", "fin"]);
        assert!(
            refused
                .contains("Utbetalinga for 2022-04 (køyring 1) er ikkje betalt. Ho må betalast før rekneskapsåret 2022 blir avslutta."),
            "{backend:?}: {refused}"
        );
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        let refused = db.fails(&["close-year", "--year", "2022", "--user", "fin"]);
        assert!(
            refused.contains("Utbetalinga for 2022-04 (køyring 1) er ikkje betalt"),
            "{refused}"
        );
        // Still open: the batch goes on to payment, then the year closes.
        db.pay("2022-04");
        let closed = db.ok(&["close-year", "--year", "2022", "--user", "fin"]);
        assert!(
            closed.contains("Rekneskapsåret 2022 er avslutta: ingen bilag"),
            "{backend:?}: {closed}"
        );
    }
}

#[tokio::test]
async fn a_closed_year_s_unpaid_batch_is_neither_superseded_nor_moved() {
    for backend in BACKENDS {
        let db = crate::trust::with_computed_april(backend).await;
        // A year closed around an unpaid batch, as a database closed before
        // close-year checked for one holds it.
        sqlx::query(
            "INSERT INTO closed_year (year, closed_at, closed_by) VALUES (2022, '2023-01-31T12:00:00Z', 'fin')",
        )
        .execute(&db.raw_pool().await)
        .await
        .unwrap();
        // A new person settled in February changes what April's batch would be.
        let more = db.write(
            "more.csv",
            "event,date,person_id,household_id,birth_date,municipality,basis,unaccompanied,country,mother_id\n\
             settled,2022-02-01,Z9,HZ,1980-01-01,0301,resettlement,false,SY,\n",
        );
        db.import_register(more.to_str().unwrap());
        let refused = db.fails(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        assert!(
            refused.contains("Rekneskapsåret 2022 er avslutta og kan ikkje endrast"),
            "{backend:?}: {refused}"
        );
        let refused = db.fails(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        assert!(
            refused.contains("Rekneskapsåret 2022 er avslutta og kan ikkje endrast"),
            "{backend:?}: {refused}"
        );
        assert_eq!(runs_of(&db, "2022-04").await, ["1 computed"], "{backend:?}");
        let moves: i64 = sqlx::Row::get(
            &sqlx::query(
                "SELECT COUNT(*) FROM audit_entry WHERE action IN ('supersede', 'attest')",
            )
            .fetch_one(&db.raw_pool().await)
            .await
            .unwrap(),
            0,
        );
        assert_eq!(moves, 0, "{backend:?}");
    }
}

/// PostgreSQL reads each statement's own state, so a closing committed
/// between a write's check and its commit would let the write in; the
/// write's check takes a lock the closing holds off.
#[tokio::test]
async fn a_batch_run_that_meets_a_closing_waits_for_it_and_is_then_refused() {
    let db = TestDb::new(crate::support::Backend::Postgres).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    // A closing under way: the lock close-year takes, its row not committed.
    db.add_users();
    let mut tx = db
        .under_way("LOCK TABLE closed_year IN EXCLUSIVE MODE")
        .await;
    sqlx::query(
        "INSERT INTO closed_year (year, closed_at, closed_by) VALUES (2022, '2023-01-31T12:00:00Z', 'fin')",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    let run = crate::support::started_and_waiting(
        &db,
        &["batch", "run", "--period", "2022-04", "--user", "kari"],
    )
    .await;
    tx.commit().await.unwrap();
    let (code, stderr) = crate::support::finished(run);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("Rekneskapsåret 2022 er avslutta og kan ikkje endrast"),
        "{stderr}"
    );
    assert!(runs_of(&db, "2022-04").await.is_empty());
}
