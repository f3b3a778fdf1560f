//! Applications to discretionary schemes (søknader): their states, the
//! validation of what an applicant enters, and the tracking of a scheme's
//! frame (tilskotsramme). Pure: no database, no HTTP.

use crate::domain::error::Message;
use crate::domain::ledger::{BudgetKey, Posting, Voucher};
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::municipality::Municipalities;
use crate::domain::payment_file::is_valid_organisation_number;
use crate::domain::payout::TREASURY_PAYMENTS_ACCOUNT;
use crate::domain::schemes::ApplicantKind;
use chrono::NaiveDate;
use std::fmt;

/// Where an application is: draft → submitted → in review → decided →
/// paid → reported. The outcome of a decision is kept beside the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ApplicationState {
    Draft,
    Submitted,
    InReview,
    Decided,
    Paid,
    /// Rapportert: the applicant has reported on the project.
    Reported,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 6] = [
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::InReview,
        ApplicationState::Decided,
        ApplicationState::Paid,
        ApplicationState::Reported,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApplicationState::Draft => "draft",
            ApplicationState::Submitted => "submitted",
            ApplicationState::InReview => "in_review",
            ApplicationState::Decided => "decided",
            ApplicationState::Paid => "paid",
            ApplicationState::Reported => "reported",
        }
    }

    pub fn parse(text: &str) -> Option<ApplicationState> {
        ApplicationState::ALL.into_iter().find(|s| s.code() == text)
    }

    /// Only a draft can be changed by its applicant.
    pub fn editable(self) -> bool {
        self == ApplicationState::Draft
    }

    /// Caseworkers score submitted applications and those in review.
    pub fn open_for_review(self) -> bool {
        matches!(
            self,
            ApplicationState::Submitted | ApplicationState::InReview
        )
    }
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The outcome of a decision (vedtak).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    /// Innvilga: the amount applied for.
    Awarded,
    /// Delvis innvilga: less than applied for.
    PartlyAwarded,
    /// Avslag, with reasons.
    Rejected,
    /// Tilrådd, men ikkje finansiert: eligible, but the frame ran out.
    RecommendedNotFunded,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 4] = [
        DecisionKind::Awarded,
        DecisionKind::PartlyAwarded,
        DecisionKind::Rejected,
        DecisionKind::RecommendedNotFunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Awarded => "awarded",
            DecisionKind::PartlyAwarded => "partly_awarded",
            DecisionKind::Rejected => "rejected",
            DecisionKind::RecommendedNotFunded => "recommended_not_funded",
        }
    }

    pub fn parse(text: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.code() == text)
    }

    /// The heading of the decision letter (Nynorsk, as IMDi writes).
    pub fn letter_heading(self) -> &'static str {
        match self {
            DecisionKind::Awarded => "Vedtak om tilskot",
            DecisionKind::PartlyAwarded => "Vedtak om delvis innvilga tilskot",
            DecisionKind::Rejected => "Vedtak om avslag på søknad om tilskot",
            DecisionKind::RecommendedNotFunded => {
                "Melding om søknad som er tilrådd, men ikkje finansiert"
            }
        }
    }

    pub fn commits(self) -> bool {
        matches!(self, DecisionKind::Awarded | DecisionKind::PartlyAwarded)
    }
}

/// A decision a caseworker makes, checked before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    pub kind: DecisionKind,
    /// The committed amount of an award; zero otherwise.
    pub amount: Ore,
    /// The caseworker's reasons, in their words (or the English text of a
    /// proposed decision's reason, for the log and the command line).
    pub reason: String,
    /// A proposed decision's reason as a catalogue message, which pages and
    /// letters give in the reader's language.
    pub message: Option<Message>,
}

