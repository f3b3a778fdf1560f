//! Trust: every actor is an authenticated user of one user table, only an
//! administrator adds users, and the two-person rule compares authenticated
//! users. Each test runs the real binary on SQLite and PostgreSQL.

use crate::support::{fixture, tilskot_in, TestDb, BACKENDS, TEST_PASSWORD};
use crate::web::{web_app, Client};
use axum::http::StatusCode;
use tilskot::db::Store;
use tilskot::domain::users::{NewUser, Role};

/// A database with the small register, the users kari (finance officer)
/// and ola (approver), and April's batch computed.
pub async fn with_computed_april(backend: crate::support::Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    db.add_users();
    db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
    db
}

/// Runs a command with another password than the user's.
fn with_password(db: &TestDb, password: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .current_dir(db.dir.path())
        .env("TILSKOT_PASSWORD", password)
        .env_remove("TILSKOT_LANG")
        .args(["--db", &db.url, "--rules"])
        .arg(crate::support::rules_dir())
        .args(args)
        .output()
        .unwrap()
}

async fn batch_status(db: &TestDb) -> String {
    let store = Store::open(&db.url).await.unwrap();
    let status = store.batches().await.unwrap()[0].status.to_string();
    store.close().await;
    status
}

#[tokio::test]
async fn attest_and_approve_with_a_wrong_password_or_an_unknown_user_are_refused() {
    for backend in BACKENDS {
        let db = with_computed_april(backend).await;
        let attest = ["batch", "attest", "--period", "2022-04", "--user", "kari"];
        let wrong = with_password(&db, "not kari's password", &attest);
        assert_eq!(wrong.status.code(), Some(1), "{backend:?}");
        let stderr = String::from_utf8_lossy(&wrong.stderr);
        assert!(
            stderr.contains("Feil brukarnamn eller passord."),
            "{stderr}"
        );
        assert_eq!(batch_status(&db).await, "computed", "{backend:?}");

        let unknown = db.tilskot(&[
            "batch",
            "attest",
            "--period",
            "2022-04",
            "--user",
            "nobody-at-all",
        ]);
        assert_eq!(unknown.status.code(), Some(1), "{backend:?}");
        assert_eq!(batch_status(&db).await, "computed", "{backend:?}");

        db.ok(&attest);
        let approve = ["batch", "approve", "--period", "2022-04", "--user", "ola"];
        let wrong = with_password(&db, "not ola's password at all", &approve);
        assert_eq!(wrong.status.code(), Some(1), "{backend:?}");
        assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
        db.ok(&approve);
        let pay_as_nobody = db.tilskot(&[
            "batch",
            "pay",
            "--period",
            "2022-04",
            "--user",
            "nobody-at-all",
            "--allow-unverified-rates",
        ]);
        assert_eq!(pay_as_nobody.status.code(), Some(1), "{backend:?}");
        assert_eq!(batch_status(&db).await, "approved", "{backend:?}");
    }
}

#[tokio::test]
async fn only_an_administrator_adds_users_so_no_one_approves_through_a_second_name() {
    for backend in BACKENDS {
        let db = with_computed_april(backend).await;
        // kari cannot give herself a second name with the approver's role.
        let alt = db.tilskot(&[
            "user", "add", "--user", "kari", "--name", "kari-alt", "--role", "approver",
        ]);
        assert_eq!(alt.status.code(), Some(1), "{backend:?}");
        let stderr = String::from_utf8_lossy(&alt.stderr);
        assert!(stderr.contains("admin"), "{stderr}");
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        let approve = db.tilskot(&[
            "batch", "approve", "--period", "2022-04", "--user", "kari-alt",
        ]);
        assert_eq!(approve.status.code(), Some(1), "{backend:?}");
        assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
        // The administrator with a wrong password adds no one either.
        let wrong = with_password(
            &db,
            "not the admin password",
            &[
                "user", "add", "--user", "admin", "--name", "eve", "--role", "approver",
            ],
        );
        assert_eq!(wrong.status.code(), Some(1), "{backend:?}");
        let store = Store::open(&db.url).await.unwrap();
        assert!(store.user("eve").await.is_err(), "{backend:?}");
        store.close().await;
    }
}

#[tokio::test]
async fn the_audit_log_records_the_authenticated_user_of_every_transition() {
    for backend in BACKENDS {
        let db = with_computed_april(backend).await;
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        // An approver computes nothing; a finance officer's new run
        // supersedes the attested one in her name.
        let by_ola = db.fails(&["batch", "run", "--period", "2022-04", "--user", "ola"]);
        assert!(
            by_ola.contains("Berre ein økonomimedarbeidar eller nokon i økonomi kan rekne ut ei utbetaling, og ola har ikkje ei slik rolle."),
            "{by_ola}"
        );
        let late = db.write(
            "late.csv",
            &format!(
                "{}\nsettled,2022-02-01,L1,HL,1980-01-01,0301,asylum,false,SY,\n",
                crate::support::HEADER
            ),
        );
        db.import_register(late.to_str().unwrap());
        db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        let store = Store::open(&db.url).await.unwrap();
        let actors: Vec<(String, String)> = store
            .audit_entries()
            .await
            .unwrap()
            .into_iter()
            .map(|e| (e.action, e.actor))
            .collect();
        assert!(
            actors.contains(&("attest".into(), "kari".into())),
            "{actors:?}"
        );
        assert!(
            actors.contains(&("approve".into(), "ola".into())),
            "{actors:?}"
        );
        for action in ["compute", "supersede", "register_imported"] {
            let by: Vec<&str> = actors
                .iter()
                .filter(|(a, _)| a == action)
                .map(|(_, actor)| actor.as_str())
                .collect();
            let expected = if action == "register_imported" {
                "admin"
            } else {
                "kari"
            };
            assert!(
                !by.is_empty() && by.iter().all(|actor| *actor == expected),
                "{action}: {actors:?}"
            );
        }
        store.close().await;
    }
}

#[tokio::test]
async fn a_new_database_needs_its_first_administrator_and_gets_only_one_that_way() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("new.db").display());
    let without = tilskot_in(dir.path(), &url, &["init", "--start-period", "2022-01"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&without.stderr).contains("--admin"));
    assert!(!dir.path().join("new.db").exists());
    let first = tilskot_in(
        dir.path(),
        &url,
        &["init", "--start-period", "2022-01", "--admin", "boss"],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = tilskot_in(
        dir.path(),
        &url,
        &["init", "--start-period", "2022-01", "--admin", "mallory"],
    );
    assert_eq!(second.status.code(), Some(1));
    let store = Store::open(&url).await.unwrap();
    assert!(store.user("mallory").await.is_err());
    assert_eq!(store.user("boss").await.unwrap().role, Role::Admin);
}

