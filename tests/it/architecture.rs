//! The architecture of ARCHITECTURE.md, checked on the source:
//! - the layers: each folder of `src/` imports only the layers below it, and
//!   the domain does no I/O and reads no clock;
//! - the two migration folders hold the same files;
//! - no function outside tests is longer than 120 lines.
//!
//! The source is parsed with `syn`, so `use` trees with braces, renames,
//! `super::` and paths written inline in code all count, and comments do not.
//! Each check is also run on a planted violation, so that it is seen to fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The longest function allowed outside tests.
const MAX_FUNCTION_LINES: usize = 120;

/// What each layer (a folder of `src/`) may import from the crate.
fn allowed_layers(layer: &str) -> &'static [&'static str] {
    match layer {
        "domain" => &["domain"],
        "db" => &["db", "domain"],
        "io" => &["io", "domain"],
        "app" => &["app", "domain", "db", "io"],
        "render" => &["render", "domain"],
        "cli" => &["cli", "domain", "db", "io", "app", "render"],
        "web" => &["web", "domain", "db", "io", "app", "render"],
        "demo" => &["demo", "domain", "db", "io", "app", "render"],
        _ => &[],
    }
}

/// The one exception: the `serve` command starts the web application.
const SERVE_COMMAND: (&str, &str) = ("src/cli/schemes.rs", "web");

/// Paths (by their leading segments) a layer may not use: I/O, the clock and
/// the frameworks of the edges.
fn forbidden_paths(layer: &str) -> &'static [&'static str] {
    const EDGE_FRAMEWORKS: [&str; 4] = ["axum", "askama", "clap", "tower_http"];
    match layer {
        "domain" => &[
            "sqlx",
            "tokio",
            "axum",
            "askama",
            "clap",
            "calamine",
            "indicatif",
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
            "std::time::SystemTime",
            "std::time::Instant",
            "chrono::Local",
            "chrono::Utc",
            "Utc::now",
            "Local::now",
            "Instant::now",
            "SystemTime::now",
        ],
        // The storage layer reaches its files only through sqlx: closing any
        // descriptor of a SQLite file drops every POSIX lock this process
        // holds on it, its own connections' included (see ARCHITECTURE.md).
        "db" => &[
            "axum",
            "askama",
            "clap",
            "tower_http",
            "std::fs",
            "tokio::fs",
            "std::os::unix::fs",
        ],
        "io" => &EDGE_FRAMEWORKS,
        "app" => &["axum", "askama", "clap"],
        "render" => &["sqlx", "axum", "clap"],
        "web" => &["sqlx", "clap"],
        "cli" | "demo" => &["sqlx", "axum"],
        _ => &[],
    }
}

/// One import of a file: the full path as written, resolved to the crate.
#[derive(Debug)]
struct Import {
    path: Vec<String>,
    line: usize,
}

/// Collects every path of a file: `use` trees and paths in code.
struct Paths {
    module: Vec<String>,
    found: Vec<Import>,
}

impl Paths {
    fn add(&mut self, segments: Vec<String>, line: usize) {
        if let Some(path) = resolve(&self.module, segments) {
            self.found.push(Import { path, line });
        }
    }

    fn walk_use(&mut self, prefix: Vec<String>, tree: &syn::UseTree, line: usize) {
        match tree {
            syn::UseTree::Path(p) => {
                let mut next = prefix;
                next.push(p.ident.to_string());
                self.walk_use(next, &p.tree, line);
            }
            syn::UseTree::Name(n) => self.add(with(prefix, n.ident.to_string()), line),
            syn::UseTree::Rename(r) => self.add(with(prefix, r.ident.to_string()), line),
            syn::UseTree::Glob(_) => self.add(prefix, line),
            syn::UseTree::Group(g) => {
                for item in &g.items {
                    self.walk_use(prefix.clone(), item, line);
                }
            }
        }
    }
}

fn with(mut prefix: Vec<String>, last: String) -> Vec<String> {
    prefix.push(last);
    prefix
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let line = item.use_token.span.start().line;
        self.walk_use(Vec::new(), &item.tree, line);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let line = path
            .segments
            .first()
            .map(|s| s.ident.span().start().line)
            .unwrap_or(0);
        self.add(segments, line);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Paths inside a macro's tokens (format!, sqlx::query!) are not
        // parsed; the macro's own path is.
        self.visit_path(&mac.path);
    }
}

