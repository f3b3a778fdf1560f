//! The seams between the layers: typed errors become the right answer on
//! the web (404/403/409/422/500) and the right exit status on the command
//! line (1 refused, 2 failed inside); a database is only ever created by
//! `init`; output stays quiet and a closed pipe ends a command quietly.

use crate::support::{tilskot_in, TestDb, BACKENDS};
use crate::web::{apply, web_app, Client, PASSWORD};
use axum::http::StatusCode;
use std::process::{Command, Stdio};

#[tokio::test]
async fn a_store_failure_is_a_500_with_a_reference_and_no_internal_text() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (store, router) = web_app(&db, None).await;
        let client = Client::sign_in(&router, "drammen", PASSWORD).await;
        // The connection is lost: every store call now fails inside.
        store.close().await;
        let page = client.get("/applications").await;
        assert_eq!(
            page.status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{backend:?}"
        );
        assert!(page.body.contains("referansen"), "{}", page.body);
        for internal in ["pool", "closed", "sqlx", "database"] {
            assert!(
                !page.body.to_lowercase().contains(internal),
                "{backend:?}: the page shows '{internal}': {}",
                page.body
            );
        }
    }
}

#[tokio::test]
async fn a_refusal_by_the_store_is_a_409_with_its_reason() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (_store, router) = web_app(&db, None).await;
        let client = Client::sign_in(&router, "drammen", PASSWORD).await;
        let id = apply(&client, "1 000 000").await;
        let again = client
            .post(&format!("/applications/{id}/submit"), &[])
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{backend:?}");
        assert!(
            again.body.contains("er ikkje eit utkast lenger"),
            "{}",
            again.body
        );
        let missing = client.get("/applications/999999").await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{backend:?}");
    }
}

/// Every command that works on a database, with arguments it accepts.
fn commands_on_a_database(dir: &std::path::Path) -> Vec<Vec<String>> {
    let register = dir.join("register.csv");
    std::fs::write(&register, crate::support::HEADER).unwrap();
    let register = register.display().to_string();
    let out = dir.join("out").display().to_string();
    [
        vec!["register", "import", register.as_str(), "--user", "admin"],
        vec!["accruals", "--from", "2022-01", "--to", "2022-02"],
        vec!["batch", "run", "--period", "2022-01", "--user", "kari"],
        vec!["batch", "show", "--period", "2022-01"],
        vec!["batch", "attest", "--period", "2022-01", "--user", "kari"],
        vec!["explain", "--person", "A1"],
        vec!["audit", "verify"],
        vec![
            "report",
            "statements",
            "--year",
            "2022",
            "--out",
            out.as_str(),
        ],
        vec!["report", "journal", "--year", "2022", "--out", out.as_str()],
        vec!["accounts", "import", "--user", "admin"],
        vec!["batch", "list"],
        vec!["audit", "log"],
        vec!["user", "list", "--user", "admin"],
        vec![
            "user", "add", "--user", "admin", "--name", "kari", "--role", "approver",
        ],
        vec!["scheme", "list"],
        vec!["serve", "--addr", "127.0.0.1:0"],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(str::to_string).collect())
    .collect()
}

#[tokio::test]
async fn a_missing_database_is_refused_by_every_command_but_init_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mistyped.db");
    let url = format!("sqlite://{}", file.display());
    for command in commands_on_a_database(dir.path()) {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let output = tilskot_in(dir.path(), &url, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("mistyped.db") && stderr.contains("tilskot init"),
            "{args:?}: {stderr}"
        );
        assert!(!file.exists(), "{args:?} created {}", file.display());
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let init = tilskot_in(
        dir.path(),
        &url,
        &["init", "--start-period", "2022-01", "--admin", "admin"],
    );
    assert!(init.status.success());
    assert!(file.exists());
}

#[tokio::test]
async fn an_uninitialised_database_is_refused_without_a_panic() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        // A database that exists but that tilskot never initialised.
        sqlx::query("CREATE TABLE unrelated (x INTEGER)")
            .execute(&db.raw_pool().await)
            .await
            .unwrap();
        for command in commands_on_a_database(db.dir.path()) {
            let args: Vec<&str> = command.iter().map(String::as_str).collect();
            let output = db.tilskot(&args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{backend:?} {args:?}: {stderr}"
            );
            assert!(
                stderr.contains("er ikkje klargjord") && stderr.contains("tilskot init"),
                "{backend:?} {args:?}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
}

#[tokio::test]
async fn refusals_exit_1_and_help_says_what_the_statuses_mean() {
    let db = TestDb::new(crate::support::Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let refused = db.tilskot(&["batch", "show", "--period", "2022-05"]);
    assert_eq!(refused.status.code(), Some(1));
    let usage = db.tilskot(&["batch", "show", "--period", "not-a-month"]);
    assert_eq!(usage.status.code(), Some(1));
    let other_url = tilskot_in(db.dir.path(), "mysql://x", &["audit", "verify"]);
    assert_eq!(other_url.status.code(), Some(1));
    let help = db.ok(&["--help"]);
    assert!(
        help.contains("1 inndata eller handlinga vart avvist")
            && help.contains("2 noko gjekk gale inne i tilskot"),
        "{help}"
    );
}

#[test]
fn a_closed_pipe_ends_a_command_quietly_with_status_0() {
    let commands: [&[&str]; 3] = [
        &["rules", "show", "--year", "2022"],
        &["--help"],
        &["help", "batch", "run"],
    ];
    for args in commands {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tilskot"))
            .args(["--rules"])
            .arg(crate::support::rules_dir())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first line is written, as `| head -0`.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

#[test]
fn the_bench_prints_no_slow_statement_warnings_and_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .current_dir(dir.path())
        .arg("--rules")
        .arg(crate::support::rules_dir())
        .args(["bench", "--scale", "0.05", "--dir", "bench"])
        .env_remove("TILSKOT_LOG")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{all}");
    assert!(!all.contains("slow statement"), "{all}");
    assert!(!all.contains('\u{1b}'), "{all}");
    // Each stage's peak memory is its own (Linux resets the peak per stage).
    let import = all
        .lines()
        .find(|l| l.starts_with("register import"))
        .unwrap_or_else(|| panic!("no import row: {all}"));
    assert!(import.ends_with(" MiB"), "{import}");
}

/// `bench --runs 2`: each run in a process of its own (as each command of
/// finance staff is), so that a later run's memory and caches are not what
/// the first left; both runs' figures in one table.
#[test]
fn a_bench_of_two_runs_runs_each_in_a_process_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .current_dir(dir.path())
        .arg("--rules")
        .arg(crate::support::rules_dir())
        .args(["bench", "--scale", "0.05", "--dir", "bench", "--runs", "2"])
        .env("TILSKOT_LOG", "tilskot=info")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stdout}{stderr}");
    let pids: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("a bench run in a process of its own"))
        .filter_map(|l| l.split("pid=").nth(1))
        .collect();
    assert_eq!(pids.len(), 2, "{stderr}");
    assert_ne!(pids[0], pids[1], "{stderr}");
    assert!(stdout.contains("(2 run(s) on SQLite)"), "{stdout}");
    let import = stdout
        .lines()
        .find(|l| l.starts_with("register import"))
        .unwrap_or_else(|| panic!("no import row: {stdout}"));
    assert!(import.ends_with(" MiB"), "{import}");
    assert!(
        std::fs::read_dir(dir.path().join("bench"))
            .unwrap()
            .all(|entry| !entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".json")),
        "the runs' figure files are left behind"
    );
}