#[tokio::test]
async fn a_caseworker_of_an_unknown_scheme_and_the_loss_of_the_last_administrator_are_refused() {
    let db = TestDb::new(crate::support::Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let typo = db.tilskot(&[
        "user",
        "add",
        "--user",
        "admin",
        "--name",
        "kari",
        "--role",
        "caseworker",
        "--scheme",
        "jobbsjanse",
    ]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("Det finst inga ordning «jobbsjanse»"));
    let demote = db.tilskot(&[
        "user", "add", "--user", "admin", "--name", "admin", "--role", "auditor",
    ]);
    assert_eq!(demote.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&demote.stderr)
        .contains("admin er den siste administratoren og held på rolla"));
    let store = Store::open(&db.url).await.unwrap();
    assert_eq!(store.user("admin").await.unwrap().role, Role::Admin);
    assert!(store.user("kari").await.is_err());
    store.close().await;
    // The proposal is read without a user; writing it needs one.
    let proposal = db.tilskot(&[
        "scheme",
        "propose",
        "--scheme",
        "jobbsjansen",
        "--year",
        "2022",
    ]);
    assert!(
        proposal.status.success(),
        "{}",
        String::from_utf8_lossy(&proposal.stderr)
    );
    let apply = db.tilskot(&[
        "scheme",
        "propose",
        "--scheme",
        "jobbsjansen",
        "--year",
        "2022",
        "--apply",
    ]);
    assert_eq!(apply.status.code(), Some(1));
}

#[tokio::test]
async fn a_changed_password_ends_every_session_of_the_user() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (store, router) = web_app(&db, None).await;
        let client = Client::sign_in(&router, "drammen", TEST_PASSWORD).await;
        assert_eq!(client.get("/applications").await.status, StatusCode::OK);
        store
            .save_user(
                &NewUser {
                    name: "drammen",
                    password: "a brand new password",
                    role: Role::Applicant,
                    organisation: Some("3005"),
                    schemes: &[],
                },
                "admin",
            )
            .await
            .unwrap();
        let after = client.get("/applications").await;
        assert_eq!(after.status, StatusCode::SEE_OTHER, "{backend:?}");
        assert_eq!(after.location, "/login", "{backend:?}");
    }
}

mod web_hardening {
    use super::*;
    use crate::web::post_login;
    use axum::body::Body;
    use axum::http::{header, Request};
    use tower::ServiceExt;

    #[tokio::test]
    async fn every_response_carries_the_security_headers() {
        let db = TestDb::new(crate::support::Backend::Sqlite).await;
        let (_store, router) = web_app(&db, None).await;
        for path in ["/login", "/applications", "/no-such-page"] {
            let response = router
                .clone()
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let headers = response.headers();
            let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
            assert!(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"));
            assert!(
                !csp.contains("'unsafe-inline'; script") && !csp.contains("script-src 'unsafe")
            );
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY");
            assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
            assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        }
    }

    #[tokio::test]
    async fn after_five_failures_even_the_right_password_waits_and_the_audit_log_says_so() {
        for backend in BACKENDS {
            let db = TestDb::new(backend).await;
            let (store, router) = web_app(&db, None).await;
            for _ in 0..5 {
                let wrong = post_login(&router, "drammen", "a wrong password").await;
                assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
            }
            let right = post_login(&router, "drammen", TEST_PASSWORD).await;
            assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS, "{backend:?}");
            let entries = store.audit_entries().await.unwrap();
            assert!(
                entries
                    .iter()
                    .any(|e| e.action == "sign_in_throttled" && e.actor == "drammen"),
                "{backend:?}"
            );
            // The same client address waits too, whichever name it tries.
            let other = post_login(&router, "oslo", TEST_PASSWORD).await;
            assert_eq!(other.status(), StatusCode::TOO_MANY_REQUESTS, "{backend:?}");
        }
    }

    #[tokio::test]
    async fn the_sign_in_form_needs_its_csrf_token_and_the_cookie_is_host_only_and_secure() {
        let db = TestDb::new(crate::support::Backend::Sqlite).await;
        let (store, router) = web_app(&db, None).await;
        let forged = router
            .clone()
            .oneshot(
                Request::post("/login")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(format!(
                        "name=drammen&password={}",
                        TEST_PASSWORD.replace(' ', "+")
                    )))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);
        let secure = tilskot::web::router(tilskot::web::AppState::new(store, None, true));
        let signed_in = post_login(&secure, "drammen", TEST_PASSWORD).await;
        assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
        let cookie = signed_in.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(cookie.starts_with("__Host-tilskot_session="), "{cookie}");
        assert!(
            cookie.contains("; Secure") && cookie.contains("Path=/"),
            "{cookie}"
        );
        let again = post_login(&secure, "drammen", TEST_PASSWORD).await;
        let second = again.headers()[header::SET_COOKIE].to_str().unwrap();
        assert_ne!(second, cookie, "every sign-in makes a new session id");
    }

    #[tokio::test]
    async fn a_nul_byte_is_a_422_naming_the_field_and_an_oversized_body_a_413() {
        for backend in BACKENDS {
            let db = TestDb::new(backend).await;
            let (_store, router) = web_app(&db, None).await;
            let client = Client::sign_in(&router, "drammen", TEST_PASSWORD).await;
            let form = client
                .post(
                    "/applications",
                    &[("call", "jobbsjansen/2022"), ("project", "Jobb\0sjansen")],
                )
                .await;
            assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend:?}");
            assert!(form.body.contains("project"), "{}", form.body);
            let json = client
                .post_json(
                    "/api/applications",
                    serde_json::json!({"scheme": "jobbsjansen", "project": "a\u{0}b"}),
                )
                .await;
            assert_eq!(json.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend:?}");
            assert!(json.body.contains("project"), "{}", json.body);
            let big = "x".repeat(tilskot::web::hardening::MAX_BODY_BYTES + 1);
            let oversized = client
                .post_json("/api/applications", serde_json::json!({ "project": big }))
                .await;
            assert_eq!(
                oversized.status,
                StatusCode::PAYLOAD_TOO_LARGE,
                "{backend:?}"
            );
        }
    }

    #[tokio::test]
    async fn an_application_for_more_than_the_cap_or_in_exponent_notation_is_refused() {
        let db = TestDb::new(crate::support::Backend::Sqlite).await;
        let (_store, router) = web_app(&db, None).await;
        let client = Client::sign_in(&router, "drammen", TEST_PASSWORD).await;
        for amount in ["92233720368547758.07", "100000000000.01", "1e3"] {
            let answer = client
                .post_json(
                    "/api/applications",
                    serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": "P",
                        "amount_applied": amount, "budget_total": "2000",
                        "own_financing": "500", "participants": "12"}),
                )
                .await;
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{amount}");
            assert!(answer.body.contains("amount_applied"), "{}", answer.body);
        }
    }
}

mod limits {
    use super::*;
    use crate::support::HEADER;

