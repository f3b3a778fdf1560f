//! The `tilskot` binary: parses the command line, sets up the log, and hands
//! over to [`tilskot::cli`], or to [`tilskot::demo`] for `demo` and `bench`.
//! It is the one place that knows both the command line and the demo.
//!
//! Exit status: 0 done (also when the reader of standard output closed it);
//! 1 the input or the action was refused; 2 something failed inside.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use tilskot::cli::help::{self, Stopped};
use tilskot::cli::{exit_status, is_closed_pipe, Cli, Command, Context};
use tilskot::demo::bench::{run_bench, BenchOptions, Peer};
use tilskot::demo::bench_process;
use tilskot::domain::error::Error;
use tilskot::render::errors::error_text;
use tilskot::render::i18n::Texts;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match help::parse(&args, &Texts::new(help::language_of(&args))) {
        Ok(cli) => cli,
        // Help read through `| head` closes standard output early: done.
        Err(Stopped::Shown(text)) => {
            let _ = writeln!(std::io::stdout(), "{}", text.trim_end());
            return ExitCode::SUCCESS;
        }
        Err(Stopped::Refused(text)) => {
            eprintln!("{}", text.trim_end());
            return ExitCode::from(1);
        }
    };
    init_log();
    let texts = tilskot::render::i18n::Texts::new(cli.lang);
    let result = match &cli.command {
        Command::Demo { .. } | Command::Bench { .. } => run_demo_or_bench(cli).await,
        _ => tilskot::cli::run(cli).await.map_err(anyhow::Error::from),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error, &texts),
    }
}

/// Prints the error in the reader's language and says how the process
/// ends, by the error's kind. A failure inside is logged with its details.
fn report(error: &anyhow::Error, texts: &Texts) -> ExitCode {
    match error.downcast_ref::<Error>() {
        Some(typed) if is_closed_pipe(typed) => ExitCode::SUCCESS,
        Some(typed) => {
            if typed.is_refusal() {
                tracing::info!("refused: {typed}");
            } else {
                tracing::error!("{typed}");
            }
            eprintln!("{}", error_text(typed, texts));
            ExitCode::from(exit_status(typed))
        }
        None if closed_pipe(error) => ExitCode::SUCCESS,
        // The demo's and the bench's own failures: details for the log,
        // that it failed for the reader.
        None => {
            tracing::error!("{error:#}");
            let failed = texts.get("cli-error-internal");
            eprintln!("{}", texts.with("cli-error", &[("text", failed)]));
            ExitCode::from(2)
        }
    }
}

fn closed_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// `demo` and `bench`: the main job end to end, and the benchmark.
async fn run_demo_or_bench(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context::of(&cli);
    match cli.command {
        Command::Demo { dir, seed, scale } => {
            tilskot::cli::check_scale(scale)?;
            tilskot::demo::run_demo(&dir, &ctx.rules_dir, seed, scale, ctx.texts).await
        }
        Command::Bench {
            scale,
            dir,
            compare_openfisca,
            openfisca_model,
            events_per_person,
            runs,
        } => {
            tilskot::cli::check_scale(scale)?;
            let book = ctx.rules()?;
            // The default database of the other commands is not the bench's:
            // it runs on a fresh SQLite file unless --db names PostgreSQL.
            let db = cli.db.starts_with("postgres").then_some(cli.db.as_str());
            let peer = compare_openfisca.then(|| Peer {
                model: openfisca_model,
                rules_file: ctx.rules_dir.join("2022.toml"),
            });
            let options = BenchOptions {
                scale,
                events_per_person,
                db,
                peer: peer.as_ref(),
            };
            if runs == 0 {
                return Err(Error::invalid_told(
                    tilskot::domain::error::Message::new("error-bench-runs"),
                    "--runs must be at least 1",
                )
                .into());
            }
            if let Some((run, figures)) = bench_process::child_run()? {
                let pid = std::process::id();
                tracing::info!(run, pid, "a bench run in a process of its own");
                let report = one_bench_run(run, &options, &book, &dir).await?;
                return bench_process::write_report(&report, &figures);
            }
            let mut figures = Vec::new();
            let mut comparison = None;
            for run in 0..runs {
                // Several runs: each in a process of its own, as a command is.
                let report = if runs > 1 {
                    // Waiting for the child blocks: on a worker meant for it.
                    let dir = dir.clone();
                    tokio::task::spawn_blocking(move || bench_process::run_in_child(run, &dir))
                        .await??
                } else {
                    one_bench_run(run, &options, &book, &dir).await?
                };
                figures.push(report.figures);
                comparison = comparison.or(report.comparison);
            }
            let backend = if db.is_some() { "PostgreSQL" } else { "SQLite" };
            let header = format!(
                "{} ({runs} run(s) on {backend})\n{}",
                std::env::args().collect::<Vec<_>>().join(" "),
                tilskot::demo::bench::machine_and_date()
            );
            let mut text = tilskot::demo::bench::render(&figures, &header);
            if let Some(comparison) = &comparison {
                text.push_str(&tilskot::demo::compare::render(comparison));
            }
            std::io::stdout().lock().write_all(text.as_bytes())?;
            Ok(())
        }
        _ => unreachable!("only demo and bench come here"),
    }
}

/// Run `run` of the bench (0 is the first). The comparison with the peer
/// is made once, in the first run. On PostgreSQL every run after the first
/// gets an empty database of its own beside the one named.
async fn one_bench_run(
    run: u32,
    options: &BenchOptions<'_>,
    book: &tilskot::domain::rules::RuleBook,
    dir: &std::path::Path,
) -> anyhow::Result<tilskot::demo::bench::BenchReport> {
    let db = options.db;
    let scratch = match db {
        Some(url) if run > 0 => Some(tilskot::db::scratch::create(url, run + 1).await?),
        _ => None,
    };
    let options = BenchOptions {
        peer: options.peer.filter(|_| run == 0),
        db: scratch.as_deref().or(db),
        ..options.clone()
    };
    let report = run_bench(&options, book, dir).await;
    // The scratch database goes whether the run succeeded or not.
    if let (Some(url), Some(_)) = (db, &scratch) {
        tilskot::db::scratch::remove(url, run + 1).await?;
    }
    report
}

/// The log on standard error: warnings unless `TILSKOT_LOG` asks for more,
/// colour only on a terminal and never with `NO_COLOR`, and written around
/// any progress bar instead of over it.
fn init_log() {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TILSKOT_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_ansi(colour)
        .with_writer(|| LogWriter)
        .init();
}

/// Standard error, with the progress bar taken off while a line is written.
struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        tilskot::render::progress::suspend_for(|| std::io::stderr().write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}
