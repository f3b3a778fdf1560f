//! Discretionary schemes in the database: the Jobbsjansen 2022 replay, the
//! frame under concurrent awards, payments to the ledger, releases and the
//! year-end underspend, on SQLite and PostgreSQL.

use crate::support::{TestDb, BACKENDS};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use tilskot::db::schemes::{AwardError, DecideError, Organisation};
use tilskot::db::Store;
use tilskot::domain::application::{ApplicationFigures, DecisionKind, DecisionRequest};
use tilskot::domain::money::{format_nok_grouped, Ore};
use tilskot::domain::schemes::{parse_schemes, ApplicantKind};

/// The catalogue key a refusal tells a person, if it tells one.
fn told_key(error: &tilskot::domain::error::Error) -> Option<&'static str> {
    use tilskot::domain::error::Error;
    match error {
        Error::NotFound(reason) | Error::NotAllowed(reason) | Error::Refused(reason) => {
            reason.message.as_ref().map(|message| message.key)
        }
        Error::Invalid { summary, .. } => summary.message.as_ref().map(|message| message.key),
        Error::Internal(_) => None,
    }
}

/// A caseworker's award of `amount`, without reasons.
pub fn award(amount: Ore) -> DecisionRequest {
    DecisionRequest {
        kind: DecisionKind::Awarded,
        amount,
        reason: String::new(),
        message: None,
    }
}

pub fn mill_tenths(tenths: i64) -> Ore {
    Ore(tenths * 10_000_000)
}

pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub async fn initialised(db: &TestDb) -> Store {
    let store = Store::connect(&db.url).await.unwrap();
    tilskot::app::init::init(&store, "2022-01".parse().unwrap())
        .await
        .unwrap();
    store
}

/// Figures of an eligible Jobbsjansen application (12 participants, 30 %
/// own financing).
pub fn figures(project: &str, amount: Ore) -> ApplicationFigures {
    let own = Ore(amount.0 * 3 / 7);
    ApplicationFigures {
        project: project.into(),
        amount_applied: amount,
        budget_total: amount + own,
        own_financing: own,
        participants: 12,
        later_years: Vec::new(),
    }
}

/// Drammen (3005) as an applicant organisation, added by the
/// administrator; returns its id.
pub async fn add_drammen(store: &Store) -> String {
    store
        .add_organisation(
            &Organisation {
                id: "3005".into(),
                name: "Drammen".into(),
                kind: ApplicantKind::Municipality,
            },
            "admin",
        )
        .await
        .unwrap();
    "3005".into()
}

