//! The demo (edge): the main job end to end on a fresh SQLite database in a
//! directory of its own, with a report per batch and an overview.

/// The benchmark command.
pub mod bench;
/// `bench --runs N`: each run in a process of its own.
pub mod bench_process;
/// `tilskot bench --compare-openfisca`: the accruals beside an OpenFisca model.
pub mod compare;
/// The demo's disability grant: applications and decisions of 2022.
pub mod disability;
/// The demo's forecast of 2022 with a prognosis made in March.
pub mod forecast;
/// The demo's discretionary schemes: Jobbsjansen 2022 replayed.
pub mod schemes;

use crate::app::batches::{act_on_batch, move_lags, pay_batch, prepare_register, run_batch};
use crate::app::register_import::import_register;
use crate::db::{Store, StoredBatch};
use crate::domain::approval::{Action, BatchStatus};
use crate::domain::calendar::Period;
use crate::domain::error::Message;
use crate::domain::generate::{generate_register, to_csv, GenerateOptions};
use crate::domain::money::{format_kroner_grouped, format_nok_grouped};
use crate::domain::municipality::Municipalities;
use crate::domain::payout::{totals_by_municipality, totals_by_municipality_and_grant, BatchLine};
use crate::domain::rules::RateStatus;
use crate::domain::users::{NewUser, Role, User};
use crate::io::rules_dir::load_rules_dir;
use crate::render::i18n::Texts;
use crate::render::reports::{
    batch_csv, batch_file_stem, budget_line_rows, grant_codes, municipality_table, BatchPage,
    BatchSummaryRow, OverviewPage,
};
use anyhow::{anyhow, Context, Result};
use askama::Template;
use rust_decimal::Decimal;
use std::path::Path;
use std::time::Instant;

/// The year the demo pays, and the period it starts paying from.
pub const DEMO_YEAR: i32 = 2022;

/// The demo's finance officer, who attests, and its approver.
pub const DEMO_ATTESTER: &str = "kari.nordmann";
pub const DEMO_APPROVER: &str = "ola.nordmann";

/// The language the demo tells its story in, chosen once by `run_demo`.
static NARRATION: std::sync::OnceLock<Texts> = std::sync::OnceLock::new();

/// The demo's reader's language: its story and its pages.
pub(crate) fn texts() -> Texts {
    NARRATION.get().copied().unwrap_or_default()
}

/// A line of the demo's story in its reader's language.
pub(crate) fn say(key: &str, args: &[(&str, String)]) -> String {
    texts().with(key, args)
}

