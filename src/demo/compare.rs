//! `tilskot bench --compare-openfisca`: the accruals of 2022 in tilskot and
//! in the OpenFisca model of `benches/openfisca/model.py`, on the same
//! generated register and the same rates, side by side (issue 16). The
//! totals must agree to the øre before any time is compared.

use crate::app::batches::load_register;
use crate::db::Store;
use crate::demo::bench::min_median_max;
use crate::domain::accrual::compute_accruals;
use crate::domain::calendar::Period;
use crate::domain::due::due_by_line;
use crate::domain::grant::Grant;
use crate::domain::register::Register;
use crate::domain::rules::RuleBook;
use anyhow::{anyhow, bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// The grants both sides compute (R2–R4 with R7, R9–R10).
const COMPARED: [Grant; 3] = [Grant::IntegrationYear1, Grant::Integration, Grant::Minor];

/// How often each side is timed.
pub const RUNS: usize = 3;

/// The figures of one comparison.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    pub persons: usize,
    /// tilskot with the persons read from the stored snapshot.
    pub from_snapshot: Vec<Duration>,
    /// tilskot with the persons built from every stored event.
    pub from_events: Vec<Duration>,
    /// tilskot with the persons read from the stored snapshot, summed per
    /// municipality, grant and person as a batch sums them.
    pub summed: Vec<Duration>,
    /// tilskot with the persons built from every stored event, summed per
    /// line as a batch sums them.
    pub events_summed: Vec<Duration>,
    /// tilskot with the persons already in memory (read before the clock
    /// starts), summed per line: its computation alone, as OpenFisca's
    /// `openfisca` is its computation alone.
    pub in_memory: Vec<Duration>,
    /// OpenFisca's computation from its prepared input arrays.
    pub openfisca: Vec<Duration>,
    /// OpenFisca from the register file: its reading of the file into the
    /// persons' input arrays, then the computation (run by run).
    pub openfisca_from_file: Vec<Duration>,
    pub openfisca_version: String,
    pub totals: BTreeMap<String, i64>,
}

/// Times both sides and checks that they agree.
pub async fn compare_with_openfisca(
    store: &Store,
    rules: &RuleBook,
    rules_file: &Path,
    register_file: &Path,
    model: &Path,
) -> Result<Comparison> {
    use {Output::*, Persons::*};
    let (from_snapshot, totals, persons) = time_tilskot(store, rules, Snapshot, Listed).await?;
    let mut sides = Vec::new();
    for (source, output) in [
        (Events, Listed),
        (Snapshot, Summed),
        (Events, Summed),
        (InMemory, Summed),
    ] {
        let (times, side_totals, _) = time_tilskot(store, rules, source, output).await?;
        if side_totals != totals {
            bail!("tilskot's {source:?} {output:?} totals {side_totals:?} differ from its accruals {totals:?}");
        }
        sides.push(times);
    }
    let [from_events, summed, events_summed, in_memory] =
        <[_; 4]>::try_from(sides).expect("four sides");
    let peer = run_model(model, register_file, rules_file)?;
    if peer.totals != totals {
        bail!(
            "the OpenFisca model and tilskot disagree, so their times are not comparable: OpenFisca {:?}, tilskot {:?}",
            peer.totals,
            totals
        );
    }
    Ok(Comparison {
        persons,
        from_snapshot,
        from_events,
        summed,
        events_summed,
        in_memory,
        openfisca_from_file: peer
            .seconds
            .iter()
            .zip(&peer.prepare)
            .map(|(compute, prepare)| *compute + *prepare)
            .collect(),
        openfisca: peer.seconds,
        openfisca_version: peer.version,
        totals,
    })
}

/// Where tilskot's side takes the persons from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persons {
    /// The stored register snapshot, as every command reads them.
    Snapshot,
    /// Built from every stored event.
    Events,
    /// Read from the snapshot once, before any run is timed.
    InMemory,
}

/// What tilskot's side makes of the persons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// Every accrual of every month listed with its reasons.
    Listed,
    /// Accrued straight into line sums, as a batch sums them.
    Summed,
}

/// [`RUNS`] times the persons loaded and every grant of 2022 accrued, as a
/// new process does it; the totals of the compared grants.
async fn time_tilskot(
    store: &Store,
    rules: &RuleBook,
    source: Persons,
    output: Output,
) -> Result<(Vec<Duration>, BTreeMap<String, i64>, usize)> {
    let (january, december) = (Period::new(2022, 1), Period::new(2022, 12));
    let (january, december) = (january.expect("January"), december.expect("December"));
    let mut times = Vec::new();
    let mut totals = BTreeMap::new();
    let mut persons = 0;
    let preloaded = match source {
        Persons::InMemory => Some(load_register(store, rules, december).await?),
        Persons::Snapshot | Persons::Events => None,
    };
    for _ in 0..RUNS {
        store.clear_register_cache();
        let started = Instant::now();
        let register = match source {
            Persons::InMemory => preloaded.clone().expect("read before the runs"),
            Persons::Events => {
                let lag = rules.year(2022)?.move_lag_months.value;
                let parts = store.all_events_in_parts().await?;
                let read = started.elapsed();
                let register = Register::build(parts.iter().flatten(), lag);
                tracing::debug!(?read, built = ?started.elapsed(), "register from its events");
                std::sync::Arc::new(register)
            }
            Persons::Snapshot => load_register(store, rules, december).await?,
        };
        let amounts: Vec<(Grant, i64)> = match output {
            Output::Summed => {
                let terms: BTreeMap<Grant, Period> =
                    Grant::ALL.into_iter().map(|g| (g, december)).collect();
                let due = due_by_line(&register, rules, january, &terms, &[])?;
                due.due
                    .iter()
                    .map(|(key, ore)| (key.grant, ore.0))
                    .collect()
            }
            Output::Listed => {
                let accruals = compute_accruals(&register, rules, january, december)?;
                accruals.iter().map(|a| (a.grant, a.amount.0)).collect()
            }
        };
        times.push(started.elapsed());
        tracing::debug!(?source, ?output, total = ?started.elapsed(), "persons accrued");
        totals = COMPARED
            .iter()
            .map(|grant| {
                let sum = amounts.iter().filter(|(g, _)| g == grant);
                (grant.code().to_string(), sum.map(|(_, ore)| ore).sum())
            })
            .collect();
        persons = register.persons.len();
    }
    Ok((times, totals, persons))
}

