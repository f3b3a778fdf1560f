//! Discretionary grant schemes (søknadsbaserte tilskotsordningar), report
//! ch. 3.2 and table 4-2: eligibility, weighted scoring, ranking and awards
//! within the scheme's budget frame (tilskotsramme). Pure: schemes,
//! applications and scores in, decisions out.
//!
//! Application states, form validation and frame tracking are in
//! `application`; storage in `scheme_store`; the web application in `web`.

use crate::domain::error::Message;
use crate::domain::ledger::BudgetKey;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::rules::{toml_error_line, RulesError};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Who may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApplicantKind {
    /// Kommune.
    Municipality,
    /// Fylkeskommune.
    County,
    /// Frivillig (ideell) organisasjon.
    VoluntaryOrganisation,
}

impl ApplicantKind {
    pub const ALL: [ApplicantKind; 3] = [
        ApplicantKind::Municipality,
        ApplicantKind::County,
        ApplicantKind::VoluntaryOrganisation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicantKind::Municipality => "municipality",
            ApplicantKind::County => "county",
            ApplicantKind::VoluntaryOrganisation => "voluntary_organisation",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicantKind> {
        ApplicantKind::ALL.into_iter().find(|k| k.code() == text)
    }

    /// The object account of a grant to this sector (artskonto, docs/rules.md, Accounts):
    /// 870 municipalities, 871 counties, 875 voluntary (ideelle) organisations.
    pub fn grant_account(self) -> &'static str {
        match self {
            ApplicantKind::Municipality => "870",
            ApplicantKind::County => "871",
            ApplicantKind::VoluntaryOrganisation => "875",
        }
    }
}

/// A criterion every reviewer scores 0–5; weights are data of the scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub code: String,
    pub name: String,
    pub weight: u32,
}

/// A scheme's call of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    pub code: String,
    pub name: String,
    pub budget_key: BudgetKey,
    pub year: i32,
    pub frame: Ore,
    pub eligible: Vec<ApplicantKind>,
    pub call_opens: NaiveDate,
    pub call_closes: NaiveDate,
    pub min_participants: Option<u32>,
    /// Own financing as a share of the project budget, in per cent.
    pub min_own_financing_percent: Option<u32>,
    pub criteria: Vec<Criterion>,
    /// Submitted reviews an application needs before anyone decides it.
    pub min_reviews: u32,
}

/// The reviews a scheme requires before a decision unless its file says
/// otherwise: two caseworkers see every application.
pub const DEFAULT_MIN_REVIEWS: u32 = 2;

/// An application, as submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: String,
    pub applicant_kind: ApplicantKind,
    pub submitted: NaiveDate,
    /// The amount applied for in the scheme's year (the rest of a
    /// multi-year project are later years' reservations).
    pub amount_applied: Ore,
    pub budget_total: Ore,
    pub own_financing: Ore,
    pub participants: u32,
    /// Amounts of later years of a multi-year project: (year, amount).
    pub later_years: Vec<(i32, Ore)>,
}

/// The rule an ineligible application fails: in English for the log and
/// the command line, and as a catalogue message for the pages and letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ineligible {
    pub rule: String,
    pub message: Message,
}

/// Checks an application against the scheme's rules; the first rule it
/// fails is the reason of the rejection.
pub fn eligibility(scheme: &Scheme, application: &Application) -> Result<(), Ineligible> {
    let fail = |rule: String, message: Message| Err(Ineligible { rule, message });
    if !scheme.eligible.contains(&application.applicant_kind) {
        return fail(
            format!(
                "{:?} is not among the applicants of {}",
                application.applicant_kind, scheme.name
            ),
            Message::new("ineligible-kind").arg("kind", application.applicant_kind.code()),
        );
    }
    if application.submitted < scheme.call_opens || application.submitted > scheme.call_closes {
        return fail(
            format!(
                "submitted {}, outside the call {}–{}",
                application.submitted, scheme.call_opens, scheme.call_closes
            ),
            Message::new("ineligible-outside-call")
                .arg("submitted", application.submitted)
                .arg("opens", scheme.call_opens)
                .arg("closes", scheme.call_closes),
        );
    }
    if let Some(min) = scheme.min_participants {
        if application.participants < min {
            return fail(
                format!(
                    "{} participants, the scheme requires at least {min}",
                    application.participants
                ),
                Message::new("ineligible-participants")
                    .arg("participants", application.participants)
                    .arg("min", min),
            );
        }
    }
    if let Some(percent) = scheme.min_own_financing_percent {
        // own / budget ≥ percent / 100, compared without division.
        if i128::from(application.own_financing.0) * 100
            < i128::from(application.budget_total.0) * i128::from(percent)
        {
            return fail(
                format!(
                    "own financing {} of a budget of {} is below {percent} %",
                    application.own_financing, application.budget_total
                ),
                Message::new("ineligible-own-financing")
                    .arg("own", format_nok_grouped(application.own_financing))
                    .arg("budget", format_nok_grouped(application.budget_total))
                    .arg("percent", percent),
            );
        }
    }
    if application.amount_applied.0 <= 0 {
        return fail(
            "the amount applied for must be above zero".into(),
            Message::new("field-above-zero"),
        );
    }
    Ok(())
}