/// Runs the demo in `dir`: a fresh database, the generated register, the
/// twelve batches of 2022 and the reports. Prints where to look, in the
/// language of `texts`.
pub async fn run_demo(
    dir: &Path,
    rules_dir: &Path,
    seed: u64,
    scale: Decimal,
    texts: Texts,
) -> Result<()> {
    let _ = NARRATION.set(texts);
    let started = Instant::now();
    let municipalities = crate::io::shipped::municipalities();
    let rules = load_rules_dir(rules_dir).map_err(crate::domain::error::Error::from)?;
    let (store, db_path, reports) = fresh_demo_store(dir).await?;
    // The demo replays 2022: what it records is dated in that year.
    crate::db::clock::set_today(Period::new(DEMO_YEAR, 1).map(|p| p.first_day()));
    let shown = db_path.display().to_string();
    println!(
        "{}",
        say(
            "demo-database",
            &[("database", shown), ("year", DEMO_YEAR.to_string())]
        )
    );

    let options = GenerateOptions {
        from_year: 2018,
        to_year: DEMO_YEAR,
        seed,
        scale,
        events_per_person: None,
    };
    let events = generate_register(&options, &municipalities);
    let register_path = dir.join("register.csv");
    to_csv(
        &events,
        std::io::BufWriter::new(std::fs::File::create(&register_path)?),
    )?;
    let args = [
        ("file", register_path.display().to_string()),
        ("events", events.len().to_string()),
        ("year", DEMO_YEAR.to_string()),
        ("seed", seed.to_string()),
        ("scale", scale.to_string()),
    ];
    println!("{}", say("demo-register", &args));

    // Two finance users: one checks (attests) and imports the register,
    // the other approves.
    let attester = demo_user(&store, DEMO_ATTESTER, Role::FinanceOfficer).await?;
    demo_user(&store, DEMO_APPROVER, Role::Approver).await?;
    let today = chrono::Local::now().date_naive();
    let lags = move_lags(&rules);
    let imported = import_register(
        &store,
        &register_path,
        &attester,
        &municipalities,
        today,
        &lags,
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let added = imported.events_added.to_string();
    println!("{}", say("demo-imported", &[("events", added)]));
    prepare_register(&store, &rules).await?;
    let payments = dir.join("payments");
    if payments.exists() {
        std::fs::remove_dir_all(&payments)?;
    }

    disability::apply_and_decide(&store, &rules, dir, DEMO_YEAR, seed, scale).await?;
    let batches = run_the_year(&store, &rules, &payments, &reports).await?;
    let persons = crate::domain::register::Register::build(&events, 2)
        .persons
        .len();
    let overview = overview_page(
        DEMO_YEAR,
        persons,
        store.event_count().await?,
        &batches,
        &municipalities,
        texts,
    );
    let index = reports.join("index.html");
    std::fs::write(&index, overview.render()?)?;
    let forecast_page =
        forecast::forecast_the_year(&store, &rules, rules_dir, dir, &reports, scale, &attester)
            .await?;

    let schemes = crate::demo::schemes::replay_jobbsjansen_2022(&store, seed).await?;
    let args = [
        ("applications", schemes.applications.to_string()),
        ("applied", format_nok_grouped(schemes.applied)),
        ("frame", format_nok_grouped(schemes.after_decisions.frame)),
    ];
    println!("\n{}", say("demo-jobbsjansen", &args));
    let args = [
        (
            "awarded",
            format_nok_grouped(schemes.after_decisions.awarded),
        ),
        ("paid", format_nok_grouped(schemes.at_year_end.paid)),
        ("released", format_nok_grouped(schemes.at_year_end.released)),
        (
            "underspend",
            format_nok_grouped(schemes.at_year_end.underspend()),
        ),
    ];
    println!("  {}", say("demo-jobbsjansen-outcome", &args));
    store.close().await;

    print_where_to_look(&batches, &index, &reports, &payments, &db_path);
    let page = forecast_page.display().to_string();
    println!("  {}", say("demo-look-forecast", &[("file", page)]));
    let elapsed = format!("{:.1?}", started.elapsed());
    println!("\n{}", say("demo-done", &[("elapsed", elapsed)]));
    Ok(())
}

/// Adds a demo user with the demo password and signs them in, as a person
/// at the command line would.
pub async fn demo_user(store: &Store, name: &str, role: Role) -> Result<User> {
    store
        .save_user(
            &NewUser {
                name,
                password: schemes::DEMO_PASSWORD,
                role,
                organisation: None,
                schemes: &[],
            },
            "demo",
        )
        .await?;
    Ok(store.authenticate(name, schemes::DEMO_PASSWORD).await?)
}

/// Deletes the demo's earlier database and reports in `dir` and makes a new
/// database, initialised to pay from January of the demo year.
async fn fresh_demo_store(dir: &Path) -> Result<(Store, std::path::PathBuf, std::path::PathBuf)> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let reports = dir.join("reports");
    if reports.exists() {
        std::fs::remove_dir_all(&reports)?;
    }
    std::fs::create_dir_all(&reports)?;
    for stale in ["tilskot.db", "tilskot.db-wal", "tilskot.db-shm"] {
        let path = dir.join(stale);
        if path.exists() {
            std::fs::remove_file(path)?;
        }
    }
    let db_path = dir.join("tilskot.db");
    let store = Store::connect(&format!("sqlite://{}", db_path.display())).await?;
    crate::app::init::init(&store, Period::new(DEMO_YEAR, 1).expect("January")).await?;
    Ok((store, db_path, reports))
}