/// `crate::…`, `super::…` and `self::…` paths resolved to the crate root;
/// other paths (external crates, local names) as written.
fn resolve(module: &[String], segments: Vec<String>) -> Option<Vec<String>> {
    let first = segments.first()?.as_str();
    match first {
        "crate" => Some(segments),
        "self" => Some(
            ["crate".to_string()]
                .into_iter()
                .chain(module.iter().cloned())
                .chain(segments.into_iter().skip(1))
                .collect(),
        ),
        "super" => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            let kept = module.len().saturating_sub(ups);
            Some(
                ["crate".to_string()]
                    .into_iter()
                    .chain(module[..kept].iter().cloned())
                    .chain(segments.into_iter().skip(ups))
                    .collect(),
            )
        }
        _ => Some(segments),
    }
}

/// The module path of a file under `src/` (`src/db/mod.rs` → `[db]`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts
        .last()
        .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
    {
        parts.pop();
    }
    parts
}

/// The layering violations of one file's text.
fn violations(relative: &str, text: &str) -> Vec<String> {
    let module = module_of(Path::new(relative.trim_start_matches("src/")));
    let Some(layer) = module.first().cloned() else {
        return Vec::new();
    };
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let mut paths = Paths {
        module: module.clone(),
        found: Vec::new(),
    };
    paths.visit_file(&file);
    let mut problems = Vec::new();
    for import in &paths.found {
        let joined = import.path.join("::");
        if import.path[0] == "crate" {
            let Some(target) = import.path.get(1) else {
                continue;
            };
            let allowed = allowed_layers(&layer).contains(&target.as_str())
                || target == "macros"
                || (relative, target.as_str()) == SERVE_COMMAND;
            if !allowed {
                problems.push(format!(
                    "{relative}:{}: the {layer} layer uses {joined}",
                    import.line
                ));
            }
        }
        for forbidden in forbidden_paths(&layer) {
            let forbidden: Vec<&str> = forbidden.split("::").collect();
            let hit = import
                .path
                .windows(forbidden.len())
                .any(|w| w.iter().zip(&forbidden).all(|(a, b)| a == b));
            let leading = import.path.first().map(String::as_str) == Some(forbidden[0])
                || forbidden.len() > 1;
            if hit && leading {
                problems.push(format!(
                    "{relative}:{}: the {layer} layer uses {joined}",
                    import.line
                ));
            }
        }
    }
    problems
}

fn source_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack = vec![root.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).unwrap().display().to_string();
                files.push((relative, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_layer_imports_only_the_layers_below_it() {
    let files = source_files();
    assert!(files.len() > 40, "src/ was not found: {}", files.len());
    let problems: Vec<String> = files
        .iter()
        .flat_map(|(path, text)| violations(path, text))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_layering_check_fails_on_planted_violations() {
    let money = source_files()
        .into_iter()
        .find(|(path, _)| path == "src/domain/money.rs")
        .expect("money.rs")
        .1;
    let plants = [
        ("src/domain/money.rs", "use crate::{db::Store as _S};\n"),
        ("src/domain/money.rs", "use super::super::cli;\n"),
        (
            "src/domain/money.rs",
            "fn f() { let _ = std::fs::read(\"x\"); }\n",
        ),
        (
            "src/domain/money.rs",
            "fn f() { let _ = chrono::Local::now(); }\n",
        ),
        ("src/domain/money.rs", "use sqlx::Row;\n"),
        (
            "src/db/mod.rs",
            "fn f() -> crate::app::init::Init { todo!() }\n",
        ),
        ("src/web/mod.rs", "use sqlx::query;\n"),
        ("src/db/mod.rs", "use std::fs::File;\n"),
        (
            "src/db/mod.rs",
            "fn f() { let _ = std::fs::read(\"t.db\"); }\n",
        ),
        (
            "src/db/dialect.rs",
            "async fn f() { let _ = tokio::fs::read(\"t.db\").await; }\n",
        ),
        ("src/demo/mod.rs", "use crate::cli::Cli;\n"),
        ("src/cli/batches.rs", "use crate::web::router;\n"),
    ];
    for (path, plant) in plants {
        let text = format!("{money}\n{plant}");
        assert!(
            !violations(path, &text).is_empty(),
            "not caught in {path}: {plant}"
        );
    }
    assert!(violations("src/domain/money.rs", &money).is_empty());
}

#[test]
fn both_databases_have_the_same_migration_files() {
    let names = |backend: &str| -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend);
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect()
    };
    let (sqlite, postgres) = (names("sqlite"), names("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(
        migration_difference(&sqlite, &postgres),
        Vec::<String>::new()
    );
}

fn migration_difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.symmetric_difference(b).cloned().collect()
}

#[test]
fn the_migration_check_fails_on_a_file_in_one_folder_only() {
    let a: BTreeSet<String> = ["0001_payout.sql".into(), "0002_x.sql".into()].into();
    let b: BTreeSet<String> = ["0001_payout.sql".into()].into();
    assert_eq!(migration_difference(&a, &b), vec!["0002_x.sql".to_string()]);
}

/// Functions longer than the limit, outside `#[cfg(test)]` modules and tests.
struct LongFunctions {
    file: String,
    found: Vec<String>,
}

fn is_test_attribute(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let path = a.path();
        path.is_ident("test")
            || path.segments.last().is_some_and(|s| s.ident == "test")
            || (path.is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test"))
    })
}