/// The municipalities as organisations, the first `n` of the register.
pub async fn municipalities(store: &Store, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for m in tilskot::io::shipped::municipalities().iter().take(n) {
        let id = m.number.to_string();
        store
            .add_organisation(
                &Organisation {
                    id: id.clone(),
                    name: m.name.clone(),
                    kind: ApplicantKind::Municipality,
                },
                "admin",
            )
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

/// A submitted application scored by `reviewer` and by a second
/// caseworker with the given values: the two submitted reviews the scheme
/// requires before a decision.
pub async fn reviewed_application(
    store: &Store,
    organisation: &str,
    figures: &ApplicationFigures,
    reviewer: &str,
    values: [u32; 5],
) -> i64 {
    let id = singly_reviewed_application(store, organisation, figures, reviewer, values).await;
    add_caseworker(store, SECOND_REVIEWER).await;
    review(store, id, SECOND_REVIEWER, values).await;
    id
}

/// The caseworker who gives every test application its second review.
pub const SECOND_REVIEWER: &str = "second-reviewer";

/// A submitted application scored by `reviewer` alone.
pub async fn singly_reviewed_application(
    store: &Store,
    organisation: &str,
    figures: &ApplicationFigures,
    reviewer: &str,
    values: [u32; 5],
) -> i64 {
    let id = store
        .create_application("jobbsjansen", 2022, organisation, figures, organisation)
        .await
        .unwrap();
    store
        .submit_application(id, date("2021-11-15"), organisation)
        .await
        .unwrap();
    review(store, id, reviewer, values).await;
    id
}

/// `reviewer` declares no conflict and submits the scores.
pub async fn review(store: &Store, id: i64, reviewer: &str, values: [u32; 5]) {
    store.declare_review(id, reviewer, false).await.unwrap();
    let codes = [
        "results",
        "cooperation",
        "tailored",
        "binding",
        "labour_market",
    ];
    let scores: BTreeMap<String, u32> = codes
        .iter()
        .zip(values)
        .map(|(c, v)| (c.to_string(), v))
        .collect();
    store
        .save_scores(id, reviewer, &scores, true)
        .await
        .unwrap();
}

/// A finance user who pays and releases scheme commitments.
pub async fn add_finance(store: &Store, name: &str) {
    store
        .save_user(
            &tilskot::domain::users::NewUser {
                name,
                password: crate::support::TEST_PASSWORD,
                role: tilskot::domain::users::Role::Finance,
                organisation: None,
                schemes: &[],
            },
            "admin",
        )
        .await
        .unwrap();
}

pub async fn add_caseworker(store: &Store, name: &str) {
    store
        .save_user(
            &tilskot::domain::users::NewUser {
                name,
                password: crate::support::TEST_PASSWORD,
                role: tilskot::domain::users::Role::Caseworker,
                organisation: None,
                schemes: &["jobbsjansen".to_string(), "integreringstiltak".to_string()],
            },
            "admin",
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn jobbsjansen_2022_replayed_in_the_database_commits_exactly_the_frame() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        let organisations = municipalities(&store, 41).await;
        // 40 eligible applications of 2.0–5.0 mill. and one with too few
        // participants; 41 for 173.9 mill. in all, as in the report.
        let ineligible = mill_tenths(21);
        let mut amounts: Vec<Ore> = (0..39).map(|i| mill_tenths(20 + (i * 7) % 31)).collect();
        let so_far: Ore = amounts.iter().copied().sum();
        amounts.push(mill_tenths(1739) - ineligible - so_far);
        assert!(amounts[39].0 > 0);
        let mut ids = Vec::new();
        for (i, amount) in amounts.iter().enumerate() {
            let values = [(i % 6) as u32, 3, ((i * 5) % 6) as u32, 2, 4];
            ids.push(
                reviewed_application(
                    &store,
                    &organisations[i],
                    &figures(&format!("Jobbsjansen {i}"), *amount),
                    "kari",
                    values,
                )
                .await,
            );
        }
        let mut too_few = figures("Jobbsjansen 40", ineligible);
        too_few.participants = 8;
        let rejected_id = reviewed_application(
            &store,
            &organisations[40],
            &too_few,
            "kari",
            [5, 5, 5, 5, 5],
        )
        .await;
        store.close().await;

        let output = db.ok(&[
            "scheme",
            "propose",
            "--scheme",
            "jobbsjansen",
            "--year",
            "2022",
            "--apply",
            "--user",
            "kari",
        ]);
        assert!(output.contains("41 vedtak er skrivne"), "{output}");
        let status = db.ok(&[
            "scheme",
            "status",
            "--scheme",
            "jobbsjansen",
            "--year",
            "2022",
        ]);
        let awarded_line = status.lines().find(|l| l.contains("Innvilga")).unwrap();
        assert!(
            awarded_line.contains(&format_nok_grouped(mill_tenths(932))),
            "{status}"
        );

        let store = Store::connect(&db.url).await.unwrap();
        let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert_eq!(frame.awarded, mill_tenths(932), "{backend:?}");
        assert_eq!(frame.available(), Ore::ZERO);
        let applications = store
            .applications_of_call("jobbsjansen", 2022)
            .await
            .unwrap();
        assert_eq!(applications.len(), 41);
        assert_eq!(
            applications
                .iter()
                .map(|a| a.figures.amount_applied)
                .sum::<Ore>(),
            mill_tenths(1739)
        );
        let count = |kind: DecisionKind| {
            applications
                .iter()
                .filter(|a| a.decision == Some(kind))
                .count()
        };
        assert_eq!(count(DecisionKind::Rejected), 1);
        assert!(count(DecisionKind::PartlyAwarded) <= 1);
        assert_eq!(
            count(DecisionKind::Awarded)
                + count(DecisionKind::PartlyAwarded)
                + count(DecisionKind::RecommendedNotFunded),
            40
        );
        let rejected = store.application(rejected_id).await.unwrap();
        assert!(rejected
            .decision_reason
            .clone()
            .unwrap()
            .contains("8 participants, the scheme requires at least 10"));
        // The reason a letter gives is the stored message, in either language.
        let message = rejected.decision_message.clone().expect("a stored message");
        let nynorsk = tilskot::render::i18n::Texts::new(tilskot::render::i18n::Lang::Nn);
        let bokmal = tilskot::render::i18n::Texts::new(tilskot::render::i18n::Lang::Nb);
        assert_eq!(
            nynorsk.message(&message),
            "Prosjektet har 8 deltakarar. Ordninga krev minst 10."
        );
        assert_eq!(
            bokmal.message(&message),
            "Prosjektet har 8 deltakere. Ordningen krever minst 10."
        );
        let not_funded = applications
            .iter()
            .find(|a| a.decision == Some(DecisionKind::RecommendedNotFunded))
            .expect("one recommended but not funded");
        assert_eq!(
            not_funded.decision_message.as_ref().map(|m| m.key),
            Some("decision-reason-frame-used")
        );
        // Every award is in ranking order: no funded application ranks below
        // one recommended but not funded (checked by amounts committed).
        let committed: Ore = applications.iter().filter_map(|a| a.committed).sum();
        assert_eq!(committed, mill_tenths(932));
        assert_eq!(ids.len(), 40);
    }
}

#[tokio::test]
async fn two_concurrent_awards_that_together_exceed_the_frame_leave_exactly_one_committed() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        let mut small = parse_schemes(
            include_str!("../../rules/schemes-2022.toml"),
            "schemes-2022.toml",
        )
        .unwrap();
        small.truncate(1);
        small[0].scheme.frame = mill_tenths(10);
        store.load_schemes(&small).await.unwrap();
        add_caseworker(&store, "kari").await;
        let organisations = municipalities(&store, 2).await;
        let a = reviewed_application(
            &store,
            &organisations[0],
            &figures("A", mill_tenths(6)),
            "kari",
            [3; 5],
        )
        .await;
        let b = reviewed_application(
            &store,
            &organisations[1],
            &figures("B", mill_tenths(6)),
            "kari",
            [3; 5],
        )
        .await;
        // Two connections (two pools): as two server processes would be.
        let first = Store::connect(&db.url).await.unwrap();
        let second = Store::connect(&db.url).await.unwrap();
        let award = award(mill_tenths(6));
        let (ra, rb) = tokio::join!(
            first.decide(a, &award, "kari"),
            second.decide(b, &award, SECOND_REVIEWER)
        );
        let results = [ra, rb];
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "{backend:?}: {results:?}");
        let refused = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(
            matches!(
                refused,
                DecideError::Award(AwardError::FrameExceeded { available, .. }) if *available == mill_tenths(4)
            ),
            "{backend:?}: {refused:?}"
        );
        let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert_eq!(frame.awarded, mill_tenths(6));
        // The refused application is still open for a decision.
        let mut states = Vec::new();
        for id in [a, b] {
            states.push(store.application(id).await.unwrap().state.code());
        }
        states.sort();
        assert_eq!(states, vec!["decided", "in_review"], "{backend:?}");
    }
}