/// Runs, attests, approves and pays the twelve batches of the demo year,
/// writing each batch's CSV and page.
async fn run_the_year(
    store: &Store,
    rules: &crate::domain::rules::RuleBook,
    payments: &Path,
    reports: &Path,
) -> Result<Vec<(StoredBatch, Vec<BatchLine>)>> {
    let municipalities = crate::io::shipped::municipalities();
    let mut batches: Vec<(StoredBatch, Vec<BatchLine>)> = Vec::new();
    let attester = store
        .authenticate(DEMO_ATTESTER, schemes::DEMO_PASSWORD)
        .await?;
    for month in 1..=12 {
        let period = Period::new(DEMO_YEAR, month).expect("valid month");
        // Each term is computed, attested, approved and paid on its month's
        // first day, as the replayed year would have it.
        crate::db::clock::set_today(Some(period.first_day()));
        let mut result = run_batch(store, rules, period, &attester).await?;
        if result.batch.status == BatchStatus::Computed {
            let approver = store
                .authenticate(DEMO_APPROVER, schemes::DEMO_PASSWORD)
                .await?;
            act_on_batch(store, rules, period, Action::Attest, &attester).await?;
            act_on_batch(store, rules, period, Action::Approve, &approver).await?;
            // The demo pays on placeholder rates; the batch records that it did.
            pay_batch(
                store,
                rules,
                &municipalities,
                period,
                payments,
                true,
                &attester,
            )
            .await?;
            result.batch = crate::app::batches::current_run(store, period).await?;
        }
        let stem = batch_file_stem(period, result.batch.run_number);
        std::fs::write(
            reports.join(format!("{stem}.csv")),
            batch_csv(&result.lines, rules.year(period.year)?),
        )?;
        std::fs::write(
            reports.join(format!("{stem}.html")),
            batch_page(&result.batch, &result.lines, &municipalities, texts()).render()?,
        )?;
        let rates = if result.lines.is_empty() {
            "–".to_string()
        } else {
            say(
                &format!("rate-status-{}", result.batch.weakest_rate_status),
                &[],
            )
        };
        let args = [
            ("period", period.to_string()),
            ("lines", format!("{:>7}", result.batch.line_count)),
            (
                "total",
                format!("{:>22}", format_nok_grouped(result.batch.total)),
            ),
            ("rates", rates),
        ];
        println!("{}", say("demo-batch", &args));
        batches.push((result.batch, result.lines));
    }
    Ok(batches)
}

/// The closing words of the demo: the rates' status and where to look.
fn print_where_to_look(
    batches: &[(StoredBatch, Vec<BatchLine>)],
    index: &Path,
    reports: &Path,
    payments: &Path,
    db_path: &Path,
) {
    let weakest = weakest_of(batches);
    let year = || ("year", DEMO_YEAR.to_string());
    if weakest != RateStatus::Adopted.code() {
        let status = ("status", say(&format!("rate-status-{weakest}"), &[]));
        println!("\n{}", say("demo-rates-note", &[status, year()]));
    }
    let shown = |path: &Path| path.display().to_string();
    println!("\n{}", say("demo-look", &[]));
    println!("  {}", say("demo-look-overview", &[("file", shown(index))]));
    println!(
        "  {}",
        say("demo-look-batches", &[("folder", shown(reports)), year()])
    );
    println!(
        "  {}",
        say("demo-look-payments", &[("folder", shown(payments))])
    );
    let database = || ("database", shown(db_path));
    println!("  {}", say("demo-look-show", &[database(), year()]));
    let serve = [
        database(),
        ("today", crate::demo::schemes::SERVE_DATE.to_string()),
        (
            "applicant",
            crate::demo::schemes::DEMO_APPLICANT.to_string(),
        ),
        (
            "caseworker",
            crate::demo::schemes::DEMO_CASEWORKERS[0].to_string(),
        ),
        ("finance", crate::demo::schemes::DEMO_FINANCE.to_string()),
        ("password", crate::demo::schemes::DEMO_PASSWORD.to_string()),
    ];
    println!("  {}", say("demo-look-serve", &serve));
}

