//! `tilskot bench`: the register at a scale, imported, accrued, paid month
//! by month, and the statements of a ledger of a million postings, each
//! measured as wall time and throughput. Prints figures; asserts nothing.

use crate::app::batches::{
    act_on_batch, current_run, load_register, move_lags, pay_batch, prepare_register, run_batch,
};
use crate::app::register_import::import_register;
use crate::db::Store;
use crate::demo::compare::{compare_with_openfisca, Comparison};
use crate::domain::accrual::compute_accruals;
use crate::domain::approval::{Action, BatchStatus, Role};
use crate::domain::calendar::Period;
use crate::domain::generate::{generate_register, to_csv, GenerateOptions};
use crate::domain::ledger::{BudgetKey, Posting, Voucher};
use crate::domain::money::Ore;
use crate::domain::rules::RuleBook;
use crate::domain::statements::{build_statements, StatementInput};
use crate::io::shipped::reference_data as shipped_reference_data;
use crate::render::progress::spinner;
use anyhow::{anyhow, bail, Result};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::path::Path;
use std::time::{Duration, Instant};

/// One measured stage.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Figure {
    pub stage: Cow<'static, str>,
    pub wall: Duration,
    pub count: u64,
    pub unit: Cow<'static, str>,
    /// The most memory resident while the stage ran (VmHWM after the peak
    /// was reset at its start), where the system tells.
    pub peak_kib: Option<u64>,
}

/// Times one stage and its peak resident memory.
struct Stopwatch {
    started: Instant,
    peak_was_reset: bool,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        release_freed_memory();
        Stopwatch {
            peak_was_reset: reset_peak_memory(),
            started: Instant::now(),
        }
    }

    fn figure(&self, stage: &'static str, count: u64, unit: &'static str) -> Figure {
        Figure {
            stage: stage.into(),
            wall: self.started.elapsed(),
            count,
            unit: unit.into(),
            peak_kib: peak_memory_kib().filter(|_| self.peak_was_reset),
        }
    }
}

/// Gives back to the system the memory earlier stages (and runs) freed.
/// glibc keeps freed memory for reuse, resident, so without this every
/// stage's peak would include what the stages before it had used: the
/// generator's 2.8 M events made the import after it look 500 MiB bigger
/// than the import alone is. Elsewhere than on glibc, nothing.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer and frees no memory in use; it
    // only returns pages of free heap memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Resets this process's peak resident memory to what is resident now
/// (Linux: `5` into `/proc/self/clear_refs`); false where it cannot.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

impl Figure {
    fn throughput(&self) -> String {
        let secs = self.wall.as_secs_f64();
        if self.count == 0 || secs == 0.0 {
            return String::new();
        }
        format!("{:>12.0} {}/s", self.count as f64 / secs, self.unit)
    }
}

/// The postings of the synthetic ledger for the statements stage.
pub const BENCH_LEDGER_POSTINGS: usize = 1_000_000;

/// Runs every stage and returns the figures; `db` is a fresh SQLite file
/// unless a PostgreSQL URL of an empty database is given.
/// The OpenFisca peer to compare with, if asked (`--compare-openfisca`).
#[derive(Debug, Clone)]
pub struct Peer {
    pub model: std::path::PathBuf,
    /// The rules file of 2022, whose rates the model reads.
    pub rules_file: std::path::PathBuf,
}

/// What a bench measured.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct BenchReport {
    pub figures: Vec<Figure>,
    pub comparison: Option<Comparison>,
}

/// What to measure: the register's size and shape, the database and the
/// peer to compare with.
#[derive(Debug, Clone)]
pub struct BenchOptions<'a> {
    pub scale: Decimal,
    /// Moves added for load tests (`--events-per-person`).
    pub events_per_person: Option<u32>,
    /// An empty PostgreSQL database; a fresh SQLite file when `None`.
    pub db: Option<&'a str>,
    pub peer: Option<&'a Peer>,
}