#[tokio::test]
async fn an_award_is_paid_once_to_the_sector_account_and_the_rest_released_at_year_end() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        let organisations = municipalities(&store, 2).await;
        let mut multi_year = figures("Fleirårig", mill_tenths(20));
        multi_year.later_years = vec![(2023, mill_tenths(15)), (2024, mill_tenths(10))];
        let paid_id =
            reviewed_application(&store, &organisations[0], &multi_year, "kari", [4; 5]).await;
        let unpaid_id = reviewed_application(
            &store,
            &organisations[1],
            &figures("Aldri utbetalt", mill_tenths(5)),
            "kari",
            [2; 5],
        )
        .await;
        store
            .decide(paid_id, &award(mill_tenths(20)), "kari")
            .await
            .unwrap();
        store
            .decide(unpaid_id, &award(mill_tenths(5)), "kari")
            .await
            .unwrap();
        // Later years are reservations, not commitments against this frame.
        assert_eq!(
            store.reservations(paid_id).await.unwrap(),
            vec![(2023, mill_tenths(15)), (2024, mill_tenths(10))]
        );
        let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert_eq!(frame.awarded, mill_tenths(25));

        let paid = store
            .pay_commitment(paid_id, date("2022-03-01"), "fin")
            .await
            .unwrap();
        assert_eq!(paid, mill_tenths(20));
        let again = store
            .pay_commitment(paid_id, date("2022-03-02"), "fin")
            .await;
        assert_eq!(told_key(&again.unwrap_err()), Some("error-already-paid"));
        let ledger = store.ledger_data().await.unwrap();
        let on_870: Ore = ledger
            .entries
            .iter()
            .filter(|e| {
                e.account == "870"
                    && e.budget_key.as_ref().map(|k| k.to_string()).as_deref() == Some("0671.62")
            })
            .map(|e| e.amount)
            .sum();
        assert_eq!(on_870, mill_tenths(20), "{backend:?}");

        add_finance(&store, "fin").await;
        store.close().await;
        let closed = db.ok(&[
            "scheme",
            "close-year",
            "--scheme",
            "jobbsjansen",
            "--year",
            "2022",
            "--user",
            "fin",
        ]);
        assert!(
            closed.contains(&format!(
                "{} kroner i forpliktingar",
                format_nok_grouped(mill_tenths(5))
            )),
            "{closed}"
        );
        let store = Store::connect(&db.url).await.unwrap();
        let frame = store.frame_status("jobbsjansen", 2022).await.unwrap();
        assert_eq!(frame.paid, mill_tenths(20));
        assert_eq!(frame.released, mill_tenths(5));
        assert_eq!(frame.outstanding(), Ore::ZERO);
        assert_eq!(frame.underspend(), mill_tenths(932) - mill_tenths(20));
        assert_eq!(frame.available(), mill_tenths(932) - mill_tenths(20));
        let released = store
            .pay_commitment(unpaid_id, date("2022-12-31"), "fin")
            .await;
        assert_eq!(told_key(&released.unwrap_err()), Some("error-released"));
        let history = store.transitions(paid_id).await.unwrap();
        let steps: Vec<&str> = history.iter().map(|t| t.to.as_str()).collect();
        assert_eq!(
            steps,
            vec!["draft", "submitted", "in_review", "decided", "paid"]
        );
        assert!(history
            .iter()
            .all(|t| !t.actor.is_empty() && !t.at.is_empty()));
    }
}

