//! Loading the rules directory (edge): every `<year>.toml` in it.

use crate::domain::error::Message;
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
    let year_files = files_in(dir, |name| {
        name.strip_suffix(".toml")
            .is_some_and(|stem| !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_digit()))
    })?;
    if year_files.is_empty() {
        let message = Message::new("rules-no-files");
        let folder = dir.display().to_string();
        return Err(RulesError::new(
            &folder,
            "-",
            message,
            "no <year>.toml files",
        ));
    }
    let years = year_files
        .iter()
        .map(|(name, text)| parse_year_file(name, text))
        .collect::<Result<Vec<_>, _>>()?;
    RuleBook::new(years)
}

/// Loads and checks every `schemes-*.toml` of a directory.
pub fn load_scheme_files(dir: &Path) -> Result<Vec<SchemeDefinition>, RulesError> {
    let files = files_in(dir, |name| {
        name.starts_with("schemes-") && name.ends_with(".toml")
    })?;
    let mut definitions = Vec::new();
    for (name, text) in files {
        definitions.extend(parse_schemes(&text, &name)?);
    }
    Ok(definitions)
}

/// The files of `dir` whose names `wanted` accepts, in name order, each
/// with its path as shown and its text.
fn files_in(
    dir: &Path,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<(String, String)>, RulesError> {
    let unreadable = |name: &str, key: &'static str, english: String| {
        RulesError::new(name, "-", Message::new(key), english)
    };
    let folder = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let english = format!("cannot read the rules directory: {e}");
        unreadable(&folder, "rules-dir-unreadable", english)
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|s| s.to_str()).is_some_and(&wanted))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(&path).map_err(|e| {
                unreadable(&name, "rules-file-unreadable", format!("cannot read: {e}"))
            })?;
            Ok((name, text))
        })
        .collect()
}