    /// Imports rows after the header; returns standard error of a refusal,
    /// checking that the register kept its 12 events.
    async fn refused(db: &TestDb, name: &str, rows: &[&str]) -> String {
        let file = db.write(name, &format!("{HEADER}\n{}\n", rows.join("\n")));
        let stderr = db.import_refused(file.to_str().unwrap());
        let store = Store::open(&db.url).await.unwrap();
        assert_eq!(store.event_count().await.unwrap(), 12, "{stderr}");
        store.close().await;
        stderr
    }

    async fn with_small_register(backend: crate::support::Backend) -> TestDb {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        db
    }

    #[tokio::test]
    async fn look_alike_person_ids_are_one_person_or_refused() {
        for backend in BACKENDS {
            let db = with_small_register(backend).await;
            let case = refused(
                &db,
                "case.csv",
                &["settled,2022-03-10,a1,HA,1990-01-01,0301,asylum,false,SY,"],
            )
            .await;
            assert!(case.contains("case.csv:2:person_id:"), "{case}");
            assert!(
                case.contains("skil seg berre i store og små bokstavar frå personen «A1»"),
                "{case}"
            );
            let invisible = refused(
                &db,
                "invisible.csv",
                &["settled,2022-03-10,A\u{200b}1,HA,1990-01-01,0301,asylum,false,SY,"],
            )
            .await;
            assert!(
                invisible.contains("invisible.csv:2:person_id:"),
                "{invisible}"
            );
            let twice = refused(
                &db,
                "twice.csv",
                &[
                    "settled,2022-03-10,N7,HN,1990-01-01,0301,asylum,false,SY,",
                    "settled,2022-03-10,n7,HN,1990-01-01,0301,asylum,false,SY,",
                ],
            )
            .await;
            assert!(twice.contains("twice.csv:3:person_id:"), "{twice}");
        }
    }

    #[tokio::test]
    async fn long_identifiers_early_dates_and_ragged_rows_are_refused_by_row() {
        let db = with_small_register(crate::support::Backend::Sqlite).await;
        let household = "H".repeat(33);
        let long = format!("settled,2022-03-10,N8,{household},1990-01-01,0301,asylum,false,SY,");
        let stderr = refused(&db, "long.csv", &[&long]).await;
        assert!(
            stderr.contains("long.csv:2:household_id: lengre enn 32"),
            "{stderr}"
        );
        let early = refused(
            &db,
            "early.csv",
            &["settled,2022-03-10,N8,HN,0001-01-01,0301,asylum,false,SY,"],
        )
        .await;
        assert!(
            early.contains("early.csv:2:birth_date:") && early.contains("1900"),
            "{early}"
        );
        let ragged = refused(
            &db,
            "ragged.csv",
            &[
                "settled,2022-03-10,N8,HN,1990-01-01,0301,asylum,false,SY,",
                "settled,2022-03-10,N9,HN,1990-01-01,0301,asylum,false,SY",
            ],
        )
        .await;
        assert!(
            ragged.contains("ragged.csv:3:-: rada har 9 felt, overskrifta har 10"),
            "{ragged}"
        );
    }

    #[tokio::test]
    async fn a_workbook_is_read_from_its_first_visible_sheet_or_the_one_named() {
        let db = with_small_register(crate::support::Backend::Sqlite).await;
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let hidden = workbook.add_worksheet().set_name("old").unwrap();
        hidden.write_string(0, 0, "not a register").unwrap();
        hidden.set_hidden(true);
        let visible = workbook.add_worksheet().set_name("register").unwrap();
        for (column, name) in HEADER.split(',').enumerate() {
            visible.write_string(0, column as u16, name).unwrap();
        }
        let row = "settled,2022-03-10,N9,HN9,1990-01-01,0301,asylum,false,SY,";
        for (column, cell) in row.split(',').enumerate() {
            visible.write_string(1, column as u16, cell).unwrap();
        }
        visible.set_active(true);
        let path = db.path("register.xlsx");
        workbook.save(&path).unwrap();
        let output = db.tilskot(&[
            "register",
            "import",
            path.to_str().unwrap(),
            "--user",
            "admin",
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("1 hendingar lagde til"));
        assert!(
            stderr.contains("åtvaring:") && stderr.contains("arket «old» har også data"),
            "{stderr}"
        );
        let named = db.tilskot(&[
            "register",
            "import",
            path.to_str().unwrap(),
            "--sheet",
            "old",
            "--user",
            "admin",
        ]);
        assert_eq!(named.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&named.stderr).contains(":1:"));
    }
}

mod tamper {
    use super::*;

    async fn execute(db: &TestDb, sql: &str) {
        sqlx::query(sql)
            .execute(&db.raw_pool().await)
            .await
            .unwrap();
    }

    /// Adds a line of `ore` øre for a person "0" to `blocks` of April's
    /// batch by hand, with the block's count and total made to agree (a
    /// careful edit: only the hash of the lines can tell).
    fn add_line_to_april(backend: crate::support::Backend, ore: i64, blocks: &str) -> String {
        let (tab, newline) = tab_and_newline(backend);
        format!(
            "UPDATE batch_block SET lines = '0' || {tab} || '{ore}' || {newline} || lines, \
             line_count = line_count + 1, total_ore = total_ore + {ore} WHERE batch_id = \
             (SELECT id FROM batch WHERE period = '2022-04' AND run_number = 1){blocks}"
        )
    }

    /// The SQL that makes a tab and a newline character, per database.
    fn tab_and_newline(backend: crate::support::Backend) -> (&'static str, &'static str) {
        match backend {
            crate::support::Backend::Sqlite => ("char(9)", "char(10)"),
            crate::support::Backend::Postgres => ("chr(9)", "chr(10)"),
        }
    }

    /// One paid line more in April's largest block.
    fn edit_paid_line(backend: crate::support::Backend) -> String {
        add_line_to_april(
            backend,
            1,
            " AND total_ore = (SELECT MAX(total_ore) FROM batch_block)",
        )
    }

    /// April computed, attested, approved and paid.
    async fn with_paid_april(backend: crate::support::Backend) -> TestDb {
        let db = with_computed_april(backend).await;
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        db.pay("2022-04");
        assert!(db.ok(&["audit", "verify"]).contains("er heil"));
        db
    }

