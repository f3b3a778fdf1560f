//! End to end in headless Chromium (Debian's `chromium` and
//! `chromium-driver`, installed by `.ci/run`), with JavaScript switched
//! off, so the tests also show that the pages need none:
//! - an applicant signs in, fills in and submits an application;
//! - an applicant working in Bokmål meets no Nynorsk and no English on any
//!   page they reach, the error pages and the form with errors included;
//! - a caseworker's score form with two wrong scores names both and keeps
//!   what was typed;
//! - an unknown address shows the 404 page inside the layout;
//! - a finance officer attests, cannot approve their own batch, an approver
//!   approves, the officer pays and downloads the payment file.
//!
//! Without the browser the tests say so and pass, unless
//! `TILSKOT_REQUIRE_BROWSER=1` (set by `.ci/run`) makes its absence a failure.

use crate::support::{Backend, TestDb};
use crate::web::{apply, web_app, Client, PASSWORD};
use fantoccini::{ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One browser at a time: two cores do not run four Chromiums well.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A headless Chromium driving the app served on localhost.
struct Browser {
    client: fantoccini::Client,
    base: String,
    downloads: PathBuf,
    _driver: Driver,
    _lock: tokio::sync::MutexGuard<'static, ()>,
}

type Step<T> = Result<T, fantoccini::error::CmdError>;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Whether the browser is here; its absence fails only when required.
fn browser_installed() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    let required = std::env::var("TILSKOT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{CHROMIUM} and {CHROMEDRIVER} are required: apt-get install chromium chromium-driver"
    );
    eprintln!("SKIPPED: no {CHROMIUM} or {CHROMEDRIVER}; .ci/run installs them");
    false
}

