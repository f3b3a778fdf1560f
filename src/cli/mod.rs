//! The command line: clap's types and a dispatcher of one line per command.
//! Each command group lives in a file of its own and calls the use cases in
//! `app`; `demo` and `bench` are dispatched by the binary, which is the only
//! place that knows both the command line and the demo.

pub mod accounts;
pub mod batches;
pub mod disability;
pub mod forecast;
pub mod help;
pub mod register;
pub mod schemes;
pub mod setup;
pub mod usage;

use crate::db::Store;
use crate::domain::calendar::Period;
use crate::domain::error::{Error, Message, Result};
use crate::domain::generate::GenerateOptions;
use crate::domain::rules::RuleBook;
use crate::domain::users::User;
use crate::io::rules_dir::{default_rules_dir, load_rules_dir};
use crate::render::i18n::{Lang, Texts};
use clap::{Parser, Subcommand};
use rust_decimal::Decimal;
use std::io::IsTerminal;
use std::path::PathBuf;

/// tilskot: grant administration and payout engine.
#[derive(Debug, Parser)]
#[command(
    name = "tilskot",
    version,
    about,
    after_help = "Exit status: 0 done; 1 the input or the action was refused (the message says why); 2 something failed inside (the message says what)."
)]
pub struct Cli {
    /// The database: sqlite://FILE or postgres://…; only `init` creates one.
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
    /// The written language of what tilskot prints: nn (Nynorsk, the
    /// default) or nb (Bokmål).
    #[arg(long, global = true, env = "TILSKOT_LANG", default_value = "nn", value_parser = parse_lang)]
    pub lang: Lang,
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
        /// The first administrator (required for a new database); the
        /// password is TILSKOT_PASSWORD, or asked on the terminal.
        #[arg(long)]
        admin: Option<String>,
    },
    /// Check or show the rates of the rules files.
    Rules {
        #[command(subcommand)]
        command: setup::RulesCommand,
    },
    /// The settlement register.
    Register {
        #[command(subcommand)]
        command: register::RegisterCommand,
    },
    /// Print the accruals per municipality, grant and month.
    Accruals {
        #[arg(long)]
        from: Period,
        #[arg(long)]
        to: Period,
        #[arg(long, value_enum, default_value = "csv")]
        format: register::CsvFormat,
    },
    /// The disability grant on application: import, extend, decide, status.
    Disability {
        #[command(subcommand)]
        command: disability::DisabilityCommand,
    },
    /// Forecast a budget year with the rules that pay: the register through
    /// a month and a prognosis after it, against the allocation (F1–F3).
    Forecast(forecast::ForecastArgs),
    /// Monthly payout batches.
    Batch {
        #[command(subcommand)]
        command: batches::BatchCommand,
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
        command: accounts::AccountsCommand,
    },
    /// The annual statements and the auditor's journal.
    Report {
        #[command(subcommand)]
        command: accounts::ReportCommand,
    },
    /// Users and their roles (finance_officer, approver, auditor).
    User {
        #[command(subcommand)]
        command: setup::UserCommand,
    },
    /// Discretionary schemes: calls, frames, organisations, web users,
    /// allocation, payment and release of awards.
    Scheme {
        #[command(subcommand)]
        command: schemes::SchemeCommand,
    },
    /// Serve the web application (pages and JSON API).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Take this as today's date (calls, payments); for demonstrations.
        #[arg(long)]
        today: Option<chrono::NaiveDate>,
        /// Session cookies without `Secure` and `__Host-`, for plain HTTP on
        /// localhost; without it the cookies need HTTPS.
        #[arg(long)]
        insecure_cookies: bool,
    },
    /// Run every check tilskot knows: the audit chain and its anchor, every
    /// batch's lines against their hashes, balanced vouchers, the
    /// statements' invariants of every year with postings, the rules files
    /// and every frame against its commitments. With --user, first recover
    /// the bank hand-off (staged payment files to the outbox when their
    /// payment is committed, else to void/). Exits 1 naming each failure.
    Check {
        /// The outbox of payment files (the anchor file lies beside it).
        #[arg(long, default_value = "payments")]
        out: PathBuf,
        /// Who recovers the hand-off (authenticated with TILSKOT_PASSWORD).
        #[arg(long)]
        user: Option<String>,
        /// Check the statements of this year only.
        #[arg(long)]
        year: Option<i32>,
    },
    /// Close a year: run every check, release every unpaid scheme
    /// commitment of the year, and lock it: no voucher, batch, award,
    /// payment, release, allocation or statement line of an account with
    /// postings changes in it any more.
    CloseYear {
        #[arg(long)]
        year: i32,
        /// A finance user or an auditor (authenticated with TILSKOT_PASSWORD).
        #[arg(long)]
        user: String,
        /// The outbox of payment files (the anchor file lies beside it).
        #[arg(long, default_value = "payments")]
        out: PathBuf,
    },
    /// The audit log of batch transitions.
    Audit {
        #[command(subcommand)]
        command: accounts::AuditCommand,
    },
    /// Measure import, accruals, the batches of 2022 and the statements of a
    /// million postings at a scale of the report's volume.
    Bench {
        #[arg(long, default_value = "1.0")]
        scale: Decimal,
        /// Where the register and the SQLite database are written.
        #[arg(long, default_value = "tilskot-bench")]
        dir: PathBuf,
        /// Also time the OpenFisca model of the integration and minor
        /// grants on the same register (python3 with openfisca-core).
        #[arg(long)]
        compare_openfisca: bool,
        /// The OpenFisca model to compare with.
        #[arg(long, default_value = "benches/openfisca/model.py")]
        openfisca_model: PathBuf,
        /// For load tests: individual moves added until the register holds
        /// about N events a person.
        #[arg(long, value_name = "N")]
        events_per_person: Option<u32>,
        /// Runs of every stage, each on a fresh database and, since
        /// several runs in one process shared its memory and caches, in a
        /// process of its own; the table shows
        /// the minimum, median and maximum. With `--db`, runs after the
        /// first use an empty database `<name>_run<N>` beside the one named,
        /// made and removed by the bench.
        #[arg(long, default_value_t = 1)]
        runs: u32,
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
        /// For load tests: individual moves added until the register holds
        /// about N events a person (the shaped register has about one).
        #[arg(long, value_name = "N")]
        events_per_person: Option<u32>,
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

/// `nn` or `nb` (also `no`, `nb-NO` and `nn_NO.UTF-8`).
fn parse_lang(code: &str) -> std::result::Result<Lang, crate::domain::error::Reason> {
    Lang::parse(code).ok_or_else(|| {
        crate::domain::error::Reason::told(
            crate::domain::error::Message::new("problem-not-a-language").arg("text", code),
            format!("'{code}': nn (nynorsk) | nb (bokmål)"),
        )
    })
}

/// Where the database and the rules are, and the reader's language: what
/// every command needs.
pub struct Context {
    pub db: String,
    pub rules_dir: PathBuf,
    /// The texts of everything the command prints for a person.
    pub texts: Texts,
}

impl Context {
    pub fn of(cli: &Cli) -> Context {
        Context {
            db: cli.db.clone(),
            rules_dir: cli.rules.clone().unwrap_or_else(default_rules_dir),
            texts: Texts::new(cli.lang),
        }
    }

    /// The database, which `tilskot init` must have made.
    pub async fn open(&self) -> Result<Store> {
        Store::open(&self.db).await
    }

    /// The rules files; a broken file is the operator's to fix.
    pub fn rules(&self) -> Result<RuleBook> {
        load_rules_dir(&self.rules_dir).map_err(Error::from)
    }
}

/// Runs a parsed command line (all but `demo` and `bench`).
pub async fn run(cli: Cli) -> Result<()> {
    let ctx = Context::of(&cli);
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Command::Init {
            start_period,
            admin,
        } => setup::init(&ctx, start_period, admin.as_deref(), out).await,
        Command::Rules { command } => setup::rules(&ctx, command, out),
        Command::User { command } => setup::user(&ctx, command, out).await,
        Command::Register { command } => register::run(&ctx, command, out).await,
        Command::Accruals { from, to, .. } => register::accruals(&ctx, from, to, out).await,
        Command::Explain { person, period } => register::explain(&ctx, &person, period, out).await,
        Command::Generate {
            from,
            to,
            seed,
            scale,
            events_per_person,
            out: file,
        } => {
            let options = GenerateOptions {
                from_year: from,
                to_year: to,
                seed,
                scale,
                events_per_person,
            };
            register::generate(&ctx, &options, &file, out)
        }
        Command::Batch { command } => batches::run(&ctx, command, out).await,
        Command::Forecast(args) => forecast::run(&ctx, args, out).await,
        Command::Disability { command } => disability::run(&ctx, command, out).await,
        Command::Accounts { command } => accounts::import(&ctx, command, out).await,
        Command::Report { command } => accounts::report(&ctx, command, out).await,
        Command::Audit { command } => accounts::audit(&ctx, command, out).await,
        Command::Check {
            out: outbox,
            user,
            year,
        } => batches::check(&ctx, &outbox, user.as_deref(), year, out).await,
        Command::CloseYear {
            year,
            user,
            out: outbox,
        } => accounts::close_year(&ctx, year, &user, &outbox, out).await,
        Command::Scheme { command } => schemes::run(&ctx, command, out).await,
        Command::Serve {
            addr,
            today,
            insecure_cookies,
        } => schemes::serve(&ctx, &addr, today, !insecure_cookies).await,
        Command::Bench { .. } | Command::Demo { .. } => Err(Error::internal(
            "demo and bench are dispatched by the binary",
        )),
    }
}

