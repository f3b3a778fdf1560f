//! The other commands of the README: rules, accruals, explain, generate, demo.

use crate::support::{fixture, rules_dir, tilskot_in, Backend, TestDb, BACKENDS, HEADER};

#[tokio::test]
async fn rules_check_validates_every_file_and_rules_show_prints_rates_with_status() {
    let db = TestDb::new(Backend::Sqlite).await;
    let out = db.ok(&["rules", "check"]);
    assert!(
        out.contains("2022.toml: 22 satsar, 4 utbetalingsterminar, svakaste status: Plasshaldar"),
        "{out}"
    );
    assert!(out.contains("2023.toml: 23 satsar"), "{out}");
    assert!(
        out.contains(
            "Tilskot til Jobbsjansen 2022: ramme 93\u{a0}200\u{a0}000,00 kroner, 5 kriterium"
        ),
        "{out}"
    );
    let show = db.ok(&["rules", "show", "--year", "2022"]);
    assert!(show.contains("rates.minor.to_year_of_16"), "{show}");
    assert!(show.contains("1\u{a0}118\u{a0}000,00  Utleidd"), "{show}");
    assert!(
        show.contains("månad  7: betaler opptening til og med 2022-06-30"),
        "{show}"
    );
    assert!(
        show.contains("ÅTVARING: rekna ut med satsar som ikkje er vedtekne"),
        "{show}"
    );
    let stderr = db.fails(&["rules", "show", "--year", "2031"]);
    assert!(
        stderr.contains("Det finst ingen satsar for budsjettåret 2031"),
        "{stderr}"
    );
}

#[tokio::test]
async fn rules_check_names_the_file_and_key_of_a_broken_rules_file() {
    let db = TestDb::new(Backend::Sqlite).await;
    let broken = db.path("rules");
    std::fs::create_dir(&broken).unwrap();
    let text = std::fs::read_to_string(rules_dir().join("2022.toml")).unwrap();
    std::fs::write(
        broken.join("2022.toml"),
        text.replace("amount = 86000", "amount = -86000"),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .args(["--rules", broken.to_str().unwrap(), "rules", "check"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("2022.toml: rates.integration.year4.amount: beløpet -86000 er negativt"),
        "{stderr}"
    );
    // A syntax error is told by its line, in Bokmål on request.
    std::fs::write(broken.join("2022.toml"), "year = 2022\nmove_lag = [\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .args([
            "--rules",
            broken.to_str().unwrap(),
            "--lang",
            "nb",
            "rules",
            "check",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("2022.toml: linje 2: dette er ikke gyldig TOML"),
        "{stderr}"
    );
    // A broken schemes file names the scheme and the field, in Nynorsk.
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let schemes = std::fs::read_to_string(rules_dir().join("schemes-2022.toml")).unwrap();
    let parish = db.write(
        "schemes.toml",
        &schemes.replacen("\"county\"", "\"parish\"", 1),
    );
    let refused = db.fails(&["scheme", "load", parish.to_str().unwrap()]);
    assert!(
        refused.contains(
            "schemes.toml: [[scheme]] integreringstiltak 2022: eligible: «parish» er ikkje municipality, \
             county eller voluntary_organisation"
        ),
        "{refused}"
    );
}

#[tokio::test]
async fn accruals_print_one_row_per_municipality_grant_and_month() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        let out = db.ok(&[
            "accruals", "--from", "2022-01", "--to", "2022-03", "--format", "csv",
        ]);
        let expected = "municipality,grant,month,amount\n\
            0301,integration,2022-01,42999.99\n0301,integration,2022-02,42999.99\n0301,integration,2022-03,42999.99\n\
            0301,norwegian,2022-01,52000.00\n\
            1103,integration_year1,2022-03,232000.00\n1103,elderly,2022-03,174000.00\n1103,norwegian,2022-03,68000.00\n\
            4601,integration,2022-01,20000.00\n4601,integration,2022-02,20000.00\n4601,integration,2022-03,20000.00\n\
            4601,norwegian,2022-01,66000.00\n\
            5001,integration_year1,2022-02,180000.00\n5001,minor,2022-02,93166.66\n5001,minor,2022-03,93166.66\n";
        assert_eq!(out, expected);
    }
}

