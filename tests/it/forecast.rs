//! `tilskot forecast` (F1–F3) through the command line, on SQLite and
//! PostgreSQL: a small register and prognosis worked out by hand from the
//! rates of rules/2022.toml.

use crate::support::{rules_dir, TestDb, BACKENDS, HEADER};

/// P1 settled in Oslo in 2021 (grant year 2 in 2022); a move and a second
/// person after June, which a forecast made in June cannot know.
const REGISTER: &str = "settled,2021-03-10,P1,H1,1981-05-05,0301,asylum,false,SY,
moved,2022-08-01,P1,,,3005,,,,
settled,2022-09-01,P2,H2,1990-01-01,0301,asylum,false,SY,
";

/// Two adults and a child of one household in Drammen in July, an
/// unaccompanied minor (16) in Oslo in November.
const PROGNOSIS: &str = "month,municipality,basis,category,country,count
2022-07,3005,asylum,adult,SY,2
2022-07,3005,asylum,child,SY,1
2022-11,0301,resettlement,unaccompanied_minor,AF,1
";

/// The register and prognosis above, and an allocation of 1 000 000 NOK
/// on 0671.60 for 2022.
async fn with_register(backend: crate::support::Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let register = db.write("register.csv", &format!("{HEADER}\n{REGISTER}"));
    db.import_register(register.to_str().unwrap());
    db.write("prognosis.csv", PROGNOSIS);
    let allocations = db.write(
        "allocations.csv",
        "year,chapter,post,transferred,allocated\n2022,0671,60,100000,900000\n",
    );
    db.import_accounts("--allocations", allocations.to_str().unwrap());
    db
}

/// A forecast of 2022 as of June; the prognosis file follows.
const JUNE: [&str; 6] = [
    "forecast",
    "--year",
    "2022",
    "--as-of",
    "2022-06",
    "--prognosis",
];

/// The columns of a text table row (amounts group thousands with a
/// non-breaking space, so only ASCII spaces separate columns).
fn columns(line: &str) -> Vec<&str> {
    line.split(' ').filter(|c| !c.is_empty()).skip(1).collect()
}

fn forecast(db: &TestDb, extra: &[&str]) -> String {
    let prognosis = db.path("prognosis.csv");
    let mut args = vec![
        "forecast",
        "--year",
        "2022",
        "--prognosis",
        prognosis.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    db.ok(&args)
}

#[tokio::test]
async fn the_csv_has_every_grant_month_and_source_worked_out_by_hand() {
    // Register: 240 000 a year in monthly parts (grant year 2), Norwegian
    // year 2 in January, Oslo's base grant. Prognosis: the adult rate for
    // a household of three, Norwegian year 1 for the two adults, the
    // minor's lump sum and high rate (111 800 000 øre / 12, the remainder
    // in December), Drammen's base grant.
    let mut expected = String::from("grant,month,source,amount\n");
    expected.push_str("integration_year1,2022-07,prognosis,561000.00\n");
    expected.push_str("integration_year1,2022-11,prognosis,180000.00\n");
    for month in 1..=12 {
        expected.push_str(&format!("integration,2022-{month:02},register,20000.00\n"));
    }
    expected.push_str("minor,2022-11,prognosis,93166.66\n");
    expected.push_str("minor,2022-12,prognosis,93166.74\n");
    expected.push_str("norwegian,2022-01,register,66000.00\n");
    expected.push_str("norwegian,2022-07,prognosis,136000.00\n");
    expected.push_str("norwegian_base,2022-12,register,210000.00\n");
    expected.push_str("norwegian_base,2022-12,prognosis,210000.00\n");
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let csv = forecast(&db, &["--as-of", "2022-06", "--format", "csv"]);
        assert_eq!(csv, expected, "{backend:?}");
    }
}

