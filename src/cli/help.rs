//! The command line's help in the reader's language (its usage errors are
//! `cli::usage`'s).
//!
//! clap writes `--help` from the doc comments (English, for the next
//! engineer) and its usage errors in English. Before parsing, the command
//! tree is given its texts from the catalogues instead: a command's help is
//! the message `help-<path>` (`help-batch-run`), an argument's
//! `help-<path>-arg-<id>` (`help-batch-run-arg-period`), the global ones
//! `help-arg-<id>`. The default value, the environment variable and the
//! possible values clap would add in English are added in the reader's
//! language. `tests/it/catalogue.rs` fails when a command or an argument
//! has no help in either catalogue.

use crate::cli::Cli;
use crate::render::i18n::{Lang, Texts};
use clap::error::ErrorKind;
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The ids of the arguments clap makes itself.
const CLAP_OWN: [&str; 2] = ["help", "version"];

/// The catalogue key of a command's help: `help` for the root, else
/// `help-` and the path of subcommand names (`help-batch-run`).
pub fn command_key(path: &[&str]) -> String {
    std::iter::once("help")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

/// The catalogue key of an argument's help: `help-arg-<id>` for a global
/// argument, else the command's key, `-arg-` and the id.
pub fn arg_key(path: &[&str], arg: &Arg) -> String {
    let id = arg.get_id().as_str().replace('_', "-");
    if arg.is_global_set() {
        format!("help-arg-{id}")
    } else {
        format!("{}-arg-{id}", command_key(path))
    }
}

/// The catalogue key of the placeholder of an argument's value, by the
/// argument's id alone (`--period` is a MÅNAD wherever it is asked for).
fn value_key(id: &str) -> String {
    format!("cli-value-{id}")
}

/// Every key the help of the command tree asks for: each command's and
/// argument's help, and each value's placeholder `cli-value-<id>` (the
/// catalogue test names any that is missing).
pub fn help_keys(root: &Command) -> Vec<String> {
    let mut keys = Vec::new();
    collect_keys(root, &mut Vec::new(), &mut keys);
    keys
}

fn collect_keys(command: &Command, path: &mut Vec<String>, keys: &mut Vec<String>) {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    keys.push(command_key(&names));
    for arg in command.get_arguments() {
        if CLAP_OWN.contains(&arg.get_id().as_str()) {
            continue;
        }
        keys.push(arg_key(&names, arg));
        if arg.get_action().takes_values() {
            keys.push(value_key(&arg.get_id().as_str().replace('_', "-")));
        }
    }
    for sub in command.get_subcommands() {
        path.push(sub.get_name().to_string());
        collect_keys(sub, path, keys);
        path.pop();
    }
}

/// The command tree with its texts in the reader's language: every help,
/// the headings, the placeholders and a help and a version option of its own.
pub fn localized(root: Command, t: &Texts) -> Command {
    let root = root
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t.get("cli-help-version"))
                .help_heading(t.get("cli-help-options")),
        )
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help(t.get("cli-help-help"))
                .help_heading(t.get("cli-help-options")),
        )
        .after_help(t.get("cli-help-exit-status"));
    localize(root, &mut Vec::new(), t)
}

