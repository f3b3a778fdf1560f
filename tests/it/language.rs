//! The command line speaks the reader's language: Nynorsk by default,
//! Bokmål with `--lang nb` or `TILSKOT_LANG=nb`, never English and never a
//! mix. Walked through the finance staff's monthly cycle: run, a refused
//! approval, attest, approve, pay, list, show, check and the refusals met
//! on the way.

use crate::support::{fixture, tilskot_in, Backend, TestDb};

/// English words the command line printed before it spoke Norwegian; none
/// of them is a Norwegian word.
const ENGLISH: [&str; 80] = [
    "batch",
    "run",
    "the",
    "of",
    "by",
    "attested",
    "approved",
    "paid",
    "lines",
    "total",
    "error",
    "warning",
    "computed",
    "waiting",
    "transfers",
    "file",
    "checks",
    "passed",
    "net",
    "name",
    "payment",
    "must",
    "another",
    "approve",
    "rates",
    "events",
    "added",
    "rows",
    "read",
    "vouchers",
    "already",
    "frame",
    "criteria",
    "scheme",
    "released",
    "received",
    "decided",
    "awarded",
    "forecast",
    "allocation",
    "outcome",
    "intact",
    "entries",
    "anchors",
    "user",
    "municipalities",
    "missing",
    "unknown",
    "is",
    "not",
    "has",
    "record",
    "where",
    "lives",
    "before",
    "after",
    "exit",
    "header",
    "exactly",
    "balance",
    "settled",
    "moved",
    "category",
    "grant",
    "accruals",
    "household",
    "aged",
    "months",
    "nothing",
    "why",
    "usage",
    "options",
    "commands",
    "arguments",
    "print",
    "possible",
    "default",
    "help",
    "version",
    "env",
];

/// The English words of `text`, leaving out what is not prose: options
/// (`--allow-unverified-rates`), quoted commands («tilskot …»), paths and
/// the keys of the rules files (`rates.minor.to_year_of_16`).
fn english_words(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '«' => quoted = true,
            '»' => quoted = false,
            _ if !quoted => prose.push(c),
            _ => {}
        }
    }
    prose
        .split_whitespace()
        .filter(|word| {
            let bare = word.trim_start_matches(['(', '`', '[']);
            !bare.starts_with("--") && !word.contains(['/', '_'])
        })
        .filter(|word| !is_dotted_key(word))
        .flat_map(|word| word.split(|c: char| !c.is_alphabetic()))
        .map(str::to_lowercase)
        .filter(|word| ENGLISH.contains(&word.as_str()))
        .collect()
}

/// A key of the rules files or the statements, `rates.integration.year2`:
/// a dot inside the word, not at its end.
fn is_dotted_key(word: &str) -> bool {
    word.trim_end_matches(['.', ',', ':'])
        .split('.')
        .filter(|part| !part.is_empty())
        .count()
        > 1
}