#[tokio::test]
async fn reviews_hide_other_scores_until_both_are_submitted_and_a_conflicted_reviewer_cannot_score()
{
    let db = TestDb::new(crate::support::Backend::Sqlite).await;
    let store = initialised(&db).await;
    add_caseworker(&store, "kari").await;
    add_caseworker(&store, "ola").await;
    add_caseworker(&store, "per").await;
    let organisations = municipalities(&store, 1).await;
    let id = singly_reviewed_application(
        &store,
        &organisations[0],
        &figures("P", mill_tenths(10)),
        "kari",
        [5, 4, 3, 2, 1],
    )
    .await;
    store.declare_review(id, "ola", false).await.unwrap();
    let one: BTreeMap<String, u32> = [("results".to_string(), 2)].into_iter().collect();
    store.save_scores(id, "ola", &one, false).await.unwrap();
    // ola has not submitted: kari's scores are hidden from ola, ola's
    // unsubmitted score from kari.
    let seen_by_ola = store.reviews_for(id, Some("ola")).await.unwrap();
    let kari = seen_by_ola.iter().find(|r| r.reviewer == "kari").unwrap();
    assert!(kari.submitted && kari.scores.is_empty());
    let seen_by_kari = store.reviews_for(id, Some("kari")).await.unwrap();
    assert!(seen_by_kari
        .iter()
        .find(|r| r.reviewer == "ola")
        .unwrap()
        .scores
        .is_empty());
    assert_eq!(
        seen_by_kari
            .iter()
            .find(|r| r.reviewer == "kari")
            .unwrap()
            .scores["results"],
        5
    );
    // A submitted review scores every criterion.
    assert!(store
        .save_scores(id, "ola", &one, true)
        .await
        .unwrap_err()
        .to_string()
        .contains("every criterion"));
    let all: BTreeMap<String, u32> = [
        "results",
        "cooperation",
        "tailored",
        "binding",
        "labour_market",
    ]
    .iter()
    .map(|c| (c.to_string(), 3))
    .collect();
    store.save_scores(id, "ola", &all, true).await.unwrap();
    let seen_by_ola = store.reviews_for(id, Some("ola")).await.unwrap();
    assert_eq!(
        seen_by_ola
            .iter()
            .find(|r| r.reviewer == "kari")
            .unwrap()
            .scores
            .len(),
        5
    );
    // per declares a conflict of interest and cannot score.
    store.declare_review(id, "per", true).await.unwrap();
    let error = store.save_scores(id, "per", &all, false).await.unwrap_err();
    assert!(
        error.to_string().contains("conflict of interest"),
        "{error}"
    );
    assert!(store.declare_review(id, "per", false).await.is_err());
}

