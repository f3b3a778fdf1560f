//! Approval, exactly-once payment and the payment file, on both databases.

use crate::support::{fixture, Backend, TestDb, BACKENDS, HEADER};
use std::process::{Command, Stdio};
use tilskot::db::Store;

async fn with_register(backend: Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.add_users();
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    for month in 1..=3 {
        db.run_and_pay(&format!("2022-{month:02}"));
    }
    db
}

fn payments_dir(db: &TestDb) -> String {
    db.path("payments").display().to_string()
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    let store = Store::connect(&db.url).await.unwrap();
    let n: i64 = sqlx::Row::get(
        &sqlx::query(sql)
            .fetch_one(&db.raw_pool().await)
            .await
            .unwrap(),
        0,
    );
    store.close().await;
    n
}

#[tokio::test]
async fn attestation_and_approval_are_two_persons_and_payment_needs_approval_and_adopted_rates() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let out = payments_dir(&db);
        db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        let stderr = db.fails(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &out,
            "--allow-unverified-rates",
        ]);
        assert!(
            stderr.contains("Berre ei godkjend utbetaling kan betalast ut, og denne er berekna."),
            "{stderr}"
        );
        let stderr = db.fails(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        assert!(
            stderr.contains("Berre ei attestert utbetaling kan godkjennast, og denne er berekna."),
            "{stderr}"
        );
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        // The one who attested may not approve, even with the approver role.
        db.ok(&[
            "user", "add", "--user", "admin", "--name", "kari", "--role", "approver",
        ]);
        let stderr = db.fails(&["batch", "approve", "--period", "2022-04", "--user", "kari"]);
        assert!(
            stderr.contains("Du attesterte denne utbetalinga. Ein annan person må godkjenne ho."),
            "{stderr}"
        );
        // A rejection sends it back, with its reason in the audit log.
        db.ok(&[
            "batch",
            "reject",
            "--period",
            "2022-04",
            "--user",
            "ola",
            "--reason",
            "check the minors",
        ]);
        let shown = db.ok(&["batch", "show", "--period", "2022-04"]);
        assert!(shown.contains("køyring 1: Berekna"), "{shown}");
        db.ok(&[
            "user",
            "add",
            "--user",
            "admin",
            "--name",
            "kari",
            "--role",
            "finance_officer",
        ]);
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        // Placeholder rates are not paid without the explicit override …
        let stderr = db.fails(&[
            "batch", "pay", "--user", "kari", "--period", "2022-04", "--out", &out,
        ]);
        assert!(
            stderr.contains("satsar som ikkje er vedtekne (svakaste status: plasshaldar)"),
            "{stderr}"
        );
        assert_eq!(count(&db, "SELECT COUNT(*) FROM payment").await, 0);
        // … and the override is recorded on the batch.
        db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &out,
            "--allow-unverified-rates",
        ]);
        let shown = db.ok(&["batch", "show", "--period", "2022-04"]);
        assert!(
            shown.contains("køyring 1: Utbetalt")
                && shown.contains("betalt med --allow-unverified-rates"),
            "{shown}"
        );
        let audit = db.ok(&["audit", "verify"]);
        assert!(audit.contains("er heil"), "{audit}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM audit_entry WHERE action = 'reject' AND detail = 'rejected: check the minors'").await, 1);
    }
}

/// A copy of the rules directory whose integration rates are 1 200 NOK
/// higher than the shipped ones.
fn raised_rules(db: &TestDb) -> std::path::PathBuf {
    let dir = db.path("raised-rules");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(crate::support::rules_dir()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let year = dir.join("2022.toml");
    let text = std::fs::read_to_string(&year).unwrap();
    let mut raised = String::new();
    let mut in_integration = false;
    for line in text.lines() {
        if line.starts_with('[') {
            in_integration = line.starts_with("[rates.integration.");
        }
        match line.strip_prefix("amount = ") {
            Some(amount) if in_integration => {
                let amount: i64 = amount.parse().unwrap();
                raised.push_str(&format!("amount = {}\n", amount + 1_200));
            }
            _ => raised.push_str(&format!("{line}\n")),
        }
    }
    assert_ne!(raised, text, "the copy raises some rate");
    std::fs::write(&year, raised).unwrap();
    dir
}

#[tokio::test]
async fn an_approval_with_other_rates_than_the_run_is_refused() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        let raised = raised_rules(&db);
        let approve = Command::new(env!("CARGO_BIN_EXE_tilskot"))
            .current_dir(db.dir.path())
            .env("TILSKOT_PASSWORD", crate::support::TEST_PASSWORD)
            .args(["--db", &db.url, "--rules"])
            .arg(&raised)
            .args(["batch", "approve", "--period", "2022-04", "--user", "ola"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&approve.stderr);
        assert_eq!(approve.status.code(), Some(1), "{backend:?}: {stderr}");
        assert!(
            stderr.contains("Det utbetalinga skal betale, er endra sidan ho vart berekna: registeret, satsane eller eit vedtak er endra. Rekn ut utbetalinga for 2022-04 på nytt"),
            "{stderr}"
        );
        // With the rates it was computed with, it is approved.
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
    }
}