impl LongFunctions {
    fn check(&mut self, name: &syn::Ident, block: &syn::Block) {
        let start = block.brace_token.span.open().start().line;
        let end = block.brace_token.span.close().end().line;
        if end - start + 1 > MAX_FUNCTION_LINES {
            self.found.push(format!(
                "{}:{start}: {name} has {} lines",
                self.file,
                end - start + 1
            ));
        }
    }
}

impl<'ast> Visit<'ast> for LongFunctions {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test_attribute(&item.attrs) {
            syn::visit::visit_item_mod(self, item);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test_attribute(&item.attrs) {
            self.check(&item.sig.ident, &item.block);
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !is_test_attribute(&item.attrs) {
            self.check(&item.sig.ident, &item.block);
            syn::visit::visit_impl_item_fn(self, item);
        }
    }
}

fn long_functions(file: &str, text: &str) -> Vec<String> {
    let parsed = syn::parse_file(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut visitor = LongFunctions {
        file: file.to_string(),
        found: Vec::new(),
    };
    visitor.visit_file(&parsed);
    visitor.found
}

#[test]
fn no_function_outside_tests_is_longer_than_120_lines() {
    let long: Vec<String> = source_files()
        .iter()
        .flat_map(|(path, text)| long_functions(path, text))
        .collect();
    assert!(long.is_empty(), "{long:#?}");
}

#[test]
fn the_length_check_fails_on_a_long_function_and_skips_tests() {
    let body = "    let _ = 1;\n".repeat(MAX_FUNCTION_LINES);
    let long = format!("fn long() {{\n{body}}}\n");
    assert_eq!(long_functions("planted.rs", &long).len(), 1);
    let in_tests = format!("#[cfg(test)]\nmod tests {{\n{long}}}\n");
    assert!(long_functions("planted.rs", &in_tests).is_empty());
    let short = "fn short() {\n    let _ = 1;\n}\n";
    assert!(long_functions("planted.rs", short).is_empty());
}

/// Every rule id cited in the code or the rules files (R0, R7, …).
fn cited_rule_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = source_files().into_iter().map(|(_, t)| t).collect();
    for entry in std::fs::read_dir(root.join("rules")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let mut ids = BTreeSet::new();
    for text in texts {
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices('R') {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                continue;
            }
            let digits: String = text[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let after = text[i + 1 + digits.len()..].chars().next();
            if !digits.is_empty() && !after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                ids.insert(format!("R{digits}"));
            }
        }
    }
    ids
}

#[test]
fn the_rules_reference_explains_every_rule_id_the_code_cites() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let reference = std::fs::read_to_string(root.join("docs/rules.md")).unwrap();
    let cited = cited_rule_ids();
    assert!(cited.contains("R0") && cited.contains("R13"), "{cited:?}");
    let missing: Vec<&String> = cited
        .iter()
        .filter(|id| {
            !reference.contains(&format!("**{id} —")) && !reference.contains(&format!("### {id} —"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "docs/rules.md does not explain {missing:?}"
    );
}

#[test]
fn nothing_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, String)> = source_files();
    for name in [
        "README.md",
        "ARCHITECTURE.md",
        "docs/rules.md",
        "docs/performance.md",
        "rules/2022.toml",
        "rules/2023.toml",
        "rules/schemes-2022.toml",
        "rules/SOURCES.md",
    ] {
        files.push((
            name.to_string(),
            std::fs::read_to_string(root.join(name)).unwrap(),
        ));
    }
    let outside: Vec<String> = files
        .iter()
        .filter(|(_, text)| {
            ["DOMAIN.md", "ACCOUNTS.md", "../shared"]
                .iter()
                .any(|s| text.contains(s))
        })
        .map(|(name, _)| name.clone())
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
}