#[tokio::test]
async fn an_unreviewed_application_is_not_ranked_and_an_ineligible_one_is_proposed_for_rejection() {
    let db = TestDb::new(crate::support::Backend::Sqlite).await;
    let store = initialised(&db).await;
    add_caseworker(&store, "kari").await;
    let organisations = municipalities(&store, 3).await;
    let reviewed = reviewed_application(
        &store,
        &organisations[0],
        &figures("Reviewed", mill_tenths(10)),
        "kari",
        [3; 5],
    )
    .await;
    let submit = |organisation: String, figures: ApplicationFigures| {
        let store = store.clone();
        async move {
            let id = store
                .create_application("jobbsjansen", 2022, &organisation, &figures, "applicant")
                .await
                .unwrap();
            store
                .submit_application(id, date("2021-11-20"), "applicant")
                .await
                .unwrap();
            id
        }
    };
    let waiting = submit(
        organisations[1].clone(),
        figures("Waiting", mill_tenths(10)),
    )
    .await;
    let mut too_few = figures("Too few", mill_tenths(10));
    too_few.participants = 3;
    let ineligible = submit(organisations[2].clone(), too_few).await;

    let proposal = store
        .propose_allocation("jobbsjansen", 2022, &BTreeMap::new())
        .await
        .unwrap();
    assert_eq!(proposal.not_reviewed, vec![waiting]);
    let proposed: Vec<String> = proposal
        .decisions
        .iter()
        .map(|d| d.application_id.clone())
        .collect();
    assert!(proposed.contains(&reviewed.to_string()) && proposed.contains(&ineligible.to_string()));
    // The ineligible one is decided like any other: after the reviews the
    // scheme requires, by a caseworker who declared no conflict.
    review(&store, ineligible, "kari", [0; 5]).await;
    review(&store, ineligible, SECOND_REVIEWER, [0; 5]).await;
    store.close().await;

    let output = db.ok(&[
        "scheme",
        "propose",
        "--scheme",
        "jobbsjansen",
        "--year",
        "2022",
        "--apply",
        "--user",
        "kari",
    ]);
    assert!(
        output.contains(&format!("Søknad {waiting}: ikkje vurdert enno")),
        "{output}"
    );
    assert!(output.contains("2 vedtak er skrivne"), "{output}");
    let store = Store::connect(&db.url).await.unwrap();
    assert_eq!(
        store.application(waiting).await.unwrap().state.code(),
        "submitted"
    );
    assert_eq!(
        store.application(ineligible).await.unwrap().decision,
        Some(DecisionKind::Rejected)
    );
}

