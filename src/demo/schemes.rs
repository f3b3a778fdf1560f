//! The demo's discretionary schemes (edge): Jobbsjansen 2022 as the report
//! tells it — 41 applications for 173.9 mill. against a frame of 93.2 mill.
//! — reviewed by two caseworkers, decided by the ranking, paid in March and
//! closed at year end; plus web users to sign in with `tilskot serve`.

use crate::db::schemes::{request_of, Organisation};
use crate::db::Store;
use crate::domain::application::{ApplicationFigures, FrameStatus};
use crate::domain::generate::SplitMix64;
use crate::domain::money::Ore;
use crate::domain::municipality::Municipality;
use crate::domain::schemes::{share_pro_rata, ApplicantKind};
use crate::domain::users::{NewUser, Role, Signature, Title};
use anyhow::{anyhow, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The password of the demo's web users; a demo database only.
pub const DEMO_PASSWORD: &str = "tilskot-demo-passord";
pub const DEMO_APPLICANT: &str = "drammen.kommune";
pub const DEMO_CASEWORKERS: [&str; 2] = ["kari.saksbehandlar", "per.saksbehandlar"];
pub const DEMO_FINANCE: &str = "fin.okonomi";

/// What the replay ended with.
pub struct SchemeDemo {
    pub applications: usize,
    pub applied: Ore,
    pub after_decisions: FrameStatus,
    pub at_year_end: FrameStatus,
}

fn tenths_of_a_million(tenths: i64) -> Ore {
    Ore(tenths * 10_000_000)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The 41 applicant municipalities (Drammen first) and the demo's web users.
async fn add_organisations_and_users(
    store: &Store,
    scheme_code: &str,
) -> Result<Vec<Municipality>> {
    let municipalities = crate::io::shipped::municipalities();
    // Drammen (3005) first: the demo applicant's own municipality.
    let mut chosen: Vec<Municipality> = municipalities
        .iter()
        .filter(|m| m.number.to_string() == "3005")
        .chain(
            municipalities
                .iter()
                .filter(|m| m.number.to_string() != "3005"),
        )
        .take(41)
        .cloned()
        .collect();
    chosen.truncate(41);
    for m in &chosen {
        store
            .add_organisation(
                &Organisation {
                    id: m.number.to_string(),
                    name: m.name.clone(),
                    kind: ApplicantKind::Municipality,
                },
                "demo",
            )
            .await?;
    }
    let caseworker_schemes = [scheme_code.to_string()];
    for (name, role, organisation, schemes) in [
        (DEMO_APPLICANT, Role::Applicant, Some("3005"), &[][..]),
        (
            DEMO_CASEWORKERS[0],
            Role::Caseworker,
            None,
            &caseworker_schemes[..],
        ),
        (
            DEMO_CASEWORKERS[1],
            Role::Caseworker,
            None,
            &caseworker_schemes[..],
        ),
        (DEMO_FINANCE, Role::Finance, None, &[][..]),
    ] {
        store
            .save_user(
                &NewUser {
                    name,
                    password: DEMO_PASSWORD,
                    role,
                    organisation,
                    schemes,
                },
                "demo",
            )
            .await?;
    }
    for (name, full_name, title) in [
        (
            DEMO_CASEWORKERS[0],
            "Kari Saksbehandlar",
            Title::SeniorAdviser,
        ),
        (DEMO_CASEWORKERS[1], "Per Saksbehandlar", Title::Adviser),
    ] {
        let full_name = full_name.to_string();
        store
            .save_signature(name, &Signature { full_name, title }, "demo")
            .await?;
    }
    Ok(chosen)
}

/// Finance pays every award in March, but for one project that never
/// started; its commitment is released at year end.
async fn pay_all_but_one(store: &Store) -> Result<()> {
    let mut skipped = false;
    for application in store.applications_of_call("jobbsjansen", 2022).await? {
        if application.committed.is_some() {
            if !skipped {
                skipped = true;
                continue;
            }
            crate::db::clock::set_today(Some(date(2022, 3, 1)));
            store
                .pay_commitment(application.id, date(2022, 3, 1), DEMO_FINANCE)
                .await?;
        }
    }
    crate::db::clock::set_today(Some(date(2022, 12, 31)));
    store
        .release_unpaid("jobbsjansen", 2022, DEMO_FINANCE)
        .await?;
    Ok(())
}

/// The day the demo's caseworker decides the 2022 call.
const DECISION_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2022, 1, 14) {
    Some(date) => date,
    None => panic!("a valid date"),
};

/// The day the demo serves its pages at: the replayed year is over (paid,
/// released, its calls closed), the next year's accounts not yet closed.
pub const SERVE_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2023, 1, 16) {
    Some(date) => date,
    None => panic!("a valid date"),
};

