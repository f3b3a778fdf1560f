//! Test support: a fresh database per test, SQLite file or PostgreSQL
//! database, and the `tilskot` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// The PostgreSQL server of this machine; `TILSKOT_TEST_PG` overrides it.
pub fn postgres_admin_url() -> String {
    std::env::var("TILSKOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

/// A fresh, empty database that is removed when dropped.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pub dir: tempfile::TempDir,
    postgres_name: Option<String>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// A connection of its own to the test database, as an insider with SQL
    /// access has one: for tests that tamper with the tables behind
    /// tilskot's back. The product's pool never leaves `db`.
    pub async fn raw_pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        let url = match self.backend {
            Backend::Sqlite => format!("{}?mode=rwc", self.url),
            Backend::Postgres => self.url.clone(),
        };
        sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(&url)
            .await
            .expect("a raw connection to the test database")
    }

    /// A transaction of an insider's own connection that has run `sql`
    /// and stays open until committed or dropped: another writer under way,
    /// holding the locks `sql` took.
    pub async fn under_way(&self, sql: &str) -> sqlx::Transaction<'static, sqlx::Any> {
        let pool = self.raw_pool().await;
        let mut tx = pool.begin().await.expect("begin");
        sqlx::query(sql).execute(&mut *tx).await.expect(sql);
        tx
    }

    pub async fn new(backend: Backend) -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}", dir.path().join("tilskot.db").display());
                TestDb {
                    url,
                    backend,
                    dir,
                    postgres_name: None,
                }
            }
            Backend::Postgres => {
                let name = format!(
                    "tilskot_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    chrono::Utc::now().timestamp_micros()
                );
                admin_execute(&format!("CREATE DATABASE {name}")).await;
                let admin = postgres_admin_url();
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                TestDb {
                    url: format!("{base}/{name}"),
                    backend,
                    dir,
                    postgres_name: Some(name),
                }
            }
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the test's directory and returns its path.
    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, content).expect("write test file");
        path
    }

    /// `tilskot --db URL args…`, to be given more environment and run.
    pub fn tilskot_command(&self, args: &[&str]) -> Command {
        tilskot_command(self.dir.path(), &self.url, args)
    }

    /// Runs `tilskot --db URL args…` and returns its output.
    pub fn tilskot(&self, args: &[&str]) -> Output {
        tilskot_in(self.dir.path(), &self.url, args)
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.tilskot(args);
        assert!(
            output.status.success(),
            "tilskot {args:?} failed on {:?}:\n{}\n{}",
            self.backend,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs a command that must fail and returns its standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.tilskot(args);
        assert!(
            !output.status.success(),
            "tilskot {args:?} should have failed:\n{}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stderr).expect("UTF-8 output")
    }
}

impl TestDb {
    /// The two finance users of the tests: kari checks (attests), ola approves.
    pub fn add_users(&self) {
        self.ok(&[
            "user",
            "add",
            "--user",
            "admin",
            "--name",
            "kari",
            "--role",
            "finance_officer",
        ]);
        self.ok(&[
            "user", "add", "--user", "admin", "--name", "ola", "--role", "approver",
        ]);
    }

    /// Runs the batch of a month and, when it has anything to pay, takes it
    /// through attestation, approval and payment (on the placeholder rates).
    pub fn run_and_pay(&self, period: &str) -> String {
        let run = self.ok(&["batch", "run", "--period", period, "--user", "kari"]);
        if run.contains("): Berekna,") {
            self.ok(&["batch", "attest", "--period", period, "--user", "kari"]);
            self.ok(&["batch", "approve", "--period", period, "--user", "ola"]);
            self.pay(period);
        }
        run
    }

    /// Imports a register file as the administrator; returns what the
    /// command printed.
    pub fn import_register(&self, file: &str) -> String {
        self.ok(&["register", "import", file, "--user", "admin"])
    }

    /// Imports a register file as the administrator, which must be
    /// refused; returns the command's standard error.
    pub fn import_refused(&self, file: &str) -> String {
        self.fails(&["register", "import", file, "--user", "admin"])
    }

    /// Imports one accounting file (`flag` says which: `--ledger`,
    /// `--chart`, …) as the administrator; returns what was printed.
    pub fn import_accounts(&self, flag: &str, file: &str) -> String {
        self.ok(&["accounts", "import", "--user", "admin", flag, file])
    }

    /// [`TestDb::import_accounts`] that must be refused; returns the
    /// command's standard error.
    pub fn import_accounts_refused(&self, flag: &str, file: &str) -> String {
        self.fails(&["accounts", "import", "--user", "admin", flag, file])
    }

    /// kari pays the approved batch of a month (on the placeholder rates)
    /// into `payments/`; returns what the command printed.
    pub fn pay(&self, period: &str) -> String {
        let payments = self.path("payments");
        self.ok(&[
            "batch",
            "pay",
            "--user",
            "kari",
            "--period",
            period,
            "--allow-unverified-rates",
            "--out",
            payments.to_str().unwrap(),
        ])
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.postgres_name.take() {
            // Drop runs outside async code (also while a test panics), so the
            // database is dropped on a runtime of its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Runtime::new().expect("runtime");
                runtime.block_on(admin_execute(&format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )));
            })
            .join();
        }
    }
}