#[tokio::test]
async fn the_text_compares_each_post_with_its_allocation_and_names_the_rates() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let text = forecast(&db, &["--as-of", "2022-06"]);
        let line = text
            .lines()
            .find(|l| l.starts_with("0671.60"))
            .unwrap_or_else(|| panic!("{text}"));
        // 120 000 accrued; 120 000 + 561 000 + 180 000 expected; the
        // allocation 1 000 000 leaves 19 000 unspent.
        let figures = columns(line);
        let nbsp = |s: &str| s.replace(' ', "\u{a0}");
        assert_eq!(
            figures,
            [
                nbsp("120 000,00"),
                nbsp("861 000,00"),
                nbsp("981 000,00"),
                nbsp("1 000 000,00"),
                nbsp("19 000,00")
            ],
            "{backend:?}: {line}"
        );
        assert!(text.contains("integration.year2"), "{text}");
        assert!(text.contains("Plasshaldar"), "{text}");
        assert!(text.contains(rules_dir().to_str().unwrap()), "{text}");
    }
}

#[tokio::test]
async fn a_rolling_forecast_ends_at_the_outcome_and_draws_its_chart() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let text = forecast(&db, &["--rolling"]);
        let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("2022-")).collect();
        assert_eq!(rows.len(), 12, "{text}");
        let december = columns(rows[11]);
        let outcome = columns(text.lines().find(|l| l.starts_with("utfall")).unwrap());
        assert_eq!(
            december, outcome,
            "{backend:?}: December's forecast is the outcome"
        );
        let june = columns(rows[5]);
        assert_ne!(
            june[1], outcome[1],
            "June expected the minor the year never had"
        );
        assert_eq!(outcome[1], "0,00", "{text}");
        let html = forecast(&db, &["--rolling", "--format", "html"]);
        assert!(html.contains("<svg") && html.contains("class=\"prognose\""));
        assert!(html.contains("class=\"løyving\"") && html.contains("class=\"utfall\""));
        assert!(!html.contains("<script"));
    }
}

#[tokio::test]
async fn a_draft_rates_directory_gives_a_what_if_and_says_so() {
    let db = with_register(crate::support::Backend::Sqlite).await;
    let draft = db.path("draft-rules");
    std::fs::create_dir_all(&draft).unwrap();
    let shipped = std::fs::read_to_string(rules_dir().join("2022.toml")).unwrap();
    let raised = shipped.replacen(
        "[rates.integration.year2]\namount = 240000",
        "[rates.integration.year2]\namount = 360000",
        1,
    );
    assert_ne!(raised, shipped, "the draft changes the year-2 rate");
    std::fs::write(draft.join("2022.toml"), raised).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .current_dir(db.dir.path())
        .args(["--db", &db.url, "--rules", draft.to_str().unwrap()])
        .args(JUNE)
        .arg(db.path("prognosis.csv"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains(draft.to_str().unwrap()), "{text}");
    assert!(
        text.contains("ein prognose kan bruke dei, ei utbetaling kan ikkje"),
        "{text}"
    );
    let line = text.lines().find(|l| l.starts_with("0671.60")).unwrap();
    assert!(
        line.contains(&"180 000,00".replace(' ', "\u{a0}")),
        "30 000 a month through June: {line}"
    );
}

#[tokio::test]
async fn a_prognosis_with_bad_rows_is_refused_with_every_problem() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        db.write(
            "prognosis.csv",
            "month,municipality,basis,category,country,count
2022-05,0301,asylum,adult,SY,1
2022-07,9999,asylum,adult,SY,1
2022-07,0301,asylum,adult,SY,many
",
        );
        let prognosis = db.path("prognosis.csv");
        let mut args = JUNE.to_vec();
        args.push(prognosis.to_str().unwrap());
        let stderr = db.fails(&args);
        for expected in [
            "prognosis.csv:2:month: 2022-05 er ikkje etter prognosemånaden 2022-06",
            "prognosis.csv:3:municipality:",
            "prognosis.csv:4:count: «many» er ikkje eit heilt tal",
            "3 feil i",
        ] {
            assert!(
                stderr.contains(expected),
                "{backend:?}: {expected}\n{stderr}"
            );
        }
    }
}