#[tokio::test]
async fn reloading_schemes_refuses_a_frame_below_the_awards_an_unknown_budget_line_and_a_dropped_scored_criterion(
) {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        let organisations = municipalities(&store, 1).await;
        let id = reviewed_application(
            &store,
            &organisations[0],
            &figures("A", mill_tenths(20)),
            "kari",
            [3; 5],
        )
        .await;
        store
            .decide(
                id,
                &DecisionRequest {
                    kind: DecisionKind::Awarded,
                    amount: mill_tenths(20),
                    reason: String::new(),
                    message: None,
                },
                "kari",
            )
            .await
            .unwrap();
        let shipped = parse_schemes(
            include_str!("../../rules/schemes-2022.toml"),
            "schemes-2022.toml",
        )
        .unwrap();

        let mut lowered = shipped.clone();
        lowered[0].scheme.frame = mill_tenths(10);
        let refused = store.load_schemes(&lowered).await.unwrap_err();
        assert_eq!(
            told_key(&refused),
            Some("error-frame-below-awards"),
            "{backend:?}"
        );

        let mut unknown = shipped.clone();
        unknown[0].scheme.budget_key =
            tilskot::domain::ledger::BudgetKey::parse("0999.99").unwrap();
        let error = store.load_schemes(&unknown).await.unwrap_err();
        assert!(error.to_string().contains("budget line 0999.99"), "{error}");

        let mut fewer = shipped.clone();
        fewer[0].scheme.criteria.pop();
        let error = store.load_schemes(&fewer).await.unwrap_err();
        assert!(error.to_string().contains("has scores"), "{error}");

        // Nothing of the refused loads was written.
        let call = store.scheme_call("jobbsjansen", 2022).await.unwrap();
        assert_eq!(call.frame, mill_tenths(932));
        assert_eq!(call.criteria.len(), 5);
        // A criterion nobody scored can go.
        let mut other = shipped.clone();
        other[1].scheme.criteria.pop();
        store.load_schemes(&other).await.unwrap();
        assert_eq!(
            store
                .scheme_call("integreringstiltak", 2022)
                .await
                .unwrap()
                .criteria
                .len(),
            3
        );
    }
}

