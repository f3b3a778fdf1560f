//! Payout reports (edge): the CSV of a batch, and HTML pages rendered from
//! the askama templates in `reports/`. The figures are built by the pure
//! functions of [`crate::domain::payout`]; this module only lays them out.

use crate::domain::calendar::Period;
use crate::domain::error::Message;
use crate::domain::grant::Grant;
use crate::domain::money::{format_nok_grouped, Ore};
use crate::domain::municipality::{Municipalities, MunicipalityNumber};
use crate::domain::payout::{totals_by_municipality_and_grant, BatchLine};
use crate::domain::rules::YearRules;
use crate::render::i18n::Texts;
use askama::Template;
use std::collections::BTreeMap;

/// The budget lines of the automatic grants, in report order; a page names
/// each by the catalogue (`budget-line-0671-60`).
pub const BUDGET_LINES: [&str; 3] = ["0671.60", "0671.61", "0672.60"];

/// The annual report's actual spending of 2022 per budget line (chapter 6,
/// appropriation statement), in whole NOK, with the catalogue key of a note
/// on what it includes.
pub const REPORTED_SPENDING_2022: [(&str, i64, Option<&str>); 3] = [
    (
        "0671.60",
        9_802_028_370,
        Some("report-note-disability-included"),
    ),
    ("0671.61", 871_691_797, None),
    ("0672.60", 1_276_143_766, None),
];

/// `municipality,grant,amount,rate_status`: one row per municipality and
/// grant with a non-zero total; amounts in NOK with two decimals, negative
/// for set-offs; the least trusted status of the grant's rates that year
/// (`adopted`, `proposed`, `inferred`, `unverified`, `placeholder`), so that
/// an amount computed on a placeholder rate says so.
pub fn batch_csv(lines: &[BatchLine], rates: &YearRules) -> String {
    let mut out = String::from("municipality,grant,amount,rate_status\n");
    for ((municipality, grant), amount) in totals_by_municipality_and_grant(lines) {
        let status = rates.weakest_status_of(grant).code();
        out.push_str(&format!("{municipality},{grant},{amount},{status}\n"));
    }
    out
}

/// One row of a per-municipality table.
pub struct MunicipalityRow {
    pub number: String,
    pub name: String,
    /// One cell per grant of [`Grant::ALL`], formatted.
    pub cells: Vec<String>,
    pub net: String,
    pub negative: bool,
}

/// The rows of a per-municipality, per-grant table and its total row.
pub fn municipality_table(
    totals: &BTreeMap<(MunicipalityNumber, Grant), Ore>,
    municipalities: &Municipalities,
) -> (Vec<MunicipalityRow>, Vec<String>, String) {
    let mut by_municipality: BTreeMap<MunicipalityNumber, BTreeMap<Grant, Ore>> = BTreeMap::new();
    for ((municipality, grant), amount) in totals {
        *by_municipality
            .entry(*municipality)
            .or_default()
            .entry(*grant)
            .or_default() += *amount;
    }
    let cell = |amount: Ore| {
        if amount.is_zero() {
            String::new()
        } else {
            format_nok_grouped(amount)
        }
    };
    let rows = by_municipality
        .iter()
        .map(|(number, grants)| {
            let net: Ore = grants.values().sum();
            MunicipalityRow {
                number: number.to_string(),
                name: municipalities.name(*number).to_string(),
                cells: Grant::ALL
                    .iter()
                    .map(|g| cell(grants.get(g).copied().unwrap_or_default()))
                    .collect(),
                net: format_nok_grouped(net),
                negative: net.0 < 0,
            }
        })
        .collect();
    let grant_totals = Grant::ALL
        .iter()
        .map(|g| {
            cell(
                totals
                    .iter()
                    .filter(|((_, grant), _)| grant == g)
                    .map(|(_, a)| *a)
                    .sum(),
            )
        })
        .collect();
    let total: Ore = totals.values().sum();
    (rows, grant_totals, format_nok_grouped(total))
}