/// The keys and argument names a decision's stored message may hold.
pub const DECISION_MESSAGE_WORDS: [&str; 16] = [
    "decision-reason-partial-frame",
    "decision-reason-frame-used",
    "ineligible-kind",
    "ineligible-outside-call",
    "ineligible-participants",
    "ineligible-own-financing",
    "field-above-zero",
    "kind",
    "submitted",
    "opens",
    "closes",
    "participants",
    "min",
    "own",
    "budget",
    "percent",
];

/// Checks a decision against the amount applied for: an award commits the
/// amount applied for, a partial award less than that and more than zero,
/// a rejection must give its reasons.
pub fn check_decision(
    kind: DecisionKind,
    amount_text: &str,
    reason: &str,
    amount_applied: Ore,
) -> Result<DecisionRequest, FieldError> {
    let reason = reason.trim().to_string();
    let amount = match kind {
        DecisionKind::Awarded => amount_applied,
        DecisionKind::PartlyAwarded => {
            let amount = parse_amount("amount", amount_text)?;
            if amount.0 <= 0 || amount >= amount_applied {
                return Err(FieldError::new(
                    "amount",
                    Message::new("field-partial-award-range").arg("applied", amount_applied),
                ));
            }
            amount
        }
        DecisionKind::Rejected | DecisionKind::RecommendedNotFunded => Ore::ZERO,
    };
    check_free_text("reason", &reason)?;
    if kind == DecisionKind::Rejected && reason.is_empty() {
        return Err(FieldError::new(
            "reason",
            Message::new("field-rejection-needs-reason"),
        ));
    }
    Ok(DecisionRequest {
        kind,
        amount,
        reason,
        message: None,
    })
}

/// The longest free text (a reason, a report): 4 000 characters.
pub const MAX_FREE_TEXT_CHARS: usize = 4_000;
/// The longest name (a project, an organisation): 200 characters.
pub const MAX_NAME_CHARS: usize = 200;

/// Refuses free text over [`MAX_FREE_TEXT_CHARS`].
pub fn check_free_text(field: &str, text: &str) -> Result<(), FieldError> {
    if text.chars().count() > MAX_FREE_TEXT_CHARS {
        return Err(FieldError::new(
            field,
            Message::new("field-too-long").arg("max", MAX_FREE_TEXT_CHARS),
        ));
    }
    Ok(())
}

/// A field the applicant must correct, and why, as a catalogue message
/// the pages render in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: Message,
}

impl FieldError {
    pub fn new(field: &str, message: Message) -> FieldError {
        FieldError {
            field: field.into(),
            message,
        }
    }
}

/// For logs and tests: the field, the message key and its arguments.
impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message.key)?;
        for (name, value) in &self.message.args {
            write!(f, " {name}={value}")?;
        }
        Ok(())
    }
}

/// An organisation as an applicant: a municipality by its number
/// (kommunenummer), a county or a voluntary organisation by its
/// organisation number (organisasjonsnummer, mod 11).
pub fn check_organisation_id(
    kind: ApplicantKind,
    id: &str,
    municipalities: &Municipalities,
) -> Result<String, String> {
    let id = id.trim();
    match kind {
        ApplicantKind::Municipality => municipalities
            .parse(id)
            .map(|number| number.to_string())
            .map_err(|e| format!("{e} (a municipality applies with its four-digit number)")),
        ApplicantKind::County | ApplicantKind::VoluntaryOrganisation => {
            if id.len() != 9 || !id.bytes().all(|b| b.is_ascii_digit()) {
                Err(format!(
                    "'{id}' is not an organisation number of nine digits"
                ))
            } else if !is_valid_organisation_number(id) {
                Err(format!(
                    "'{id}' is not a valid organisation number: the check digit (mod 11) does not match"
                ))
            } else {
                Ok(id.to_string())
            }
        }
    }
}

/// A field given as text or, in JSON, as a whole number (`"participants":
/// 15`, as the API returns it). A number with decimals is refused: amounts
/// with øre are written as text ("100000.50"), never read through a float.
fn text_or_whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum TextOrWhole {
        Text(String),
        Whole(i64),
    }
    match <TextOrWhole as serde::Deserialize>::deserialize(d) {
        Ok(TextOrWhole::Text(text)) => Ok(text),
        Ok(TextOrWhole::Whole(n)) => Ok(n.to_string()),
        Err(_) => Err(serde::de::Error::custom(
            "a whole number, or text such as \"100000.50\"",
        )),
    }
}

