//! The web application through its real router and a real database: sign
//! in, what each role may see and do, CSRF, conflicts of interest, the
//! frame under concurrent awards, decision letters and the JSON API.

use crate::schemes::{initialised, mill_tenths};
use crate::support::{Backend, TestDb, BACKENDS};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tilskot::db::schemes::Organisation;
use tilskot::db::Store;
use tilskot::domain::schemes::{parse_schemes, ApplicantKind};
use tilskot::domain::users::{NewUser, Role};
use tilskot::web::{router, AppState};
use tower::ServiceExt;

/// A browser without JavaScript: a session cookie and the page's CSRF token.
pub struct Client {
    router: Router,
    cookie: String,
    csrf: String,
}

pub struct Answer {
    pub status: StatusCode,
    pub location: String,
    pub body: String,
}

fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        location,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// Posts the sign-in form as a browser does: the form page first, for its
/// CSRF token and cookie.
pub async fn post_login(router: &Router, name: &str, password: &str) -> axum::response::Response {
    let form = router
        .clone()
        .oneshot(Request::get("/login").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let cookie = form.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let page = form.into_body().collect().await.unwrap().to_bytes();
    let csrf = String::from_utf8_lossy(&page)
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token on the sign-in form")
        .to_string();
    let request = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie)
        .body(Body::from(form_body(&[
            ("name", name),
            ("password", password),
            ("csrf", &csrf),
        ])))
        .unwrap();
    router.clone().oneshot(request).await.unwrap()
}

impl Client {
    pub async fn sign_in(router: &Router, name: &str, password: &str) -> Client {
        let response = post_login(router, name, password).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "sign in as {name}"
        );
        let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
        assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
        let cookie = set_cookie.split(';').next().unwrap().to_string();
        let mut client = Client {
            router: router.clone(),
            cookie,
            csrf: String::new(),
        };
        let page = client.get("/applications").await;
        client.csrf = page
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a CSRF token on the page")
            .to_string();
        client
    }

    pub async fn get(&self, path: &str) -> Answer {
        let request = Request::get(path)
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        send(&self.router, request).await
    }

    /// A download's bytes as they came (an XLSX file is not text).
    pub async fn get_bytes(&self, path: &str) -> (StatusCode, Vec<u8>) {
        let request = Request::get(path)
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, body.to_vec())
    }

    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let mut all = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let request = Request::post(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form_body(fields)))
            .unwrap();
        send(&self.router, request).await
    }

    pub async fn post_json(&self, path: &str, json: serde_json::Value) -> Answer {
        let request = Request::post(path)
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json.to_string()))
            .unwrap();
        send(&self.router, request).await
    }
}

/// Whole kroner as the pages print them (non-breaking thousands spaces).
fn nok(kroner: i64) -> String {
    tilskot::domain::money::format_nok_grouped(tilskot::domain::money::Ore(kroner * 100))
}

pub const PASSWORD: &str = crate::support::TEST_PASSWORD;

/// Two municipalities with an applicant each, two caseworkers of
/// Jobbsjansen, a finance officer; calls open on 2021-11-15.
pub async fn web_app(db: &TestDb, frame: Option<tilskot::domain::money::Ore>) -> (Store, Router) {
    let store = initialised(db).await;
    if let Some(frame) = frame {
        let mut definitions = parse_schemes(
            include_str!("../../rules/schemes-2022.toml"),
            "schemes-2022.toml",
        )
        .unwrap();
        definitions.truncate(1);
        definitions[0].scheme.frame = frame;
        store.load_schemes(&definitions).await.unwrap();
    }
    for (id, name) in [("3005", "Drammen"), ("0301", "Oslo")] {
        store
            .add_organisation(
                &Organisation {
                    id: id.into(),
                    name: name.into(),
                    kind: ApplicantKind::Municipality,
                },
                "admin",
            )
            .await
            .unwrap();
    }
    let jobbsjansen = ["jobbsjansen".to_string()];
    for (name, role, organisation, schemes) in [
        ("drammen", Role::Applicant, Some("3005"), &[][..]),
        ("oslo", Role::Applicant, Some("0301"), &[][..]),
        ("kari", Role::Caseworker, None, &jobbsjansen[..]),
        ("ola", Role::Caseworker, None, &jobbsjansen[..]),
        ("per", Role::Caseworker, None, &jobbsjansen[..]),
        ("fin", Role::Finance, None, &[][..]),
    ] {
        store
            .save_user(
                &NewUser {
                    name,
                    password: PASSWORD,
                    role,
                    organisation,
                    schemes,
                },
                "admin",
            )
            .await
            .unwrap();
    }
    let today = chrono::NaiveDate::from_ymd_opt(2021, 11, 15);
    let router = router(AppState::new(store.clone(), today, false));
    (store, router)
}