/// Everything a command printed, standard output and error.
fn printed(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The cycle of `period` with `lang` before the arguments (empty for the
/// default): what every step printed, with a refused approval by the
/// attester and a payment before approval.
fn cycle(db: &TestDb, lang: &[&str], period: &str) -> Vec<String> {
    let out = db.path("utbetalingsfiler");
    let out = out.to_str().unwrap();
    let steps: [&[&str]; 9] = [
        &["batch", "run", "--period", period, "--user", "kari"],
        &["batch", "attest", "--period", period, "--user", "kari"],
        &["batch", "approve", "--period", period, "--user", "kari"],
        &[
            "batch", "pay", "--period", period, "--user", "kari", "--out", out,
        ],
        &["batch", "approve", "--period", period, "--user", "ola"],
        &[
            "batch", "pay", "--period", period, "--user", "kari", "--out", out,
        ],
        &[
            "batch",
            "pay",
            "--period",
            period,
            "--user",
            "kari",
            "--out",
            out,
            "--allow-unverified-rates",
        ],
        &["batch", "list"],
        &["check", "--out", out],
    ];
    steps
        .iter()
        .map(|args| printed(&db.tilskot(&[lang, args].concat())))
        .collect()
}

#[tokio::test]
async fn the_monthly_cycle_speaks_nynorsk_by_default_and_bokmal_on_request() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    db.add_users();
    for period in ["2022-01", "2022-02", "2022-03"] {
        db.ok(&["batch", "run", "--period", period, "--user", "kari"]);
    }
    let nynorsk = cycle(&db, &[], "2022-04");
    for month in ["2022-05", "2022-06"] {
        db.ok(&["batch", "run", "--period", month, "--user", "kari"]);
    }
    let bokmal = cycle(&db, &["--lang", "nb"], "2022-07");
    for (lang, outputs) in [("nn", &nynorsk), ("nb", &bokmal)] {
        for text in outputs.iter() {
            assert!(
                !text.trim().is_empty(),
                "{lang}: every step prints something"
            );
            assert_eq!(english_words(text), Vec::<String>::new(), "{lang}:\n{text}");
        }
    }
    let all_nn = nynorsk.concat();
    let all_nb = bokmal.concat();
    // The refusals and the outcomes are there, each in its language.
    for (text, words) in [
        (
            &all_nn,
            [
                "køyring",
                "godkjennar",
                "Betalt som",
                "feil:",
                "Alle kontrollane",
            ],
        ),
        (
            &all_nb,
            [
                "kjøring",
                "godkjenner",
                "Betalt som",
                "feil:",
                "Alle kontrollene",
            ],
        ),
    ] {
        for word in words {
            assert!(text.contains(word), "{word}:\n{text}");
        }
    }
    // Never a mix: no Nynorsk form in Bokmål, no Bokmål form in Nynorsk.
    for (text, other) in [
        (&all_nn, ["kjøring", "ikke", "Utbetalingen"]),
        (&all_nb, ["køyring", "ikkje", "Utbetalinga"]),
    ] {
        for word in other {
            assert!(!text.contains(word), "{word}:\n{text}");
        }
    }
    // The environment chooses too; the option wins over it.
    let by_env = db
        .tilskot_command(&["batch", "list"])
        .env("TILSKOT_LANG", "nb")
        .output()
        .unwrap();
    assert!(
        printed(&by_env).contains("Kjøringer:"),
        "{}",
        printed(&by_env)
    );
    let option_wins = db
        .tilskot_command(&["--lang", "nn", "batch", "list"])
        .env("TILSKOT_LANG", "nb")
        .output()
        .unwrap();
    assert!(printed(&option_wins).contains("Køyringar:"));
}

/// `explain` tells a person's accruals, payments and reasons in the
/// chosen language: a move, an exit, an unaccompanied minor, a child born
/// after the mother's settlement, collective protection.
#[tokio::test]
async fn explain_speaks_the_chosen_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    db.add_users();
    db.run_and_pay("2022-10");
    for (lang, own, other) in [
        (
            "nn",
            ["Opptening:", "kvifor:", "Utbetalingar:"],
            ["ikke", "hvorfor"],
        ),
        (
            "nb",
            ["Opptjening:", "hvorfor:", "Utbetalinger:"],
            ["ikkje", "kvifor"],
        ),
    ] {
        for person in ["A2", "B1", "C1", "D1", "E3"] {
            let text = db.ok(&["--lang", lang, "explain", "--person", person]);
            assert_eq!(
                english_words(&text),
                Vec::<String>::new(),
                "{lang}:\n{text}"
            );
            for word in own {
                assert!(text.contains(word), "{lang} {word}:\n{text}");
            }
            for word in other {
                assert!(!text.contains(word), "{lang}, not {word}:\n{text}");
            }
        }
    }
}

