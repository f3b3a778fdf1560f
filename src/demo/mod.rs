//! The demo (edge): the main job end to end on a fresh SQLite database in a
//! directory of its own, with a report per batch and an overview.

/// The benchmark command.
pub mod bench;
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
use crate::domain::generate::{generate_register, to_csv, GenerateOptions};
use crate::domain::money::format_nok_grouped;
use crate::domain::municipality::Municipalities;
use crate::domain::payout::{totals_by_municipality, totals_by_municipality_and_grant, BatchLine};
use crate::domain::rules::RateStatus;
use crate::domain::users::{NewUser, Role, User};
use crate::io::rules_dir::load_rules_dir;
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

/// Runs the demo in `dir`: a fresh database, the generated register, the
/// twelve batches of 2022 and the reports. Prints where to look.
pub async fn run_demo(dir: &Path, rules_dir: &Path, seed: u64, scale: Decimal) -> Result<()> {
    let started = Instant::now();
    let municipalities = crate::io::shipped::municipalities();
    let rules = load_rules_dir(rules_dir).map_err(|e| anyhow!(e))?;
    let (store, db_path, reports) = fresh_demo_store(dir).await?;
    // The demo replays 2022: what it records is dated in that year.
    crate::db::clock::set_today(Period::new(DEMO_YEAR, 1).map(|p| p.first_day()));
    println!(
        "Database: {} (tilskot pays from {DEMO_YEAR}-01)",
        db_path.display()
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
    println!(
        "Register: {} ({} events, 2018–{DEMO_YEAR}, seed {seed}, scale {scale})",
        register_path.display(),
        events.len()
    );

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
    println!("Imported {} events", imported.events_added);
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
    );
    let index = reports.join("index.html");
    std::fs::write(&index, overview.render()?)?;
    let forecast_page =
        forecast::forecast_the_year(&store, &rules, rules_dir, dir, &reports, scale, &attester)
            .await?;

    let schemes = crate::demo::schemes::replay_jobbsjansen_2022(&store, seed).await?;
    println!(
        "\nJobbsjansen 2022: {} applications for {} NOK against a frame of {} NOK",
        schemes.applications,
        format_nok_grouped(schemes.applied),
        format_nok_grouped(schemes.after_decisions.frame)
    );
    println!(
        "  awarded {} NOK; paid {} NOK; released at year end {} NOK; underspend {} NOK",
        format_nok_grouped(schemes.after_decisions.awarded),
        format_nok_grouped(schemes.at_year_end.paid),
        format_nok_grouped(schemes.at_year_end.released),
        format_nok_grouped(schemes.at_year_end.underspend())
    );
    store.close().await;

    print_where_to_look(&batches, &index, &reports, &payments, &db_path);
    println!(
        "  {}  (the forecast of 2022 made in each month, beside the outcome and the allocation)",
        forecast_page.display()
    );
    println!("\nDone in {:.1?}.", started.elapsed());
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
            batch_page(&result.batch, &result.lines, &municipalities).render()?,
        )?;
        let rates = if result.lines.is_empty() {
            "–"
        } else {
            result.batch.weakest_rate_status.as_str()
        };
        println!(
            "Batch {period}: {:>7} lines, {:>22} NOK, rates {rates}",
            result.batch.line_count,
            format_nok_grouped(result.batch.total),
        );
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
    if weakest != RateStatus::Adopted.code() {
        println!(
            "\nNOTE: the rates behind these batches are not adopted (weakest status: {weakest}).\n\
             Placeholder rates are chosen by the project so that the engine can run; they are not real rates.\n\
             See `tilskot rules show --year {DEMO_YEAR}`."
        );
    }
    println!("\nLook at:");
    println!("  {}  (overview: per municipality and grant, totals per chapter/post beside the annual report)", index.display());
    println!(
        "  {}/batch-{DEMO_YEAR}-MM.csv and .html  (one per monthly batch)",
        reports.display()
    );
    println!(
        "  {}/TS-*.xml  (the pain.001 payment files, one per paid batch)",
        payments.display()
    );
    println!(
        "  tilskot --db sqlite://{} batch show --period {DEMO_YEAR}-07",
        db_path.display()
    );
    println!(
        "  tilskot --db sqlite://{} serve --today {} --insecure-cookies   then http://127.0.0.1:8080/ as {} (applicant), {} (caseworker) or {} (finance), password {}\n    (--today {}: the replayed year is over, so the pages show it paid, released and its calls closed)",
        db_path.display(),
        crate::demo::schemes::SERVE_DATE,
        crate::demo::schemes::DEMO_APPLICANT,
        crate::demo::schemes::DEMO_CASEWORKERS[0],
        crate::demo::schemes::DEMO_FINANCE,
        crate::demo::schemes::DEMO_PASSWORD,
        crate::demo::schemes::SERVE_DATE,
    );
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

/// The HTML page of one batch.
pub fn batch_page(
    batch: &StoredBatch,
    lines: &[BatchLine],
    municipalities: &Municipalities,
) -> BatchPage {
    let (rows, grant_totals, total) =
        municipality_table(&totals_by_municipality_and_grant(lines), municipalities);
    BatchPage {
        period: batch.period.to_string(),
        run_number: batch.run_number,
        computed_at: batch.computed_at.clone(),
        rate_status: batch.weakest_rate_status.clone(),
        rates_not_adopted: batch.weakest_rate_status != RateStatus::Adopted.code(),
        grant_codes: grant_codes(),
        rows,
        grant_totals,
        total,
    }
}

/// The overview page of a year's batches.
pub fn overview_page(
    year: i32,
    persons: usize,
    events: i64,
    batches: &[(StoredBatch, Vec<BatchLine>)],
    municipalities: &Municipalities,
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
        year,
        persons,
        events,
        rates_not_adopted: weakest != RateStatus::Adopted.code(),
        weakest_status: weakest,
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
                        "–".into()
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
