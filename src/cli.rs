//! The command line (edge): one subcommand per task of a finance officer.

use crate::accounts_import::{import_accounts, AccountsFiles, AccountsImportError};
use crate::accrual::{
    compute_accruals, compute_person_accruals, totals_by_municipality_grant_month,
};
use crate::approval::{verify_chain, Action, Role};
use crate::batch_run::{act_on_batch, load_register, pay_batch, run_batch, RunOutcome};
use crate::calendar::Period;
use crate::explain::{explain_accruals, nothing_due_reasons, render_text};
use crate::generate::{generate_register, to_csv, GenerateOptions};
use crate::import::{import_register, ImportError};
use crate::money::format_nok_grouped;
use crate::municipality::Municipalities;
use crate::payout::{totals_by_budget_line, totals_by_municipality, BatchLine};
use crate::reports::batch_csv;
use crate::rules::{RateStatus, RuleBook};
use crate::rules_dir::{default_rules_dir, load_rules_dir};
use crate::statements::{build_statements, StatementInput};
use crate::store::Store;
use anyhow::{anyhow, bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// tilskot: grant administration and payout engine.
#[derive(Debug, Parser)]
#[command(name = "tilskot", version, about)]
pub struct Cli {
    /// The database: sqlite://FILE (created if missing) or postgres://…
    #[arg(
        long,
        global = true,
        env = "TILSKOT_DB",
        default_value = "sqlite://tilskot.db"
    )]
    pub db: String,
    /// The directory of the rules files (<year>.toml).
    #[arg(long, global = true, env = "TILSKOT_RULES")]
    pub rules: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the schema and record the period from which tilskot pays.
    Init {
        /// Accruals before this month were paid by the previous system.
        #[arg(long)]
        start_period: Period,
    },
    /// Check or show the rates of the rules files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// The settlement register.
    Register {
        #[command(subcommand)]
        command: RegisterCommand,
    },
    /// Print the accruals per municipality, grant and month.
    Accruals {
        #[arg(long)]
        from: Period,
        #[arg(long)]
        to: Period,
        #[arg(long, value_enum, default_value = "csv")]
        format: CsvFormat,
    },
    /// Monthly payout batches.
    Batch {
        #[command(subcommand)]
        command: BatchCommand,
    },
    /// Explain a person's accruals and payments.
    Explain {
        #[arg(long)]
        person: String,
        /// Only this month's accruals and payments.
        #[arg(long)]
        period: Option<Period>,
    },
    /// The ledger: import a chart, budget lines, allocations and a general ledger.
    Accounts {
        #[command(subcommand)]
        command: AccountsCommand,
    },
    /// The annual statements and the auditor's journal.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Users and their roles (finance_officer, approver, auditor).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Discretionary schemes: calls, frames, organisations, web users,
    /// allocation, payment and release of awards.
    Scheme {
        #[command(subcommand)]
        command: crate::scheme_cli::SchemeCommand,
    },
    /// Serve the web application (pages and JSON API).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Take this as today's date (calls, payments); for demonstrations.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Mark the session cookie Secure: set it when served behind HTTPS.
        #[arg(long)]
        secure_cookies: bool,
    },
    /// The audit log of batch transitions.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Measure import, accruals, the batches of 2022 and the statements of a
    /// million postings at a scale of the report's volume.
    Bench {
        #[arg(long, default_value = "1.0")]
        scale: Decimal,
        /// Where the register and the SQLite database are written.
        #[arg(long, default_value = "tilskot-bench")]
        dir: PathBuf,
    },
    /// Write a synthetic register shaped by the annual report.
    Generate {
        #[arg(long, default_value_t = 2018)]
        from: i32,
        #[arg(long, default_value_t = 2022)]
        to: i32,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value = "1.0")]
        scale: Decimal,
        #[arg(long)]
        out: PathBuf,
    },
    /// The main job on a fresh SQLite database: generate the 2018–2022
    /// register, run the twelve batches of 2022 and write the reports.
    Demo {
        #[arg(long, default_value = "tilskot-demo")]
        dir: PathBuf,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value = "1.0")]
        scale: Decimal,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate every rules file.
    Check,
    /// Print the rates of a year with their status and source.
    Show {
        #[arg(long)]
        year: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Import a register file (CSV or XLSX): all events or none.
    Import { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, or change the role of one.
    Add {
        #[arg(long)]
        name: String,
        /// finance_officer, approver or auditor.
        #[arg(long)]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain and report the first broken link.
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Import accounting files, all or nothing; the same files twice add nothing.
    Import {
        #[arg(long)]
        chart: Option<PathBuf>,
        #[arg(long)]
        budget: Option<PathBuf>,
        #[arg(long)]
        allocations: Option<PathBuf>,
        #[arg(long)]
        ledger: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Write the statements of a year: nine CSV files, or one HTML document.
    Statements {
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value = "csv")]
        format: ReportFormat,
        #[arg(long, default_value = "statements")]
        out: PathBuf,
    },
    /// Export the year's ledger as an hledger journal.
    Journal {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Csv,
    Html,
}

#[derive(Debug, Subcommand)]
pub enum BatchCommand {
    /// Compute and store the batch of a month.
    Run {
        #[arg(long)]
        period: Period,
    },
    /// Attest (check) the current run of a month.
    Attest {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
    },
    /// Approve (anvise) an attested batch; the attesting person may not.
    Approve {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
    },
    /// Reject an attested or approved batch back to computed, with a reason.
    Reject {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        user: String,
        #[arg(long)]
        reason: String,
    },
    /// Pay an approved batch, exactly once, and write its pain.001 payment file.
    Pay {
        #[arg(long)]
        period: Period,
        /// Where the payment file goes.
        #[arg(long, default_value = "payments")]
        out: PathBuf,
        /// Pay even though rates are not adopted; recorded on the batch.
        #[arg(long)]
        allow_unverified_rates: bool,
        /// Who sends the payment (for the audit log).
        #[arg(long, default_value = "tilskot")]
        user: String,
    },
    /// Print the batch of a month (all its runs, or one).
    Show {
        #[arg(long)]
        period: Period,
        #[arg(long)]
        run: Option<i64>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

/// Accruals are printed as CSV only.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CsvFormat {
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Text,
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<()> {
    let rules_dir = cli.rules.clone().unwrap_or_else(default_rules_dir);
    let load_rules = || load_rules_dir(&rules_dir).map_err(|e| anyhow!(e));
    let municipalities = Municipalities::shipped();
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Scheme { command } => {
            let store = Store::connect(&cli.db).await?;
            crate::scheme_cli::run_scheme_command(&store, command, &mut stdout).await?;
        }
        Command::Serve {
            addr,
            today,
            secure_cookies,
        } => {
            drop(stdout);
            let store = Store::connect(&cli.db).await?;
            crate::scheme_cli::run_serve(store, &addr, today, secure_cookies).await?;
            return Ok(());
        }
        Command::Init { start_period } => {
            let store = Store::connect(&cli.db).await?;
            store.init(start_period).await?;
            writeln!(
                stdout,
                "Initialised {}: tilskot pays from {}",
                cli.db,
                store.start_period().await?
            )?;
        }
        Command::Rules {
            command: RulesCommand::Check,
        } => {
            let book = load_rules()?;
            for year in book.years() {
                writeln!(
                    stdout,
                    "{}: {} rates, {} payment terms, weakest status {}",
                    year.file_name,
                    year.rates.len(),
                    year.payment_terms.len(),
                    year.weakest_status()
                )?;
            }
            writeln!(
                stdout,
                "{} municipalities in the municipality list",
                municipalities.len()
            )?;
            for definition in
                crate::rules_dir::load_scheme_files(&rules_dir).map_err(|e| anyhow!(e))?
            {
                let scheme = &definition.scheme;
                writeln!(
                    stdout,
                    "scheme {} {}: frame {}, {} criteria",
                    scheme.code,
                    scheme.year,
                    format_nok_grouped(scheme.frame),
                    scheme.criteria.len()
                )?;
            }
        }
        Command::Rules {
            command: RulesCommand::Show { year },
        } => {
            let book = load_rules()?;
            write!(stdout, "{}", show_rules(&book, year)?)?;
        }
        Command::Register {
            command: RegisterCommand::Import { file },
        } => {
            let store = Store::connect(&cli.db).await?;
            store.start_period().await?;
            let today = chrono::Local::now().date_naive();
            let progress = crate::progress::spinner(&format!("importing {}", file.display()));
            let imported = import_register(&store, &file, &municipalities, today).await;
            progress.finish_and_clear();
            match imported {
                Ok(report) => writeln!(
                    stdout,
                    "{}: {} rows read, {} events added, {} already in the register",
                    report.file,
                    report.rows_read,
                    report.events_added,
                    report.events_already_present
                )?,
                Err(ImportError::Rejected(problems)) => {
                    for problem in &problems {
                        eprintln!("{problem}");
                    }
                    bail!(
                        "{} problem(s) in {}; nothing was imported",
                        problems.len(),
                        file.display()
                    );
                }
                Err(ImportError::Store(error)) => return Err(error),
            }
        }
        Command::Accruals {
            from,
            to,
            format: _,
        } => {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
            let store = Store::connect(&cli.db).await?;
            let book = load_rules()?;
            let register = load_register(&store, &book, to).await?;
            let accruals = compute_accruals(&register, &book, from, to)?;
            writeln!(stdout, "municipality,grant,month,amount")?;
            for ((municipality, grant, month), amount) in
                totals_by_municipality_grant_month(&accruals)
            {
                writeln!(stdout, "{municipality},{grant},{month},{amount}")?;
            }
        }
        Command::Batch {
            command: BatchCommand::Run { period },
        } => {
            let store = Store::connect(&cli.db).await?;
            let book = load_rules()?;
            let progress = crate::progress::spinner(&format!("computing the batch of {period}"));
            let result = run_batch(&store, &book, period).await;
            progress.finish_and_clear();
            let result = result?;
            let outcome = match result.outcome {
                RunOutcome::New => "new",
                RunOutcome::Unchanged => "unchanged since the last run; the same batch",
                RunOutcome::Supplementary => "the register changed after payment: this run pays the difference",
                RunOutcome::Recomputed => "the register changed before payment: the earlier run is superseded; attest this one",
            };
            writeln!(
                stdout,
                "Batch {} run {} ({outcome}): {}, {} lines, total {} NOK",
                result.batch.period,
                result.batch.run_number,
                result.batch.status,
                result.batch.line_count,
                format_nok_grouped(result.batch.total)
            )?;
            write!(
                stdout,
                "{}",
                rate_warning(&result.batch.weakest_rate_status)
            )?;
            write!(
                stdout,
                "{}",
                municipality_summary(&result.lines, &municipalities)
            )?;
        }
        Command::Batch {
            command: BatchCommand::Attest { period, user },
        } => {
            let store = Store::connect(&cli.db).await?;
            let batch = act_on_batch(&store, &load_rules()?, period, Action::Attest, &user).await?;
            writeln!(
                stdout,
                "Batch {} run {} attested by {user}",
                batch.period, batch.run_number
            )?;
        }
        Command::Batch {
            command: BatchCommand::Approve { period, user },
        } => {
            let store = Store::connect(&cli.db).await?;
            let batch =
                act_on_batch(&store, &load_rules()?, period, Action::Approve, &user).await?;
            writeln!(
                stdout,
                "Batch {} run {} approved by {user}",
                batch.period, batch.run_number
            )?;
        }
        Command::Batch {
            command:
                BatchCommand::Reject {
                    period,
                    user,
                    reason,
                },
        } => {
            let store = Store::connect(&cli.db).await?;
            let batch = act_on_batch(
                &store,
                &load_rules()?,
                period,
                Action::Reject { reason },
                &user,
            )
            .await?;
            writeln!(
                stdout,
                "Batch {} run {} rejected by {user}: back to {}",
                batch.period, batch.run_number, batch.status
            )?;
        }
        Command::Batch {
            command:
                BatchCommand::Pay {
                    period,
                    out,
                    allow_unverified_rates,
                    user,
                },
        } => {
            let store = Store::connect(&cli.db).await?;
            let result = pay_batch(
                &store,
                &load_rules()?,
                &municipalities,
                period,
                &out,
                allow_unverified_rates,
                &user,
            )
            .await?;
            let r = &result.record;
            writeln!(
                stdout,
                "{} {}: {} transfers, {} NOK, file {}",
                if result.already_paid {
                    "Already paid as"
                } else {
                    "Paid as"
                },
                r.payment_id,
                r.transfers,
                format_nok_grouped(r.total),
                result.file.display()
            )?;
            if !result.carried.is_empty() {
                writeln!(
                    stdout,
                    "Carried to the next term as set-offs (negative net): {}",
                    result.carried.join(", ")
                )?;
            }
        }
        Command::User {
            command: UserCommand::Add { name, role },
        } => {
            let store = Store::connect(&cli.db).await?;
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow!("'{role}' is not a role: finance_officer, approver or auditor")
            })?;
            store.add_user(&name, role).await?;
            writeln!(stdout, "User {name}: {}", role.code())?;
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let store = Store::connect(&cli.db).await?;
            let entries = store.audit_entries().await?;
            let count = verify_chain(&entries)?;
            writeln!(stdout, "The audit chain of {count} entries is intact")?;
        }
        Command::Batch {
            command:
                BatchCommand::Show {
                    period,
                    run,
                    format,
                },
        } => {
            let store = Store::connect(&cli.db).await?;
            let batches = store.batches_of_period(period).await?;
            if batches.is_empty() {
                bail!("no batch for {period}: run `tilskot batch run --period {period}` first");
            }
            let mut lines = Vec::new();
            // Without --run: every run that counts, not those superseded.
            for batch in batches.iter().filter(|b| match run {
                Some(r) => r == b.run_number,
                None => b.status != crate::approval::BatchStatus::Superseded,
            }) {
                lines.extend(store.batch_lines(batch.id).await?);
            }
            if let Some(r) = run {
                if !batches.iter().any(|b| b.run_number == r) {
                    bail!("the batch of {period} has no run {r}");
                }
            }
            match format {
                Format::Csv => write!(stdout, "{}", batch_csv(&lines))?,
                Format::Text => {
                    for batch in &batches {
                        writeln!(
                            stdout,
                            "Batch {} run {}: {}, computed {}, {} lines, total {} NOK, rates {}{}",
                            batch.period,
                            batch.run_number,
                            batch.status,
                            batch.computed_at,
                            batch.line_count,
                            format_nok_grouped(batch.total),
                            batch.weakest_rate_status,
                            batch
                                .unverified_rates_allowed
                                .as_deref()
                                .map(|n| format!(" ({n})"))
                                .unwrap_or_default()
                        )?;
                    }
                    write!(stdout, "{}", municipality_summary(&lines, &municipalities))?;
                }
            }
        }
        Command::Explain { person, period } => {
            let store = Store::connect(&cli.db).await?;
            let book = load_rules()?;
            let start = store.start_period().await?;
            let last_year = book
                .years()
                .map(|y| y.year)
                .max()
                .expect("at least one year");
            let register = load_register(&store, &book, period.unwrap_or(start)).await?;
            let subject = register
                .person(&person)
                .ok_or_else(|| anyhow!("no person {person} in the register"))?;
            let first_year = book
                .years()
                .map(|y| y.year)
                .min()
                .expect("at least one year");
            let (from, to) = match period {
                Some(p) => (p, p),
                None => (
                    subject
                        .settlement_period()
                        .max(Period::new(first_year, 1).expect("January")),
                    Period::new(last_year, 12).expect("December"),
                ),
            };
            let accruals = if from <= to {
                compute_person_accruals(subject, &book, from, to)?
            } else {
                Vec::new()
            };
            let explained = explain_accruals(subject, &accruals, &book, &municipalities, start);
            let lived_in: Vec<_> = std::iter::once(subject.settlement_municipality)
                .chain(subject.moves.iter().map(|(_, m)| *m))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut payments = store.person_payments(&person, &lived_in).await?;
            if let Some(p) = period {
                payments.retain(|pay| pay.period == p);
            }
            let reasons = nothing_due_reasons(subject, &accruals, to);
            write!(
                stdout,
                "{}",
                render_text(subject, &explained, &payments, &reasons, &municipalities)
            )?;
            if from > Period::new(first_year, 1).expect("January") || period.is_none() {
                writeln!(stdout, "\n(Months explained: {from} to {to}; the rules files cover {first_year}–{last_year}.)")?;
            }
        }
        Command::Generate {
            from,
            to,
            seed,
            scale,
            out,
        } => {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
            if scale <= Decimal::ZERO {
                bail!("--scale must be above 0");
            }
            let progress = crate::progress::spinner("generating the register");
            let events = generate_register(
                &GenerateOptions {
                    from_year: from,
                    to_year: to,
                    seed,
                    scale,
                },
                &municipalities,
            );
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            to_csv(&events, std::io::BufWriter::new(file))?;
            progress.finish_and_clear();
            writeln!(
                stdout,
                "{}: {} events for {from}–{to} (seed {seed}, scale {scale})",
                out.display(),
                events.len()
            )?;
        }
        Command::Accounts {
            command:
                AccountsCommand::Import {
                    chart,
                    budget,
                    allocations,
                    ledger,
                },
        } => {
            let store = Store::connect(&cli.db).await?;
            let files = AccountsFiles {
                chart: chart.as_deref(),
                budget: budget.as_deref(),
                allocations: allocations.as_deref(),
                ledger: ledger.as_deref(),
            };
            match import_accounts(&store, &files).await {
                Ok(r) => writeln!(
                    stdout,
                    "{} accounts, {} budget lines, {} allocations; {} vouchers added, {} already in the ledger",
                    r.accounts, r.budget_lines, r.allocations, r.vouchers_added, r.vouchers_already_present
                )?,
                Err(AccountsImportError::Rejected(problems)) => {
                    for problem in &problems {
                        eprintln!("{problem}");
                    }
                    bail!("{} problem(s); nothing was imported", problems.len());
                }
                Err(AccountsImportError::Store(error)) => return Err(error),
            }
        }
        Command::Report {
            command: ReportCommand::Statements { year, format, out },
        } => {
            let store = Store::connect(&cli.db).await?;
            let data = store.ledger_data().await?;
            let statements = build_statements(&StatementInput {
                year,
                accounts: &data.accounts,
                budget_lines: &data.budget_lines,
                allocations: &data.allocations,
                entries: &data.entries,
            })
            .map_err(|failure| anyhow!("the statements of {year} were not written: {failure}"))?;
            std::fs::create_dir_all(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            match format {
                ReportFormat::Csv => {
                    for table in statements.tables() {
                        std::fs::write(out.join(table.file_name), table.to_csv())?;
                    }
                    writeln!(
                        stdout,
                        "{}: {} CSV files for {year}",
                        out.display(),
                        statements.tables().len()
                    )?;
                }
                ReportFormat::Html => {
                    use askama::Template;
                    let path = out.join(format!("statements-{year}.html"));
                    std::fs::write(
                        &path,
                        crate::reports::statements_page(&statements, &data.budget_lines)
                            .render()?,
                    )?;
                    writeln!(stdout, "{}", path.display())?;
                }
            }
            writeln!(
                stdout,
                "{} invariants checked",
                statements.invariants_checked.len()
            )?;
        }
        Command::Report {
            command: ReportCommand::Journal { year, out },
        } => {
            let store = Store::connect(&cli.db).await?;
            let data = store.ledger_data().await?;
            let vouchers = store.journal_vouchers(year).await?;
            std::fs::write(
                &out,
                crate::journal::write_journal(year, &vouchers, &data.accounts),
            )
            .with_context(|| format!("cannot write {}", out.display()))?;
            writeln!(stdout, "{}: {} vouchers", out.display(), vouchers.len())?;
        }
        Command::Bench { scale, dir } => {
            if scale <= Decimal::ZERO {
                bail!("--scale must be above 0");
            }
            let book = load_rules()?;
            // The default database of the other commands is not the bench's:
            // it runs on a fresh SQLite file unless --db names PostgreSQL.
            let db = cli.db.starts_with("postgres").then_some(cli.db.as_str());
            let figures = crate::bench::run_bench(scale, db, &book, &dir).await?;
            let backend = if db.is_some() { "PostgreSQL" } else { "SQLite" };
            write!(stdout, "{}", crate::bench::render(&figures, scale, backend))?;
        }
        Command::Demo { dir, seed, scale } => {
            drop(stdout);
            crate::demo::run_demo(&dir, &rules_dir, seed, scale).await?;
        }
    }
    Ok(())
}

/// The table of `rules show`.
pub fn show_rules(book: &RuleBook, year: i32) -> Result<String> {
    let rules = book.year(year)?;
    let mut out = format!("Rules of {year} ({})\n\n", rules.file_name);
    out.push_str(&format!(
        "{:<42} {:>14}  {:<12} source\n",
        "rate", "NOK", "status"
    ));
    for (key, rate) in &rules.rates {
        out.push_str(&format!(
            "{:<42} {:>14}  {:<12} {}\n",
            key.path(),
            format_nok_grouped(rate.amount),
            rate.status.code(),
            rate.source
        ));
    }
    out.push_str("\nPayment terms:\n");
    for term in &rules.payment_terms {
        let grants: Vec<&str> = term.grants.iter().map(|g| g.code()).collect();
        out.push_str(&format!(
            "  month {:>2}: pays accruals through {} ({}) [{}] {}\n",
            term.month,
            term.through.last_day(),
            grants.join(", "),
            term.status,
            term.source
        ));
    }
    out.push_str(&format!(
        "\nMove lag: {} months [{}] {}\n",
        rules.move_lag_months.value, rules.move_lag_months.status, rules.move_lag_months.source
    ));
    let countries: Vec<&str> = rules
        .low_rate_countries
        .value
        .iter()
        .map(String::as_str)
        .collect();
    out.push_str(&format!(
        "Low-rate countries: {} [{}]\n",
        countries.join(" "),
        rules.low_rate_countries.status
    ));
    out.push_str(&rate_warning(rules.weakest_status().code()));
    Ok(out)
}

/// The warning printed with every output computed on rates not adopted.
pub fn rate_warning(status: &str) -> String {
    if status == RateStatus::Adopted.code() {
        String::new()
    } else {
        format!(
            "WARNING: computed with rates that are not adopted (weakest status: {status}). Placeholder rates are not real rates; paying requires adopted rates.\n"
        )
    }
}

/// The per-municipality summary of a batch: budget lines and net.
pub fn municipality_summary(lines: &[BatchLine], municipalities: &Municipalities) -> String {
    let mut per: BTreeMap<_, BTreeMap<&str, crate::money::Ore>> = BTreeMap::new();
    for line in lines {
        *per.entry(line.key.municipality)
            .or_default()
            .entry(line.key.grant.budget_line())
            .or_default() += line.amount;
    }
    let net = totals_by_municipality(lines);
    let mut out = format!(
        "\n{:<6} {:<28} {:>18} {:>18} {:>18} {:>18}\n",
        "kommune", "name", "0671.60", "0671.61", "0672.60", "net"
    );
    for (municipality, lines_by_post) in &per {
        let cell = |post: &str| {
            lines_by_post
                .get(post)
                .map(|a| format_nok_grouped(*a))
                .unwrap_or_default()
        };
        let name: String = municipalities
            .name(*municipality)
            .chars()
            .take(28)
            .collect();
        out.push_str(&format!(
            "{:<6}  {:<28} {:>18} {:>18} {:>18} {:>18}\n",
            municipality.to_string(),
            name,
            cell("0671.60"),
            cell("0671.61"),
            cell("0672.60"),
            format_nok_grouped(net[municipality])
        ));
    }
    let totals = totals_by_budget_line(lines);
    let cell = |post: &str| {
        totals
            .get(post)
            .map(|a| format_nok_grouped(*a))
            .unwrap_or_default()
    };
    let total: crate::money::Ore = lines.iter().map(|l| l.amount).sum();
    out.push_str(&format!(
        "{:<6}  {:<28} {:>18} {:>18} {:>18} {:>18}\n",
        "",
        format!("total ({} municipalities)", per.len()),
        cell("0671.60"),
        cell("0671.61"),
        cell("0672.60"),
        format_nok_grouped(total)
    ));
    out
}