pub fn application_fields(amount: &str) -> Vec<(&'static str, String)> {
    vec![
        ("call", "jobbsjansen/2022".into()),
        ("project", "Jobbsjansen for unge mødrer".into()),
        ("amount_applied", amount.into()),
        ("budget_total", "3 000 000".into()),
        ("own_financing", "900 000".into()),
        ("participants", "14".into()),
        ("later_years", "2023: 1 000 000".into()),
    ]
}

/// Creates and submits an application through the pages; returns its id.
pub async fn apply(client: &Client, amount: &str) -> i64 {
    let fields = application_fields(amount);
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = client.post("/applications", &borrowed).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created
        .location
        .trim_start_matches("/applications/")
        .parse()
        .unwrap();
    let submitted = client
        .post(&format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    id
}

/// A caseworker declares no conflict and submits scores through the pages.
pub async fn review(client: &Client, id: i64) {
    let declared = client
        .post(
            &format!("/applications/{id}/declare"),
            &[("conflict", "false")],
        )
        .await;
    assert_eq!(declared.status, StatusCode::SEE_OTHER, "{}", declared.body);
    let scored = client
        .post(
            &format!("/applications/{id}/scores"),
            &[
                ("score_results", "4"),
                ("score_cooperation", "3"),
                ("score_tailored", "4"),
                ("score_binding", "2"),
                ("score_labour_market", "5"),
                ("action", "submit"),
            ],
        )
        .await;
    assert_eq!(scored.status, StatusCode::SEE_OTHER, "{}", scored.body);
}

#[tokio::test]
async fn an_applicant_sees_and_changes_only_their_own_applications() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (_store, router) = web_app(&db, None).await;
        let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
        let oslo = Client::sign_in(&router, "oslo", PASSWORD).await;
        let id = apply(&drammen, "2 000 000").await;

        let own = drammen.get(&format!("/applications/{id}")).await;
        assert_eq!(own.status, StatusCode::OK);
        assert!(
            own.body.contains("<td id=\"state\">Innsend</td>"),
            "{}",
            own.body
        );

        // Oslo can neither read nor change Drammen's application, by page or API.
        for path in [
            format!("/applications/{id}"),
            format!("/api/applications/{id}"),
            format!("/applications/{id}/letter"),
            format!("/applications/{id}/edit"),
        ] {
            assert_eq!(
                oslo.get(&path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let fields = application_fields("1");
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let edit = oslo
            .post(&format!("/applications/{id}/edit"), &borrowed)
            .await;
        assert_eq!(edit.status, StatusCode::NOT_FOUND);
        let submit = oslo.post(&format!("/applications/{id}/submit"), &[]).await;
        assert_eq!(submit.status, StatusCode::NOT_FOUND);
        let listed = oslo.get("/api/applications").await;
        assert!(
            listed.body.contains("\"applications\":[]") && listed.body.contains("\"total\":0"),
            "{}",
            listed.body
        );
        // An applicant may not decide or see frames.
        let decide = drammen
            .post_json(
                &format!("/api/applications/{id}/decision"),
                serde_json::json!({"kind": "awarded"}),
            )
            .await;
        assert_eq!(decide.status, StatusCode::FORBIDDEN, "{}", decide.body);
        assert_eq!(drammen.get("/schemes").await.status, StatusCode::FORBIDDEN);
        // A submitted application is no longer the applicant's to change.
        let late = drammen
            .post(&format!("/applications/{id}/edit"), &borrowed)
            .await;
        assert_eq!(
            late.status,
            StatusCode::CONFLICT,
            "{backend:?}: {}",
            late.body
        );
    }
}

#[tokio::test]
async fn sign_in_csrf_and_validation_protect_the_forms() {
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let wrong = post_login(&router, "drammen", "guess").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let body = wrong.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("Feil brukarnamn eller passord."));
    let anonymous = send(
        &router,
        Request::get("/applications").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(
        (anonymous.status, anonymous.location.as_str()),
        (StatusCode::SEE_OTHER, "/login")
    );
    let anonymous_api = send(
        &router,
        Request::get("/api/applications")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(anonymous_api.status, StatusCode::UNAUTHORIZED);

    let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
    let fields = application_fields("2 000 000");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut forged = vec![("csrf", "0000")];
    forged.extend_from_slice(&borrowed);
    let refused = drammen.post_raw("/applications", &forged).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // Each wrong field is named at the field, and nothing is stored.
    let bad = drammen
        .post(
            "/applications",
            &[
                ("call", "jobbsjansen/2022"),
                ("project", "X"),
                ("amount_applied", "12,345"),
                ("budget_total", "100"),
                ("own_financing", "50"),
                ("participants", "tolv"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("«12,345» er ikkje eit beløp i kroner"),
        "{}",
        bad.body
    );
    assert!(
        bad.body.contains("«tolv» er ikkje eit heilt tal."),
        "{}",
        bad.body
    );
    assert!(
        drammen
            .get("/api/applications")
            .await
            .body
            .contains("\"applications\":[]"),
        "nothing stored"
    );

    // The JSON API names the fields too, and takes only JSON.
    let api = drammen
        .post_json(
            "/api/applications",
            serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": "", "amount_applied": "1000", "budget_total": "2000", "own_financing": "500", "participants": "12"}),
        )
        .await;
    assert_eq!(api.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(api.body.contains("\"field\":\"project\""), "{}", api.body);
    assert!(
        api.body.contains("Feltet må fyllast ut."),
        "Nynorsk by default: {}",
        api.body
    );
    let bokmal = drammen
        .post_json(
            "/api/applications?lang=nb",
            serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": "", "amount_applied": "1000", "budget_total": "2000", "own_financing": "500", "participants": "12"}),
        )
        .await;
    assert!(
        bokmal.body.contains("Feltet må fylles ut.")
            && bokmal.body.contains("\"code\":\"field-required\""),
        "{}",
        bokmal.body
    );
    // Numbers are taken as the API returns them; a wrong type is a 422
    // naming its field in `fields`, and money never goes through a float.
    let numbers = serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": "P", "amount_applied": 1_000_000, "budget_total": 1_500_000, "own_financing": 500_000, "participants": 15});
    let created = drammen.post_json("/api/applications", numbers).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert!(
        created.body.contains("\"participants\":15"),
        "{}",
        created.body
    );
    for (field, bad) in [
        ("participants", serde_json::json!(15.5)),
        ("amount_applied", serde_json::json!(1000.25)),
        ("year", serde_json::json!("next")),
    ] {
        let mut body = serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": "P", "amount_applied": "1000", "budget_total": "2000", "own_financing": "500", "participants": "12"});
        body[field] = bad;
        let refused = drammen.post_json("/api/applications", body).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            refused.body.contains(&format!("\"field\":\"{field}\"")),
            "{field}: {}",
            refused.body
        );
    }
    let not_json = drammen
        .post_raw("/api/applications", &[("scheme", "jobbsjansen")])
        .await;
    assert_eq!(not_json.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Signing out ends the session on the server.
    let out = drammen.post("/logout", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        drammen.get("/api/applications").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_caseworker_with_a_conflict_of_interest_cannot_score_or_decide() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (store, router) = web_app(&db, None).await;
        let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
        let id = apply(&drammen, "2 000 000").await;
        let kari = Client::sign_in(&router, "kari", PASSWORD).await;
        let declared = kari
            .post(
                &format!("/applications/{id}/declare"),
                &[("conflict", "true")],
            )
            .await;
        assert_eq!(declared.status, StatusCode::SEE_OTHER);
        let page = kari.get(&format!("/applications/{id}")).await;
        assert!(page.body.contains("id=\"conflict\""), "{}", page.body);
        let scored = kari
            .post(
                &format!("/applications/{id}/scores"),
                &[("score_results", "5"), ("action", "save")],
            )
            .await;
        assert_eq!(
            scored.status,
            StatusCode::FORBIDDEN,
            "{backend:?}: {}",
            scored.body
        );
        assert!(
            scored.body.contains("Du har meldt deg inhabil i søknad"),
            "{}",
            scored.body
        );
        // ola and per review (the two reviews the scheme requires); kari
        // still cannot decide, ola can.
        let ola = Client::sign_in(&router, "ola", PASSWORD).await;
        review(&ola, id).await;
        let per = Client::sign_in(&router, "per", PASSWORD).await;
        review(&per, id).await;
        let by_kari = kari
            .post(
                &format!("/applications/{id}/decision"),
                &[("kind", "awarded")],
            )
            .await;
        assert_eq!(by_kari.status, StatusCode::FORBIDDEN, "{}", by_kari.body);
        let by_ola = ola
            .post(
                &format!("/applications/{id}/decision"),
                &[("kind", "awarded")],
            )
            .await;
        assert_eq!(by_ola.status, StatusCode::SEE_OTHER, "{}", by_ola.body);
        // The applicant downloads the decision letter.
        let letter = drammen.get(&format!("/applications/{id}/letter")).await;
        assert_eq!(letter.status, StatusCode::OK);
        assert!(letter.body.contains("Vedtak om tilskot"));
        let (two, one) = (nok(2_000_000), nok(1_000_000));
        assert!(
            letter.body.contains(&format!("id=\"awarded\">{two}")),
            "{}",
            letter.body
        );
        assert!(
            letter.body.contains(&format!("2023: {one}")),
            "{}",
            letter.body
        );
        // Signed by the caseworker who decided, with the appeal paragraph;
        // in Bokmål when asked for.
        assert!(
            letter.body.contains("ola<br>saksbehandlar"),
            "{}",
            letter.body
        );
        assert!(letter.body.contains("id=\"appeal\""), "{}", letter.body);
        let bokmal = drammen
            .get(&format!("/applications/{id}/letter?lang=nb"))
            .await;
        assert!(
            bokmal.body.contains("Vedtaket kan påklages") && !bokmal.body.contains("påklagast"),
            "{}",
            bokmal.body
        );
        // With a signature set, the letter is signed with the full name and
        // the title in the letter's language.
        let signature = tilskot::domain::users::Signature {
            full_name: "Ola Nordmann".into(),
            title: tilskot::domain::users::Title::SeniorAdviser,
        };
        store
            .save_signature("ola", &signature, "admin")
            .await
            .unwrap();
        let signed = drammen.get(&format!("/applications/{id}/letter")).await;
        assert!(
            signed.body.contains("Ola Nordmann<br>seniorrådgjevar"),
            "{}",
            signed.body
        );
        let signed = drammen
            .get(&format!("/applications/{id}/letter?lang=nb"))
            .await;
        assert!(
            signed.body.contains("Ola Nordmann<br>seniorrådgiver"),
            "{}",
            signed.body
        );
        // A notice that an application was recommended but not funded is
        // not a decision of its own: no appeal paragraph.
        let second = apply(&drammen, "1 000 000").await;
        review(&ola, second).await;
        review(&per, second).await;
        let noticed = ola
            .post(
                &format!("/applications/{second}/decision"),
                &[("kind", "recommended_not_funded")],
            )
            .await;
        assert_eq!(noticed.status, StatusCode::SEE_OTHER, "{}", noticed.body);
        let notice = drammen.get(&format!("/applications/{second}/letter")).await;
        assert!(
            notice.body.contains("Melding om søknad som er tilrådd"),
            "{}",
            notice.body
        );
        assert!(!notice.body.contains("id=\"appeal\""), "{}", notice.body);
        let (status, pdf) = drammen
            .get_bytes(&format!("/applications/{id}/letter.pdf"))
            .await;
        if tilskot::io::pdf::chromium().is_some() {
            assert_eq!(status, StatusCode::OK);
            assert!(
                pdf.starts_with(b"%PDF-") && pdf.len() > 1000,
                "{} bytes",
                pdf.len()
            );
        } else {
            assert_eq!(
                status,
                StatusCode::CONFLICT,
                "without Chromium the PDF is refused"
            );
        }
    }
}

#[tokio::test]
async fn two_concurrent_awards_through_the_api_that_exceed_the_frame_leave_exactly_one() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let (store, router) = web_app(&db, Some(mill_tenths(30))).await;
        let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
        let oslo = Client::sign_in(&router, "oslo", PASSWORD).await;
        let a = apply(&drammen, "2 000 000").await;
        let b = apply(&oslo, "2 000 000").await;
        let kari = Client::sign_in(&router, "kari", PASSWORD).await;
        let ola = Client::sign_in(&router, "ola", PASSWORD).await;
        for id in [a, b] {
            review(&kari, id).await;
            review(&ola, id).await;
        }
        let award = serde_json::json!({"kind": "awarded"});
        let (path_a, path_b) = (
            format!("/api/applications/{a}/decision"),
            format!("/api/applications/{b}/decision"),
        );
        let (first, second) = tokio::join!(
            kari.post_json(&path_a, award.clone()),
            ola.post_json(&path_b, award.clone()),
        );
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{backend:?}: {} / {}",
            first.body,
            second.body
        );
        let conflict = if first.status == StatusCode::CONFLICT {
            &first
        } else {
            &second
        };
        assert!(
            conflict.body.contains("\"code\":\"error-frame-exceeded\"")
                && conflict.body.contains("går over ramma"),
            "{}",
            conflict.body
        );
        let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert_eq!(frame.awarded, mill_tenths(20));
        let fin = Client::sign_in(&router, "fin", PASSWORD).await;
        let status = fin.get("/api/schemes/jobbsjansen/2022/status").await;
        assert!(
            status.body.contains("\"available\":\"1000000.00\""),
            "{}",
            status.body
        );
        let page = fin.get("/schemes").await;
        assert!(page.body.contains(&nok(3_000_000)) && page.body.contains(&nok(2_000_000)));
    }
}

#[tokio::test]
async fn finance_pays_an_award_once_and_the_applicant_reports() {
    let db = TestDb::new(Backend::Sqlite).await;
    let (store, router) = web_app(&db, None).await;
    let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
    let id = apply(&drammen, "1 250 000,50").await;
    let kari = Client::sign_in(&router, "kari", PASSWORD).await;
    review(&kari, id).await;
    let ola = Client::sign_in(&router, "ola", PASSWORD).await;
    review(&ola, id).await;
    // A wrong partial amount comes back to the form, named and kept.
    let wrong = kari
        .post(
            &format!("/applications/{id}/decision"),
            &[
                ("kind", "partly_awarded"),
                ("amount", "9 999 999"),
                ("reason", "Delvis"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .body
            .contains("Eit delvis tilskot må vere større enn null")
            && wrong.body.contains("value=\"9 999 999\"")
            && wrong.body.contains("value=\"partly_awarded\" selected")
            && wrong.body.contains(">Delvis</textarea>"),
        "{}",
        wrong.body
    );
    let decided = kari
        .post(
            &format!("/applications/{id}/decision"),
            &[("kind", "partly_awarded"), ("amount", "1 000 000")],
        )
        .await;
    assert_eq!(decided.status, StatusCode::SEE_OTHER, "{}", decided.body);
    // Caseworkers do not pay; finance does, once.
    assert_eq!(
        kari.post(
            &format!("/applications/{id}/pay"),
            &[("date", "2022-03-01")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let fin = Client::sign_in(&router, "fin", PASSWORD).await;
    // Today is 2021-11-15 in these tests: not in the 2022 frame's year.
    let too_early = fin.post(&format!("/applications/{id}/pay"), &[]).await;
    assert_eq!(too_early.status, StatusCode::CONFLICT);
    assert!(
        too_early.body.contains("id=\"pay-error\"")
            && too_early.body.contains("høyrer til eit anna budsjettår"),
        "the refusal comes back to the pay form: {}",
        too_early.body
    );
    let not_a_date = fin
        .post(&format!("/applications/{id}/pay"), &[("date", "1. mars")])
        .await;
    assert_eq!(not_a_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        not_a_date.body.contains("«1. mars» er ikkje ein dato")
            && not_a_date.body.contains("value=\"1. mars\""),
        "{}",
        not_a_date.body
    );
    assert_eq!(
        fin.post(
            &format!("/applications/{id}/pay"),
            &[("date", "2022-03-01")]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        fin.post(
            &format!("/applications/{id}/pay"),
            &[("date", "2022-03-01")]
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
    assert_eq!(frame.paid, tilskot::domain::money::Ore(1_000_000 * 100));
    let scheme_page = fin.get("/schemes/jobbsjansen/2022").await;
    let million = nok(1_000_000);
    assert!(
        scheme_page.body.contains(&format!(
            "<td>Delvis innvilga</td><td class=\"amount\">{million}</td><td class=\"amount\">{million}</td>"
        )),
        "{}",
        scheme_page.body
    );
    let reported = drammen
        .post(
            &format!("/applications/{id}/report"),
            &[("report", "14 deltakarar, 9 i arbeid")],
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);
    let page = drammen.get(&format!("/applications/{id}")).await;
    assert!(
        page.body.contains("<td id=\"state\">Rapportert</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Delvis innvilga"));
}

/// Creates and submits an application through the JSON API; returns its id.
async fn apply_json(client: &Client, project: &str, amount: &str) -> i64 {
    let body = serde_json::json!({"scheme": "jobbsjansen", "year": 2022, "project": project,
        "amount_applied": amount, "budget_total": "5000000", "own_financing": "1500000",
        "participants": 12});
    let created = client.post_json("/api/applications", body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = serde_json::from_str::<serde_json::Value>(&created.body).unwrap()["id"]
        .as_i64()
        .unwrap();
    let submitted = client
        .post_json(
            &format!("/api/applications/{id}/submit"),
            serde_json::json!({}),
        )
        .await;
    assert!(submitted.status.is_success(), "{}", submitted.body);
    id
}

fn projects_of(body: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(body).unwrap();
    json["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["project"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn lists_page_search_and_sort_and_caseworkers_export_them() {
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let drammen = Client::sign_in(&router, "drammen", PASSWORD).await;
    for (project, amount) in [
        ("Alfa", "1000000"),
        ("Beta", "3000000.50"),
        ("Gamma", "2000000"),
    ] {
        apply_json(&drammen, project, amount).await;
    }
    let page = drammen
        .get("/api/applications?sort=project&per_page=2&page=2")
        .await;
    assert_eq!(projects_of(&page.body), vec!["Gamma"]);
    let json: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(
        (json["total"].as_u64(), json["pages"].as_u64()),
        (Some(3), Some(2))
    );
    let found = drammen.get("/api/applications?q=BET").await;
    assert_eq!(projects_of(&found.body), vec!["Beta"]);
    let largest = drammen.get("/api/applications?sort=-amount").await;
    assert_eq!(projects_of(&largest.body), vec!["Beta", "Gamma", "Alfa"]);
    let clamped = drammen.get("/api/applications?per_page=0&page=99").await;
    let json: serde_json::Value = serde_json::from_str(&clamped.body).unwrap();
    assert_eq!(
        (json["per_page"].as_u64(), json["page"].as_u64()),
        (Some(1), Some(3))
    );
    let html = drammen.get("/applications?per_page=2&sort=-id").await;
    assert!(
        html.body.contains("Viser 1–2 av 3") && html.body.contains("rel=\"next\""),
        "{}",
        html.body
    );
    assert!(
        !html.body.contains("export-csv"),
        "applicants are offered no export"
    );
    assert_eq!(
        drammen.get("/applications.csv").await.status,
        StatusCode::FORBIDDEN
    );

    let kari = Client::sign_in(&router, "kari", PASSWORD).await;
    let csv = kari.get("/applications.csv?sort=-amount").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert!(
        lines[0].starts_with("Nr.,Tilskotsordning,År,Organisasjonsnummer"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 4, "{}", csv.body);
    assert!(
        lines[1].contains(",Beta,3000000.50,12,Innsend,"),
        "{}",
        lines[1]
    );
    let (status, bytes) = kari.get_bytes("/applications.xlsx?q=gamma&lang=nb").await;
    assert_eq!(status, StatusCode::OK);
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = calamine::Reader::worksheet_range_at(&mut workbook, 0)
        .unwrap()
        .unwrap();
    assert_eq!(sheet.height(), 2);
    assert_eq!(sheet.get((0, 1)).unwrap().to_string(), "Tilskuddsordning");
    assert_eq!(sheet.get((1, 5)).unwrap().to_string(), "Gamma");
    let amount = calamine::DataType::get_float(sheet.get((1, 6)).unwrap());
    assert_eq!(amount, Some(2_000_000.0));
}

#[tokio::test]
async fn the_openapi_description_names_every_api_route() {
    let db = TestDb::new(Backend::Sqlite).await;
    let (_store, router) = web_app(&db, None).await;
    let anonymous = send(
        &router,
        Request::get("/api/openapi.json")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::OK);
    let document: serde_json::Value = serde_json::from_str(&anonymous.body).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let router_source = std::fs::read_to_string("src/web/mod.rs").unwrap();
    let routes: Vec<&str> = router_source
        .split('"')
        .filter(|part| part.starts_with("/api/"))
        .collect();
    assert!(routes.len() >= 6, "{routes:?}");
    for route in routes {
        assert!(
            document["paths"][route].is_object(),
            "{route} is not described"
        );
    }
    let money = &document["components"]["schemas"]["Application"]["properties"]["amount_applied"];
    assert_eq!(money["type"], "string", "money is a string");
    let list = &document["paths"]["/api/applications"]["get"]["parameters"];
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(4),
        "q, sort, page, per_page"
    );
}
