//! The disability grant through the command line on SQLite and PostgreSQL:
//! imports all or nothing, decisions within the rules, payment with the
//! terms, and an appeal that lowers a paid award (a set-off).

use crate::support::{TestDb, BACKENDS, HEADER};

/// D1 settled in Oslo in September 2021 (grant year 2 is 2022), D2 in
/// Drammen in February 2022, F1 on the basis family.
const REGISTER: &str = "settled,2021-09-01,D1,HD1,1990-01-01,0301,asylum,false,SY,
settled,2022-02-01,D2,HD2,1985-01-01,3005,resettlement,false,SY,
settled,2022-02-01,F1,HF1,1985-01-01,3005,family,false,SY,
";

const APPLICATION_HEADER: &str = "reference,municipality,person_id,grant,grant_year,documented_expenses,originated_before_settlement,special_agreement,received";

/// Grant 1 for D1's grant year 2 (196 400 in 2022); grant 2 for D2's
/// grant year 1 with 2 000 000 documented (capped at 1 520 000).
const APPLICATIONS: &str = "A-1,0301,D1,1,2,,true,false,2022-02-15
A-2,3005,D2,2,1,2000000.00,true,false,2022-03-01
";

async fn with_register(backend: crate::support::Backend) -> TestDb {
    let db = TestDb::new(backend).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let register = db.write("register.csv", &format!("{HEADER}\n{REGISTER}"));
    db.import_register(register.to_str().unwrap());
    db.add_users();
    db.ok(&[
        "user",
        "add",
        "--user",
        "admin",
        "--name",
        "siv",
        "--role",
        "caseworker",
        "--scheme",
        "disability",
    ]);
    db
}

fn import(db: &TestDb, name: &str, rows: &str) -> std::process::Output {
    let file = db.write(name, &format!("{APPLICATION_HEADER}\n{rows}"));
    db.tilskot(&[
        "disability",
        "import",
        file.to_str().unwrap(),
        "--user",
        "siv",
    ])
}

fn decide(db: &TestDb, name: &str, rows: &str) -> String {
    let file = db.write(
        name,
        &format!("reference,decision,amount,reason,date\n{rows}"),
    );
    db.ok(&[
        "disability",
        "decide",
        "--file",
        file.to_str().unwrap(),
        "--user",
        "siv",
    ])
}

/// The disability lines of a month's batch: `municipality,grant,amount`
/// (the rates' status, `inferred` for both grants in 2022, checked and cut).
fn disability_lines(db: &TestDb, period: &str) -> Vec<String> {
    db.ok(&["batch", "show", "--period", period, "--format", "csv"])
        .lines()
        .filter(|l| l.contains(",disability_"))
        .map(|l| {
            let (row, status) = l.rsplit_once(',').unwrap();
            assert_eq!(status, "inferred", "{l}");
            row.to_string()
        })
        .collect()
}

#[tokio::test]
async fn awards_are_paid_with_the_next_term_and_an_appeal_is_set_off() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let imported = import(&db, "applications.csv", APPLICATIONS);
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        // The same file again adds nothing.
        let again = String::from_utf8(import(&db, "again.csv", APPLICATIONS).stdout).unwrap();
        assert!(
            again.contains("0 søknader lagde til, 2 fanst alt"),
            "{again}"
        );
        decide(
            &db,
            "decisions.csv",
            "A-1,awarded,,,2022-03-10\nA-2,partly_awarded,1000000.00,Delvis dokumentert,2022-05-20\n",
        );
        for month in ["2022-01", "2022-02", "2022-03", "2022-04"] {
            db.run_and_pay(month);
        }
        // April pays what accrued through March: the grant 1 award.
        assert_eq!(
            disability_lines(&db, "2022-04"),
            ["0301,disability_1,196400.00"],
            "{backend:?}"
        );
        // An appeal lowers the paid award to 150 000 in June.
        decide(
            &db,
            "appeal.csv",
            "A-1,partly_awarded,150000.00,Klage: korrigert,2022-06-01\n",
        );
        for month in ["2022-05", "2022-06", "2022-07"] {
            db.run_and_pay(month);
        }
        assert_eq!(
            disability_lines(&db, "2022-07"),
            [
                "0301,disability_1,-46400.00",
                "3005,disability_2,1000000.00"
            ],
            "{backend:?}: the appeal's difference is set off; grant 2 is paid"
        );
        let status = db.ok(&["disability", "status", "--year", "2022"]);
        assert!(
            status.contains("2 mottekne, 2 avgjorde, 2 innvilga"),
            "{status}"
        );
        explain_tells_each_application_its_ceiling_and_decisions(&db);
    }
}

