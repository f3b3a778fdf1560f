//! The demo's disability grant: applications and decisions shaped by the
//! annual report (837 received in 2022, about 991 awarded, about 606 mill.
//! paid), written as the files a municipality and a caseworker would make
//! and taken through the same import and decision as theirs.

use crate::app::batches::load_register;
use crate::app::disability::{decide_from_file, import_applications};
use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::disability::{DisabilityApplication, DISABILITY_SCHEME};
use crate::domain::disability_file::{DecisionRow, APPLICATION_COLUMNS, DECISION_COLUMNS};
use crate::domain::generate_disability::{
    generate_disability, CARRIED_FROM_YEAR_BEFORE, RECEIVED_2022,
};
use crate::domain::rules::RuleBook;
use crate::domain::users::{NewUser, Role};
use anyhow::{anyhow, Result};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::path::Path;

/// The demo's caseworker of the disability grant.
pub const DEMO_DISABILITY_CASEWORKER: &str = "siv.saksbehandlar";

/// Writes, imports and decides the year's applications before the year's
/// batches run, so that the batches pay the awards.
pub async fn apply_and_decide(
    store: &Store,
    rules: &RuleBook,
    dir: &Path,
    year: i32,
    seed: u64,
    scale: Decimal,
) -> Result<()> {
    let register = load_register(store, rules, Period::new(year, 1).expect("January")).await?;
    let scaled = |n: u64| (Decimal::from(n) * scale).round().to_u64().unwrap_or(0);
    let lag = rules.year(year)?.move_lag_months.value;
    let (applications, decisions) = generate_disability(
        &register,
        year,
        scaled(RECEIVED_2022),
        scaled(CARRIED_FROM_YEAR_BEFORE),
        seed,
        lag,
    );
    let applications_file = dir.join(format!("disability-applications-{year}.csv"));
    std::fs::write(&applications_file, applications_csv(&applications))?;
    let decisions_file = dir.join(format!("disability-decisions-{year}.csv"));
    std::fs::write(&decisions_file, decisions_csv(&decisions))?;
    let today = chrono::Local::now().date_naive();
    let municipalities = crate::io::shipped::municipalities();
    store
        .save_user(
            &NewUser {
                name: DEMO_DISABILITY_CASEWORKER,
                password: super::schemes::DEMO_PASSWORD,
                role: Role::Caseworker,
                organisation: None,
                schemes: &[DISABILITY_SCHEME.to_string()],
            },
            "demo",
        )
        .await?;
    let caseworker = store
        .authenticate(DEMO_DISABILITY_CASEWORKER, super::schemes::DEMO_PASSWORD)
        .await?;
    let imported = import_applications(
        store,
        rules,
        &applications_file,
        &caseworker,
        &municipalities,
        today,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let decided = decide_from_file(store, rules, &caseworker, &decisions_file, today)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let args = [
        ("applications", imported.added.to_string()),
        ("file", applications_file.display().to_string()),
        ("decided", decided.to_string()),
        ("caseworker", DEMO_DISABILITY_CASEWORKER.to_string()),
        ("decisions", decisions_file.display().to_string()),
    ];
    println!("{}", super::say("demo-disability", &args));
    Ok(())
}

fn applications_csv(applications: &[DisabilityApplication]) -> String {
    let mut out = APPLICATION_COLUMNS.join(",") + "\n";
    for a in applications {
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            a.reference,
            a.municipality,
            a.person_id,
            a.grant.number(),
            a.grant_year,
            a.documented_expenses
                .map(|e| e.to_string())
                .unwrap_or_default(),
            a.originated_before_settlement,
            a.special_agreement,
            a.received
        ));
    }
    out
}

fn decisions_csv(decisions: &[DecisionRow]) -> String {
    let mut out = DECISION_COLUMNS.join(",") + "\n";
    for d in decisions {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            d.reference,
            d.kind.code(),
            d.amount.map(|a| a.to_string()).unwrap_or_default(),
            d.reason,
            d.date
        ));
    }
    out
}