    #[tokio::test]
    async fn an_edited_line_of_a_paid_batch_fails_audit_verify_naming_the_batch() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            execute(&db, &edit_paid_line(backend)).await;
            let stderr = db.fails(&["audit", "verify"]);
            assert!(
                stderr.contains("  Linjene i utbetalinga for 2022-04 (køyring 1, id "),
                "{backend:?}: {stderr}"
            );
            assert!(
                stderr.contains("kontrollar feila:"),
                "{backend:?}: {stderr}"
            );
        }
    }

    /// The periods of the stored batches.
    async fn stored_periods(db: &TestDb) -> Vec<String> {
        let store = Store::open(&db.url).await.unwrap();
        store
            .batches()
            .await
            .unwrap()
            .iter()
            .map(|b| b.period.to_string())
            .collect()
    }

    /// One øre more for a person "0" in the largest block of the stored
    /// paid sums, with the block's count and total made to agree.
    fn edit_paid_sums(backend: crate::support::Backend) -> String {
        let (tab, newline) = tab_and_newline(backend);
        format!(
            "UPDATE paid_sum_block SET lines = '0' || {tab} || '1' || {newline} || lines, \
             line_count = line_count + 1, total_ore = total_ore + 1 \
             WHERE total_ore = (SELECT MAX(total_ore) FROM paid_sum_block)"
        )
    }

    #[tokio::test]
    async fn a_batch_run_refuses_paid_sums_that_no_longer_hash_to_their_payment() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            execute(&db, &edit_paid_sums(backend)).await;
            let stderr = db.fails(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            assert!(
                stderr.contains("Det som er lagra som utbetalt, stemmer ikkje")
                    && stderr.contains(
                        "  Dei utbetalte summane som vart lagra ved betalinga av utbetaling id "
                    )
                    && stderr.contains("gjev ikkje lenger hashen"),
                "{backend:?}: {stderr}"
            );
            assert_eq!(stored_periods(&db).await, ["2022-04"], "{backend:?}");
            let store = Store::open(&db.url).await.unwrap();
            match store.paid_so_far().await {
                Err(tilskot::domain::error::Error::Refused(reason)) => assert_eq!(
                    reason.message.map(|m| m.key),
                    Some("error-paid-record-changed"),
                    "{backend:?}: the pages show it in the reader's language"
                ),
                other => panic!("{backend:?}: {other:?}"),
            }
            let verify = db.fails(&["audit", "verify"]);
            assert!(
                verify.contains("  Dei utbetalte summane som vart lagra ved betalinga"),
                "{backend:?}: {verify}"
            );
        }
    }

    #[tokio::test]
    async fn without_the_stored_sums_a_run_refuses_paid_lines_that_no_longer_hash_to_their_payment()
    {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            execute(&db, &edit_paid_line(backend)).await;
            execute(&db, "DELETE FROM paid_sum_block").await;
            execute(&db, "DELETE FROM paid_sum_batch").await;
            let stderr = db.fails(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            assert!(
                stderr.contains("  Linjene i den betalte utbetalinga for 2022-04 (id ")
                    && stderr.contains("gjev ikkje lenger hashen"),
                "{backend:?}: {stderr}"
            );
            assert_eq!(stored_periods(&db).await, ["2022-04"], "{backend:?}");
        }
    }

    #[tokio::test]
    async fn a_database_without_stored_sums_plans_the_same_next_term_and_stores_them_at_its_next_payment(
    ) {
        for backend in BACKENDS {
            let with_sums = with_paid_april(backend).await;
            let without = with_paid_april(backend).await;
            execute(&without, "DELETE FROM paid_sum_block").await;
            execute(&without, "DELETE FROM paid_sum_batch").await;
            let store = Store::open(&without.url).await.unwrap();
            assert!(store.stored_paid_sums().await.unwrap().is_none());
            let july = with_sums.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            assert_eq!(without.run_and_pay("2022-07"), july, "{backend:?}");
            let stored = store
                .stored_paid_sums()
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("stored at payment {backend:?}"));
            assert_eq!(
                stored.batches.len(),
                2,
                "{backend:?}: April and July: {:?}",
                stored.batches
            );
            let recomputed = store.paid_sums_recomputed(&stored.batches).await.unwrap();
            assert!(!recomputed.is_empty());
            assert_eq!(*stored.sums, recomputed, "{backend:?}");
            assert!(without.ok(&["audit", "verify"]).contains("er heil"));
        }
    }

    #[tokio::test]
    async fn an_edited_paid_line_does_not_change_what_the_next_term_pays() {
        for backend in BACKENDS {
            let honest = with_paid_april(backend).await;
            let edited = with_paid_april(backend).await;
            execute(&edited, &edit_paid_line(backend)).await;
            let july =
                |db: &TestDb| db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            assert_eq!(july(&edited), july(&honest), "{backend:?}");
            let verify = edited.fails(&["audit", "verify"]);
            assert!(
                verify.contains("utbetalinga for 2022-04 (køyring 1, id "),
                "{backend:?}: {verify}"
            );
        }
    }

    #[tokio::test]
    async fn a_deleted_last_audit_entry_fails_audit_verify_through_the_anchor() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            execute(
                &db,
                "DELETE FROM audit_entry WHERE id = (SELECT MAX(id) FROM audit_entry)",
            )
            .await;
            let stderr = db.fails(&["audit", "verify"]);
            assert!(
                stderr.contains("  Ankerfila har innslag"),
                "{backend:?}: {stderr}"
            );
        }
    }

    /// An auditor's own recomputation of an entry's hash, from the README:
    /// SHA-256 over prev_hash, batch_id, action, actor, at, batch_hash and
    /// detail, each followed by the byte 0x1f, in hexadecimal.
    fn recomputed(row: &csv::StringRecord) -> String {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for column in [8, 4, 3, 2, 1, 6, 7] {
            hasher.update(row[column].as_bytes());
            hasher.update([0x1f]);
        }
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[tokio::test]
    async fn the_exported_audit_log_lets_an_auditor_recompute_the_chain() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            let log = db.ok(&["audit", "log"]);
            let mut reader = csv::Reader::from_reader(log.as_bytes());
            let header = reader.headers().unwrap().clone();
            assert_eq!(
                header.iter().collect::<Vec<_>>(),
                tilskot::render::audit::AUDIT_LOG_HEADER
            );
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            let mut prev = String::new();
            for row in &rows {
                assert_eq!(&row[8], prev, "{backend:?}: entry {} links back", &row[0]);
                assert_eq!(recomputed(row), &row[9], "{backend:?}: entry {}", &row[0]);
                prev = row[9].to_string();
            }
            let april: Vec<(&str, &str)> = rows
                .iter()
                .filter(|row| &row[5] == "2022-04 run 1")
                .map(|row| (&row[3], &row[2]))
                .collect();
            assert_eq!(
                april,
                [
                    ("compute", "kari"),
                    ("attest", "kari"),
                    ("approve", "ola"),
                    ("pay", "kari"),
                    ("paid_sums", "kari")
                ],
                "{backend:?}"
            );
            // An entry edited behind tilskot's back no longer recomputes.
            execute(
                &db,
                "UPDATE audit_entry SET actor = 'mallory' WHERE action = 'approve'",
            )
            .await;
            let edited = db.ok(&["audit", "log"]);
            let mut reader = csv::Reader::from_reader(edited.as_bytes());
            let approve = reader
                .records()
                .map(Result::unwrap)
                .find(|row| &row[3] == "approve")
                .unwrap();
            assert_ne!(recomputed(&approve), &approve[9], "{backend:?}");
        }
    }

    #[tokio::test]
    async fn a_removed_anchor_file_or_another_named_fails_audit_verify_once_anything_was_paid() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            let elsewhere = db.path("elsewhere.log");
            let stderr = db.fails(&["audit", "verify", "--anchor", elsewhere.to_str().unwrap()]);
            assert!(
                stderr.contains("Revisjonsloggen har éi betaling, men")
                    && stderr.contains("elsewhere.log har ikkje noko ankerpunkt"),
                "{backend:?}: {stderr}"
            );
            std::fs::remove_file(db.path("audit-anchor.log")).unwrap();
            let stderr = db.fails(&["audit", "verify"]);
            assert!(
                stderr.contains("har ikkje noko ankerpunkt"),
                "{backend:?}: {stderr}"
            );
            let checked = db.fails(&["check", "--lang", "nb"]);
            assert!(
                checked.contains("har ikke noe ankerpunkt"),
                "{backend:?}: {checked}"
            );
        }
        // Before any payment there is nothing for an anchor to vouch for.
        let db = with_computed_april(crate::support::Backend::Sqlite).await;
        db.ok(&["audit", "verify", "--anchor", "none-yet.log"]);
    }

    #[tokio::test]
    async fn an_attested_batch_whose_lines_were_edited_is_not_approved() {
        for backend in BACKENDS {
            let db = with_computed_april(backend).await;
            db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
            execute(&db, &add_line_to_april(backend, 100, "")).await;
            let stderr = db.fails(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
            assert!(
                stderr.contains("Linjene i utbetalinga for 2022-04 (køyring 1) er endra"),
                "{backend:?}: {stderr}"
            );
            assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
        }
    }

    #[tokio::test]
    async fn an_approver_on_the_web_reads_in_nynorsk_that_the_attested_lines_were_changed() {
        for backend in BACKENDS {
            let db = with_computed_april(backend).await;
            db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
            execute(&db, &add_line_to_april(backend, 100, "")).await;
            let store = Store::open(&db.url).await.unwrap();
            let rules =
                tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
            let state = tilskot::web::AppState::new(store, None, false).with_rules(rules);
            let router = tilskot::web::router(state);
            let ola = Client::sign_in(&router, "ola", crate::web::PASSWORD).await;
            let refused = ola.post("/batches/2022-04", &[("action", "approve")]).await;
            assert_eq!(refused.status, StatusCode::CONFLICT, "{backend:?}");
            assert!(
                refused.body.contains(
                    "Linjene i utbetalinga for 2022-04 (køyring 1) er endra etter at ho vart rekna ut og attestert."
                ),
                "{backend:?}: {}",
                refused.body
            );
            assert!(!refused.body.contains("no longer hash"), "{}", refused.body);
            assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
        }
    }

    #[tokio::test]
    async fn a_payment_on_the_web_refused_for_changed_paid_sums_lists_what_differs() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            for (step, user) in [("run", "kari"), ("attest", "kari"), ("approve", "ola")] {
                db.ok(&["batch", step, "--period", "2022-07", "--user", user]);
            }
            execute(&db, &edit_paid_sums(backend)).await;
            let store = Store::open(&db.url).await.unwrap();
            let rules =
                tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
            let state = tilskot::web::AppState::new(store, None, false)
                .with_rules(rules)
                .with_outbox(db.path("payments"));
            let router = tilskot::web::router(state);
            let kari = Client::sign_in(&router, "kari", crate::web::PASSWORD).await;
            let pay = [("action", "pay"), ("allow_unverified_rates", "on")];
            let refused = kari.post("/batches/2022-07", &pay).await;
            assert_eq!(refused.status, StatusCode::CONFLICT, "{backend:?}");
            let body = &refused.body;
            assert!(
                body.contains("Det som er lagra som utbetalt, stemmer ikkje"),
                "{backend:?}: {body}"
            );
            assert!(
                body.contains(
                    "<li>Dei utbetalte summane som vart lagra ved betalinga av utbetaling id "
                ),
                "{backend:?}: {body}"
            );
            assert!(!body.contains("no longer hash"), "{backend:?}: {body}");
            let bokmal = kari.post("/batches/2022-07?lang=nb", &pay).await;
            assert!(
                bokmal
                    .body
                    .contains("<li>De utbetalte summene som ble lagret ved betalingen"),
                "{backend:?}: {}",
                bokmal.body
            );
            let store = Store::open(&db.url).await.unwrap();
            let batches = store.batches().await.unwrap();
            store.close().await;
            let july = batches.iter().find(|b| b.period.to_string() == "2022-07");
            assert_eq!(
                july.map(|b| b.status.to_string()).as_deref(),
                Some("approved"),
                "{backend:?}: not paid"
            );
        }
    }

    #[tokio::test]
    async fn a_run_refuses_stored_sums_of_a_batch_whose_paid_status_was_set_back() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            // Superseded by hand: July's run would otherwise pay April again.
            execute(
                &db,
                "UPDATE batch SET status = 'superseded' WHERE period = '2022-04'",
            )
            .await;
            let stderr = db.fails(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            assert!(
                stderr.contains("som ikkje lenger er betalt"),
                "{backend:?}: {stderr}"
            );
            assert_eq!(stored_periods(&db).await, ["2022-04"], "{backend:?}");
        }
    }

    #[tokio::test]
    async fn a_status_set_back_by_hand_is_named_by_audit_verify() {
        for backend in BACKENDS {
            let db = with_paid_april(backend).await;
            execute(
                &db,
                "UPDATE batch SET status = 'approved' WHERE period = '2022-04'",
            )
            .await;
            let stderr = db.fails(&["audit", "verify"]);
            assert!(
                stderr.contains("(ei betaling) gjeld utbetalinga for 2022-04 (køyring 1), som har status «Godkjend»."),
                "{stderr}"
            );
        }
    }
}