/// `explain` tells, for each application of the person, what R15/R16
/// allow, every decision with who made it, and the one in force (R19).
fn explain_tells_each_application_its_ceiling_and_decisions(db: &TestDb) {
    let d1 = db.ok(&["explain", "--person", "D1"]);
    for expected in [
        "Tilskot ved nedsett funksjonsevne (R14–R19):\n  \
         A-1: tilskot 1, tilskotsår 2 (2022), 0301 Oslo, motteken 2022-02-15\n",
        "    høgst 196\u{a0}400,00 kroner (R15: satsen for tilskot 1 i 2022)\n",
        "    2022-03-10 Innvilga: 196\u{a0}400,00 kroner, av siv\n",
        "    2022-06-01 Delvis innvilga: 150\u{a0}000,00 kroner, av siv: Klage: korrigert\n",
        "    gjeld: 150\u{a0}000,00 kroner, opptent i 2022-03 (R19",
    ] {
        assert!(d1.contains(expected), "{expected:?} in {d1}");
    }
    let d2 = db.ok(&["--lang", "nb", "explain", "--person", "D2"]);
    assert!(
        d2.contains(
            "høyst 1\u{a0}520\u{a0}000,00 kroner (R16: de dokumenterte utgiftene, \
             men ikke mer enn satsen for tilskudd 2 i 2022)"
        ),
        "{d2}"
    );
    assert!(
        d2.contains("gjelder: 1\u{a0}000\u{a0}000,00 kroner, opptjent i 2022-05"),
        "{d2}"
    );
}

#[tokio::test]
async fn a_file_with_refused_rows_names_each_with_its_rule_and_writes_nothing() {
    for backend in BACKENDS {
        let db = with_register(backend).await;
        let rows = "B-1,0301,D1,1,3,,true,false,2022-02-15
B-2,3005,F1,1,1,,true,false,2022-03-01
B-3,4601,D2,2,1,100.00,true,false,2022-03-01
B-4,0301,D1,1,2,,false,false,2022-02-15
B-5,0301,D1,1,2,,true,false,2022-11-02
B-6,0301,NOBODY,1,1,,true,false,2022-02-15
B-7,0301,D1,2,1,,true,false,2022-02-15
";
        let output = import(&db, "bad.csv", rows);
        assert_eq!(output.status.code(), Some(1), "{backend:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for expected in [
            "bad.csv:2:grant_year: R15:",
            "bad.csv:3:special_agreement: R14:",
            "bad.csv:4:municipality: R14:",
            "bad.csv:5:originated_before_settlement: R14:",
            "bad.csv:6:received: R18: motteke 2022-11-02, etter fristen 2022-11-01",
            "bad.csv:7:person_id: det finst ingen person NOBODY",
            "bad.csv:8:documented_expenses: tilskot 2 krev dei dokumenterte utgiftene",
        ] {
            assert!(
                stderr.contains(expected),
                "{backend:?}: {expected}\n{stderr}"
            );
        }
        let status = db.ok(&["disability", "status", "--year", "2022"]);
        assert!(status.contains("0 mottekne"), "nothing written: {status}");
        // A decision above what the rules allow, and one by a user who is
        // not a caseworker of the grant, are refused.
        assert!(import(&db, "good.csv", APPLICATIONS).status.success());
        let store = tilskot::db::Store::open(&db.url).await.unwrap();
        let last = store.audit_entries().await.unwrap().pop().unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("disability_applications_received", "siv"),
            "{backend:?}"
        );
        store.close().await;
        let other = db.write("other.csv", &format!("{APPLICATION_HEADER}\n"));
        let by_kari = db.fails(&[
            "disability",
            "import",
            other.to_str().unwrap(),
            "--user",
            "kari",
        ]);
        assert!(
            by_kari.contains("Berre ein saksbehandlar for tilskotet ved nedsett funksjonsevne"),
            "{by_kari}"
        );
        let file = db.write(
            "over.csv",
            "reference,decision,amount,reason,date\nA-1,partly_awarded,196400.01,x,2022-03-10\n",
        );
        let over = db.fails(&[
            "disability",
            "decide",
            "--file",
            file.to_str().unwrap(),
            "--user",
            "siv",
        ]);
        assert!(over.contains("over.csv:2:amount: R15/R16:"), "{over}");
        let kari = db.fails(&[
            "disability",
            "decide",
            "--file",
            file.to_str().unwrap(),
            "--user",
            "kari",
        ]);
        assert!(
            kari.contains("Berre ein saksbehandlar for tilskotet ved nedsett funksjonsevne"),
            "{kari}"
        );
    }
}

/// The pages: a municipality applies for a person it settled and sees only
/// its own applications; a caseworker of the grant decides within the cap.
mod pages {
    use super::*;
    use crate::web::{Client, PASSWORD};
    use axum::http::StatusCode;
    use tilskot::domain::users::{NewUser, Role};