#[tokio::test]
async fn a_batch_that_changes_after_attestation_must_be_recomputed_and_attested_again() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        let late = db.write(
            "late.csv",
            &format!("{HEADER}\nsettled,2022-02-01,L1,HL,1980-01-01,0301,asylum,false,SY,\n"),
        );
        db.import_register(late.to_str().unwrap());
        let stderr = db.fails(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        assert!(
            stderr.contains("Rekn ut utbetalinga for 2022-04 på nytt"),
            "{stderr}"
        );
        let rerun = db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
        assert!(
            rerun.contains("køyring 2 (det som skal betalast, har endra seg før utbetalinga"),
            "{rerun}"
        );
        let stderr = db.fails(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        assert!(
            stderr.contains("Berre ei attestert utbetaling kan godkjennast, og denne er berekna."),
            "{stderr}"
        );
        db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
        db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &payments_dir(&db),
            "--allow-unverified-rates",
        ]);
        // The superseded run is never paid: show sums only the run that counts.
        let csv = db.ok(&["batch", "show", "--period", "2022-04", "--format", "csv"]);
        assert!(csv.contains("0301,integration_year1,232000.00"), "{csv}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM payment").await, 1);
    }
}

/// Runs and approves April, ready to pay.
fn approve_april(db: &TestDb) {
    db.ok(&["batch", "run", "--period", "2022-04", "--user", "kari"]);
    db.ok(&["batch", "attest", "--period", "2022-04", "--user", "kari"]);
    db.ok(&["batch", "approve", "--period", "2022-04", "--user", "ola"]);
}

fn pay_command(db: &TestDb) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tilskot"));
    command
        .current_dir(db.dir.path())
        .env("TILSKOT_PASSWORD", crate::support::TEST_PASSWORD)
        .args([
            "--db",
            &db.url,
            "--rules",
            crate::support::rules_dir().to_str().unwrap(),
        ])
        .args([
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--allow-unverified-rates",
            "--out",
            &payments_dir(db),
        ]);
    command
}

async fn assert_paid_once(db: &TestDb) {
    assert_eq!(count(db, "SELECT COUNT(*) FROM payment").await, 1);
    // One voucher per municipality and grant of April: 9 lines in 4 municipalities.
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM voucher WHERE source LIKE 'payment:%'"
        )
        .await,
        9
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM audit_entry WHERE action = 'pay'").await,
        1
    );
    let files: Vec<_> = std::fs::read_dir(db.path("payments"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let xml = std::fs::read_to_string(db.path("payments").join(&files[0])).unwrap();
    assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 4);
}

#[tokio::test]
async fn two_processes_paying_the_same_batch_at_once_pay_each_municipality_once() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        approve_april(&db);
        let spawn = || {
            pay_command(&db)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn(), spawn());
        let outputs = [
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        ];
        for output in &outputs {
            assert!(
                output.status.success(),
                "{backend:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let said: Vec<String> = outputs
            .iter()
            .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
            .collect();
        let ids: Vec<&str> = said
            .iter()
            .map(|s| {
                s.split_whitespace()
                    .find(|w| w.starts_with("TS-"))
                    .unwrap_or_else(|| panic!("{backend:?}: {said:?}"))
            })
            .collect();
        assert_eq!(ids[0], ids[1], "both name the one payment: {said:?}");
        assert_paid_once(&db).await;
        // A third attempt later returns the first payment.
        let again = db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &payments_dir(&db),
            "--allow-unverified-rates",
        ]);
        assert!(again.starts_with("Alt betalt som"), "{again}");
        assert_paid_once(&db).await;
    }
}

/// The file names in a folder beside the test's outbox (`payments`).
fn files_in(db: &TestDb, folder: &str) -> Vec<String> {
    match std::fs::read_dir(db.path(folder)) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n.ends_with(".xml"))
                .collect();
            names.sort();
            names
        }
        Err(_) => Vec::new(),
    }
}