mod decision_rights {
    use super::*;
    use crate::schemes::{
        add_caseworker, initialised, reviewed_application, singly_reviewed_application,
        SECOND_REVIEWER,
    };
    use tilskot::db::schemes::DecideError;
    use tilskot::domain::application::{ApplicationFigures, DecisionKind, DecisionRequest};
    use tilskot::domain::money::Ore;

    fn award() -> DecisionRequest {
        DecisionRequest {
            kind: DecisionKind::Awarded,
            amount: Ore(100_000_000),
            reason: String::new(),
            message: None,
        }
    }

    fn figures() -> ApplicationFigures {
        ApplicationFigures {
            project: "P".into(),
            amount_applied: Ore(100_000_000),
            budget_total: Ore(150_000_000),
            own_financing: Ore(50_000_000),
            participants: 12,
            later_years: Vec::new(),
        }
    }

    async fn organisation(store: &Store) -> String {
        crate::schemes::add_drammen(store).await
    }

    fn not_allowed(result: Result<(), DecideError>) -> bool {
        matches!(
            result,
            Err(DecideError::Other(
                tilskot::domain::error::Error::NotAllowed(_)
            ))
        )
    }

    #[tokio::test]
    async fn the_store_refuses_every_decider_but_a_declared_unconflicted_caseworker_after_two_reviews(
    ) {
        for backend in BACKENDS {
            let db = TestDb::new(backend).await;
            let store = initialised(&db).await;
            add_caseworker(&store, "kari").await;
            add_caseworker(&store, "per").await;
            let org = organisation(&store).await;
            let id = reviewed_application(&store, &org, &figures(), "kari", [3; 5]).await;
            // per declared a conflict; nobody may decide for them.
            store.declare_review(id, "per", true).await.unwrap();
            assert!(
                not_allowed(store.decide(id, &award(), "per").await),
                "{backend:?}"
            );
            assert!(
                not_allowed(store.decide(id, &award(), "nobody").await),
                "{backend:?}"
            );
            // A caseworker who never declared on this application.
            add_caseworker(&store, "ola").await;
            assert!(
                not_allowed(store.decide(id, &award(), "ola").await),
                "{backend:?}"
            );
            // After one review only, even the reviewer may not decide.
            let once = singly_reviewed_application(&store, &org, &figures(), "kari", [3; 5]).await;
            assert!(matches!(
                store.decide(once, &award(), "kari").await,
                Err(DecideError::Award(_))
            ));
            assert!(
                store.decide(id, &award(), SECOND_REVIEWER).await.is_ok(),
                "{backend:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_conflicted_caseworker_cannot_decide_through_propose_apply() {
        let db = TestDb::new(crate::support::Backend::Sqlite).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        add_caseworker(&store, "per").await;
        let org = organisation(&store).await;
        let id = reviewed_application(&store, &org, &figures(), "kari", [3; 5]).await;
        store.declare_review(id, "per", true).await.unwrap();
        store.close().await;
        let apply = [
            "scheme",
            "propose",
            "--scheme",
            "jobbsjansen",
            "--year",
            "2022",
            "--apply",
            "--user",
            "per",
        ];
        let refused = db.tilskot(&apply);
        assert_eq!(refused.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains(&format!("Du har meldt deg inhabil i søknad {id}")),
            "{stderr}"
        );
        let store = Store::open(&db.url).await.unwrap();
        assert!(store.application(id).await.unwrap().decision.is_none());
    }
}

/// F8 in the browser: only an administrator sees and changes users, by the
/// same rules as `tilskot user add`, and every change is audited.
mod admin_page {
    use super::*;
    use crate::web::PASSWORD;

    /// The web application on a new database, its first administrator
    /// signed in.
    pub(super) async fn with_admin(db: &TestDb) -> (Store, axum::Router, Client) {
        let (store, router) = web_app(db, None).await;
        tilskot::app::users::create_first_admin(&store, "admin", PASSWORD)
            .await
            .unwrap();
        let admin = Client::sign_in(&router, "admin", PASSWORD).await;
        (store, router, admin)
    }

    #[tokio::test]
    async fn an_administrator_adds_and_changes_users_and_no_one_else_can() {
        for backend in BACKENDS {
            let db = TestDb::new(backend).await;
            let (store, router, admin) = with_admin(&db).await;
            let page = admin.get("/users").await;
            assert_eq!(page.status, StatusCode::OK, "{backend:?}");
            // The administrator sets how kari signs letters; not for an
            // unknown user, and not by anyone else.
            let signed = admin
                .post(
                    "/users/signature",
                    &[
                        ("name", "kari"),
                        ("full_name", "Kari Nordmann"),
                        ("title", "director"),
                    ],
                )
                .await;
            assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
            let signature = store.signature("kari").await.unwrap().unwrap();
            assert_eq!(
                (signature.full_name.as_str(), signature.title.code()),
                ("Kari Nordmann", "director")
            );
            let unknown = admin
                .post(
                    "/users/signature",
                    &[
                        ("name", "nobody"),
                        ("full_name", "N N"),
                        ("title", "adviser"),
                    ],
                )
                .await;
            assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                unknown.body.contains("Det finst ingen brukar"),
                "{}",
                unknown.body
            );
            let by_kari = Client::sign_in(&router, "kari", PASSWORD)
                .await
                .post(
                    "/users/signature",
                    &[("name", "kari"), ("full_name", "K"), ("title", "director")],
                )
                .await;
            assert_eq!(by_kari.status, StatusCode::FORBIDDEN);
            assert!(page.body.contains("drammen") && page.body.contains("Saksbehandlar"));

            let added = admin
                .post(
                    "/users",
                    &[
                        ("name", "siri"),
                        ("role", "approver"),
                        ("password", "siri's long password"),
                    ],
                )
                .await;
            assert_eq!(
                added.status,
                StatusCode::SEE_OTHER,
                "{backend:?}: {}",
                added.body
            );
            let siri = store
                .authenticate("siri", "siri's long password")
                .await
                .unwrap();
            assert_eq!(siri.role, Role::Approver, "{backend:?}");
            let entries = store.audit_entries().await.unwrap();
            let last = entries.last().unwrap();
            assert_eq!(
                (last.action.as_str(), last.actor.as_str()),
                ("user_saved", "admin")
            );
            assert!(
                last.detail.contains("siri role approver"),
                "{}",
                last.detail
            );

            let demoted = admin
                .post(
                    "/users",
                    &[
                        ("name", "admin"),
                        ("role", "auditor"),
                        ("password", PASSWORD),
                    ],
                )
                .await;
            assert_eq!(
                demoted.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend:?}"
            );
            assert!(
                demoted.body.contains("er den siste administratoren"),
                "{}",
                demoted.body
            );
            assert!(
                demoted.body.contains("value=\"admin\""),
                "the form keeps its input"
            );

            let kari = Client::sign_in(&router, "kari", PASSWORD).await;
            assert_eq!(kari.get("/users").await.status, StatusCode::FORBIDDEN);
            let promoted = kari
                .post(
                    "/users",
                    &[("name", "kari"), ("role", "admin"), ("password", PASSWORD)],
                )
                .await;
            assert_eq!(promoted.status, StatusCode::FORBIDDEN, "{backend:?}");
            assert_eq!(store.user("kari").await.unwrap().role, Role::Caseworker);
        }
    }
}