pub async fn run_bench(
    options: &BenchOptions<'_>,
    rules: &RuleBook,
    work_dir: &Path,
) -> Result<BenchReport> {
    let store = fresh_store(options.db, work_dir).await?;
    let mut figures = Vec::new();
    let progress = spinner("generating the register");
    let register_file =
        generate_and_import(options, &store, rules, work_dir, &progress, &mut figures).await?;

    progress.set_message("computing the accruals of 2022");
    // As a new process: the persons come from the stored snapshot.
    store.clear_register_cache();
    let watch = Stopwatch::start();
    let december = Period::new(2022, 12).expect("December");
    let register = load_register(&store, rules, december).await?;
    let accruals = compute_accruals(
        &register,
        rules,
        Period::new(2022, 1).expect("January"),
        december,
    )?;
    figures.push(watch.figure(
        "accruals 2022 (snapshot read + compute)",
        accruals.len() as u64,
        "person-months",
    ));
    let persons = register.persons.len();
    drop(accruals);
    drop(register);

    let comparison = match options.peer {
        Some(peer) => {
            progress.set_message("comparing with OpenFisca");
            let files = (&peer.rules_file, &register_file, &peer.model);
            Some(compare_with_openfisca(&store, rules, files.0, files.1, files.2).await?)
        }
        None => None,
    };

    progress.set_message("running, approving and paying the twelve batches of 2022");
    figures.push(twelve_batches(&store, rules, work_dir).await?);

    progress.set_message("writing a ledger of a million postings");
    let watch = Stopwatch::start();
    let written = write_bench_ledger(&store, BENCH_LEDGER_POSTINGS).await?;
    figures.push(watch.figure("ledger write (bulk vouchers)", written as u64, "postings"));
    let watch = Stopwatch::start();
    let data = store.ledger_data().await?;
    let statements = build_statements(&StatementInput {
        year: 2022,
        accounts: &data.accounts,
        budget_lines: &data.budget_lines,
        allocations: &data.allocations,
        entries: &data.entries,
    })
    .map_err(|e| anyhow!("{e}"))?;
    let postings = store.posting_count().await?;
    figures.push(watch.figure(
        "statements 2022 (load + build + check)",
        postings as u64,
        "postings",
    ));
    drop(statements);
    progress.finish_and_clear();
    store.close().await;
    figures.push(Figure {
        stage: "persons in the register".into(),
        wall: Duration::ZERO,
        count: persons as u64,
        unit: "persons".into(),
        peak_kib: None,
    });
    Ok(BenchReport {
        figures,
        comparison,
    })
}