async fn admin_execute(sql: &str) {
    use sqlx::Connection;
    let mut connection = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .expect("the PostgreSQL server of this machine must run (see README: PostgreSQL)");
    sqlx::query(sql).execute(&mut connection).await.expect(sql);
}

/// The password of every user the tests make, given to the command line as
/// a person would set it.
pub const TEST_PASSWORD: &str = "a long enough password";

/// How long one command of the tests may take before it is taken for hung:
/// the slowest takes a few seconds in a debug build.
const COMMAND_LIMIT: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs `tilskot args…` and returns its output. A command still running
/// after [`COMMAND_LIMIT`] fails the test with the stacks of its threads
/// (from gdb, where installed), instead of holding the run until CI's
/// limit: once, in a full run, a `forecast` spun for 14 minutes, and its
/// cause was not seen again.
pub fn tilskot_in(dir: &Path, db: &str, args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = tilskot_command(dir, db, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run tilskot");
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll tilskot") {
            break status;
        }
        if started.elapsed() > COMMAND_LIMIT {
            let stacks = thread_stacks(child.id());
            let _ = child.kill();
            panic!("tilskot {args:?} still ran after {COMMAND_LIMIT:?}; its threads:\n{stacks}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Output {
        status,
        stdout: stdout.join().expect("standard output"),
        stderr: stderr.join().expect("standard error"),
    }
}

/// The stack of every thread of a running process, by gdb.
fn thread_stacks(pid: u32) -> String {
    Command::new("gdb")
        .args([
            "-p",
            &pid.to_string(),
            "-batch",
            "-ex",
            "thread apply all bt",
        ])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_else(|e| format!("(gdb: {e})"))
}

/// Starts `tilskot args…` on the test database while the test holds a
/// lock in an open transaction, and checks after 3 s that it still waits:
/// it could not have finished without that lock.
pub async fn started_and_waiting(db: &TestDb, args: &[&str]) -> std::process::Child {
    let mut child = tilskot_command(db.dir.path(), &db.url, args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start tilskot");
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    assert!(
        child.try_wait().expect("poll tilskot").is_none(),
        "tilskot {args:?} finished while the test held the lock"
    );
    child
}

/// How a started command ended: its exit code and standard error.
pub fn finished(child: std::process::Child) -> (Option<i32>, String) {
    let output = child.wait_with_output().expect("wait for tilskot");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `tilskot --db DB --rules RULES args…` in `dir`, as the tests run it.
pub fn tilskot_command(dir: &Path, db: &str, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tilskot"));
    command
        .current_dir(dir)
        .env("TILSKOT_PASSWORD", TEST_PASSWORD)
        .env("TILSKOT_NEW_PASSWORD", TEST_PASSWORD)
        // Nynorsk, the default, unless a test asks for Bokmål.
        .env_remove("TILSKOT_LANG")
        .arg("--db")
        .arg(db)
        .arg("--rules")
        .arg(rules_dir())
        .args(args);
    command
}

pub fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub const HEADER: &str = "event,date,person_id,household_id,birth_date,municipality,basis,unaccompanied,country,mother_id";

/// The lines of a CSV file after its header, as written.
pub fn rows_after_header(path: &str) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}