/// A user who leaves is disabled, on the page or the command line.
mod leaving_users {
    use super::admin_page::with_admin;
    use super::*;
    use crate::web::PASSWORD;

    #[tokio::test]
    async fn a_user_disabled_on_the_page_loses_the_session_and_cannot_sign_in_again() {
        for backend in BACKENDS {
            let db = TestDb::new(backend).await;
            let (store, router, admin) = with_admin(&db).await;
            let kari = Client::sign_in(&router, "kari", PASSWORD).await;
            assert_eq!(kari.get("/applications").await.status, StatusCode::OK);
            let page = admin.get("/users").await;
            assert!(page.body.contains(">aktiv<"), "{backend:?}");

            let disabled = admin
                .post("/users/state", &[("name", "kari"), ("disabled", "true")])
                .await;
            assert_eq!(disabled.status, StatusCode::SEE_OTHER, "{}", disabled.body);
            let signed_out = kari.get("/applications").await;
            assert_eq!(
                (signed_out.status, signed_out.location.as_str()),
                (StatusCode::SEE_OTHER, "/login"),
                "{backend:?}"
            );
            let again = crate::web::post_login(&router, "kari", PASSWORD).await;
            assert_ne!(again.status(), StatusCode::SEE_OTHER, "{backend:?}");
            assert!(store.authenticate("kari", PASSWORD).await.is_err());
            let last = store.audit_entries().await.unwrap().pop().unwrap();
            assert_eq!(
                (
                    last.action.as_str(),
                    last.actor.as_str(),
                    last.detail.as_str()
                ),
                ("user_disabled", "admin", "user kari")
            );
            assert!(admin.get("/users").await.body.contains(">sperra<"));

            // The last administrator who may act stays.
            let refused = admin
                .post("/users/state", &[("name", "admin"), ("disabled", "true")])
                .await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(refused.body.contains("er den siste administratoren"));

            let enabled = admin
                .post("/users/state", &[("name", "kari"), ("disabled", "false")])
                .await;
            assert_eq!(enabled.status, StatusCode::SEE_OTHER);
            Client::sign_in(&router, "kari", PASSWORD).await;
        }
    }

