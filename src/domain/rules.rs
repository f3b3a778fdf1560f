//! Rates and payment rules per budget year, loaded strictly from
//! `rules/<year>.toml` (R0: every accrual uses the rates of its month's year).
//!
//! The loader is pure: it takes the file name and its text. Reading the
//! directory happens in [`crate::io::rules_dir`].

use crate::domain::calendar::Period;
use crate::domain::error::{Message, Reason};
use crate::domain::grant::{Category, Grant};
use crate::domain::money::Ore;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use toml::{Table, Value};

/// How far a figure can be trusted (docs/rules.md, Status of a figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RateStatus {
    Adopted,
    Proposed,
    Inferred,
    Unverified,
    Placeholder,
}

impl RateStatus {
    pub const ALL: [RateStatus; 5] = [
        RateStatus::Adopted,
        RateStatus::Proposed,
        RateStatus::Inferred,
        RateStatus::Unverified,
        RateStatus::Placeholder,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RateStatus::Adopted => "adopted",
            RateStatus::Proposed => "proposed",
            RateStatus::Inferred => "inferred",
            RateStatus::Unverified => "unverified",
            RateStatus::Placeholder => "placeholder",
        }
    }

    fn parse(text: &str) -> Option<RateStatus> {
        [
            RateStatus::Adopted,
            RateStatus::Proposed,
            RateStatus::Inferred,
            RateStatus::Unverified,
            RateStatus::Placeholder,
        ]
        .into_iter()
        .find(|s| s.code() == text)
    }
}

impl fmt::Display for RateStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One figure of the rules: an amount with its status and source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub amount: Ore,
    pub status: RateStatus,
    pub source: String,
}

/// Which rate of a year an accrual used. Kept small so that accruals can be
/// computed for millions of person-months and explained afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RateKey {
    IntegrationYear1(Category),
    /// Grant year 2–5.
    IntegrationYear(u8),
    Elderly,
    Kindergarten,
    MinorToYearOf16,
    MinorFromYearOf17,
    /// Grant year 1–3, high rate.
    NorwegianHigh(u8),
    /// Grant year 1–3, low rate.
    NorwegianLow(u8),
    NorwegianCollective,
    NorwegianBase1To3,
    NorwegianBase4To150,
    /// R15: the one-off disability grant 1.
    Disability1,
    /// R16: the cap of the disability grant 2 for a year.
    Disability2,
}

impl RateKey {
    /// The grant the rate pays.
    pub fn grant(self) -> Grant {
        match self {
            RateKey::IntegrationYear1(_) => Grant::IntegrationYear1,
            RateKey::IntegrationYear(_) => Grant::Integration,
            RateKey::Elderly => Grant::Elderly,
            RateKey::Kindergarten => Grant::Kindergarten,
            RateKey::MinorToYearOf16 | RateKey::MinorFromYearOf17 => Grant::Minor,
            RateKey::NorwegianHigh(_) | RateKey::NorwegianLow(_) | RateKey::NorwegianCollective => {
                Grant::Norwegian
            }
            RateKey::NorwegianBase1To3 | RateKey::NorwegianBase4To150 => Grant::NorwegianBase,
            RateKey::Disability1 => Grant::Disability1,
            RateKey::Disability2 => Grant::Disability2,
        }
    }

    /// The key path of the rate in the rules file.
    pub fn path(self) -> String {
        match self {
            RateKey::IntegrationYear1(c) => format!("rates.integration_year1.{c}"),
            RateKey::IntegrationYear(y) => format!("rates.integration.year{y}"),
            RateKey::Elderly => "rates.elderly.one_off".into(),
            RateKey::Kindergarten => "rates.kindergarten.one_off".into(),
            RateKey::MinorToYearOf16 => "rates.minor.to_year_of_16".into(),
            RateKey::MinorFromYearOf17 => "rates.minor.from_year_of_17".into(),
            RateKey::NorwegianHigh(y) => format!("rates.norwegian.high_year{y}"),
            RateKey::NorwegianLow(y) => format!("rates.norwegian.low_year{y}"),
            RateKey::NorwegianCollective => "rates.norwegian.collective".into(),
            RateKey::NorwegianBase1To3 => "rates.norwegian_base.persons_1_to_3".into(),
            RateKey::NorwegianBase4To150 => "rates.norwegian_base.persons_4_to_150".into(),
            RateKey::Disability1 => "rates.disability.grant1".into(),
            RateKey::Disability2 => "rates.disability.grant2".into(),
        }
    }