    #[tokio::test]
    async fn a_municipality_applies_and_a_caseworker_of_the_grant_decides() {
        for backend in BACKENDS {
            let db = with_register(backend).await;
            let store = tilskot::db::Store::open(&db.url).await.unwrap();
            for (id, name) in [("0301", "Oslo"), ("3005", "Drammen")] {
                store
                    .add_organisation(
                        &tilskot::db::schemes::Organisation {
                            id: id.into(),
                            name: name.into(),
                            kind: tilskot::domain::schemes::ApplicantKind::Municipality,
                        },
                        "admin",
                    )
                    .await
                    .unwrap();
            }
            for (name, organisation) in [("oslo", "0301"), ("drammen", "3005")] {
                let user = NewUser {
                    name,
                    password: PASSWORD,
                    role: Role::Applicant,
                    organisation: Some(organisation),
                    schemes: &[],
                };
                store.save_user(&user, "admin").await.unwrap();
            }
            let rules =
                tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
            let today = chrono::NaiveDate::from_ymd_opt(2022, 2, 15);
            let state = tilskot::web::AppState::new(store.clone(), today, false).with_rules(rules);
            let router = tilskot::web::router(state);

            let oslo = Client::sign_in(&router, "oslo", PASSWORD).await;
            let fields = [
                ("reference", "OSLO-1"),
                ("person_id", "D1"),
                ("grant", "1"),
                ("grant_year", "2"),
                ("originated_before_settlement", "true"),
            ];
            let applied = oslo.post("/disability", &fields).await;
            assert_eq!(
                applied.status,
                StatusCode::SEE_OTHER,
                "{backend:?}: {}",
                applied.body
            );
            // D2 lives in Drammen: Oslo cannot apply for them (R14).
            let other = oslo
                .post(
                    "/disability",
                    &[
                        ("reference", "OSLO-2"),
                        ("person_id", "D2"),
                        ("grant", "1"),
                        ("grant_year", "1"),
                        ("originated_before_settlement", "true"),
                    ],
                )
                .await;
            assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                other.body.contains(
                    "Sjå over feltet «Kommune»: R14: 0301 var ikkje kommunen til personen"
                ),
                "{}",
                other.body
            );
            assert!(oslo.get("/disability").await.body.contains("OSLO-1"));
            let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
            assert!(!drammen.get("/disability").await.body.contains("OSLO-1"));
            assert_eq!(
                drammen.get("/disability/OSLO-1").await.status,
                StatusCode::NOT_FOUND
            );

            let siv = Client::sign_in(&router, "siv", PASSWORD).await;
            let queue = siv.get("/disability").await.body;
            assert!(queue.contains("1 mottekne, 0 avgjorde"), "{queue}");
            assert!(queue.contains("id=\"backlog\""), "{queue}");
            let case = siv.get("/disability/OSLO-1").await;
            assert!(
                case.body.contains("196\u{a0}400,00"),
                "the cap is shown: {}",
                case.body
            );
            let over = siv
                .post(
                    "/disability/OSLO-1/decision",
                    &[
                        ("decision", "partly_awarded"),
                        ("amount", "200000"),
                        ("reason", "x"),
                        ("date", "2022-02-15"),
                    ],
                )
                .await;
            assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY, "{backend:?}");
            assert!(
                over.body
                    .contains("Sjå over feltet «Beløp»: R15/R16: 200\u{a0}000,00 er meir enn dei 196\u{a0}400,00 som reglane tillèt"),
                "{}",
                over.body
            );
            let decided = siv
                .post(
                    "/disability/OSLO-1/decision",
                    &[("decision", "awarded"), ("date", "2022-02-15")],
                )
                .await;
            assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
            assert!(oslo.get("/disability").await.body.contains("Innvilga"));
            let letter = oslo.get("/disability/OSLO-1/letter").await;
            assert_eq!(letter.status, StatusCode::OK);
            assert!(
                letter.body.contains("Vedtak om tilskot")
                    && letter.body.contains("196\u{a0}400,00"),
                "{}",
                letter.body
            );
            assert!(letter.body.contains("siv") && letter.body.contains("2022-02-15"));
            // Finance staff who open the person from a batch line see the
            // application, what the rules allow and who decided it.
            db.ok(&["batch", "run", "--period", "2022-03", "--user", "kari"]);
            let kari = Client::sign_in(&router, "kari", PASSWORD).await;
            let person = kari.get("/batches/2022-03/0301/D1").await;
            assert_eq!(person.status, StatusCode::OK, "{}", person.body);
            for expected in [
                "<ul id=\"disability\">",
                "OSLO-1: tilskot 1, tilskotsår 2 (2022), 0301 Oslo, motteken 2022-02-15",
                "<li>høgst 196\u{a0}400,00 kroner (R15: satsen for tilskot 1 i 2022)</li>",
                "<li>2022-02-15 Innvilga: 196\u{a0}400,00 kroner, av siv</li>",
            ] {
                assert!(
                    person.body.contains(expected),
                    "{expected}: {}",
                    person.body
                );
            }
            let kari = db.tilskot(&["disability", "status", "--year", "2022"]);
            assert!(String::from_utf8_lossy(&kari.stdout).contains("1 innvilga"));
        }
    }
}