fn weakest_of(batches: &[(StoredBatch, Vec<BatchLine>)]) -> String {
    let order = [
        "adopted",
        "proposed",
        "inferred",
        "unverified",
        "placeholder",
    ];
    batches
        .iter()
        .map(|(b, _)| b.weakest_rate_status.as_str())
        .max_by_key(|s| order.iter().position(|o| o == s).unwrap_or(order.len()))
        .unwrap_or("adopted")
        .to_string()
}

/// The HTML page of one batch, in the demo's language.
pub fn batch_page(
    batch: &StoredBatch,
    lines: &[BatchLine],
    municipalities: &Municipalities,
    t: Texts,
) -> BatchPage {
    let (rows, grant_totals, total) =
        municipality_table(&totals_by_municipality_and_grant(lines), municipalities);
    let heading = if batch.run_number > 1 {
        Message::new("report-batch-heading-run").arg("run", batch.run_number)
    } else {
        Message::new("report-batch-heading")
    };
    BatchPage {
        t,
        title: Message::new("report-batch-title").arg("period", batch.period),
        heading: heading.arg("period", batch.period),
        intro: Message::new("report-batch-intro").arg("computed", &batch.computed_at),
        rates_not_adopted: batch.weakest_rate_status != RateStatus::Adopted.code(),
        rates_warning: Message::new("report-batch-rates-warning").named(
            "status",
            "rate-status",
            &batch.weakest_rate_status,
        ),
        grant_codes: grant_codes(),
        rows,
        grant_totals,
        total,
    }
}

/// The overview page of a year's batches, in the demo's language.
pub fn overview_page(
    year: i32,
    persons: usize,
    events: i64,
    batches: &[(StoredBatch, Vec<BatchLine>)],
    municipalities: &Municipalities,
    t: Texts,
) -> OverviewPage {
    let all_lines: Vec<BatchLine> = batches
        .iter()
        .flat_map(|(_, lines)| lines.iter().cloned())
        .collect();
    let (rows, grant_totals, total) = municipality_table(
        &totals_by_municipality_and_grant(&all_lines),
        municipalities,
    );
    let weakest = weakest_of(batches);
    OverviewPage {
        t,
        title: Message::new("report-overview-title").arg("year", year),
        heading: Message::new("report-overview-heading").arg("year", year),
        intro: Message::new("report-overview-intro")
            .arg("persons", format_kroner_grouped(persons as i64))
            .arg("events", format_kroner_grouped(events))
            .arg("year", year),
        rates_not_adopted: weakest != RateStatus::Adopted.code(),
        rates_warning: Message::new("report-overview-rates-warning")
            .named("status", "rate-status", &weakest)
            .arg("year", year),
        budget_lines: budget_line_rows(&all_lines, year),
        batches: batches
            .iter()
            .map(|(batch, lines)| {
                let stem = batch_file_stem(batch.period, batch.run_number);
                BatchSummaryRow {
                    period: batch.period.to_string(),
                    run_number: batch.run_number,
                    total: format_nok_grouped(batch.total),
                    municipalities: totals_by_municipality(lines).len(),
                    rate_status: if lines.is_empty() {
                        String::new()
                    } else {
                        batch.weakest_rate_status.clone()
                    },
                    csv: format!("{stem}.csv"),
                    html: format!("{stem}.html"),
                }
            })
            .collect(),
        grant_codes: grant_codes(),
        rows,
        grant_totals,
        total,
    }
}
