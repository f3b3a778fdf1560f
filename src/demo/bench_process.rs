//! `tilskot bench --runs N`: each run in a process of its own, as each
//! command of finance staff is. Runs in one process shared its allocator
//! and its caches, so a later run's peak memory held what the first had
//! left, and its times what the first had warmed. The parent starts
//! itself again with the same arguments for each run; the child does that
//! one run and writes its figures to a file the parent reads.

use crate::demo::bench::BenchReport;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Set in a child's environment: its run (0 is the first) and where to
/// write its figures, as `RUN:PATH`.
const CHILD_RUN: &str = "TILSKOT_BENCH_RUN";

/// The run this process is to do and where its figures go, if it is a
/// child of a bench of several runs.
pub fn child_run() -> Result<Option<(u32, PathBuf)>> {
    let Some(spec) = std::env::var_os(CHILD_RUN) else {
        return Ok(None);
    };
    let spec = spec.to_string_lossy();
    let (run, path) = spec
        .split_once(':')
        .with_context(|| format!("{CHILD_RUN}={spec}: not RUN:PATH"))?;
    let run = run
        .parse()
        .with_context(|| format!("{CHILD_RUN}={spec}: the run is not a number"))?;
    Ok(Some((run, PathBuf::from(path))))
}

/// Writes a child's figures for its parent.
pub fn write_report(report: &BenchReport, path: &Path) -> Result<()> {
    let json = serde_json::to_vec(report)?;
    std::fs::write(path, json).with_context(|| format!("writing {}", path.display()))
}

/// Run `run` of the bench in a process of its own (this program, started
/// again with this process's arguments), its figures written under `dir`.
pub fn run_in_child(run: u32, dir: &Path) -> Result<BenchReport> {
    std::fs::create_dir_all(dir)?;
    let figures = std::path::absolute(dir.join(format!("run-{}.json", run + 1)))?;
    let program = std::env::current_exe().context("this program's path")?;
    let status = std::process::Command::new(program)
        .args(std::env::args_os().skip(1))
        .env(CHILD_RUN, format!("{run}:{}", figures.display()))
        .status()
        .context("starting a run of the bench")?;
    if !status.success() {
        bail!("run {} of the bench failed ({status})", run + 1);
    }
    let json = std::fs::read(&figures).with_context(|| format!("reading {}", figures.display()))?;
    std::fs::remove_file(&figures)?;
    Ok(serde_json::from_slice(&json)?)
}