/// What an applicant types into the form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ApplicationForm {
    pub project: String,
    /// NOK, for the scheme's year.
    #[serde(deserialize_with = "text_or_whole_number")]
    pub amount_applied: String,
    #[serde(deserialize_with = "text_or_whole_number")]
    pub budget_total: String,
    #[serde(deserialize_with = "text_or_whole_number")]
    pub own_financing: String,
    #[serde(deserialize_with = "text_or_whole_number")]
    pub participants: String,
    /// Later years of a multi-year project: "2023: 1 200 000; 2024: 800 000".
    pub later_years: String,
}

/// A validated application's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFigures {
    pub project: String,
    pub amount_applied: Ore,
    pub budget_total: Ore,
    pub own_financing: Ore,
    pub participants: u32,
    pub later_years: Vec<(i32, Ore)>,
}

/// Parses NOK as people type it: spaces between thousands, a decimal
/// comma or point, at most two decimals.
pub fn parse_amount(field: &str, text: &str) -> Result<Ore, FieldError> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(FieldError::new(field, Message::new("field-required")));
    }
    let amount = Ore::parse_nok(&cleaned).map_err(|_| {
        FieldError::new(
            field,
            Message::new("field-not-amount").arg("text", text.trim()),
        )
    })?;
    if amount.0 < 0 {
        return Err(FieldError::new(field, Message::new("field-negative")));
    }
    Ok(amount)
}

/// Checks a form and says every field that is wrong and why; a draft may be
/// saved with errors, a submission may not.
pub fn validate_form(
    form: &ApplicationForm,
    scheme_year: i32,
) -> Result<ApplicationFigures, Vec<FieldError>> {
    let mut errors = Vec::new();
    let project = form.project.trim().to_string();
    if project.is_empty() {
        errors.push(FieldError::new("project", Message::new("field-required")));
    } else if project.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new(
            "project",
            Message::new("field-too-long").arg("max", MAX_NAME_CHARS),
        ));
    }
    let mut amount = |field: &str, text: &str| match parse_amount(field, text) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let amount_applied = amount("amount_applied", &form.amount_applied);
    let budget_total = amount("budget_total", &form.budget_total);
    let own_financing = amount("own_financing", &form.own_financing);
    if amount_applied.is_some_and(|a| a.is_zero()) {
        errors.push(FieldError::new(
            "amount_applied",
            Message::new("field-above-zero"),
        ));
    }
    if let (Some(applied), Some(budget), Some(own)) = (amount_applied, budget_total, own_financing)
    {
        if own > budget {
            errors.push(FieldError::new(
                "own_financing",
                Message::new("field-own-above-budget")
                    .arg("own", format_nok_grouped(own))
                    .arg("budget", format_nok_grouped(budget)),
            ));
        }
        if applied + own > budget {
            errors.push(FieldError::new(
                "budget_total",
                Message::new("field-budget-exceeded")
                    .arg("applied", format_nok_grouped(applied))
                    .arg("own", format_nok_grouped(own))
                    .arg("budget", format_nok_grouped(budget)),
            ));
        }
    }
    let participants = match form.participants.trim() {
        "" => {
            errors.push(FieldError::new(
                "participants",
                Message::new("field-required"),
            ));
            None
        }
        text => match text.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(FieldError::new(
                    "participants",
                    Message::new("field-not-whole-number").arg("text", text),
                ));
                None
            }
        },
    };
    let later_years = match parse_later_years(&form.later_years, scheme_year) {
        Ok(years) => years,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    match (
        errors.is_empty(),
        amount_applied,
        budget_total,
        own_financing,
        participants,
    ) {
        (
            true,
            Some(amount_applied),
            Some(budget_total),
            Some(own_financing),
            Some(participants),
        ) => Ok(ApplicationFigures {
            project,
            amount_applied,
            budget_total,
            own_financing,
            participants,
            later_years,
        }),
        _ => Err(errors),
    }
}

