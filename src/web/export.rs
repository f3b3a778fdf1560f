//! Applications and their decisions as CSV and XLSX, for caseworkers and
//! finance staff: the rows the list shows (same search and order), every
//! page of them, with the column names in the reader's language.
//!
//! Amounts: CSV carries NOK with two decimals and a point ("1250000.50"),
//! as the API does; XLSX carries numbers formatted `# ##0.00`. A spreadsheet
//! number is a binary double: named rule **XLSX money cell** — the nearest
//! double to the NOK amount; every amount tilskot accepts (at most 10^13 øre)
//! reads back to the same øre (tested).

use super::access::visible_applications;
use super::listing::{search_and_sort, ListQuery};
use super::views::{decision_date, decision_reason};
use super::{AppState, SignedIn, WebError};
use crate::db::schemes::StoredApplication;
use crate::domain::error::{Error, Message};
use crate::domain::money::Ore;
use crate::domain::users::Role;
use crate::render::i18n::Texts;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A cell of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Whole(i64),
    Money(Option<Ore>),
}

/// The columns: catalogue key of the name, and the cell of an application.
type Column = (&'static str, fn(Texts, &StoredApplication) -> Cell);

const COLUMNS: [Column; 16] = [
    ("field-id", |_, a| Cell::Whole(a.id)),
    ("field-scheme", |t, a| {
        Cell::Text(t.name("scheme", &a.scheme))
    }),
    ("field-year", |_, a| Cell::Whole(i64::from(a.year))),
    ("export-organisation-number", |_, a| {
        Cell::Text(a.organisation.id.clone())
    }),
    ("field-applicant", |_, a| {
        Cell::Text(a.organisation.name.clone())
    }),
    ("field-project", |_, a| {
        Cell::Text(a.figures.project.clone())
    }),
    ("field-amount-applied", |_, a| {
        Cell::Money(Some(a.figures.amount_applied))
    }),
    ("field-participants", |_, a| {
        Cell::Whole(i64::from(a.figures.participants))
    }),
    ("field-state", |t, a| {
        Cell::Text(t.name("state", a.state.code()))
    }),
    ("field-decision", |t, a| {
        Cell::Text(
            a.decision
                .map(|d| t.name("decision", d.code()))
                .unwrap_or_default(),
        )
    }),
    ("export-decision-date", |_, a| Cell::Text(decision_date(a))),
    ("export-decided-by", |_, a| {
        Cell::Text(a.decided_by.clone().unwrap_or_default())
    }),
    ("disability-reason", |t, a| {
        Cell::Text(decision_reason(t, a))
    }),
    ("field-committed", |_, a| Cell::Money(a.committed)),
    ("field-paid", |_, a| Cell::Money(a.paid)),
    ("field-released", |_, a| Cell::Money(a.released)),
];

/// The column names and rows of the export.
pub fn table(t: Texts, applications: &[StoredApplication]) -> (Vec<String>, Vec<Vec<Cell>>) {
    let names = COLUMNS.iter().map(|(key, _)| t.get(key)).collect();
    let rows = applications
        .iter()
        .map(|a| COLUMNS.iter().map(|(_, cell)| cell(t, a)).collect())
        .collect();
    (names, rows)
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => text.clone(),
        Cell::Whole(n) => n.to_string(),
        Cell::Money(amount) => amount
            .map(|a| a.to_decimal_nok().to_string())
            .unwrap_or_default(),
    }
}

/// The export as CSV (RFC 4180, UTF-8).
pub fn to_csv(names: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(names)
        .map_err(|e| Error::internal(e.to_string()))?;
    for row in rows {
        writer
            .write_record(row.iter().map(cell_text))
            .map_err(|e| Error::internal(e.to_string()))?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::internal(e.to_string()))
}

/// Named rule **XLSX money cell**: the nearest double to the NOK amount.
pub fn money_cell(amount: Ore) -> f64 {
    amount.0 as f64 / 100.0
}

/// The export as an XLSX workbook of one sheet.
pub fn to_xlsx(names: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::internal(e.to_string());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("# ##0.00");
    for (column, name) in names.iter().enumerate() {
        sheet
            .write_string_with_format(0, column as u16, name, &bold)
            .map_err(fail)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let line = index as u32 + 1;
        for (column, cell) in row.iter().enumerate() {
            let column = column as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(line, column, text).map(|_| ()),
                Cell::Whole(n) => sheet.write_number(line, column, *n as f64).map(|_| ()),
                Cell::Money(Some(amount)) => sheet
                    .write_number_with_format(line, column, money_cell(*amount), &money)
                    .map(|_| ()),
                Cell::Money(None) => Ok(()),
            }
            .map_err(fail)?;
        }
    }
    workbook.save_to_buffer().map_err(fail)
}

/// Caseworkers and finance staff export; applicants see their own list.
pub fn may_export(role: Role) -> bool {
    !matches!(role, Role::Applicant | Role::Admin)
}

async fn export_rows(
    state: &AppState,
    signed_in: &SignedIn,
    query: ListQuery,
) -> Result<Vec<StoredApplication>, WebError> {
    if !may_export(signed_in.user.role) {
        return Err(WebError::forbidden(Message::new("error-role")));
    }
    let all = visible_applications(state, &signed_in.user).await?;
    Ok(search_and_sort(all, &query).0)
}

fn download(body: Vec<u8>, content_type: &str, file_name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let rows = export_rows(&state, &signed_in, query).await?;
    let (names, cells) = table(t, &rows);
    let body = to_csv(&names, &cells)?;
    let name = format!("{}.csv", t.get("export-file-name"));
    Ok(download(body, "text/csv; charset=utf-8", name))
}

pub async fn xlsx(
    State(state): State<AppState>,
    signed_in: SignedIn,
    t: Texts,
    Query(query): Query<ListQuery>,
) -> Result<Response, WebError> {
    let rows = export_rows(&state, &signed_in, query).await?;
    let (names, cells) = table(t, &rows);
    let body = to_xlsx(&names, &cells)?;
    let name = format!("{}.xlsx", t.get("export-file-name"));
    let kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    Ok(download(body, kind, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xlsx_money_cell_reads_back_to_the_same_ore() {
        let cap = 10_i64.pow(13);
        let mut amounts = vec![0, 1, 5, 99, 101, 125_000_050, cap - 1, cap, -1, -cap];
        let mut x: i64 = 0x9E37_79B9;
        for _ in 0..100_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            amounts.push(x.rem_euclid(cap));
        }
        for ore in amounts {
            let read_back = (money_cell(Ore(ore)) * 100.0).round() as i64;
            assert_eq!(read_back, ore);
        }
    }

    #[test]
    fn csv_amounts_carry_two_decimals_and_empty_cells_stay_empty() {
        let names = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let rows = vec![vec![
            Cell::Money(Some(Ore(125_000_050))),
            Cell::Money(None),
            Cell::Text("Drammen, \"sentrum\"".into()),
        ]];
        let text = String::from_utf8(to_csv(&names, &rows).unwrap()).unwrap();
        assert_eq!(text, "a,b,c\n1250000.50,,\"Drammen, \"\"sentrum\"\"\"\n");
    }
}