/// Replays Jobbsjansen 2022 into an initialised store, each step recorded
/// at the date it happens in the replayed year.
pub async fn replay_jobbsjansen_2022(store: &Store, seed: u64) -> Result<SchemeDemo> {
    let scheme = store.scheme_call("jobbsjansen", 2022).await?;
    let mut rng = SplitMix64::new(seed);
    let chosen = add_organisations_and_users(store, &scheme.code).await?;
    // 40 eligible applications in whole thousands of NOK, shared out of
    // 171.8 mill. by random weights, and one of 2.1 mill. with 8
    // participants: 173.9 mill. in all, as in the report.
    let ineligible = tenths_of_a_million(21);
    let weights: Vec<Ore> = (0..40)
        .map(|_| Ore((2 + rng.below(6) as i64) * 1_000_000))
        .collect();
    let thousands = share_pro_rata(Ore(171_800), &weights);
    let mut amounts: Vec<Ore> = thousands.iter().map(|t| Ore(t.0 * 100_000)).collect();
    amounts.push(ineligible);
    let applied: Ore = amounts.iter().copied().sum();
    for (index, (m, amount)) in chosen.iter().zip(&amounts).enumerate() {
        // Own financing about 29 % of the budget, as the report's average.
        let budget = Ore(amount.0 * 100 / 71);
        let figures = ApplicationFigures {
            project: format!("Jobbsjansen {}", m.name),
            amount_applied: *amount,
            budget_total: budget,
            own_financing: budget - *amount,
            participants: if index == 40 {
                8
            } else {
                10 + rng.below(20) as u32
            },
            later_years: if index % 4 == 0 {
                vec![(2023, *amount), (2024, Ore(amount.0 / 2))]
            } else {
                Vec::new()
            },
        };
        let organisation = m.number.to_string();
        let submitted = date(2021, 11, 1 + (index % 28) as u32);
        crate::db::clock::set_today(Some(submitted));
        let id = store
            .create_application("jobbsjansen", 2022, &organisation, &figures, DEMO_APPLICANT)
            .await?;
        store
            .submit_application(id, submitted, DEMO_APPLICANT)
            .await?;
        crate::db::clock::set_today(Some(date(2021, 12, 10)));
        for reviewer in DEMO_CASEWORKERS {
            store.declare_review(id, reviewer, false).await?;
            let scores: BTreeMap<String, u32> = scheme
                .criteria
                .iter()
                .map(|c| (c.code.clone(), rng.below(6) as u32))
                .collect();
            store.save_scores(id, reviewer, &scores, true).await?;
        }
    }
    crate::db::clock::set_today(Some(DECISION_DATE));
    for decision in store
        .propose_allocation("jobbsjansen", 2022, &BTreeMap::new())
        .await?
        .decisions
    {
        let id: i64 = decision.application_id.parse()?;
        store
            .decide(id, &request_of(&decision), DEMO_CASEWORKERS[0])
            .await
            .map_err(|e| anyhow!("application {id}: {e}"))?;
    }
    let after_decisions = store.frame_status("jobbsjansen", 2022).await?;
    pay_all_but_one(store).await?;
    Ok(SchemeDemo {
        applications: amounts.len(),
        applied,
        after_decisions,
        at_year_end: store.frame_status("jobbsjansen", 2022).await?,
    })
}