/// The highest score of a criterion (0–5).
pub const MAX_SCORE: u32 = 5;

/// A submitted score of one reviewer for one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub reviewer: String,
    pub criterion: String,
    /// 0–5.
    pub value: u32,
}

/// A weighted score kept as an exact fraction: points / reviewers, where
/// points = Σ weight × value over every reviewer's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeightedScore {
    pub points: u64,
    pub reviewers: u64,
}

impl WeightedScore {
    /// Named rounding **score shown to two decimals, half up**: the average
    /// points per reviewer as people read it ("13,50"); the ranking itself
    /// compares the exact fractions.
    pub fn shown(&self) -> String {
        let reviewers = u128::from(self.reviewers.max(1));
        let hundredths = (u128::from(self.points) * 200 + reviewers) / (2 * reviewers);
        format!("{},{:02}", hundredths / 100, hundredths % 100)
    }

    /// Compares averages exactly (cross-multiplied), higher first.
    fn cmp_desc(&self, other: &WeightedScore) -> Ordering {
        let left = u128::from(self.points) * u128::from(other.reviewers.max(1));
        let right = u128::from(other.points) * u128::from(self.reviewers.max(1));
        right.cmp(&left)
    }
}

/// The weighted score of an application: each reviewer's Σ weight × value,
/// averaged over reviewers. Scores of unknown criteria or above 5 are refused.
pub fn weighted_score(scheme: &Scheme, scores: &[Score]) -> Result<WeightedScore, String> {
    let weights: BTreeMap<&str, u32> = scheme
        .criteria
        .iter()
        .map(|c| (c.code.as_str(), c.weight))
        .collect();
    let mut points = 0u64;
    let mut reviewers = std::collections::BTreeSet::new();
    for score in scores {
        let weight = weights
            .get(score.criterion.as_str())
            .ok_or_else(|| format!("unknown criterion {}", score.criterion))?;
        if score.value > MAX_SCORE {
            return Err(format!("a score is 0–5, not {}", score.value));
        }
        points += u64::from(*weight) * u64::from(score.value);
        reviewers.insert(score.reviewer.as_str());
    }
    Ok(WeightedScore {
        points,
        reviewers: reviewers.len() as u64,
    })
}

/// An eligible application with its score, for ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub application: Application,
    pub score: WeightedScore,
}

/// Ranks by weighted score, highest first. Ties are broken the same way
/// every time: earlier submission first, then the smaller amount, then id.
pub fn rank(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        a.score
            .cmp_desc(&b.score)
            .then(a.application.submitted.cmp(&b.application.submitted))
            .then(
                a.application
                    .amount_applied
                    .cmp(&b.application.amount_applied),
            )
            .then(a.application.id.cmp(&b.application.id))
    });
    candidates
}

/// The decision on an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Tilsegn of the amount applied for.
    Awarded(Ore),
    /// Tilsegn of less than applied for: the stated partial amount, or what
    /// remained of the frame.
    PartlyAwarded(Ore),
    /// Eligible and ranked, but the frame ran out.
    RecommendedNotFunded,
    /// Avslag, with the rule it fails.
    Rejected(Ineligible),
}

/// A decision, with the later years of a multi-year award recorded as
/// reservations subject to Parliament's appropriation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub application_id: String,
    pub outcome: Outcome,
    pub reservations: Vec<(i32, Ore)>,
    /// The weighted score the ranking used; none for an ineligible one.
    pub score: Option<WeightedScore>,
}

impl Decision {
    pub fn committed(&self) -> Ore {
        match self.outcome {
            Outcome::Awarded(a) | Outcome::PartlyAwarded(a) => a,
            _ => Ore::ZERO,
        }
    }
}