/// `--help` of the commands finance staff, caseworkers and auditors use,
/// and mistyped command lines, in each language: no English and no mix;
/// help exits 0, a usage error 1 with what is wrong and where to look.
#[tokio::test]
async fn help_and_usage_errors_speak_the_chosen_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    let helps: [&[&str]; 8] = [
        &["--help"],
        &["batch", "--help"],
        &["batch", "run", "--help"],
        &["disability", "decide", "--help"],
        &["report", "statements", "--help"],
        &["user", "add", "-h"],
        &["scheme", "propose", "--help"],
        &["forecast", "--help"],
    ];
    for (lang, own, other) in [
        (
            "nn",
            ["Bruk:", "Val:", "Vis denne hjelpa"],
            ["ikke", "hjelpen"],
        ),
        (
            "nb",
            ["Bruk:", "Valg:", "Vis denne hjelpen"],
            ["ikkje", "hjelpa"],
        ),
    ] {
        for args in helps {
            let output = db.tilskot(&[&["--lang", lang], args].concat());
            let text = printed(&output);
            assert_eq!(output.status.code(), Some(0), "{args:?}: {text}");
            assert_eq!(
                english_words(&without_command_names(&text)),
                Vec::<String>::new(),
                "{lang}:\n{text}"
            );
            for word in own {
                assert!(text.contains(word), "{lang} {args:?} {word}:\n{text}");
            }
            for word in other {
                assert!(!text.contains(word), "{lang}, not {word}:\n{text}");
            }
        }
    }
    let usage = |lang: &str, args: &[&str]| {
        let output = db.tilskot(&[&["--lang", lang], args].concat());
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let text = printed(&output);
        assert_eq!(
            english_words(&without_command_names(&text)),
            Vec::<String>::new(),
            "{lang}:\n{text}"
        );
        text
    };
    let unknown = usage("nn", &["batch", "show", "--frobnicate"]);
    assert!(
        unknown.contains("feil: Kommandoen tek ikkje imot «--frobnicate». Meinte du «--format»?")
            && unknown.contains("\nBruk: tilskot batch show --period <MÅNAD>")
            && unknown.contains("Sjå «tilskot batch show --help»."),
        "{unknown}"
    );
    let mistyped = usage("nb", &["btach", "list"]);
    assert!(
        mistyped.contains("«btach» er ikke en kommando her.") && mistyped.contains("«batch»"),
        "{mistyped}"
    );
    let month = usage(
        "nb",
        &["batch", "run", "--period", "2022-13", "--user", "kari"],
    );
    assert!(
        month.contains("«2022-13» er ikke en gyldig verdi for --period <MÅNED>.\n")
            && month.contains("«2022-13» er ikke en måned på formen ÅÅÅÅ-MM"),
        "{month}"
    );
    let missing = usage("nn", &["batch", "run"]);
    assert!(
        missing.contains("Dette manglar: --period <MÅNAD>, --user <BRUKAR>"),
        "{missing}"
    );
    let number = usage(
        "nn",
        &["batch", "show", "--period", "2022-01", "--run", "første"],
    );
    assert!(
        number.contains("«første» er ikkje eit heilt tal"),
        "{number}"
    );
    // A language tilskot does not write is refused in the default one.
    let language = db.tilskot(&["--lang", "en", "batch", "list"]);
    assert_eq!(language.status.code(), Some(1));
    assert!(
        printed(&language).contains("«en» er ikkje ei målform tilskot skriv"),
        "{}",
        printed(&language)
    );
}

