//! The vocabulary of the automatic grants: grant codes, settlement bases,
//! categories and the rule ids of docs/rules.md.

use crate::domain::error::{Message, Reason};
use std::fmt;
use std::str::FromStr;

/// A grant code, as printed in every output. Each belongs to one budget line
/// (chapter.post).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grant {
    /// Integreringstilskot år 1: lump sum in the settlement month (R3).
    IntegrationYear1,
    /// Integreringstilskot år 2–5: monthly parts of an annual rate (R4).
    Integration,
    /// Eldretilskot: one-off for persons aged 60 or over (R8).
    Elderly,
    /// Barnehagetilskot: one-off for children under 6 (R8).
    Kindergarten,
    /// Særskilt tilskot ved busetting av einslege mindreårige (R9, R10).
    Minor,
    /// Norsktilskot, per-person part (R11, R12).
    Norwegian,
    /// Norsktilskot, base grant per municipality (R13).
    NorwegianBase,
    /// Tilskot ved busetting av personar med nedsett funksjonsevne eller
    /// åtferdsvanskar, tilskot 1: one-off, on application (R15, R19).
    Disability1,
    /// The same grant, tilskot 2: documented expenses of a year up to a
    /// cap, on application (R16, R19).
    Disability2,
}

impl Grant {
    pub const ALL: [Grant; 9] = [
        Grant::IntegrationYear1,
        Grant::Integration,
        Grant::Elderly,
        Grant::Kindergarten,
        Grant::Minor,
        Grant::Norwegian,
        Grant::NorwegianBase,
        Grant::Disability1,
        Grant::Disability2,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Grant::IntegrationYear1 => "integration_year1",
            Grant::Integration => "integration",
            Grant::Elderly => "elderly",
            Grant::Kindergarten => "kindergarten",
            Grant::Minor => "minor",
            Grant::Norwegian => "norwegian",
            Grant::NorwegianBase => "norwegian_base",
            Grant::Disability1 => "disability_1",
            Grant::Disability2 => "disability_2",
        }
    }

    /// The budget line the grant is paid from: chapter.post of the state budget.
    pub fn budget_line(self) -> &'static str {
        match self {
            Grant::IntegrationYear1
            | Grant::Integration
            | Grant::Elderly
            | Grant::Kindergarten
            | Grant::Disability1
            | Grant::Disability2 => "0671.60",
            Grant::Minor => "0671.61",
            Grant::Norwegian | Grant::NorwegianBase => "0672.60",
        }
    }
}

impl fmt::Display for Grant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Grant {
    type Err = String;
    fn from_str(text: &str) -> Result<Grant, String> {
        Grant::ALL
            .into_iter()
            .find(|g| g.code() == text)
            .ok_or_else(|| format!("'{text}' is not a grant code"))
    }
}

/// The legal basis of a settlement (`basis` in the register).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basis {
    Asylum,
    /// Overføringsflyktning (UN quota).
    Resettlement,
    /// Kollektivt beskyttelse (displaced persons from Ukraine).
    Collective,
    /// Familiegjenforeining with a refugee.
    Family,
    /// Family reunification with a person holding a humanitarian permit.
    FamilyHumanitarian,
}

impl Basis {
    pub const ALL: [Basis; 5] = [
        Basis::Asylum,
        Basis::Resettlement,
        Basis::Collective,
        Basis::Family,
        Basis::FamilyHumanitarian,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Basis::Asylum => "asylum",
            Basis::Resettlement => "resettlement",
            Basis::Collective => "collective",
            Basis::Family => "family",
            Basis::FamilyHumanitarian => "family_humanitarian",
        }
    }

    /// R1, R2: the number of integration-grant years of this basis.
    pub fn integration_grant_years(self) -> i32 {
        match self {
            Basis::FamilyHumanitarian => 3,
            _ => 5,
        }
    }
}

impl FromStr for Basis {
    type Err = Reason;
    fn from_str(text: &str) -> Result<Basis, Reason> {
        Basis::ALL
            .into_iter()
            .find(|b| b.code() == text)
            .ok_or_else(|| {
                Reason::told(
                    Message::new("problem-unknown-basis").arg("text", text),
                    format!(
                        "'{text}' is not a basis (asylum, resettlement, collective, family, family_humanitarian)"
                    ),
                )
            })
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The category of a person on the settlement date (R3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Einsleg mindreårig: under 18 and unaccompanied.
    UnaccompaniedMinor,
    /// Under 18.
    Child,
    /// 18 or over and the only member of the household settled that day.
    SingleAdult,
    /// 18 or over otherwise.
    Adult,
}

impl Category {
    pub const ALL: [Category; 4] = [
        Category::SingleAdult,
        Category::Adult,
        Category::Child,
        Category::UnaccompaniedMinor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::UnaccompaniedMinor => "unaccompanied_minor",
            Category::Child => "child",
            Category::SingleAdult => "single_adult",
            Category::Adult => "adult",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rules of docs/rules.md, cited in every accrual so that `explain` can say
/// which rule made an amount due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    R0,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R11,
    R12,
    R13,
    R14,
    R15,
    R16,
    R17,
    R18,
    R19,
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