/// The HTML page of one batch.
#[derive(Template)]
#[template(path = "batch.html")]
pub struct BatchPage {
    pub t: Texts,
    pub title: Message,
    pub heading: Message,
    pub intro: Message,
    pub rates_not_adopted: bool,
    /// What the weakest status of the rates means for the amounts.
    pub rates_warning: Message,
    pub grant_codes: Vec<&'static str>,
    pub rows: Vec<MunicipalityRow>,
    pub grant_totals: Vec<String>,
    pub total: String,
}

/// One budget line of the overview: the year's payments beside the report.
pub struct BudgetLineRow {
    pub budget_line: &'static str,
    pub paid: String,
    pub reported: String,
    /// Paid minus reported, and paid as a share of reported.
    pub difference: String,
    pub percent: String,
    /// The catalogue key of a note on the line, if any.
    pub note: Option<&'static str>,
}

/// One batch in the overview's list.
pub struct BatchSummaryRow {
    pub period: String,
    pub run_number: i64,
    pub total: String,
    pub municipalities: usize,
    /// The weakest rate status's code; empty for an empty batch.
    pub rate_status: String,
    pub csv: String,
    pub html: String,
}

/// The overview page of a year's batches.
#[derive(Template)]
#[template(path = "overview.html")]
pub struct OverviewPage {
    pub t: Texts,
    pub title: Message,
    pub heading: Message,
    pub intro: Message,
    pub rates_not_adopted: bool,
    pub rates_warning: Message,
    pub budget_lines: Vec<BudgetLineRow>,
    pub batches: Vec<BatchSummaryRow>,
    pub grant_codes: Vec<&'static str>,
    pub rows: Vec<MunicipalityRow>,
    pub grant_totals: Vec<String>,
    pub total: String,
}

/// The per-budget-line rows of the overview for a year's lines.
pub fn budget_line_rows(lines: &[BatchLine], year: i32) -> Vec<BudgetLineRow> {
    let totals = crate::domain::payout::totals_by_budget_line(lines);
    BUDGET_LINES
        .iter()
        .map(|budget_line| {
            let reported = REPORTED_SPENDING_2022
                .iter()
                .find(|(b, _, _)| b == budget_line)
                .filter(|_| year == 2022);
            let paid = totals.get(budget_line).copied().unwrap_or_default();
            let reported_ore = reported.map(|(_, kr, _)| Ore(kr * 100));
            BudgetLineRow {
                budget_line,
                paid: format_nok_grouped(paid),
                reported: reported_ore.map(format_nok_grouped).unwrap_or_default(),
                difference: reported_ore
                    .map(|r| format_nok_grouped(paid - r))
                    .unwrap_or_default(),
                percent: reported_ore
                    .map(|r| percent_of(paid, r))
                    .unwrap_or_default(),
                note: reported.and_then(|(_, _, note)| *note),
            }
        })
        .collect()
}

/// The grants' codes in table order: a page heads each column with the
/// grant's name in the reader's language (`grant-integration`).
pub fn grant_codes() -> Vec<&'static str> {
    Grant::ALL.iter().map(|g| g.code()).collect()
}

/// `part` as a percentage of `whole` with one decimal, rounded half away
/// from zero, in integer arithmetic ("94,4 %").
pub fn percent_of(part: Ore, whole: Ore) -> String {
    if whole.is_zero() {
        return String::new();
    }
    let sign = i128::from(part.0.signum() * whole.0.signum());
    let tenths = (i128::from(part.0) * 2000 / i128::from(whole.0) + sign) / 2;
    let minus = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.abs();
    format!("{minus}{},{} %", tenths / 10, tenths % 10)
}

/// The file stem of a batch's report files.
pub fn batch_file_stem(period: Period, run_number: i64) -> String {
    if run_number == 1 {
        format!("batch-{period}")
    } else {
        format!("batch-{period}-run{run_number}")
    }
}

