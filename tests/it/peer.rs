//! The OpenFisca model in `benches/openfisca/` computes R2–R4, R7 and
//! R9–R10 on its own, from the register file and the rules file: tilskot's
//! accruals must give the same totals to the øre, and the bench's
//! side-by-side run must say so.
//!
//! Without python3 and openfisca-core the tests say so and pass, unless
//! `TILSKOT_REQUIRE_OPENFISCA=1` (set by `.ci/run`, which installs it).

use crate::support::{rules_dir, Backend, TestDb};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn model() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/openfisca/model.py")
}

fn openfisca_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import openfisca_core"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        let required = std::env::var("TILSKOT_REQUIRE_OPENFISCA").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "pip install -r benches/openfisca/requirements.txt"
        );
        eprintln!("SKIPPED: no openfisca-core for python3; .ci/run installs it");
    }
    found
}

/// Sums the accruals CSV (`municipality,grant,month,amount`) per grant, in øre.
fn totals_per_grant(csv: &str) -> BTreeMap<String, i64> {
    let mut totals = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let ore: i64 = fields[3].replace('.', "").parse().unwrap();
        *totals.entry(fields[1].to_string()).or_default() += ore;
    }
    totals
}

#[tokio::test]
async fn the_openfisca_model_and_the_accruals_agree_to_the_ore() {
    if !openfisca_available() {
        return;
    }
    let db = TestDb::new(Backend::Sqlite).await;
    db.ok(&["init", "--start-period", "2022-01", "--admin", "admin"]);
    let register = db.path("register.csv");
    let register = register.to_str().unwrap();
    db.ok(&[
        "generate", "--scale", "0.1", "--seed", "5", "--out", register,
    ]);
    db.import_register(register);
    let ours = totals_per_grant(&db.ok(&["accruals", "--from", "2022-01", "--to", "2022-12"]));

    let rules = rules_dir().join("2022.toml");
    let output = Command::new("python3")
        .arg(model())
        .args([register, rules.to_str().unwrap(), "--runs", "1"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let theirs = json["totals_ore"].as_object().unwrap();
    assert_eq!(theirs.len(), 3);
    for (grant, total) in theirs {
        assert!(ours[grant] > 0, "{grant}");
        assert_eq!(Some(ours[grant]), total.as_i64(), "{grant}");
    }
}

#[test]
fn the_bench_prints_both_times_after_the_totals_agree() {
    if !openfisca_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tilskot"))
        .current_dir(dir.path())
        .arg("--rules")
        .arg(rules_dir())
        .args([
            "bench",
            "--scale",
            "0.05",
            "--dir",
            "bench",
            "--compare-openfisca",
        ])
        .arg("--openfisca-model")
        .arg(model())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Totals agree to the øre: integration "),
        "{stdout}"
    );
    for row in [
        "persons from the stored snapshot",
        "built from the stored events",
        "summed per line as a batch",
        "from the stored events, summed per line",
        "persons already in memory, summed per line",
        "OpenFisca, R2–R4",
        "OpenFisca, the same 3 grants from the register file",
    ] {
        assert!(stdout.contains(row), "{row}: {stdout}");
    }
    for ratio in [
        "From prepared persons, OpenFisca / tilskot (snapshot), medians: ",
        "From prepared persons, OpenFisca / tilskot (in memory, summed per line), medians: ",
        "From the register, OpenFisca (file) / tilskot (stored events), medians: ",
    ] {
        assert!(stdout.contains(ratio), "{ratio}: {stdout}");
    }
}