    /// Every rate a year file must define (the collective Norwegian rate is optional).
    fn required() -> Vec<RateKey> {
        let mut keys: Vec<RateKey> = Category::ALL
            .into_iter()
            .map(RateKey::IntegrationYear1)
            .collect();
        keys.extend((2..=5).map(RateKey::IntegrationYear));
        keys.extend([
            RateKey::Elderly,
            RateKey::Kindergarten,
            RateKey::MinorToYearOf16,
            RateKey::MinorFromYearOf17,
        ]);
        keys.extend((1..=3).map(RateKey::NorwegianHigh));
        keys.extend((1..=3).map(RateKey::NorwegianLow));
        keys.extend([RateKey::NorwegianBase1To3, RateKey::NorwegianBase4To150]);
        keys.extend([RateKey::Disability1, RateKey::Disability2]);
        keys
    }

    fn optional() -> Vec<RateKey> {
        vec![RateKey::NorwegianCollective]
    }
}

/// A payment term (termin): in `month`, pay what accrued through `through`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentTerm {
    pub month: u32,
    /// The last month whose accruals the term pays (the term's date is that
    /// month's last day).
    pub through: Period,
    pub grants: BTreeSet<Grant>,
    pub status: RateStatus,
    pub source: String,
}

/// A figure that is not an amount but still carries status and source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub status: RateStatus,
    pub source: String,
}

/// The rules of one budget year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRules {
    pub year: i32,
    pub file_name: String,
    pub rates: BTreeMap<RateKey, Rate>,
    pub payment_terms: Vec<PaymentTerm>,
    /// R5: months from the month of a move to the month it takes effect.
    pub move_lag_months: Sourced<u32>,
    /// R11: countries whose persons get the low Norwegian-training rate.
    pub low_rate_countries: Sourced<BTreeSet<String>>,
}

impl YearRules {
    pub fn rate(&self, key: RateKey) -> Option<&Rate> {
        self.rates.get(&key)
    }

    /// A required rate; the loader guarantees it exists.
    pub fn required_rate(&self, key: RateKey) -> &Rate {
        self.rates.get(&key).unwrap_or_else(|| {
            panic!(
                "{} lacks {}, checked by the loader",
                self.file_name,
                key.path()
            )
        })
    }

    /// The payment term of a month, for a grant, if any.
    pub fn term_in_month(&self, month: u32, grant: Grant) -> Option<&PaymentTerm> {
        self.payment_terms
            .iter()
            .find(|t| t.month == month && t.grants.contains(&grant))
    }

    /// The least trusted status among the rates of one grant this year
    /// (adopted when the year has no rate of the grant).
    pub fn weakest_status_of(&self, grant: Grant) -> RateStatus {
        self.rates
            .iter()
            .filter(|(key, _)| key.grant() == grant)
            .map(|(_, rate)| rate.status)
            .max()
            .unwrap_or(RateStatus::Adopted)
    }

    /// The least trusted status among the figures of this year.
    pub fn weakest_status(&self) -> RateStatus {
        self.rates
            .values()
            .map(|r| r.status)
            .chain(self.payment_terms.iter().map(|t| t.status))
            .chain([self.move_lag_months.status, self.low_rate_countries.status])
            .max()
            .unwrap_or(RateStatus::Adopted)
    }
}

/// All years' rules.
#[derive(Debug, Clone, Default)]
pub struct RuleBook {
    years: BTreeMap<i32, YearRules>,
}

impl RuleBook {
    /// Builds the book; two files for the same year are an error.
    pub fn new(files: Vec<YearRules>) -> Result<RuleBook, RulesError> {
        let mut years: BTreeMap<i32, YearRules> = BTreeMap::new();
        for rules in files {
            if let Some(first) = years.get(&rules.year) {
                return Err(RulesError::new(
                    &rules.file_name,
                    "year",
                    Message::new("rules-duplicate-year")
                        .arg("year", rules.year)
                        .arg("other", &first.file_name),
                    format!("duplicate year {}, also in {}", rules.year, first.file_name),
                ));
            }
            years.insert(rules.year, rules);
        }
        Ok(RuleBook { years })
    }