fn localize(command: Command, path: &mut Vec<String>, t: &Texts) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let mut command = command
        .about(t.get(&command_key(&names)))
        .long_about(None::<&str>)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading(t.get("cli-help-commands"))
        .subcommand_value_name(t.get("cli-help-command-placeholder"))
        .help_template(format!(
            "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            t.get("cli-help-usage")
        ));
    let ids: Vec<String> = command
        .get_arguments()
        .filter(|arg| !CLAP_OWN.contains(&arg.get_id().as_str()))
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        command = command.mut_arg(id, |arg| {
            let key = arg_key(&names, &arg);
            localize_arg(arg, &key, t)
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in subcommands {
        path.push(name.clone());
        command = command.mut_subcommand(name, |sub| localize(sub, path, t));
        path.pop();
    }
    command
}

/// An argument's help, heading and placeholder in the reader's language,
/// with its default, environment variable and possible values told in it.
fn localize_arg(arg: Arg, key: &str, t: &Texts) -> Arg {
    let mut help = t.get(key);
    if let Some(env) = arg.get_env() {
        let name = env.to_string_lossy().into_owned();
        help.push_str(&format!(" [{}]", t.with("cli-help-env", &[("name", name)])));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && arg.get_action().takes_values() {
        let value = defaults.join(", ");
        help.push_str(&format!(
            " [{}]",
            t.with("cli-help-default", &[("value", value)])
        ));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        let values = values.join(", ");
        help.push_str(&format!(
            " [{}]",
            t.with("cli-help-values", &[("values", values)])
        ));
    }
    let heading = if arg.is_positional() {
        t.get("cli-help-arguments")
    } else {
        t.get("cli-help-options")
    };
    let arg = arg
        .help(help)
        .long_help(None::<&str>)
        .hide_env(true)
        .help_heading(heading);
    if arg.get_action().takes_values() {
        let id = arg.get_id().as_str().replace('_', "-");
        arg.value_name(t.get(&value_key(&id)))
            .hide_default_value(true)
            .hide_possible_values(true)
    } else {
        arg
    }
}

/// The language to write help and usage errors in, before the command
/// line is parsed: `--lang X` or `--lang=X`, else `TILSKOT_LANG`, else
/// Nynorsk. A value that is not a language is left for the parser to
/// refuse.
pub fn language_of(args: &[OsString]) -> Lang {
    let given = args.iter().enumerate().find_map(|(index, arg)| {
        let arg = arg.to_str()?;
        match arg.strip_prefix("--lang") {
            Some("") => args.get(index + 1)?.to_str().map(str::to_string),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        }
    });
    given
        .or_else(|| std::env::var("TILSKOT_LANG").ok())
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_default()
}

/// Why parsing stopped: help or the version was asked for (exit 0), or
/// the command line is wrong (exit 1). Each holds what to print.
#[derive(Debug)]
pub enum Stopped {
    Shown(String),
    Refused(String),
}

/// Parses the command line with the reader's texts.
pub fn parse(args: &[OsString], t: &Texts) -> Result<Cli, Stopped> {
    let command = localized(Cli::command(), t);
    let matches = command
        .try_get_matches_from(help_as_option(args))
        .map_err(|error| stopped(&error, args, t))?;
    Cli::from_arg_matches(&matches).map_err(|error| stopped(&error, args, t))
}

/// The words of a command line that are neither options nor the value of
/// a global option, with their places: the command and its subcommands
/// come first among them (`--lang nb batch run --period …`).
fn command_words(args: &[OsString]) -> Vec<(usize, &str)> {
    const TAKES_A_VALUE: [&str; 3] = ["--lang", "--db", "--rules"];
    let mut words = Vec::new();
    let mut index = 1;
    while let Some(arg) = args.get(index).and_then(|a| a.to_str()) {
        if TAKES_A_VALUE.contains(&arg) {
            index += 2;
            continue;
        }
        if !arg.starts_with('-') {
            words.push((index, arg));
        }
        index += 1;
    }
    words
}

/// The command a command line names, as one types it: `tilskot batch show`.
pub(crate) fn command_path(args: &[OsString]) -> String {
    let mut command = Cli::command();
    let mut path = vec![command.get_name().to_string()];
    for (_, word) in command_words(args) {
        let Some(sub) = command.find_subcommand(word).cloned() else {
            break;
        };
        path.push(word.to_string());
        command = sub;
    }
    path.join(" ")
}

/// `tilskot help batch run` as `tilskot batch run --help`: clap's own
/// `help` command is turned off, since it would speak English. `help` is
/// the command when it is the first word that is neither an option nor the
/// value of a global option (`--lang nb help batch`).
fn help_as_option(args: &[OsString]) -> Vec<OsString> {
    match command_words(args).first() {
        Some((index, "help")) => {
            let mut rewritten = args.to_vec();
            rewritten.remove(*index);
            rewritten.push(OsString::from("--help"));
            rewritten
        }
        _ => args.to_vec(),
    }
}

fn stopped(error: &clap::Error, args: &[OsString], t: &Texts) -> Stopped {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            Stopped::Shown(with_placeholders(&error.render().to_string(), t))
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Stopped::Refused(with_placeholders(&error.render().to_string(), t))
        }
        _ => Stopped::Refused(super::usage::usage_error_text(
            error,
            &command_path(args),
            t,
        )),
    }
}

/// clap's one placeholder that no setting names: `[OPTIONS]` in a usage.
pub(crate) fn with_placeholders(text: &str, t: &Texts) -> String {
    text.replace("[OPTIONS]", &t.get("cli-help-options-placeholder"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn args(line: &str) -> Vec<OsString> {
        line.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_from_either_form_of_the_option() {
        assert_eq!(language_of(&args("tilskot --lang nb batch list")), Lang::Nb);
        assert_eq!(language_of(&args("tilskot batch list --lang=nb")), Lang::Nb);
        assert_eq!(language_of(&args("tilskot --lang nn batch list")), Lang::Nn);
    }

    #[test]
    fn the_help_command_is_the_help_option_of_what_follows() {
        assert_eq!(
            help_as_option(&args("tilskot help batch run")),
            args("tilskot batch run --help")
        );
        assert_eq!(
            help_as_option(&args("tilskot help")),
            args("tilskot --help")
        );
        // Only as the command: a user called help is left alone.
        let named = args("tilskot user add --name help");
        assert_eq!(help_as_option(&named), named);
    }

    #[test]
    fn the_command_path_is_the_subcommands_a_line_names() {
        let path = |line| command_path(&args(line));
        assert_eq!(
            path("tilskot --lang nb batch show --format xml"),
            "tilskot batch show"
        );
        assert_eq!(
            path("tilskot --db sqlite://x.db user add --name run"),
            "tilskot user add"
        );
        assert_eq!(path("tilskot btach list"), "tilskot");
    }

    #[test]
    fn the_localized_tree_passes_clap_s_own_checks_in_both_languages() {
        for lang in Lang::ALL {
            localized(Cli::command(), &Texts::new(lang)).debug_assert();
        }
    }

    #[test]
    fn no_two_commands_or_arguments_share_a_help_key() {
        let mut seen = BTreeSet::new();
        for key in help_keys(&Cli::command()) {
            if key.starts_with(&value_key("")) {
                continue;
            }
            assert!(seen.insert(key.clone()), "{key} twice");
        }
        assert!(seen.contains("help-batch-pay-arg-allow-unverified-rates"));
    }
}