/// Proposes awards in ranking order within the frame: the amount applied
/// for, or the caseworker's stated partial amount; when the next award does
/// not fit, what remains of the frame is offered as a partial award, and the
/// rest are recommended but not funded. The sum of commitments never
/// exceeds the frame. Ineligible applications are rejected with their rule.
pub fn allocate(
    scheme: &Scheme,
    applications: &[(Application, Vec<Score>)],
    stated_partial: &BTreeMap<String, Ore>,
) -> Result<Vec<Decision>, String> {
    let mut decisions = Vec::new();
    let mut candidates = Vec::new();
    for (application, scores) in applications {
        match eligibility(scheme, application) {
            Ok(()) => candidates.push(Candidate {
                application: application.clone(),
                score: weighted_score(scheme, scores)?,
            }),
            Err(ineligible) => decisions.push(Decision {
                application_id: application.id.clone(),
                outcome: Outcome::Rejected(ineligible),
                reservations: Vec::new(),
                score: None,
            }),
        }
    }
    let mut remaining = scheme.frame;
    for candidate in rank(candidates) {
        let application = &candidate.application;
        let wanted = stated_partial
            .get(&application.id)
            .copied()
            .map(|partial| partial.min(application.amount_applied))
            .unwrap_or(application.amount_applied);
        let granted = wanted.min(remaining);
        let outcome = if granted.0 <= 0 {
            Outcome::RecommendedNotFunded
        } else if granted == application.amount_applied {
            Outcome::Awarded(granted)
        } else {
            Outcome::PartlyAwarded(granted)
        };
        remaining -= granted.max(Ore::ZERO);
        let reservations = if granted.0 > 0 {
            application.later_years.clone()
        } else {
            Vec::new()
        };
        decisions.push(Decision {
            application_id: application.id.clone(),
            outcome,
            reservations,
            score: Some(candidate.score),
        });
    }
    debug_assert!(remaining.0 >= 0);
    Ok(decisions)
}

/// Named rule **share pro rata, largest remainder**: shares `frame` between
/// amounts in proportion to them, each share floored to whole øre, and the
/// øre left over given one each to the largest remainders (ties to the
/// earlier amount), so that the shares add up exactly to the frame. Used
/// when a caseworker cuts every award by the same proportion, as IMDi did
/// for Jobbsjansen 2022.
pub fn share_pro_rata(frame: Ore, amounts: &[Ore]) -> Vec<Ore> {
    let total: i128 = amounts.iter().map(|a| i128::from(a.0)).sum();
    if total <= 0 || frame.0 <= 0 {
        return vec![Ore::ZERO; amounts.len()];
    }
    let frame_ore = i128::from(frame.0).min(total);
    let mut shares: Vec<(usize, i128, i128)> = amounts
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let exact = i128::from(a.0) * frame_ore;
            (index, exact / total, exact % total)
        })
        .collect();
    let handed_out: i128 = shares.iter().map(|(_, share, _)| share).sum();
    let mut left = frame_ore - handed_out;
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| shares[*b].2.cmp(&shares[*a].2).then(a.cmp(b)));
    for index in order {
        if left == 0 {
            break;
        }
        shares[index].1 += 1;
        left -= 1;
    }
    shares
        .into_iter()
        .map(|(_, share, _)| Ore(share as i64))
        .collect()
}

/// The schemes file (`rules/schemes-<year>.toml`) as written.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemesFile {
    scheme: Vec<SchemeEntry>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SchemeEntry {
    code: String,
    name: String,
    year: i32,
    budget_line: String,
    frame: String,
    frame_source: String,
    eligible: Vec<String>,
    call_opens: String,
    call_closes: String,
    call_source: String,
    min_participants: Option<u32>,
    min_participants_source: Option<String>,
    min_own_financing_percent: Option<u32>,
    min_own_financing_source: Option<String>,
    /// Submitted reviews before a decision (default 2).
    min_reviews: Option<u32>,
    criteria_source: String,
    criterion: Vec<CriterionEntry>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionEntry {
    code: String,
    name: String,
    weight: u32,
}

/// A scheme with the sources of its figures, as the schemes file gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeDefinition {
    pub scheme: Scheme,
    /// "figure: source" lines.
    pub sources: String,
}