    /// A fingerprint of every figure of every year: equal fingerprints mean
    /// equal rules.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("{:?}", self.years).as_bytes());
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    pub fn year(&self, year: i32) -> Result<&YearRules, MissingYear> {
        self.years.get(&year).ok_or(MissingYear(year))
    }

    pub fn years(&self) -> impl Iterator<Item = &YearRules> {
        self.years.values()
    }
}

/// No rules file for a budget year that a computation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("no rules for the budget year {0}: add rules/{0}.toml from the year's circular")]
pub struct MissingYear(pub i32);

/// A problem in a rules file, naming the file and the key. The reason's
/// message names them too (`$file`, `$key`), so that the person who keeps
/// the rules reads it whole in their language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {key}: {reason}")]
pub struct RulesError {
    pub file: String,
    pub key: String,
    /// Boxed: the error travels by value through every parser's `Result`.
    pub reason: Box<Reason>,
}

impl RulesError {
    /// A problem at `key` of `file`: the message a person reads (given the
    /// file and the key here) and the English text for the log.
    pub fn new(file: &str, key: &str, message: Message, english: impl Into<String>) -> RulesError {
        RulesError {
            file: file.to_string(),
            key: key.to_string(),
            reason: Box::new(Reason::told(
                message.arg("file", file).arg("key", key),
                english,
            )),
        }
    }
}

/// A broken rules file is the operator's to fix: an invalid input, told.
impl From<RulesError> for crate::domain::error::Error {
    fn from(error: RulesError) -> Self {
        let text = error.to_string();
        match error.reason.message {
            Some(message) => crate::domain::error::Error::invalid_told(message, text),
            None => crate::domain::error::Error::invalid(text),
        }
    }
}

/// The line of a TOML error (of syntax or of shape), counted from 1.
pub(crate) fn toml_error_line(text: &str, error: &toml::de::Error) -> usize {
    let at = error.span().map_or(0, |span| span.start).min(text.len());
    text[..at].matches('\n').count() + 1
}

/// Parses one year file strictly: unknown keys, missing rates, negative or
/// non-integer amounts and missing status or source are errors.
pub fn parse_year_file(file_name: &str, text: &str) -> Result<YearRules, RulesError> {
    let err = |key: &str, message: Message, reason: String| {
        RulesError::new(file_name, key, message, reason)
    };
    let root: Table = text.parse().map_err(|e: toml::de::Error| {
        let line = toml_error_line(text, &e);
        let message = Message::new("rules-syntax").arg("line", line);
        err("(syntax)", message, e.to_string().replace('\n', " "))
    })?;
    let mut root = Fields::new(file_name, "", root);

    let year = root.integer("year")?;
    let year = i32::try_from(year).map_err(|_| {
        let message = Message::new("rules-not-a-year").arg("value", year);
        err("year", message, format!("{year} is not a year"))
    })?;
    if let Some(stem) = file_name
        .rsplit('/')
        .next()
        .and_then(|n| n.strip_suffix(".toml"))
    {
        if stem.parse::<i32>().is_ok_and(|y| y != year) {
            return Err(err(
                "year",
                Message::new("rules-year-not-file")
                    .arg("stem", stem)
                    .arg("year", year),
                format!("the file is named {stem} but says year {year}"),
            ));
        }
    }

    let mut lag = root.table("move_lag")?;
    let lag_months = lag.integer("months")?;
    let lag_months = u32::try_from(lag_months)
        .ok()
        .filter(|m| *m <= 12)
        .ok_or_else(|| {
            err(
                "move_lag.months",
                Message::new("rules-lag-months").arg("value", lag_months),
                format!("{lag_months} is not 0–12 months"),
            )
        })?;
    let (status, source) = lag.status_and_source()?;
    lag.finish()?;
    let move_lag_months = Sourced {
        value: lag_months,
        status,
        source,
    };

    let mut countries = root.table("low_rate_countries")?;
    let list = countries.string_list("countries")?;
    for code in &list {
        if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(err(
                "low_rate_countries.countries",
                Message::new("rules-country-code").arg("code", code),
                format!("'{code}' is not an ISO 3166-1 alpha-2 code"),
            ));
        }
    }
    let (status, source) = countries.status_and_source()?;
    countries.finish()?;
    let low_rate_countries = Sourced {
        value: list.into_iter().collect(),
        status,
        source,
    };

    let payment_terms = parse_terms(&mut root, year)?;
    let rates = parse_rates(&mut root)?;
    root.finish()?;
    Ok(YearRules {
        year,
        file_name: file_name.to_string(),
        rates,
        payment_terms,
        move_lag_months,
        low_rate_countries,
    })
}