    #[tokio::test]
    async fn a_disabled_finance_officer_attests_nothing_until_enabled_again() {
        for backend in BACKENDS {
            let db = with_computed_april(backend).await;
            let by_kari = db.fails(&["user", "disable", "--user", "kari", "--name", "ola"]);
            assert!(
                by_kari.contains("Berre ein administrator kan sperre brukarar eller opne dei att"),
                "{by_kari}"
            );
            db.ok(&["user", "disable", "--user", "admin", "--name", "kari"]);
            let refused = db.fails(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
            assert!(
                refused.contains("Feil brukarnamn eller passord."),
                "{refused}"
            );
            assert_eq!(batch_status(&db).await, "computed", "{backend:?}");
            let listed = db.ok(&["user", "list", "--user", "admin"]);
            assert!(
                listed.contains("kari,finance_officer,,,disabled")
                    && listed.contains("ola,approver,,,active"),
                "{listed}"
            );
            let by_ola = db.fails(&["user", "list", "--user", "ola"]);
            assert!(
                by_ola.contains(
                    "Berre ein administrator eller ein revisor kan sjå lista over brukarar"
                ),
                "{by_ola}"
            );
            db.ok(&["user", "enable", "--user", "admin", "--name", "kari"]);
            db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
            assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
        }
    }
}

/// The monthly batches in the browser: the same users and the same
/// two-person rule as the command line.
mod batch_pages {
    use super::*;
    use crate::web::PASSWORD;

    #[tokio::test]
    async fn finance_staff_attest_approve_and_pay_in_the_browser_and_no_one_alone() {
        for backend in BACKENDS {
            let db = with_computed_april(backend).await;
            let store = Store::open(&db.url).await.unwrap();
            let rules =
                tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
            let outbox = db.path("web-payments");
            let state = tilskot::web::AppState::new(store.clone(), None, false)
                .with_rules(rules)
                .with_outbox(outbox.clone());
            let router = tilskot::web::router(state);
            let kari = Client::sign_in(&router, "kari", PASSWORD).await;
            let list = kari.get("/batches").await;
            assert!(
                list.body.contains("2022-04") && list.body.contains("Berekna"),
                "{}",
                list.body
            );
            let attested = kari.post("/batches/2022-04", &[("action", "attest")]).await;
            assert_eq!(
                attested.status,
                StatusCode::SEE_OTHER,
                "{backend:?}: {}",
                attested.body
            );
            // Kari attested: she may not approve as well.
            let alone = kari
                .post("/batches/2022-04", &[("action", "approve")])
                .await;
            assert!(
                alone.status.is_client_error(),
                "{backend:?}: {}",
                alone.status
            );
            assert_eq!(batch_status(&db).await, "attested", "{backend:?}");
            let ola = Client::sign_in(&router, "ola", PASSWORD).await;
            let page = ola.get("/batches/2022-04").await;
            assert!(
                page.body.contains("Godkjenn") && page.body.contains("kari"),
                "{}",
                page.body
            );
            let approved = ola.post("/batches/2022-04", &[("action", "approve")]).await;
            assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
            // Placeholder rates are paid only when the officer says so.
            let refused = kari.post("/batches/2022-04", &[("action", "pay")]).await;
            assert_eq!(refused.status, StatusCode::CONFLICT, "{backend:?}");
            assert!(
                refused
                    .body
                    .contains("satsar som ikkje er vedtekne (svakaste status: plasshaldar)"),
                "{}",
                refused.body
            );
            let paid = kari
                .post(
                    "/batches/2022-04",
                    &[("action", "pay"), ("allow_unverified_rates", "true")],
                )
                .await;
            assert_eq!(
                paid.status,
                StatusCode::SEE_OTHER,
                "{backend:?}: {}",
                paid.body
            );
            assert_eq!(batch_status(&db).await, "paid", "{backend:?}");
            let page = kari.get("/batches/2022-04").await;
            assert!(
                page.body.contains("Utbetalt") && page.body.contains("ola"),
                "{}",
                page.body
            );
            // The list counts the municipalities of the batch's lines.
            let csv = db.ok(&["batch", "show", "--period", "2022-04", "--format", "csv"]);
            let count = csv
                .lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let list = kari.get("/batches").await;
            assert!(
                list.body
                    .contains(&format!("<td class=\"amount\">{count}</td>")),
                "{count}: {}",
                list.body
            );
            // The lines per municipality and grant come in pages.
            let first = kari.get("/batches/2022-04?per_page=2").await;
            let second = kari.get("/batches/2022-04?per_page=2&page=2").await;
            assert!(
                first.body.contains("Side 1 av") && first.body.contains("rel=\"next\""),
                "{}",
                first.body
            );
            assert!(
                second.body.contains("Side 2 av") && second.body.contains("rel=\"prev\""),
                "{}",
                second.body
            );
            // The persons behind Oslo's amounts add up to Oslo's rows of the batch.
            let oslo = kari.get("/batches/2022-04/0301").await;
            assert_eq!(oslo.status, StatusCode::OK, "{}", oslo.body);
            let oslo_ore: i64 = csv
                .lines()
                .filter(|l| l.starts_with("0301,"))
                .map(|l| {
                    l.split(',')
                        .nth(2)
                        .unwrap()
                        .replace('.', "")
                        .parse::<i64>()
                        .unwrap()
                })
                .sum();
            let total =
                tilskot::domain::money::format_nok_grouped(tilskot::domain::money::Ore(oslo_ore));
            assert!(
                oslo.body.contains(&format!("id=\"total\">{total}<")),
                "{total}: {}",
                oslo.body
            );
            assert_eq!(
                kari.get("/batches/2022-04/9999").await.status,
                StatusCode::NOT_FOUND
            );
            // A person's line leads to their accruals, rule by rule, and payments.
            let link = oslo
                .body
                .split("href=\"/batches/2022-04/0301/")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a person on Oslo's page")
                .to_string();
            let person = kari.get(&format!("/batches/2022-04/0301/{link}")).await;
            assert_eq!(person.status, StatusCode::OK, "{}", person.body);
            assert!(
                person.body.contains("Opptening i 2022")
                    && person.body.contains("id=\"accruals\"")
                    && person.body.contains("<td>R"),
                "{}",
                person.body
            );
            // Each accrual with its rate and why, in the reader's language,
            // and why the grants that accrued nothing did not.
            assert!(
                person.body.contains("<ul id=\"nothing-due\">")
                    && [
                        "<li>tilskot for einslege mindreårige: ",
                        "<li>norsktilskot: "
                    ]
                    .iter()
                    .any(|reason| person.body.contains(reason)),
                "{}",
                person.body
            );
            assert!(
                person.body.contains("<th>Kvifor</th>")
                    && person.body.contains("<td>sats: ")
                    && ["; busett ", "; flytta ", "; fødd i "]
                        .iter()
                        .any(|reason| person.body.contains(reason)),
                "{}",
                person.body
            );
            assert_eq!(
                kari.get("/batches/2022-04/0301/nobody").await.status,
                StatusCode::NOT_FOUND
            );
            let file = kari.get("/batches/2022-04/payment-file").await;
            assert_eq!(file.status, StatusCode::OK);
            assert!(
                file.body.contains("pain.001.001.03"),
                "{}",
                &file.body[..200.min(file.body.len())]
            );
            assert_eq!(
                std::fs::read_dir(&outbox).unwrap().count(),
                1,
                "one file in the outbox"
            );
            let audit = db.ok(&[
                "audit",
                "verify",
                "--anchor",
                db.path("audit-anchor.log").to_str().unwrap(),
            ]);
            assert!(audit.contains("er heil"), "{audit}");
            // July's batch is shown beside what April paid.
            db.ok(&["batch", "run", "--period", "2022-07", "--user", "kari"]);
            let july = kari.get("/batches/2022-07").await;
            assert!(
                july.body
                    .contains("Samanlikna med den førre betalte utbetalinga, 2022-04.")
                    && july.body.contains("Førre utbetaling"),
                "{backend:?} {}",
                july.body
            );
        }
    }