#[tokio::test]
async fn the_readme_pay_and_release_commands_post_once_and_give_back_to_the_frame() {
    let db = TestDb::new(crate::support::Backend::Sqlite).await;
    let store = initialised(&db).await;
    add_caseworker(&store, "kari").await;
    add_finance(&store, "fin").await;
    let organisations = municipalities(&store, 2).await;
    let mut ids = Vec::new();
    for (i, organisation) in organisations.iter().enumerate() {
        let id = reviewed_application(
            &store,
            organisation,
            &figures(&format!("P{i}"), mill_tenths(10)),
            "kari",
            [3; 5],
        )
        .await;
        store
            .decide(
                id,
                &DecisionRequest {
                    kind: DecisionKind::Awarded,
                    amount: mill_tenths(10),
                    reason: String::new(),
                    message: None,
                },
                "kari",
            )
            .await
            .unwrap();
        ids.push(id.to_string());
    }
    store.close().await;
    let paid = db.ok(&[
        "scheme",
        "pay",
        "--application",
        &ids[0],
        "--date",
        "2022-03-01",
        "--user",
        "fin",
    ]);
    assert!(paid.contains("er utbetalt og bokført 2022-03-01"), "{paid}");
    let late = db.fails(&[
        "scheme",
        "pay",
        "--application",
        &ids[1],
        "--date",
        "2023-01-02",
        "--user",
        "fin",
    ]);
    assert!(late.contains("høyrer til eit anna budsjettår"), "{late}");
    let again = db.fails(&[
        "scheme",
        "pay",
        "--application",
        &ids[0],
        "--date",
        "2022-03-02",
        "--user",
        "fin",
    ]);
    assert!(again.contains("Søknad 1 er alt utbetalt"), "{again}");
    let released = db.ok(&[
        "scheme",
        "release",
        "--application",
        &ids[1],
        "--reason",
        "project cancelled",
        "--user",
        "fin",
    ]);
    assert!(
        released.contains(&format!(
            "{} kroner er frigjorde",
            format_nok_grouped(mill_tenths(10))
        )),
        "{released}"
    );
    let status = db.ok(&[
        "scheme",
        "status",
        "--scheme",
        "jobbsjansen",
        "--year",
        "2022",
    ]);
    let line = |label: &str| {
        status
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap()
            .to_string()
    };
    assert!(
        line("Utbetalt").contains(&format_nok_grouped(mill_tenths(10))),
        "{status}"
    );
    assert!(
        line("Frigjort").contains(&format_nok_grouped(mill_tenths(10))),
        "{status}"
    );
    assert!(
        line("Tilgjengeleg").contains(&format_nok_grouped(mill_tenths(922))),
        "{status}"
    );
}

/// `tilskot check` recomputes every call's frame from its commitments,
/// payments and releases. The store never lets a payment exceed its award,
/// so the check can only fail when the rows were changed behind tilskot's
/// back: then it names the call and its figures, in the reader's language.
#[tokio::test]
async fn check_names_a_call_whose_payments_exceed_its_awards() {
    for backend in BACKENDS {
        let db = TestDb::new(backend).await;
        let store = initialised(&db).await;
        add_caseworker(&store, "kari").await;
        let organisation = add_drammen(&store).await;
        let amount = mill_tenths(20);
        let id = reviewed_application(
            &store,
            &organisation,
            &figures("Ramma", amount),
            "kari",
            [4; 5],
        )
        .await;
        store.decide(id, &award(amount), "kari").await.unwrap();
        store
            .pay_commitment(id, date("2022-03-01"), "fin")
            .await
            .unwrap();
        store.close().await;
        let clean = db.ok(&["check"]);
        assert!(!clean.contains("går ikkje opp"), "{backend:?}: {clean}");

        let tampered = amount + Ore(100);
        sqlx::query("UPDATE scheme_payment SET amount_ore = $1 WHERE application_id = $2")
            .bind(tampered.0)
            .bind(id)
            .execute(&db.raw_pool().await)
            .await
            .unwrap();
        let figures_told = format!(
            "tildelt {} kroner, utbetalt {} kroner og frigjort {} kroner",
            format_nok_grouped(amount),
            format_nok_grouped(tampered),
            format_nok_grouped(Ore::ZERO)
        );
        let nynorsk = db.fails(&["check"]);
        assert!(
            nynorsk.contains("Ramma for") && nynorsk.contains("2022 går ikkje opp"),
            "{backend:?}: {nynorsk}"
        );
        assert!(nynorsk.contains(&figures_told), "{backend:?}: {nynorsk}");
        let bokmaal = db.fails(&["check", "--lang", "nb"]);
        assert!(
            bokmaal.contains("Rammen for") && bokmaal.contains("2022 går ikke opp"),
            "{backend:?}: {bokmaal}"
        );
        assert!(!bokmaal.contains("Ramma for"), "{backend:?}: {bokmaal}");
    }
}