#[tokio::test]
async fn explain_gives_rule_rate_status_municipality_and_why() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        db.import_register(fixture("small-register.csv").to_str().unwrap());
        let late_child = db.write(
            "births.csv",
            &format!("{HEADER}\nsettled,2022-01-10,M1,HM,1990-01-01,0301,asylum,false,SY,\nborn,2022-07-13,K1,,2022-07-13,,,,,M1\n"),
        );
        db.import_register(late_child.to_str().unwrap());
        db.add_users();
        db.run_and_pay("2022-10");

        let b1 = db.ok(&["explain", "--person", "B1"]);
        assert!(
            b1.contains("flytta 2022-06-10, ny kommune 5001 Trondheim frå 2022-08 (R5)"),
            "{b1}"
        );
        assert!(
            b1.contains("flytta 2022-06-10 til 5001 Trondheim, som tek over frå 2022-08 (R5)"),
            "{b1}"
        );
        assert!(
            b1.contains(
                "regel R4 (År 2–5), tilskotsår 2, kategori: einsleg vaksen\n      \
                 sats: 240\u{a0}000,00 kroner for 2022 (plasshaldar)"
            ),
            "{b1}"
        );
        assert!(
            b1.contains("utbetalinga for 2022-10, køyring 1: Integreringstilskot, år 2–5"),
            "{b1}"
        );

        let one_month = db.ok(&["explain", "--person", "C1", "--period", "2022-02"]);
        assert!(
            one_month.contains("2022-02 Integreringstilskot, år 1: 180\u{a0}000,00 kroner"),
            "{one_month}"
        );
        assert!(
            one_month.contains("einsleg mindreårig som fyller 16 i 2022: høg sats til og med året"),
            "{one_month}"
        );
        assert!(!one_month.contains("2022-03"), "{one_month}");

        let k1 = db.ok(&["explain", "--person", "K1"]);
        assert!(
            k1.contains(
                "integreringstilskot: fødd 184 dagar etter at mora vart busett 2022-01-10, \
                 meir enn 183 dagar (R7)"
            ),
            "{k1}"
        );
        assert!(k1.contains("ingen i dei forklarte månadene"), "{k1}");

        let stderr = db.fails(&["explain", "--person", "NOBODY"]);
        assert!(
            stderr.contains("det finst ingen person NOBODY i registeret"),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn generate_is_deterministic_for_a_seed_and_its_register_imports() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let first = db.path("a.csv");
        let second = db.path("b.csv");
        for path in [&first, &second] {
            db.ok(&[
                "generate",
                "--from",
                "2021",
                "--to",
                "2022",
                "--seed",
                "7",
                "--scale",
                "0.1",
                "--out",
                path.to_str().unwrap(),
            ]);
        }
        assert_eq!(
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap()
        );
        db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
        let out = db.import_register(first.to_str().unwrap());
        assert!(
            out.contains("fanst alt i registeret") && !out.contains(" 0 hendingar lagde til"),
            "{out}"
        );
    }
}

#[tokio::test]
async fn the_demo_writes_a_report_per_batch_and_an_overview() {
    let dir = tempfile::tempdir().unwrap();
    let output = tilskot_in(
        dir.path(),
        "sqlite://unused.db",
        &["demo", "--dir", "demo", "--scale", "0.05"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("ikkje vedtekne (svakaste status: Plasshaldar)"),
        "{stdout}"
    );
    // Jobbsjansen 2022 as the report tells it: the frame is awarded exactly.
    assert!(
        stdout.contains(
            "41 søknader om 173\u{a0}900\u{a0}000,00 kroner mot ei ramme på 93\u{a0}200\u{a0}000,00 kroner"
        ) && stdout.contains("innvilga 93\u{a0}200\u{a0}000,00 kroner"),
        "{stdout}"
    );
    let reports = dir.path().join("demo/reports");
    for month in 1..=12 {
        assert!(reports.join(format!("batch-2022-{month:02}.csv")).exists());
        assert!(reports.join(format!("batch-2022-{month:02}.html")).exists());
    }
    let overview = std::fs::read_to_string(reports.join("index.html")).unwrap();
    assert!(
        overview.contains("9\u{a0}802\u{a0}028\u{a0}370"),
        "the report's 0671.60 spending"
    );
    assert!(overview.contains("Plasshaldar"), "{overview}");
    // The demo starts afresh each time.
    let again = tilskot_in(
        dir.path(),
        "sqlite://unused.db",
        &["demo", "--dir", "demo", "--scale", "0.05"],
    );
    assert!(again.status.success());
}
