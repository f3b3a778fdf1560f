//! End to end in headless Chromium (Debian's `chromium` and
//! `chromium-driver`, installed by `.ci/run`): an applicant signs in,
//! fills in and submits an application, and sees it as submitted. The
//! browser runs with JavaScript switched off, so the test also shows that
//! the pages need none.
//!
//! Without the browser the test says so and passes, unless
//! `TILSKOT_REQUIRE_BROWSER=1` (set by `.ci/run`) makes its absence a failure.

use crate::support::{Backend, TestDb};
use crate::web::{web_app, PASSWORD};
use fantoccini::{ClientBuilder, Locator};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn an_applicant_submits_an_application_in_headless_chromium() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        let required = std::env::var("TILSKOT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "{CHROMIUM} and {CHROMEDRIVER} are required: apt-get install chromium chromium-driver"
        );
        eprintln!("SKIPPED: no {CHROMIUM} or {CHROMEDRIVER}; .ci/run installs them");
        return;
    }
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });

    let port = free_port();
    let _driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let profile = db.path("chromium-profile");
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": { "profile.managed_default_content_settings.javascript": 2 }
        }),
    );
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
    let browser = client.expect("chromedriver answers within 10 s");
    let result = async {
        browser.goto(&format!("{base}/login")).await?;
        browser
            .find(Locator::Id("name"))
            .await?
            .send_keys("drammen")
            .await?;
        browser
            .find(Locator::Id("password"))
            .await?
            .send_keys(PASSWORD)
            .await?;
        browser.find(Locator::Id("sign-in")).await?.click().await?;
        browser
            .wait()
            .for_element(Locator::Id("new-application"))
            .await?
            .click()
            .await?;
        for (field, value) in [
            ("project", "Jobbsjansen Drammen 2022"),
            ("amount_applied", "1 800 000"),
            ("budget_total", "2 600 000"),
            ("own_financing", "800 000"),
            ("participants", "15"),
        ] {
            browser
                .wait()
                .for_element(Locator::Id(field))
                .await?
                .send_keys(value)
                .await?;
        }
        browser.find(Locator::Id("save")).await?.click().await?;
        browser
            .wait()
            .for_element(Locator::Id("submit"))
            .await?
            .click()
            .await?;
        // The page before the click has a state too ("draft"): wait for the
        // page after it, up to ten seconds, and keep the last state seen.
        let mut state = String::new();
        for _ in 0..50 {
            if let Ok(element) = browser.find(Locator::Id("state")).await {
                state = element.text().await.unwrap_or_default();
                if state == "submitted" {
                    break;
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let applications_page = {
            browser.goto(&format!("{base}/applications")).await?;
            browser
                .find(Locator::Id("applications"))
                .await?
                .text()
                .await?
        };
        Ok::<_, fantoccini::error::CmdError>((state, applications_page))
    }
    .await;
    let _ = browser.close().await;
    let (state, list) = result.expect("the browser steps");
    assert_eq!(state, "submitted");
    assert!(
        list.contains("Jobbsjansen Drammen 2022") && list.contains("submitted"),
        "{list}"
    );
}