/// The stages up to a register ready to pay from: generated, written as a
/// file, imported and built into the stored snapshot. Returns the file.
async fn generate_and_import(
    options: &BenchOptions<'_>,
    store: &Store,
    rules: &RuleBook,
    work_dir: &Path,
    progress: &indicatif::ProgressBar,
    figures: &mut Vec<Figure>,
) -> Result<std::path::PathBuf> {
    let municipalities = crate::io::shipped::municipalities();
    let watch = Stopwatch::start();
    let events = generate_register(
        &GenerateOptions {
            from_year: 2018,
            to_year: 2022,
            seed: 42,
            scale: options.scale,
            events_per_person: options.events_per_person,
        },
        &municipalities,
    );
    let register_file = work_dir.join("register.csv");
    to_csv(
        &events,
        std::io::BufWriter::new(std::fs::File::create(&register_file)?),
    )?;
    figures.push(watch.figure("generate register 2018–2022", events.len() as u64, "events"));
    let event_count = events.len() as u64;
    drop(events);

    progress.set_message("importing the register");
    let importer = crate::demo::demo_user(store, "bench-importer", Role::FinanceOfficer).await?;
    let watch = Stopwatch::start();
    let today = chrono::Local::now().date_naive();
    import_register(
        store,
        &register_file,
        &importer,
        &municipalities,
        today,
        &move_lags(rules),
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    // As `register import` does: a no-op here, where the first import
    // already stored the persons' snapshot from the events in memory.
    prepare_register(store, rules).await?;
    figures.push(watch.figure(
        "register import (events + persons' snapshot)",
        event_count,
        "events",
    ));
    Ok(register_file)
}

/// A fresh database for the bench: a new SQLite file in `work_dir`, or the
/// PostgreSQL database named, which must be empty.
async fn fresh_store(db: Option<&str>, work_dir: &Path) -> Result<Store> {
    std::fs::create_dir_all(work_dir)?;
    let url = match db {
        Some(url) => url.to_string(),
        None => {
            let file = work_dir.join("bench.db");
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
            format!("sqlite://{}", file.display())
        }
    };
    // The payment files of an earlier run belong to its database.
    let payments = work_dir.join("payments");
    if payments.exists() {
        std::fs::remove_dir_all(&payments)?;
    }
    let store = Store::connect(&url).await?;
    if store.event_count().await? > 0 {
        bail!("the benchmark needs an empty database; {url} already holds a register");
    }
    crate::app::init::init(&store, Period::new(2022, 1).expect("January")).await?;
    Ok(store)
}

/// Runs, attests, approves and pays the twelve batches of 2022.
async fn twelve_batches(store: &Store, rules: &RuleBook, work_dir: &Path) -> Result<Figure> {
    let municipalities = crate::io::shipped::municipalities();
    let attester = crate::demo::demo_user(store, "bench-attester", Role::FinanceOfficer).await?;
    let approver = crate::demo::demo_user(store, "bench-approver", Role::Approver).await?;
    // The batches load the register themselves: the accruals stage's copy
    // is dropped, so that this stage is measured end to end.
    store.clear_register_cache();
    let watch = Stopwatch::start();
    let mut lines = 0u64;
    for month in 1..=12 {
        let period = Period::new(2022, month).expect("valid month");
        let result = run_batch(store, rules, period, &attester).await?;
        lines += result.lines.len() as u64;
        if result.batch.status == BatchStatus::Computed {
            act_on_batch(store, rules, period, Action::Attest, &attester).await?;
            act_on_batch(store, rules, period, Action::Approve, &approver).await?;
            pay_batch(
                store,
                rules,
                &municipalities,
                period,
                &work_dir.join("payments"),
                true,
                &attester,
            )
            .await?;
            current_run(store, period).await?;
        }
    }
    Ok(watch.figure("twelve batches 2022 (run, approve, pay)", lines, "lines"))
}

/// Writes balanced vouchers of grants to municipalities (two postings each)
/// until the ledger holds at least `postings` postings.
async fn write_bench_ledger(store: &Store, postings: usize) -> Result<usize> {
    let (accounts, _) = shipped_reference_data()?;
    let grant_accounts: Vec<&str> = accounts
        .iter()
        .filter(|a| a.group == "grants")
        .map(|a| a.account.as_str())
        .collect();
    let keys = ["0671.60", "0671.61", "0671.62", "0671.71", "0672.60"]
        .map(|k| BudgetKey::parse(k).expect("valid"));
    let existing = store.posting_count().await? as usize;
    let wanted = postings.saturating_sub(existing).div_ceil(2);
    let mut written = 0;
    let mut index = 0usize;
    while index < wanted {
        let chunk = (wanted - index).min(50_000);
        let vouchers: Vec<Voucher> = (index..index + chunk)
            .map(|i| {
                let amount = Ore(100_000 + (i as i64 * 7_919) % 10_000_000);
                Voucher {
                    reference: format!("BENCH-{i:08}"),
                    date: chrono::NaiveDate::from_ymd_opt(
                        2022,
                        1 + (i % 12) as u32,
                        1 + (i % 28) as u32,
                    )
                    .expect("valid date"),
                    postings: vec![
                        Posting {
                            account: grant_accounts[i % grant_accounts.len()].to_string(),
                            budget_key: Some(keys[i % keys.len()].clone()),
                            amount,
                            counterparty: None,
                            text: "bench".into(),
                        },
                        Posting {
                            account: crate::domain::payout::TREASURY_PAYMENTS_ACCOUNT.into(),
                            budget_key: None,
                            amount: -amount,
                            counterparty: None,
                            text: "bench".into(),
                        },
                    ],
                }
            })
            .collect();
        store
            .import_accounts("bench", &[], &[], &[], &vouchers, "bench")
            .await?;
        written += chunk * 2;
        index += chunk;
    }
    Ok(written)
}

/// Peak resident memory of this process (VmHWM), where the system tells.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
}

/// Minimum, median and maximum of one or more runs (at least one).
pub fn min_median_max(runs: &[Duration]) -> (Duration, Duration, Duration) {
    let mut sorted = runs.to_vec();
    sorted.sort();
    (
        sorted[0],
        sorted[sorted.len() / 2],
        sorted[sorted.len() - 1],
    )
}