/// A help text without the names of its subcommands (`batch`, `run`) and
/// its usage line: they are what one types, not prose.
fn without_command_names(help: &str) -> String {
    help.lines()
        .filter(|line| !line.starts_with("Bruk: "))
        .map(|line| match line.strip_prefix("  ") {
            Some(entry) if !entry.starts_with([' ', '-']) => {
                entry.split_once("  ").map_or("", |(_, about)| about)
            }
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_english_check_finds_english_and_lets_options_and_quotes_pass() {
    assert_eq!(
        english_words("feil: Batch 2022-04 run 1 paid"),
        ["batch", "run", "paid"]
    );
    assert!(
        english_words("gje --allow-unverified-rates og «tilskot batch run» i /tmp/payments")
            .is_empty()
    );
}

/// The other commands finance staff, an administrator and an auditor run
/// outside the cycle, in Bokmål: each prints no English word.
#[tokio::test]
async fn imports_rules_users_schemes_forecasts_and_the_audit_speak_the_chosen_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    // Each command line in Bokmål, its words split at spaces (the paths
    // of the test's folder and of the fixtures have none).
    let nb = |line: String| {
        let args: Vec<&str> = line.split_whitespace().collect();
        printed(&db.tilskot(&[&["--lang", "nb"], args.as_slice()].concat()))
    };
    let register = fixture("small-register.csv").display().to_string();
    let accounts = |name: &str| fixture("accounts-2022").join(name).display().to_string();
    let prognosis = db.write(
        "prognose.csv",
        "month,municipality,basis,category,country,count\n2022-09,0301,asylum,adult,SY,3\n",
    );
    let outputs = [
        nb("init --start-period 2022-01 --admin admin".into()),
        nb(format!("register import {register} --user admin")),
        nb(format!("register import {register} --user admin")),
        nb(format!(
            "accounts import --user admin --chart {} --budget {} --allocations {} --ledger {}",
            accounts("chart.csv"),
            accounts("budget-lines.csv"),
            accounts("allocations.csv"),
            accounts("ledger.csv")
        )),
        nb("rules check".into()),
        nb("user add --user admin --name kari --role finance_officer".into()),
        nb("user disable --user admin --name kari".into()),
        nb("user enable --user admin --name kari".into()),
        nb("scheme list".into()),
        nb("scheme status --scheme jobbsjansen --year 2022".into()),
        nb(format!(
            "forecast --year 2022 --as-of 2022-06 --prognosis {}",
            prognosis.display()
        )),
        nb("disability status --year 2022".into()),
        nb("audit verify".into()),
        nb("user add --user admin --name x --role boss".into()),
        nb("explain --person NOBODY".into()),
        nb("accruals --from 2022-05 --to 2022-04".into()),
        nb("scheme status --scheme ukjend --year 2022".into()),
    ];
    for text in &outputs {
        assert!(!text.trim().is_empty());
        assert_eq!(english_words(text), Vec::<String>::new(), "{text}");
        assert!(!text.contains("ikkje"), "no Nynorsk in Bokmål: {text}");
    }
    assert!(
        outputs[2].contains("fantes allerede i registeret"),
        "{}",
        outputs[2]
    );
    assert!(outputs[12].contains("Revisjonsloggen"), "{}", outputs[12]);
    assert!(
        outputs[13].contains("«boss» er ikke en rolle"),
        "{}",
        outputs[13]
    );
    assert!(
        outputs[14].contains("ingen person NOBODY"),
        "{}",
        outputs[14]
    );
    assert!(outputs[15].contains("er etter --to"), "{}", outputs[15]);
    assert!(
        outputs[16].contains("ingen utlysning av ordningen ukjend"),
        "{}",
        outputs[16]
    );
}

/// Refusals that once printed only their English text: a file that is not
/// a database (which also made tilskot retry for half a minute), and a
/// period without a batch to attest.
#[tokio::test]
async fn refusals_that_once_told_english_speak_the_chosen_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.add_users();
    let not_sqlite = db.write("notat.db", "not a database\n");
    let not_sqlite = format!("sqlite://{}", not_sqlite.display());
    let in_language = |lang: &str, url: &str, args: &[&str]| {
        let output = tilskot_in(&db.path(""), url, &[&["--lang", lang], args].concat());
        assert!(!output.status.success(), "{args:?} should be refused");
        printed(&output)
    };
    for (lang, unreadable, no_batch) in [
        (
            "nn",
            "kan ikkje opnast",
            "Det finst inga utbetaling for 2022-05",
        ),
        (
            "nb",
            "kan ikke åpnes",
            "Det finnes ingen utbetaling for 2022-05",
        ),
    ] {
        let outputs = [
            in_language(lang, &not_sqlite, &["batch", "list"]),
            in_language(
                lang,
                &db.url,
                &["batch", "attest", "--period", "2022-05", "--user", "kari"],
            ),
        ];
        assert!(outputs[0].contains(unreadable), "{lang}: {}", outputs[0]);
        assert!(outputs[1].contains(no_batch), "{lang}: {}", outputs[1]);
        for text in &outputs {
            assert_eq!(english_words(text), Vec::<String>::new(), "{lang}: {text}");
        }
    }
}

/// A refused file lists every problem with its file, row and column, and
/// the reason in the reader's language: the register (a row's fields and
/// a person's timeline), the ledger and a prognosis.
#[tokio::test]
async fn a_refused_file_lists_its_problems_in_the_chosen_language() {
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    db.import_register(fixture("small-register.csv").to_str().unwrap());
    let header = crate::support::HEADER;
    let fields = db.write(
        "felt.csv",
        &format!("{header}\nsettled,2022-13-01,X1,H1,1990-01-01,9999,sideways,maybe,Syria,\n"),
    );
    let timeline = db.write(
        "tidslinje.csv",
        &format!("{header}\nmoved,2022-03-01,NOBODY,,,0301,,,,\nmoved,2021-06-01,A2,,,0301,,,,\n"),
    );
    let ledger = db.write(
        "hovudbok.csv",
        "date,voucher,account,statskonto,amount,text\n2022-12-31,X1,8700,0671.99,100;00,x\n",
    );
    let prognosis = db.write(
        "prognose.csv",
        "month,municipality,basis,category,country,count\n2022-05,0301,asylum,adult,SY,many\n",
    );
    for lang in ["nn", "nb"] {
        let refused = |args: &[&str]| {
            let output = db.tilskot(&[&["--lang", lang], args].concat());
            assert_eq!(output.status.code(), Some(1), "{}", printed(&output));
            printed(&output)
        };
        let path = |file: &std::path::PathBuf| file.to_str().unwrap().to_string();
        let outputs = [
            refused(&["register", "import", &path(&fields), "--user", "admin"]),
            refused(&["register", "import", &path(&timeline), "--user", "admin"]),
            refused(&[
                "accounts",
                "import",
                "--user",
                "admin",
                "--ledger",
                &path(&ledger),
            ]),
            refused(&[
                "forecast",
                "--year",
                "2022",
                "--as-of",
                "2022-06",
                "--prognosis",
                &path(&prognosis),
            ]),
        ];
        for text in &outputs {
            assert_eq!(english_words(text), Vec::<String>::new(), "{lang}: {text}");
        }
        // Every field of the bad row is named, each at its column.
        for column in [
            ":2:date:",
            ":2:municipality:",
            ":2:basis:",
            ":2:unaccompanied:",
            ":2:country:",
        ] {
            assert!(
                outputs[0].contains(column),
                "{lang} {column}: {}",
                outputs[0]
            );
        }
        assert!(outputs[1].contains(":2:person_id:") && outputs[1].contains(":3:municipality:"));
        let (ours, theirs) = if lang == "nn" {
            ("ikkje", "ikke")
        } else {
            ("ikke", "ikkje")
        };
        let all = outputs.concat();
        assert!(all.contains(ours) && !all.contains(theirs), "{lang}: {all}");
    }
}

/// The demo, the main job, tells its story in the chosen language too.
#[test]
fn the_demo_tells_its_story_in_bokmal() {
    let dir = tempfile::tempdir().unwrap();
    let output = crate::support::tilskot_in(
        dir.path(),
        "sqlite://unused.db",
        &["--lang", "nb", "demo", "--dir", "demo", "--scale", "0.05"],
    );
    let text = printed(&output);
    assert!(output.status.success(), "{text}");
    assert_eq!(english_words(&text), Vec::<String>::new(), "{text}");
    for words in ["Utbetaling 2022-04:", "Se på:", "Ferdig på"] {
        assert!(text.contains(words), "{words}: {text}");
    }
    assert!(!text.contains("ikkje"), "{text}");
    // Its pages are in Bokmål too: the overview, a batch and the forecast.
    let reports = dir.path().join("demo/reports");
    for (page, words) in [
        ("index.html", "Utbetalinger av tilskudd til kommuner 2022"),
        (
            "batch-2022-04.html",
            "Utbetaling av tilskudd, termin 2022-04",
        ),
        ("forecast-2022.html", "laget hver måned, mot utfallet"),
    ] {
        let html = std::fs::read_to_string(reports.join(page)).unwrap();
        assert!(html.contains("<html lang=\"nb\">"), "{page}");
        assert!(html.contains(words), "{page}: {words}\n{html}");
        for nynorsk in ["ikkje", "Utbetalingar", " tilskot ", "Namn"] {
            assert!(!html.contains(nynorsk), "{page}: {nynorsk}\n{html}");
        }
    }
}
