//! Loading the rules directory (edge): every `<year>.toml` in it.

use crate::domain::rules::{parse_year_file, RuleBook, RulesError};
use crate::domain::schemes::{parse_schemes, SchemeDefinition};
use std::path::{Path, PathBuf};

/// The rules directory to use when none is given: `./rules` if it exists,
/// else the one of the source tree the binary was built from.
pub fn default_rules_dir() -> PathBuf {
    let local = PathBuf::from("rules");
    if local.join("2022.toml").exists() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
    }
}

/// Loads and checks every `<year>.toml` of a directory (the schemes files,
/// `schemes-<year>.toml`, are read by [`load_scheme_files`]). Each problem
/// names the file and the key.
pub fn load_rules_dir(dir: &Path) -> Result<RuleBook, RulesError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RulesError {
        file: dir.display().to_string(),
        key: "-".into(),
        reason: format!("cannot read the rules directory: {e}"),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    paths.sort();
    let mut years = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| RulesError {
            file: name.clone(),
            key: "-".into(),
            reason: format!("cannot read: {e}"),
        })?;
        years.push(parse_year_file(&name, &text)?);
    }
    if years.is_empty() {
        return Err(RulesError {
            file: dir.display().to_string(),
            key: "-".into(),
            reason: "no <year>.toml files".into(),
        });
    }
    RuleBook::new(years)
}

/// Loads and checks every `schemes-*.toml` of a directory.
pub fn load_scheme_files(dir: &Path) -> Result<Vec<SchemeDefinition>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the rules directory: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.starts_with("schemes-") && s.ends_with(".toml"))
        })
        .collect();
    paths.sort();
    let mut definitions = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        definitions.extend(parse_schemes(&text, &name)?);
    }
    Ok(definitions)
}