/// The figures of one or more runs as the table `tilskot bench` prints:
/// per stage the minimum, median and maximum wall time, the median's
/// throughput and the highest peak memory of the runs. `header` says what
/// was run, where and when.
pub fn render(runs: &[Vec<Figure>], header: &str) -> String {
    let mut out = format!("{header}\n\n");
    out.push_str(&format!(
        "{:<48} {:>9} {:>9} {:>9} {:>10} {:>22} {:>10}\n",
        "stage", "min", "median", "max", "count", "throughput (median)", "peak"
    ));
    for index in 0..runs[0].len() {
        let stage: Vec<&Figure> = runs.iter().map(|run| &run[index]).collect();
        out.push_str(&stage_row(&stage));
    }
    let peak = runs.iter().flatten().filter_map(|f| f.peak_kib).max();
    if let Some(kib) = peak {
        out.push_str(&format!(
            "{:<48} {:>9}\n",
            "peak memory of the stages (VmHWM)",
            mebibytes(kib)
        ));
    }
    out
}

/// One stage's row: its figures of every run.
fn stage_row(runs: &[&Figure]) -> String {
    let walls: Vec<Duration> = runs.iter().map(|figure| figure.wall).collect();
    let (min, median, max) = min_median_max(&walls);
    let first = runs[0];
    let median = Figure {
        wall: median,
        ..first.clone()
    };
    let shown = |wall: Duration| {
        if wall.is_zero() {
            String::new()
        } else {
            format!("{:.2?}", wall)
        }
    };
    let peak = runs.iter().filter_map(|figure| figure.peak_kib).max();
    format!(
        "{:<48} {:>9} {:>9} {:>9} {:>10} {:>22} {:>10}\n",
        first.stage,
        shown(min),
        shown(median.wall),
        shown(max),
        first.count,
        median.throughput(),
        peak.map(mebibytes).unwrap_or_default()
    )
}

fn mebibytes(kib: u64) -> String {
    format!("{} MiB", kib / 1024)
}

/// The machine and the date, for the heading of the figures: the processor
/// and its cores, the memory, and how long this machine takes to hash
/// 256 MiB with SHA-256 (a yardstick: shared machines differ by day).
pub fn machine_and_date() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown processor".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).map(String::from))
        })
        .flatten()
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or(String::new(), |kib| format!(", {} GiB", kib / 1024 / 1024));
    let yardstick = {
        use sha2::{Digest, Sha256};
        let block = vec![7u8; 1 << 20];
        let started = Instant::now();
        let mut hasher = Sha256::new();
        for _ in 0..256 {
            hasher.update(&block);
        }
        std::hint::black_box(hasher.finalize());
        started.elapsed()
    };
    format!(
        "{model}, {cores} cores{memory}; SHA-256 of 256 MiB in {:.2?}; {}",
        yardstick,
        chrono::Local::now().format("%Y-%m-%d %H:%M %Z")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(millis: u64, peak_kib: Option<u64>) -> Figure {
        Figure {
            stage: "import".into(),
            wall: Duration::from_millis(millis),
            count: 1000,
            unit: "events".into(),
            peak_kib,
        }
    }

    #[test]
    fn a_stage_row_shows_min_median_max_and_the_highest_peak_of_the_runs() {
        let runs = vec![
            vec![figure(300, Some(2048))],
            vec![figure(100, Some(5120))],
            vec![figure(200, None)],
        ];
        let table = render(&runs, "heading");
        let row = table.lines().find(|l| l.starts_with("import")).unwrap();
        let cells: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cells[1..4], ["100.00ms", "200.00ms", "300.00ms"], "{row}");
        assert!(row.ends_with("5 MiB"), "{row}");
        let total = table
            .lines()
            .find(|l| l.starts_with("peak memory"))
            .unwrap();
        assert!(total.ends_with(" 5 MiB"), "{total}");
    }

    #[test]
    fn a_stage_without_a_peak_leaves_its_cell_and_the_total_empty() {
        let table = render(&[vec![figure(100, None)]], "heading");
        let row = table.lines().find(|l| l.starts_with("import")).unwrap();
        assert!(!row.contains("MiB"), "{row}");
        assert!(!table.contains("peak memory"), "{table}");
    }
}