#[tokio::test]
async fn a_crash_between_the_payment_file_and_the_commit_leaves_the_outbox_empty_and_pays_once() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        approve_april(&db);
        let before = files_in(&db, "payments");
        let crashed = pay_command(&db)
            .env("TILSKOT_FAILPOINT", "after-payment-file")
            .output()
            .unwrap();
        assert_eq!(
            crashed.status.code(),
            Some(97),
            "{}",
            String::from_utf8_lossy(&crashed.stderr)
        );
        assert_eq!(
            files_in(&db, "payments"),
            before,
            "no file reached the outbox"
        );
        assert_eq!(files_in(&db, "staging").len(), 1, "the file was staged");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM payment").await, 0);
        let rerun = pay_command(&db).output().unwrap();
        assert!(
            rerun.status.success(),
            "{}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        assert_paid_once(&db).await;
        assert!(files_in(&db, "staging").is_empty());
        assert_eq!(files_in(&db, "void").len(), 1, "{backend:?}");
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'void'"
            )
            .await,
            1
        );
        // A file of the payment's name with other content in the outbox is
        // refused, not overwritten, and nothing is paid twice.
        let file = db.path("payments").join(&files_in(&db, "payments")[0]);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace("<NbOfTxs>4</NbOfTxs>", "<NbOfTxs>5</NbOfTxs>"),
        )
        .unwrap();
        let again = db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &payments_dir(&db),
            "--allow-unverified-rates",
        ]);
        assert!(again.starts_with("Alt betalt som"), "{again}");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM payment").await, 1);
    }
}

#[tokio::test]
async fn a_crash_after_the_commit_publishes_the_file_and_anchors_it_at_the_next_recovery() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        approve_april(&db);
        let crashed = pay_command(&db)
            .env("TILSKOT_FAILPOINT", "after-payment-commit")
            .output()
            .unwrap();
        assert_eq!(crashed.status.code(), Some(97));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM payment").await, 1);
        assert_eq!(files_in(&db, "staging").len(), 1);
        let out = payments_dir(&db);
        let checked = db.ok(&["check", "--out", &out, "--user", "kari"]);
        assert!(checked.contains("fila er flytta til utboksen"), "{checked}");
        assert_paid_once(&db).await;
        assert!(files_in(&db, "staging").is_empty() && files_in(&db, "void").is_empty());
        // The crash came before the anchor; the recovery wrote it.
        let anchor = db.path("audit-anchor.log");
        let anchors = std::fs::read_to_string(&anchor).unwrap();
        assert!(anchors.contains(" TS-2022-04-1-"), "{anchors}");
        db.ok(&["audit", "verify", "--anchor", anchor.to_str().unwrap()]);
    }
}

/// F1: a payment whose recording fails after its file was written, then a
/// register change, a new run, attestation, approval and payment: the
/// outbox holds exactly one file for the term, whose total is the one
/// recorded payment, and the first file is in `void/`.
#[tokio::test]
async fn a_failed_payment_then_a_changed_register_leaves_one_file_in_the_outbox() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        approve_april(&db);
        let before = files_in(&db, "payments");
        let crashed = pay_command(&db)
            .env("TILSKOT_FAILPOINT", "after-payment-file")
            .output()
            .unwrap();
        assert_eq!(crashed.status.code(), Some(97));
        let first = files_in(&db, "staging");
        let change = db.write(
            "late.csv",
            &format!("{HEADER}\nexited,2022-02-20,A1,,,,,,,\n"),
        );
        db.import_register(change.to_str().unwrap());
        approve_april(&db);
        let paid = db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-04",
            "--out",
            &payments_dir(&db),
            "--allow-unverified-rates",
        ]);
        assert!(paid.contains("\nBetalt som TS-2022-04-2-"), "{paid}");
        let new: Vec<String> = files_in(&db, "payments")
            .into_iter()
            .filter(|f| !before.contains(f))
            .collect();
        assert_eq!(new.len(), 1, "{backend:?}: {new:?}");
        assert_ne!(new, first, "the new run is another payment");
        assert_eq!(files_in(&db, "void"), first, "{backend:?}");
        let recorded = count(
            &db,
            "SELECT CAST(SUM(p.total_ore) AS BIGINT) FROM payment p JOIN batch b ON b.id = p.batch_id \
             WHERE b.period = '2022-04'",
        )
        .await;
        let xml = std::fs::read_to_string(db.path("payments").join(&new[0])).unwrap();
        let control_sum = xml
            .split("<CtrlSum>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap()
            .replace('.', "");
        assert_eq!(control_sum.parse::<i64>().unwrap(), recorded, "{backend:?}");
    }
}

#[tokio::test]
async fn an_edited_audit_row_is_named_by_audit_verify() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        approve_april(&db);
        assert!(db.ok(&["audit", "verify"]).contains("er heil"));
        let store = Store::connect(&db.url).await.unwrap();
        let target: i64 = sqlx::Row::get(
            &sqlx::query("SELECT id FROM audit_entry WHERE action = 'attest'")
                .fetch_one(&db.raw_pool().await)
                .await
                .unwrap(),
            0,
        );
        sqlx::query("UPDATE audit_entry SET actor = 'mallory' WHERE id = $1")
            .bind(target)
            .execute(&db.raw_pool().await)
            .await
            .unwrap();
        store.close().await;
        let stderr = db.fails(&["audit", "verify"]);
        assert!(
            stderr.contains(&format!(
                "Éin kontroll feila:\n  Innslag {target} i revisjonsloggen er endra: innhaldet stemmer ikkje med hashen."
            )),
            "{backend:?}: {stderr}"
        );
    }
}