/// Parses a schemes file strictly: unknown keys, a frame that is not whole
/// NOK, an unknown applicant kind, a call that closes before it opens, a
/// scheme without criteria or a criterion without weight are refused with
/// the file and scheme named.
pub fn parse_schemes(text: &str, file_name: &str) -> Result<Vec<SchemeDefinition>, RulesError> {
    let file: SchemesFile = toml::from_str(text).map_err(|e| {
        let line = toml_error_line(text, &e);
        let message = Message::new("rules-schemes-shape").arg("line", line);
        RulesError::new(
            file_name,
            "(syntax)",
            message,
            e.to_string().replace('\n', " "),
        )
    })?;
    let mut seen = std::collections::BTreeSet::new();
    file.scheme
        .into_iter()
        .map(|entry| {
            if !seen.insert((entry.code.clone(), entry.year)) {
                let key = format!("[[scheme]] {} {}", entry.code, entry.year);
                let message = Message::new("rules-scheme-twice");
                return Err(RulesError::new(file_name, &key, message, "given twice"));
            }
            scheme_definition(entry, file_name)
        })
        .collect()
}

/// One `[[scheme]]` of a schemes file, checked.
fn scheme_definition(entry: SchemeEntry, file_name: &str) -> Result<SchemeDefinition, RulesError> {
    let scheme = format!("[[scheme]] {} {}", entry.code, entry.year);
    let refuse = |field: &str, message: Message, english: String| {
        let key = if field.is_empty() {
            scheme.clone()
        } else {
            format!("{scheme}: {field}")
        };
        RulesError::new(file_name, &key, message, english)
    };
    let whole = |frame: Ore| frame.0 >= 0 && frame.0 % 100 == 0;
    let frame = Ore::parse_nok(&entry.frame)
        .ok()
        .filter(|f| whole(*f))
        .ok_or_else(|| {
            let message = Message::new("rules-scheme-frame").arg("text", &entry.frame);
            refuse("frame", message, "a frame is whole, positive kroner".into())
        })?;
    let budget_key = BudgetKey::parse(&entry.budget_line).map_err(|e| {
        let message = Message::new("rules-scheme-budget-line").arg("text", &entry.budget_line);
        refuse("budget_line", message, e.to_string())
    })?;
    let eligible = entry
        .eligible
        .iter()
        .map(|kind| {
            ApplicantKind::parse(kind).ok_or_else(|| {
                let message = Message::new("rules-scheme-applicant-kind").arg("text", kind);
                refuse(
                    "eligible",
                    message,
                    format!("unknown applicant kind '{kind}'"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let date = |field: &str, text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            let message = Message::new("rules-scheme-date").arg("text", text);
            refuse(field, message, format!("'{text}' is not an ISO date"))
        })
    };
    let call_opens = date("call_opens", &entry.call_opens)?;
    let call_closes = date("call_closes", &entry.call_closes)?;
    if call_closes < call_opens {
        let message = Message::new("rules-scheme-call-order");
        return Err(refuse(
            "",
            message,
            "the call closes before it opens".into(),
        ));
    }
    if entry.criterion.is_empty() || entry.criterion.iter().any(|c| c.weight == 0) {
        let message = Message::new("rules-scheme-criteria");
        let english = "a scheme has criteria, each with a weight above zero";
        return Err(refuse("criterion", message, english.into()));
    }
    let mut sources = vec![
        format!("frame: {}", entry.frame_source),
        format!("call: {}", entry.call_source),
        format!("criteria: {}", entry.criteria_source),
    ];
    sources.extend(
        entry
            .min_participants_source
            .map(|s| format!("min_participants: {s}")),
    );
    sources.extend(
        entry
            .min_own_financing_source
            .map(|s| format!("min_own_financing_percent: {s}")),
    );
    Ok(SchemeDefinition {
        scheme: Scheme {
            code: entry.code,
            name: entry.name,
            budget_key,
            year: entry.year,
            frame,
            eligible,
            call_opens,
            call_closes,
            min_participants: entry.min_participants,
            min_own_financing_percent: entry.min_own_financing_percent,
            min_reviews: entry.min_reviews.unwrap_or(DEFAULT_MIN_REVIEWS).max(1),
            criteria: entry
                .criterion
                .into_iter()
                .map(|c| Criterion {
                    code: c.code,
                    name: c.name,
                    weight: c.weight,
                })
                .collect(),
        },
        sources: sources.join("\n"),
    })
}

#[cfg(test)]
#[path = "schemes_tests.rs"]
mod tests;