/// "2023: 1 200 000; 2024: 800 000" → [(2023, …), (2024, …)]: later years
/// only, each once, in order.
pub fn parse_later_years(text: &str, scheme_year: i32) -> Result<Vec<(i32, Ore)>, FieldError> {
    let field = "later_years";
    let mut years: Vec<(i32, Ore)> = Vec::new();
    for part in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (year, amount) = part.split_once(':').ok_or_else(|| {
            FieldError::new(
                field,
                Message::new("field-not-year-amount").arg("text", part),
            )
        })?;
        let year: i32 = year.trim().parse().map_err(|_| {
            FieldError::new(
                field,
                Message::new("field-not-year").arg("text", year.trim()),
            )
        })?;
        if year <= scheme_year || year > scheme_year + 4 {
            return Err(FieldError::new(
                field,
                Message::new("field-later-year-range")
                    .arg("year", year)
                    .arg("scheme_year", scheme_year),
            ));
        }
        if years.iter().any(|(y, _)| *y == year) {
            return Err(FieldError::new(
                field,
                Message::new("field-year-twice").arg("year", year),
            ));
        }
        let amount = parse_amount(field, amount)?;
        if amount.is_zero() {
            return Err(FieldError::new(
                field,
                Message::new("field-later-year-zero").arg("year", year),
            ));
        }
        years.push((year, amount));
    }
    years.sort();
    Ok(years)
}

/// Renders later years back into the form's text.
pub fn later_years_text(years: &[(i32, Ore)]) -> String {
    years
        .iter()
        .map(|(year, amount)| format!("{year}: {}", amount.to_decimal_nok()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where a scheme's frame stands: the sums the directorate tracks at every
/// moment, per scheme and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameStatus {
    /// Tilskotsramme.
    pub frame: Ore,
    /// Sum of awards (tilsegn) ever made.
    pub awarded: Ore,
    /// Paid to recipients and posted to the ledger.
    pub paid: Ore,
    /// Awarded but never to be paid: given back to the frame.
    pub released: Ore,
}

impl FrameStatus {
    /// Commitments not yet paid nor released.
    pub fn outstanding(&self) -> Ore {
        self.awarded - self.paid - self.released
    }

    /// What can still be awarded.
    pub fn available(&self) -> Ore {
        self.frame - self.awarded + self.released
    }

    /// Mindreforbruk: the frame minus what was paid; at year end, when every
    /// unpaid commitment has been released, this is the underspend.
    pub fn underspend(&self) -> Ore {
        self.frame - self.paid
    }
}

/// The voucher of a scheme payment: the grant account of the recipient's
/// sector on the scheme's chapter/post, against the treasury's payment
/// account, dated the day of payment.
pub fn scheme_payment_voucher(
    application_id: i64,
    scheme_code: &str,
    budget_key: &BudgetKey,
    kind: ApplicantKind,
    organisation: &str,
    amount: Ore,
    date: NaiveDate,
) -> Voucher {
    let text = format!("Utbetaling {scheme_code} søknad {application_id}");
    Voucher {
        reference: format!("TS-{scheme_code}-{application_id}"),
        date,
        postings: vec![
            Posting {
                account: kind.grant_account().into(),
                budget_key: Some(budget_key.clone()),
                amount,
                counterparty: Some(organisation.into()),
                text: text.clone(),
            },
            Posting {
                account: TREASURY_PAYMENTS_ACCOUNT.into(),
                budget_key: None,
                amount: -amount,
                counterparty: Some(organisation.into()),
                text,
            },
        ],
    }
}

#[cfg(test)]
#[path = "application_tests.rs"]
mod tests;