#[tokio::test]
async fn a_municipality_with_a_negative_net_is_carried_to_the_next_term_not_paid() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.add_users();
        // Z1 is the only person in 1101 Eigersund: year 2 in 2022, 20 000 a month.
        let register = db.write("z.csv", &format!("{HEADER}\nsettled,2021-03-01,Z1,HZ,1980-01-01,1101,asylum,false,SY,\nsettled,2021-03-01,Y1,HY,1980-01-01,0301,asylum,false,SY,\n"));
        db.import_register(register.to_str().unwrap());
        for month in 1..=7 {
            db.run_and_pay(&format!("2022-{month:02}"));
        }
        // Z1 left in February, registered late: four months were paid too much.
        let exit = db.write(
            "exit.csv",
            &format!("{HEADER}\nexited,2022-02-10,Z1,,,,,,,\n"),
        );
        db.import_register(exit.to_str().unwrap());
        db.run_and_pay("2022-08");
        db.run_and_pay("2022-09");
        db.ok(&["batch", "run", "--period", "2022-10", "--user", "kari"]);
        db.ok(&["batch", "attest", "--period", "2022-10", "--user", "kari"]);
        db.ok(&["batch", "approve", "--period", "2022-10", "--user", "ola"]);
        let paid = db.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            "2022-10",
            "--allow-unverified-rates",
            "--out",
            &payments_dir(&db),
        ]);
        assert!(
            paid.contains("1 overføringar, 60\u{a0}000,00 kroner"),
            "{paid}"
        );
        assert!(
            paid.contains("Ført vidare til neste termin som motrekning (negativ netto): 1101"),
            "{paid}"
        );
        // December sets the carried 80 000 off against 1101's base grant of 210 000.
        db.run_and_pay("2022-11");
        db.run_and_pay("2022-12");
        let december = db.ok(&["batch", "show", "--period", "2022-12", "--format", "csv"]);
        assert!(
            december
                .contains("1101,integration,-80000.00,placeholder\n1101,norwegian_base,210000.00,"),
            "{december}"
        );
        let explained = db.ok(&["explain", "--person", "Z1"]);
        assert!(
            explained.contains("utbetalinga for 2022-12, køyring 1: Integreringstilskot, år 2–5")
                && !explained.contains("utbetalinga for 2022-10"),
            "{explained}"
        );
    }
}

#[tokio::test]
async fn the_payment_file_validates_against_the_pain_001_001_03_schema_and_is_snapshotted() {
    let db = with_register(Backend::Sqlite).await;
    approve_april(&db);
    db.ok(&[
        "batch",
        "pay",
        "--user",
        "kari",
        "--period",
        "2022-04",
        "--out",
        &payments_dir(&db),
        "--allow-unverified-rates",
    ]);
    let file = std::fs::read_dir(db.path("payments"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let xml = std::fs::read_to_string(&file).unwrap();
    // Control sums equal the transfers.
    let sum: i64 = xml
        .lines()
        .filter_map(|l| l.trim().strip_prefix(r#"<Amt><InstdAmt Ccy="NOK">"#))
        .map(|l| {
            tilskot::domain::money::Ore::parse_nok(l.trim_end_matches("</InstdAmt></Amt>"))
                .unwrap()
                .0
        })
        .sum();
    assert_eq!(sum, 114_733_329);
    assert_eq!(xml.matches("<CtrlSum>1147333.29</CtrlSum>").count(), 2);
    match Command::new("xmllint").arg("--version").output() {
        Ok(_) => {
            let schema = fixture("iso20022/pain.001.001.03.xsd");
            let check = Command::new("xmllint")
                .args([
                    "--noout",
                    "--schema",
                    schema.to_str().unwrap(),
                    file.to_str().unwrap(),
                ])
                .output()
                .unwrap();
            assert!(
                check.status.success(),
                "{}",
                String::from_utf8_lossy(&check.stderr)
            );
        }
        Err(_) => {
            eprintln!("xmllint is not installed (Debian libxml2-utils): schema validation skipped")
        }
    }
    let stable: String = xml
        .lines()
        .map(|l| {
            if l.trim().starts_with("<CreDtTm>") {
                "      <CreDtTm>[approval time]</CreDtTm>".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("payment_file_2022_04", stable);
}