    #[tokio::test]
    async fn the_batch_pages_are_for_finance_staff_only() {
        let db = with_computed_april(crate::support::Backend::Sqlite).await;
        let (_store, router) = web_app(&db, None).await;
        let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
        assert_eq!(drammen.get("/batches").await.status, StatusCode::FORBIDDEN);
        let caseworker = Client::sign_in(&router, "per", PASSWORD).await;
        assert_eq!(
            caseworker.get("/batches/2022-04").await.status,
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn an_applicant_organisation_is_added_by_an_administrator_and_audited() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.add_users();
        let add = |user: &'static str| {
            [
                "scheme",
                "organisation",
                "--id",
                "3005",
                "--name",
                "Drammen",
                "--kind",
                "municipality",
                "--user",
                user,
            ]
        };
        let refused = db.fails(&add("kari"));
        assert!(
            refused.contains("Berre ein administrator kan leggje til søkjarorganisasjonar"),
            "{backend:?}: {refused}"
        );
        assert!(db
            .ok(&add("admin"))
            .contains("Organisasjonen 3005 er lagd til"));
        let store = Store::open(&db.url).await.unwrap();
        let last = store.audit_entries().await.unwrap().pop().unwrap();
        assert_eq!(
            (
                last.action.as_str(),
                last.actor.as_str(),
                last.detail.as_str()
            ),
            (
                "organisation_saved",
                "admin",
                "organisation 3005 Drammen (municipality)"
            ),
            "{backend:?}"
        );
        store.close().await;
    }
}

/// A PostgreSQL database with two administrators, admin and admin2.
async fn two_administrators() -> TestDb {
    let db = TestDb::new(crate::support::Backend::Postgres).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.ok(&[
        "user", "add", "--user", "admin", "--name", "admin2", "--role", "admin",
    ]);
    db
}

/// Two administrators taking each other's role at once: the second waits
/// for the first and is refused, as with disabling. PostgreSQL.
#[tokio::test]
async fn two_administrators_cannot_demote_each_other_at_once() {
    let db = two_administrators().await;
    // admin2 making admin an auditor, under way and not committed.
    let tx = db
        .under_way("UPDATE user_account SET role = 'auditor' WHERE name = 'admin'")
        .await;
    let demote = crate::support::started_and_waiting(
        &db,
        &[
            "user", "add", "--user", "admin", "--name", "admin2", "--role", "auditor",
        ],
    )
    .await;
    tx.commit().await.unwrap();
    let (code, stderr) = crate::support::finished(demote);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("admin2 er den siste administratoren og held på rolla"),
        "{stderr}"
    );
    let store = Store::open(&db.url).await.unwrap();
    assert_eq!(store.user("admin2").await.unwrap().role, Role::Admin);
    store.close().await;
}

/// Two administrators disabling each other at once: the second waits for
/// the first and is refused, so someone can still act. PostgreSQL, where a
/// statement reads what others committed.
#[tokio::test]
async fn two_administrators_cannot_disable_each_other_at_once() {
    let db = two_administrators().await;
    // admin2 disabling admin, under way: the change made, not committed
    // (it holds admin's row only; the command's own lock must wait for it).
    let tx = db
        .under_way(
            "UPDATE user_account SET disabled_at = '2026-12-05T00:00:00Z' WHERE name = 'admin'",
        )
        .await;
    let disable = crate::support::started_and_waiting(
        &db,
        &["user", "disable", "--user", "admin", "--name", "admin2"],
    )
    .await;
    tx.commit().await.unwrap();
    let (code, stderr) = crate::support::finished(disable);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("admin2 er den siste administratoren som kan gjere noko"),
        "{stderr}"
    );
    let store = Store::open(&db.url).await.unwrap();
    assert!(store.authenticate("admin2", TEST_PASSWORD).await.is_ok());
    store.close().await;
}