fn parse_terms(root: &mut Fields, year: i32) -> Result<Vec<PaymentTerm>, RulesError> {
    let file = root.file.clone();
    let items = match root.take("payment_terms") {
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(RulesError::new(
                &file,
                "payment_terms",
                Message::new("rules-terms-not-array"),
                "must be an array of tables [[payment_terms]]",
            ))
        }
        None => {
            let missing = Message::new("rules-missing");
            return Err(RulesError::new(&file, "payment_terms", missing, "missing"));
        }
    };
    let mut terms = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        let prefix = format!("payment_terms[{index}]");
        let Value::Table(table) = item else {
            let message = Message::new("rules-not-a-table");
            return Err(RulesError::new(&file, &prefix, message, "must be a table"));
        };
        let mut term = Fields::new(&file, &prefix, table);
        let month = term.integer("month")?;
        let month = u32::try_from(month)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| {
                RulesError::new(
                    &file,
                    &format!("{prefix}.month"),
                    Message::new("rules-not-a-month").arg("value", month),
                    format!("{month} is not a month 1–12"),
                )
            })?;
        let through_text = term.string("through")?;
        let through = parse_through(year, &through_text).ok_or_else(|| {
            RulesError::new(
                &file,
                &format!("{prefix}.through"),
                Message::new("rules-through").arg("text", &through_text),
                format!("'{through_text}' is not the last day of a month (MM-DD)"),
            )
        })?;
        let mut grants = BTreeSet::new();
        for code in term.string_list("grants")? {
            let grant = code.parse::<Grant>().map_err(|reason| {
                let message = Message::new("rules-unknown-grant").arg("text", &code);
                RulesError::new(&file, &format!("{prefix}.grants"), message, reason)
            })?;
            grants.insert(grant);
        }
        let (status, source) = term.status_and_source()?;
        term.finish()?;
        terms.push(PaymentTerm {
            month,
            through,
            grants,
            status,
            source,
        });
    }
    for grant in Grant::ALL {
        if !terms.iter().any(|t| t.grants.contains(&grant)) {
            return Err(RulesError::new(
                &file,
                "payment_terms",
                Message::new("rules-grant-without-term").named("grant", "grant", grant.code()),
                format!("no term pays the grant {grant}"),
            ));
        }
        let mut months: Vec<u32> = terms
            .iter()
            .filter(|t| t.grants.contains(&grant))
            .map(|t| t.month)
            .collect();
        let count = months.len();
        months.dedup();
        if months.len() != count {
            return Err(RulesError::new(
                &file,
                "payment_terms",
                Message::new("rules-two-terms").named("grant", "grant", grant.code()),
                format!("two terms pay {grant} in the same month"),
            ));
        }
    }
    Ok(terms)
}

/// `through = "MM-DD"` must be the last day of its month in the rules' year.
fn parse_through(year: i32, text: &str) -> Option<Period> {
    let (month, day) = text.split_once('-')?;
    let period = Period::new(year, month.parse().ok()?)?;
    let day: u32 = day.parse().ok()?;
    (period.last_day() == period.first_day() + chrono::Days::new(u64::from(day) - 1))
        .then_some(period)
}

fn parse_rates(root: &mut Fields) -> Result<BTreeMap<RateKey, Rate>, RulesError> {
    let file = root.file.clone();
    let mut rates_table = root.table("rates")?;
    let known: Vec<RateKey> = RateKey::required()
        .into_iter()
        .chain(RateKey::optional())
        .collect();
    let mut rates = BTreeMap::new();
    // Walk the file's keys so that anything not known is reported by name.
    let grant_names: Vec<String> = rates_table.table_keys();
    for grant_name in grant_names {
        let mut grant_table = rates_table.table(&grant_name)?;
        for rate_name in grant_table.table_keys() {
            let path = format!("rates.{grant_name}.{rate_name}");
            let Some(key) = known.iter().copied().find(|k| k.path() == path) else {
                let message = Message::new("rules-unknown-rate");
                return Err(RulesError::new(&file, &path, message, "unknown rate"));
            };
            let mut fields = grant_table.table(&rate_name)?;
            let amount = fields.amount("amount")?;
            let (status, source) = fields.status_and_source()?;
            fields.finish()?;
            rates.insert(
                key,
                Rate {
                    amount,
                    status,
                    source,
                },
            );
        }
        grant_table.finish()?;
    }
    rates_table.finish()?;
    for key in RateKey::required() {
        if !rates.contains_key(&key) {
            let message = Message::new("rules-missing-rate");
            return Err(RulesError::new(&file, &key.path(), message, "missing rate"));
        }
    }
    Ok(rates)
}