/// One cell of a statement table in HTML.
pub struct Cell {
    pub text: String,
    pub amount: bool,
}

/// One table of the statements in HTML.
pub struct StatementSection {
    pub title: String,
    pub headers: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows that are sums, printed bold.
    pub total_rows: Vec<bool>,
}

/// The printable HTML document of a year's statements.
#[derive(Template)]
#[template(path = "statements.html")]
pub struct StatementsPage {
    /// Always Nynorsk: see [`statements_page`].
    pub t: Texts,
    pub year: i32,
    pub sections: Vec<StatementSection>,
    pub invariants: Vec<String>,
}

/// The Nynorsk heading of a column of the statements, as the report prints it.
fn column_heading(column: &str, file: &str, year: i32) -> String {
    match column {
        "allocated" if file == "note-a.csv" => format!("Årets tildelingar {year}"),
        "kind" | "line" => String::new(),
        "chapter" => "Kap.".into(),
        "post" => "Post".into(),
        "allocated" => "Samla tildeling".into(),
        "accounts" => format!("Rekneskap {year}"),
        "difference" => "Meirutgift (-) og mindreutgift".into(),
        "transferred" => format!("Overført frå {}", year - 1),
        "total" => "Samla tildeling".into(),
        "keyword" => "Stikkord".into(),
        "charged_by_others" => "Utgifter belasta andre verksemder".into(),
        "difference_after_charges" => {
            "Meirutgift (-) / mindreutgift etter belastingsfullmakter".into()
        }
        "extra_income" => "Meirinntekter / mindreinntekter (-)".into(),
        "reallocation" => "Omdisponering".into(),
        "savings" => "Innsparingar (-)".into(),
        "basis" => "Sum grunnlag for overføring".into(),
        "max_transferable" => "Maks. overførbart beløp".into(),
        "transferable" => "Mogleg overførbart beløp berekna av verksemda".into(),
        "account" => "Konto".into(),
        "name" | "label" => "Tekst".into(),
        "amount" => year.to_string(),
        "previous" => (year - 1).to_string(),
        "closing" => format!("31.12.{year}"),
        "opening" => format!("31.12.{}", year - 1),
        "change" => "Endring".into(),
        "note" => "Note".into(),
        "booked" => "Bokført avrekning med statskassa".into(),
        "reported" => "Rapportert mellomvære med statskassa".into(),
        other => other.into(),
    }
}

/// The name of a row's chapter and post, or of the sum it is.
fn budget_line_name(
    table: &crate::domain::statements::Table,
    text: &[String],
    name_of: &impl Fn(&str, &str) -> String,
) -> String {
    let column = |name: &str| {
        table
            .text_columns
            .iter()
            .position(|c| *c == name)
            .and_then(|i| text.get(i))
            .cloned()
            .unwrap_or_default()
    };
    match text.first().map(String::as_str).unwrap_or("") {
        "expense_total" => "Sum utgiftsført".to_string(),
        "income_total" => "Sum inntektsført".to_string(),
        "net" => "Netto rapportert til løyvingsrekneskapen".to_string(),
        _ => name_of(&column("chapter"), &column("post")),
    }
}

/// Whether a row of the statements is a sum, printed in bold.
fn is_total_row(first: &str, line: &str) -> bool {
    first.ends_with("total")
        || first == "net"
        || line.contains("total")
        || line.ends_with(".net")
        || line == "net"
}

