//! The architecture invariant of ARCHITECTURE.md: the domain core does no I/O
//! and imports no edge module.

const DOMAIN: [&str; 22] = [
    "money.rs",
    "calendar.rs",
    "grant.rs",
    "rules.rs",
    "rules_tests.rs",
    "municipality.rs",
    "register.rs",
    "register_tests.rs",
    "accrual.rs",
    "accrual_tests.rs",
    "payout.rs",
    "explain.rs",
    "ledger.rs",
    "statements.rs",
    "statements_tests.rs",
    "journal.rs",
    "approval.rs",
    "payment_file.rs",
    "schemes.rs",
    "schemes_tests.rs",
    "application.rs",
    "application_tests.rs",
];

const EDGE: [&str; 20] = [
    "crate::store",
    "crate::cli",
    "crate::import",
    "crate::tabular",
    "crate::rules_dir",
    "crate::batch_run",
    "crate::reports",
    "crate::demo",
    "crate::ledger_store",
    "crate::accounts_import",
    "sqlx",
    "calamine",
    "askama",
    "std::fs",
    "tokio",
    "std::net",
    "crate::web",
    "crate::scheme_store",
    "crate::scheme_cli",
    "axum",
];

#[test]
fn domain_modules_import_no_edge_module_and_do_no_io() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for file in DOMAIN.iter().chain(["generate.rs"].iter()) {
        let text =
            std::fs::read_to_string(src.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        // Comments may name an edge module; code may not.
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for edge in EDGE {
            if code.contains(edge) {
                found.push(format!("{file} uses {edge}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