/// A TOML table being taken apart: every key must be used exactly once, so
/// that whatever is left at [`Fields::finish`] is an unknown key.
struct Fields {
    file: String,
    prefix: String,
    table: Table,
}

impl Fields {
    fn new(file: &str, prefix: &str, table: Table) -> Fields {
        Fields {
            file: file.to_string(),
            prefix: prefix.to_string(),
            table,
        }
    }

    fn path(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    fn error(&self, key: &str, message: Message, reason: impl Into<String>) -> RulesError {
        RulesError::new(&self.file, &self.path(key), message, reason)
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        self.table.remove(key)
    }

    fn required(&mut self, key: &str) -> Result<Value, RulesError> {
        self.take(key)
            .ok_or_else(|| self.error(key, Message::new("rules-missing"), "missing"))
    }

    fn integer(&mut self, key: &str) -> Result<i64, RulesError> {
        match self.required(key)? {
            Value::Integer(i) => Ok(i),
            other => Err(self.error(
                key,
                Message::new("rules-not-integer").named("found", "toml-type", other.type_str()),
                format!("must be an integer, found {}", other.type_str()),
            )),
        }
    }

    /// A whole, non-negative amount in NOK.
    fn amount(&mut self, key: &str) -> Result<Ore, RulesError> {
        match self.required(key)? {
            Value::Integer(i) if i < 0 => Err(self.error(
                key,
                Message::new("rules-negative").arg("value", i),
                format!("negative amount {i}"),
            )),
            Value::Integer(i) => Ore::from_kroner(i).ok_or_else(|| {
                self.error(key, Message::new("rules-too-large"), "amount too large")
            }),
            Value::Float(f) => Err(self.error(
                key,
                Message::new("rules-not-whole").arg("value", f),
                format!("non-integer amount {f}: amounts are whole NOK"),
            )),
            other => Err(self.error(
                key,
                Message::new("rules-not-amount").named("found", "toml-type", other.type_str()),
                format!("must be a whole amount in NOK, found {}", other.type_str()),
            )),
        }
    }

    fn string(&mut self, key: &str) -> Result<String, RulesError> {
        match self.required(key)? {
            Value::String(s) if !s.trim().is_empty() => Ok(s),
            Value::String(_) => {
                Err(self.error(key, Message::new("rules-empty"), "must not be empty"))
            }
            other => Err(self.error(
                key,
                Message::new("rules-not-string").named("found", "toml-type", other.type_str()),
                format!("must be a string, found {}", other.type_str()),
            )),
        }
    }

    fn string_list(&mut self, key: &str) -> Result<Vec<String>, RulesError> {
        let value = self.required(key)?;
        let not_a_list = || {
            let message = Message::new("rules-not-list");
            self.error(key, message, "must be a list of strings")
        };
        let Value::Array(items) = value else {
            return Err(not_a_list());
        };
        items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err(not_a_list()),
            })
            .collect()
    }

    fn table(&mut self, key: &str) -> Result<Fields, RulesError> {
        match self.required(key)? {
            Value::Table(t) => Ok(Fields::new(&self.file, &self.path(key), t)),
            _ => Err(self.error(key, Message::new("rules-not-a-table"), "must be a table")),
        }
    }

    fn table_keys(&self) -> Vec<String> {
        self.table.keys().cloned().collect()
    }

    fn status_and_source(&mut self) -> Result<(RateStatus, String), RulesError> {
        let status_text = self.string("status")?;
        let status = RateStatus::parse(&status_text).ok_or_else(|| {
            self.error(
                "status",
                Message::new("rules-status").arg("text", &status_text),
                format!("'{status_text}' is not one of adopted, proposed, inferred, unverified, placeholder"),
            )
        })?;
        let source = self.string("source")?;
        Ok((status, source))
    }

    fn finish(self) -> Result<(), RulesError> {
        match self.table.keys().next() {
            Some(key) => Err(self.error(key, Message::new("rules-unknown-key"), "unknown key")),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