/// The environment variable with the password of the acting user.
pub const PASSWORD_VARIABLE: &str = "TILSKOT_PASSWORD";
/// The environment variable with the password of a user being added.
pub const NEW_PASSWORD_VARIABLE: &str = "TILSKOT_NEW_PASSWORD";

/// A password from `variable`, or asked on the terminal without echo
/// after `prompt`.
pub fn read_password(variable: &str, prompt: &str) -> Result<String> {
    if let Ok(password) = std::env::var(variable) {
        return Ok(password);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid_told(
            Message::new("cli-password-needed").arg("variable", variable),
            format!("{prompt}: set {variable}, or run the command on a terminal to be asked"),
        ));
    }
    rpassword::prompt_password(format!("{prompt}: ")).map_err(Error::from)
}

impl Context {
    /// The user named on the command line, authenticated with their
    /// password; an unknown user or a wrong password is refused before
    /// anything is done.
    pub async fn authenticate(&self, store: &Store, name: &str) -> Result<User> {
        let prompt = self
            .texts
            .with("cli-password-of", &[("user", name.to_string())]);
        let password = read_password(PASSWORD_VARIABLE, &prompt)?;
        store.authenticate(name, &password).await
    }
}

/// Refuses a scale that is not above zero.
pub fn check_scale(scale: Decimal) -> Result<()> {
    if scale <= Decimal::ZERO {
        return Err(Error::invalid_told(
            Message::new("error-scale"),
            "--scale must be above 0",
        ));
    }
    Ok(())
}

/// A file or folder the command could not create or write.
pub fn cannot_write(path: &std::path::Path, error: std::io::Error) -> Error {
    Error::invalid_told(
        Message::new("error-cannot-write").arg("path", path.display()),
        format!("cannot write {}: {error}", path.display()),
    )
}

/// The exit status of a failed command: 1 when the input or the action was
/// refused, 2 when something failed inside. Decided by the error's kind.
pub fn exit_status(error: &Error) -> u8 {
    if error.is_refusal() {
        1
    } else {
        2
    }
}

/// Whether the error is a closed standard output (`tilskot … | head`): the
/// reader has what it wanted, and the command ends quietly.
pub fn is_closed_pipe(error: &Error) -> bool {
    match error {
        Error::Internal(source) => source
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe),
        _ => false,
    }
}