impl Browser {
    /// Serves `router` on a free port and starts Chromium for it.
    async fn start(db: &TestDb, router: axum::Router) -> Browser {
        let lock = ONE_BROWSER.lock().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        let port = free_port();
        let driver = Driver(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver"),
        );
        let downloads = db.path("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let capabilities = capabilities(&db.path("chromium-profile"), &downloads);
        let mut client = None;
        for _ in 0..50 {
            match ClientBuilder::rustls()
                .expect("TLS roots")
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        Browser {
            client: client.expect("chromedriver answers within 10 s"),
            base,
            downloads,
            _driver: driver,
            _lock: lock,
        }
    }

    async fn goto(&self, path: &str) -> Step<()> {
        self.client.goto(&format!("{}{path}", self.base)).await
    }

    async fn fill(&self, id: &str, value: &str) -> Step<()> {
        let field = self.client.wait().for_element(Locator::Id(id)).await?;
        field.clear().await?;
        field.send_keys(value).await
    }

    async fn click(&self, id: &str) -> Step<()> {
        self.client
            .wait()
            .for_element(Locator::Id(id))
            .await?
            .click()
            .await
    }

    /// The text of an element; found again if the page changed under it.
    async fn text_of(&self, css: &str) -> Step<String> {
        let mut last = None;
        for _ in 0..5 {
            match self.client.find(Locator::Css(css)).await?.text().await {
                Ok(text) => return Ok(text),
                Err(stale) => last = Some(stale),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(last.expect("five tries"))
    }

    async fn has(&self, id: &str) -> bool {
        self.client.find(Locator::Id(id)).await.is_ok()
    }

    async fn sign_in(&self, name: &str) -> Step<()> {
        self.goto("/login").await?;
        self.fill("name", name).await?;
        self.fill("password", PASSWORD).await?;
        self.click("sign-in").await?;
        self.client
            .wait()
            .for_url(&format!("{}/applications", self.base).parse().unwrap())
            .await
    }

    async fn sign_out(&self) -> Step<()> {
        self.client
            .find(Locator::Css("header form button"))
            .await?
            .click()
            .await?;
        self.client
            .wait()
            .for_element(Locator::Id("sign-in"))
            .await?;
        Ok(())
    }

    /// Waits (up to ten seconds) until the element's text is `wanted`, and
    /// returns the last text seen.
    async fn wait_for_text(&self, id: &str, wanted: &str) -> String {
        let mut seen = String::new();
        for _ in 0..50 {
            if let Ok(element) = self.client.find(Locator::Id(id)).await {
                seen = element.text().await.unwrap_or_default();
                if seen == wanted {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        seen
    }

    async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// The test application (`web_app`) on SQLite, in a browser; `None` when
/// there is no browser and none is required.
async fn app_in_browser() -> Option<(TestDb, Browser)> {
    if !browser_installed() {
        return None;
    }
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let browser = Browser::start(&db, router).await;
    Some((db, browser))
}

fn capabilities(profile: &Path, downloads: &Path) -> serde_json::Map<String, serde_json::Value> {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "profile.managed_default_content_settings.javascript": 2,
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            }
        }),
    );
    capabilities
}

#[tokio::test]
async fn an_applicant_submits_an_application_in_headless_chromium() {
    let Some((_db, browser)) = app_in_browser().await else {
        return;
    };
    let result = async {
        browser.sign_in("drammen").await?;
        browser.click("new-application").await?;
        for (field, value) in [
            ("project", "Jobbsjansen Drammen 2022"),
            ("amount_applied", "1 800 000"),
            ("budget_total", "2 600 000"),
            ("own_financing", "800 000"),
            ("participants", "15"),
        ] {
            browser.fill(field, value).await?;
        }
        browser.click("save").await?;
        browser.click("submit").await?;
        // The page before the click has a state too ("Utkast"): wait for
        // the page after it.
        let state = browser.wait_for_text("state", "Innsend").await;
        browser.goto("/applications").await?;
        let list = browser.text_of("#applications").await?;
        Step::Ok((state, list))
    }
    .await;
    browser.close().await;
    let (state, list) = result.expect("the browser steps");
    assert_eq!(state, "Innsend");
    assert!(
        list.contains("Jobbsjansen Drammen 2022") && list.contains("Innsend"),
        "{list}"
    );
}

/// Words only Nynorsk writes (Bokmål writes them otherwise).
const NYNORSK: [&str; 16] = [
    "ikkje",
    "eit",
    "frå",
    "søkjar",
    "Søkjar",
    "berre",
    "Eigenfinansiering",
    "Innsend",
    "Tilskot",
    "tilskot",
    "Utlysingar",
    "kva",
    "Brukarar",
    "deltakarar",
    "gjev",
    "vere",
];
/// Words of English a page might leak (codes and untranslated labels).
const ENGLISH: [&str; 16] = [
    "the",
    "and",
    "not",
    "is",
    "Scheme",
    "Applicant",
    "State",
    "Decision",
    "submitted",
    "draft",
    "error",
    "Error",
    "found",
    "required",
    "amount",
    "applications",
];

/// The words of a page's main part that are Nynorsk or English.
fn foreign_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| NYNORSK.contains(word) || ENGLISH.contains(word))
        .map(String::from)
        .collect()
}

#[test]
fn the_language_check_finds_a_planted_word() {
    assert_eq!(foreign_words("Søknaden er ikkje sendt"), vec!["ikkje"]);
    assert_eq!(foreign_words("Status: submitted"), vec!["submitted"]);
    assert!(foreign_words("Søknaden er ikke sendt inn. Tilskudd.").is_empty());
}

#[tokio::test]
async fn an_applicant_working_in_bokmal_meets_no_nynorsk_and_no_english() {
    let Some((_db, browser)) = app_in_browser().await else {
        return;
    };
    let result = async {
        let mut pages = Vec::new();
        browser.goto("/login?lang=nb").await?;
        pages.push(("login", browser.text_of("main").await?));
        browser.fill("name", "drammen").await?;
        browser.fill("password", "not the password").await?;
        browser.click("sign-in").await?;
        browser
            .client
            .wait()
            .for_element(Locator::Id("error"))
            .await?;
        pages.push(("failed sign-in", browser.text_of("main").await?));
        browser.sign_in("drammen").await?;
        pages.push(("applications", browser.text_of("main").await?));
        browser.goto("/calls").await?;
        pages.push(("calls", browser.text_of("main").await?));
        browser.goto("/applications/new").await?;
        pages.push(("new application", browser.text_of("main").await?));
        for (field, value) in [
            ("project", ""),
            ("amount_applied", "12,345"),
            ("participants", "tolv"),
        ] {
            browser.fill(field, value).await?;
        }
        browser.click("save").await?;
        browser
            .client
            .wait()
            .for_element(Locator::Id("errors"))
            .await?;
        pages.push(("form with errors", browser.text_of("main").await?));
        browser
            .client
            .find(Locator::Css("#call option[value='jobbsjansen/2022']"))
            .await?
            .click()
            .await?;
        for (field, value) in [
            ("project", "Jobbsjansen Drammen"),
            ("amount_applied", "1 800 000"),
            ("budget_total", "2 600 000"),
            ("own_financing", "800 000"),
            ("participants", "3"),
        ] {
            browser.fill(field, value).await?;
        }
        browser.click("save").await?;
        browser
            .client
            .wait()
            .for_element(Locator::Id("submit"))
            .await?;
        pages.push(("draft with a warning", browser.text_of("main").await?));
        browser.click("submit").await?;
        browser.wait_for_text("state", "Sendt inn").await;
        pages.push(("submitted application", browser.text_of("main").await?));
        browser.goto("/disability").await?;
        pages.push(("disability", browser.text_of("main").await?));
        browser.goto("/schemes").await?;
        pages.push(("forbidden", browser.text_of("main").await?));
        browser.goto("/applications/999999").await?;
        pages.push(("not found", browser.text_of("main").await?));
        let lang = browser
            .client
            .find(Locator::Css("html"))
            .await?
            .attr("lang")
            .await?;
        Step::Ok((pages, lang))
    }
    .await;
    browser.close().await;
    let (pages, lang) = result.expect("the browser steps");
    assert_eq!(lang.as_deref(), Some("nb"));
    let draft = &pages
        .iter()
        .find(|(name, _)| *name == "draft with a warning")
        .unwrap()
        .1;
    assert!(
        draft.contains("deltakere") && draft.contains("minst 10"),
        "{draft}"
    );
    let errors = &pages
        .iter()
        .find(|(name, _)| *name == "form with errors")
        .unwrap()
        .1;
    assert!(errors.contains("«tolv» er ikke et heltall"), "{errors}");
    for (name, text) in &pages {
        assert!(text.len() > 20, "{name}: the page has text: {text}");
        assert_eq!(foreign_words(text), Vec::<String>::new(), "{name}: {text}");
    }
}

#[tokio::test]
async fn a_score_form_with_two_wrong_scores_names_both_and_keeps_them() {
    if !browser_installed() {
        return;
    }
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
    let id = apply(&drammen, "2 000 000").await;
    let kari = Client::sign_in(&router, "kari", PASSWORD).await;
    kari.post(
        &format!("/applications/{id}/declare"),
        &[("conflict", "false")],
    )
    .await;
    let browser = Browser::start(&db, router).await;
    let result = async {
        browser.sign_in("kari").await?;
        browser.goto(&format!("/applications/{id}")).await?;
        browser.fill("score_results", "7").await?;
        browser.fill("score_cooperation", "4").await?;
        browser.fill("score_labour_market", "-1").await?;
        browser
            .client
            .find(Locator::Css("button[value=save]"))
            .await?
            .click()
            .await?;
        browser
            .client
            .wait()
            .for_element(Locator::Id("errors"))
            .await?;
        let mut seen = Vec::new();
        for criterion in ["results", "cooperation", "labour_market"] {
            let value = browser
                .client
                .find(Locator::Id(&format!("score_{criterion}")))
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            let error = browser.text_of(&format!("#error_{criterion}")).await?;
            seen.push((criterion, value, error));
        }
        Step::Ok((browser.text_of("#errors").await?, seen))
    }
    .await;
    browser.close().await;
    let (summary, seen) = result.expect("the browser steps");
    assert!(summary.contains("2 feil"), "{summary}");
    assert_eq!(seen[0].1, "7");
    assert!(seen[0].2.contains("«7» er ikkje ein poengsum"), "{seen:?}");
    assert_eq!((seen[1].1.as_str(), seen[1].2.as_str()), ("4", ""));
    assert_eq!(seen[2].1, "-1");
    assert!(seen[2].2.contains("«-1» er ikkje ein poengsum"), "{seen:?}");
}

#[tokio::test]
async fn an_unknown_address_shows_the_404_page_in_the_layout() {
    let Some((_db, browser)) = app_in_browser().await else {
        return;
    };
    let result = async {
        browser.sign_in("drammen").await?;
        browser.goto("/no/such/page").await?;
        let heading = browser.text_of("h1").await?;
        let navigation = browser.text_of("header").await?;
        let back = browser.has("error").await;
        Step::Ok((heading, navigation, back))
    }
    .await;
    browser.close().await;
    let (heading, navigation, back) = result.expect("the browser steps");
    assert_eq!(heading, "Fann ikkje sida");
    assert!(
        navigation.contains("Søknader") && navigation.contains("drammen"),
        "{navigation}"
    );
    assert!(back);
}

#[tokio::test]
async fn finance_attests_another_approves_and_the_payment_file_downloads() {
    if !browser_installed() {
        return;
    }
    let db = crate::trust::with_computed_april(Backend::Sqlite).await;
    let store = tilskot::db::Store::open(&db.url).await.unwrap();
    let rules = tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
    let outbox = db.path("web-payments");
    let state = tilskot::web::AppState::new(store, None, false)
        .with_rules(rules)
        .with_outbox(outbox);
    let browser = Browser::start(&db, tilskot::web::router(state)).await;
    let result = async {
        browser.sign_in("kari").await?;
        browser.goto("/batches/2022-04").await?;
        browser.click("attest").await?;
        let attested = browser.wait_for_text("status", "Attestert").await;
        // Kari attested: the page offers her no approval.
        let kari_may_approve = browser.has("approve").await;
        browser.sign_out().await?;
        browser.sign_in("ola").await?;
        browser.goto("/batches/2022-04").await?;
        browser.click("approve").await?;
        let approved = browser.wait_for_text("status", "Godkjend").await;
        browser.sign_out().await?;
        browser.sign_in("kari").await?;
        browser.goto("/batches/2022-04").await?;
        browser
            .client
            .find(Locator::Css("input[name=allow_unverified_rates]"))
            .await?
            .click()
            .await?;
        browser.click("pay").await?;
        let paid = browser.wait_for_text("status", "Utbetalt").await;
        let approved_by = browser.text_of("#approved-by").await?;
        browser.click("payment-file").await?;
        Step::Ok((attested, kari_may_approve, approved, paid, approved_by))
    }
    .await;
    let downloaded = wait_for_download(&browser.downloads).await;
    browser.close().await;
    let (attested, kari_may_approve, approved, paid, approved_by) =
        result.expect("the browser steps");
    assert_eq!(attested, "Attestert");
    assert!(
        !kari_may_approve,
        "the one who attested is offered no approval"
    );
    assert_eq!((approved.as_str(), paid.as_str()), ("Godkjend", "Utbetalt"));
    assert_eq!(approved_by, "ola");
    let xml = downloaded.expect("the payment file is downloaded");
    assert!(xml.contains("pain.001.001.03"), "{xml}");
}

/// The content of the first whole XML file in the download folder, within
/// ten seconds. Chromium writes a download under a temporary name and
/// renames it, so a file seen a moment ago may be gone or half written:
/// only a file read whole, up to the end of its document, counts.
async fn wait_for_download(folder: &Path) -> Option<String> {
    for _ in 0..50 {
        let whole = std::fs::read_dir(folder)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .find(|xml| xml.trim_end().ends_with("</Document>"));
        if whole.is_some() {
            return whole;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    None
}

/// The screenshots of `docs/screens/`, taken from the demo's database:
/// `cargo run --release -- demo`, then
/// `cargo test --test it take_screenshots -- --ignored`
/// (`TILSKOT_DEMO_DIR` names another demo folder). Not a check: it writes
/// the pictures the README shows, in both languages.
#[tokio::test]
#[ignore = "writes docs/screens/ from a demo database; run by hand"]
async fn take_screenshots() {
    assert!(browser_installed(), "screenshots need {CHROMIUM}");
    let demo = PathBuf::from(std::env::var("TILSKOT_DEMO_DIR").unwrap_or("tilskot-demo".into()));
    let url = format!("sqlite://{}", demo.join("tilskot.db").display());
    let store = tilskot::db::Store::open(&url)
        .await
        .expect("run the demo first");
    let rules = tilskot::io::rules_dir::load_rules_dir(&crate::support::rules_dir()).unwrap();
    let today = tilskot::demo::schemes::SERVE_DATE;
    let state = tilskot::web::AppState::new(store, Some(today), false)
        .with_rules(rules)
        .with_outbox(demo.join("payments"));
    let scratch = TestDb::new(Backend::Sqlite).await;
    let browser = Browser::start(&scratch, tilskot::web::router(state)).await;
    let out = Path::new("docs/screens");
    std::fs::create_dir_all(out).unwrap();
    let pages = [
        (tilskot::demo::DEMO_ATTESTER, "batches", "/batches"),
        (tilskot::demo::DEMO_ATTESTER, "batch", "/batches/2022-07"),
        (
            tilskot::demo::schemes::DEMO_CASEWORKERS[0],
            "ranking",
            "/schemes/jobbsjansen/2022",
        ),
        (
            tilskot::demo::schemes::DEMO_APPLICANT,
            "applications",
            "/applications",
        ),
        (
            tilskot::demo::schemes::DEMO_APPLICANT,
            "application",
            "/applications/1",
        ),
        (
            tilskot::demo::disability::DEMO_DISABILITY_CASEWORKER,
            "disability",
            "/disability",
        ),
        (
            tilskot::demo::schemes::DEMO_APPLICANT,
            "not-found",
            "/no/such/page",
        ),
    ];
    let result = async {
        for lang in ["nn", "nb"] {
            browser.goto(&format!("/login?lang={lang}")).await?;
            std::fs::write(
                out.join(format!("{lang}-login.png")),
                browser.client.screenshot().await?,
            )
            .unwrap();
            for (user, name, path) in pages {
                browser.goto("/login").await?;
                browser.fill("name", user).await?;
                browser
                    .fill("password", tilskot::demo::schemes::DEMO_PASSWORD)
                    .await?;
                browser.click("sign-in").await?;
                browser
                    .client
                    .wait()
                    .for_element(Locator::Css("header form"))
                    .await?;
                browser.goto(path).await?;
                let png = browser.client.screenshot().await?;
                std::fs::write(out.join(format!("{lang}-{name}.png")), png).unwrap();
                browser.sign_out().await?;
            }
        }
        Step::Ok(())
    }
    .await;
    browser.close().await;
    result.expect("the browser steps");
}