/// Lays out the statements for HTML: Nynorsk titles and column headings,
/// whole kroner grouped by thousands. The statements reproduce the annual
/// report's, whose lines and labels are Nynorsk, so the page is Nynorsk
/// whatever the reader's language (a Bokmål check list under Nynorsk
/// tables would be a mix).
pub fn statements_page(
    statements: &crate::domain::statements::Statements,
    budget_lines: &[crate::domain::ledger::BudgetLine],
) -> StatementsPage {
    use crate::domain::money::format_kroner_grouped;
    let nynorsk = crate::render::i18n::Texts::new(crate::render::i18n::Lang::Nn);
    let year = statements.year;
    let heading = |column: &str, file: &str| column_heading(column, file, year);
    let name_of = |chapter: &str, post: &str| {
        budget_lines
            .iter()
            .find(|l| l.key.chapter == chapter && l.key.post == post)
            .map(|l| format!("{} – {}", l.chapter_name, l.post_text))
            .unwrap_or_default()
    };
    let titles = [
        format!("Oppstilling av løyvingsrapportering 31.12.{year}"),
        "Note A Forklaring av samla tildeling utgifter".to_string(),
        "Note B Forklaring til brukte fullmakter og berekning av mogleg overførbart beløp til neste år".to_string(),
        "Kapitalkontoar".to_string(),
        "Behaldningar rapportert til likvidrapport".to_string(),
        format!("Oppstilling av artskontorapporteringa 31.12.{year}"),
        "Notar 2–7 til artskontorapporteringa".to_string(),
        "Mellomvære med statskassa".to_string(),
        "Note 8 Samanheng mellom avrekning med statskassa og mellomvære med statskassa".to_string(),
    ];
    let sections = statements
        .tables()
        .iter()
        .zip(titles)
        .map(|(table, title)| {
            let with_names = table.text_columns.contains(&"post");
            let mut headers: Vec<Cell> = table
                .text_columns
                .iter()
                .filter(|c| !matches!(**c, "kind" | "line"))
                .map(|c| Cell {
                    text: heading(c, table.file_name),
                    amount: false,
                })
                .collect();
            if with_names {
                headers.push(Cell {
                    text: "Namn".into(),
                    amount: false,
                });
            }
            headers.extend(table.figure_columns.iter().map(|c| Cell {
                text: heading(c, table.file_name),
                amount: true,
            }));
            let mut total_rows = Vec::new();
            let rows = table
                .rows
                .iter()
                .map(|(text, figures)| {
                    let first = text.first().map(String::as_str).unwrap_or("");
                    let line = table
                        .text_columns
                        .iter()
                        .position(|c| *c == "line")
                        .and_then(|i| text.get(i))
                        .map(String::as_str)
                        .unwrap_or("");
                    total_rows.push(is_total_row(first, line));
                    let mut cells: Vec<Cell> = table
                        .text_columns
                        .iter()
                        .zip(text)
                        .filter(|(c, _)| !matches!(**c, "kind" | "line"))
                        .map(|(_, t)| Cell {
                            text: t.clone(),
                            amount: false,
                        })
                        .collect();
                    if with_names {
                        cells.push(Cell {
                            text: budget_line_name(table, text, &name_of),
                            amount: false,
                        });
                    }
                    cells.extend(figures.iter().map(|f| {
                        Cell {
                            text: f
                                .map(|o| format_kroner_grouped(o.round_half_away_to_kroner()))
                                .unwrap_or_default(),
                            amount: true,
                        }
                    }));
                    cells
                })
                .collect();
            StatementSection {
                title,
                headers,
                rows,
                total_rows,
            }
        })
        .collect();
    StatementsPage {
        t: nynorsk,
        year,
        sections,
        invariants: statements
            .invariants_checked
            .iter()
            .map(|check| nynorsk.message(check))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::percent_of;
    use crate::domain::money::Ore;

    #[test]
    fn a_share_is_rounded_to_tenths_half_away_from_zero() {
        for (part, whole, expected) in [
            (944, 1000, "94,4 %"),
            (1, 3, "33,3 %"),
            (2, 3, "66,7 %"),
            (1, 16, "6,3 %"),
            (-1, 16, "-6,3 %"),
            (-1, 200, "-0,5 %"),
            (0, 5, "0,0 %"),
        ] {
            assert_eq!(
                percent_of(Ore(part), Ore(whole)),
                expected,
                "{part}/{whole}"
            );
        }
        assert_eq!(percent_of(Ore(1), Ore(0)), "");
    }
}