/// What the model printed.
struct PeerRun {
    seconds: Vec<Duration>,
    prepare: Vec<Duration>,
    version: String,
    totals: BTreeMap<String, i64>,
}

fn run_model(model: &Path, register_file: &Path, rules_file: &Path) -> Result<PeerRun> {
    let output = std::process::Command::new("python3")
        .arg(model)
        .arg(register_file)
        .arg(rules_file)
        .args(["--runs", &RUNS.to_string()])
        .output()
        .with_context(|| format!("running python3 {}", model.display()))?;
    if !output.status.success() {
        bail!(
            "{} failed (pip install -r benches/openfisca/requirements.txt?):\n{}",
            model.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let seconds = |value: &serde_json::Value| {
        value
            .as_f64()
            .map(Duration::from_secs_f64)
            .ok_or_else(|| anyhow!("the model printed {value} for a time"))
    };
    let runs = |key: &str| -> Result<Vec<Duration>> {
        let runs = json[key].as_array().cloned().unwrap_or_default();
        if runs.len() != RUNS {
            bail!(
                "{} printed {} {key} for {RUNS} runs",
                model.display(),
                runs.len()
            );
        }
        runs.iter().map(seconds).collect()
    };
    let totals = json["totals_ore"]
        .as_object()
        .ok_or_else(|| anyhow!("the model printed no totals"))?
        .iter()
        .map(|(grant, v)| {
            Ok((
                grant.clone(),
                v.as_i64().ok_or_else(|| anyhow!("total {v}"))?,
            ))
        })
        .collect::<Result<_>>()?;
    Ok(PeerRun {
        seconds: runs("compute_seconds")?,
        prepare: runs("prepare_seconds")?,
        version: json["openfisca_core"].as_str().unwrap_or("?").to_string(),
        totals,
    })
}

/// The comparison as the bench prints it.
pub fn render(comparison: &Comparison) -> String {
    let persons = comparison.persons as f64;
    let mut out = format!(
        "\nSide by side with OpenFisca (openfisca-core {}, benches/openfisca/model.py), the twelve months of 2022 for {} persons\n",
        comparison.openfisca_version, comparison.persons
    );
    out.push_str("Totals agree to the øre:");
    for (grant, total) in &comparison.totals {
        out.push_str(&format!(" {grant} {total}"));
    }
    out.push_str(&format!(
        "\n\n{:<58} {:>9} {:>9} {:>9} {:>16}\n",
        "", "min", "median", "max", "µs/person-year"
    ));
    let rows = [
        (
            "tilskot, persons from the stored snapshot, all 7 grants",
            &comparison.from_snapshot,
        ),
        (
            "tilskot, from the snapshot, summed per line as a batch",
            &comparison.summed,
        ),
        (
            "tilskot, persons already in memory, summed per line",
            &comparison.in_memory,
        ),
        (
            "OpenFisca, R2–R4, R7, R9–R10, from its prepared persons",
            &comparison.openfisca,
        ),
        (
            "tilskot, persons built from the stored events, all 7",
            &comparison.from_events,
        ),
        (
            "tilskot, from the stored events, summed per line",
            &comparison.events_summed,
        ),
        (
            "OpenFisca, the same 3 grants from the register file",
            &comparison.openfisca_from_file,
        ),
    ];
    for (label, runs) in rows {
        let (min, median, max) = min_median_max(runs);
        out.push_str(&format!(
            "{label:<58} {:>9.3} {:>9.3} {:>9.3} {:>16.2}\n",
            min.as_secs_f64(),
            median.as_secs_f64(),
            max.as_secs_f64(),
            median.as_secs_f64() * 1e6 / persons
        ));
    }
    let median = |runs: &[Duration]| min_median_max(runs).1.as_secs_f64();
    let peer = median(&comparison.openfisca);
    for (label, runs) in [
        ("snapshot", &comparison.from_snapshot),
        ("summed per line", &comparison.summed),
        ("in memory, summed per line", &comparison.in_memory),
    ] {
        out.push_str(&format!(
            "From prepared persons, OpenFisca / tilskot ({label}), medians: {:.1}×\n",
            peer / median(runs)
        ));
    }
    let from_file = median(&comparison.openfisca_from_file);
    for (label, runs) in [
        ("stored events", &comparison.from_events),
        ("stored events, summed per line", &comparison.events_summed),
    ] {
        out.push_str(&format!(
            "From the register, OpenFisca (file) / tilskot ({label}), medians: {:.1}×\n",
            from_file / median(runs)
        ));
    }
    out
}
