//! Reading the tabular files finance staff are given: CSV (comma or
//! semicolon, with or without a byte-order mark, any line ending) or a sheet
//! of an XLSX/XLS/ODS workbook (calamine): the one named, else the first
//! visible one.

use crate::domain::register::Problem;
use calamine::{open_workbook_auto_from_rs, Data, Reader, SheetVisible};
use std::io::Cursor;
use std::path::Path;

/// The cells of a file: its header and its rows, each with its 1-based row
/// number as a spreadsheet shows it.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// CSV rows with fewer or more fields than the header, each named by row.
    pub width_problems: Vec<Problem>,
    /// What a person should know that did not stop the read: other sheets
    /// of a workbook that hold data.
    pub warnings: Vec<String>,
}

/// Reads a file into a [`Table`], choosing the reader by the file's content
/// (a ZIP or OLE signature means a workbook) and extension.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, Problem> {
    let bytes = std::fs::read(path)
        .map_err(|e| Problem::new(0, "-", format!("cannot read the file: {e}")))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_workbook = bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods");
    if is_workbook {
        read_workbook(bytes, sheet)
    } else {
        read_csv(&bytes)
    }
}

/// CSV text: UTF-8, optional byte-order mark, comma or semicolon separated
/// (decided by the header line), LF or CRLF line endings.
pub fn read_csv(bytes: &[u8]) -> Result<Table, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Problem::new(
            line,
            "-",
            "the file is not UTF-8 text (save it from Excel as 'CSV UTF-8')",
        )
    })?;
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    // Excel writes CRLF; the csv crate's own line numbers miss blank lines,
    // so lines are counted here from each record's byte offset.
    let text = text.replace("\r\n", "\n");
    let bytes = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    let mut line_of = |offset: usize| {
        let mut start = offset;
        while bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        line_at += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        line_at
    };
    let mut header = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| line_of(p.byte() as usize))
                    .unwrap_or(0);
                return Err(Problem::new(line, "-", format!("malformed CSV: {e}")));
            }
        }
        let line = line_of(record.position().map_or(0, |p| p.byte() as usize));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some(cells);
        } else {
            rows.push((line, cells));
        }
    }
    let header = header.ok_or_else(|| Problem::new(1, "-", "the file is empty: no header"))?;
    let width_problems = rows
        .iter()
        .filter(|(_, cells)| cells.len() != header.len())
        .map(|(row, cells)| {
            Problem::new(
                *row,
                "-",
                format!(
                    "the row has {} fields; the header has {}",
                    cells.len(),
                    header.len()
                ),
            )
        })
        .collect();
    Ok(Table {
        header,
        rows,
        width_problems,
        warnings: Vec::new(),
    })
}

/// The sheet of a workbook named by `sheet`, else its first visible sheet;
/// any other sheet that holds data is named in a warning.
pub fn read_workbook(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table, Problem> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Problem::new(0, "-", format!("cannot open the workbook: {e}")))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.name == wanted)
            .map(|s| s.name.clone())
            .ok_or_else(|| Problem::new(0, "-", format!("the workbook has no sheet '{wanted}'")))?,
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or_else(|| Problem::new(0, "-", "the workbook has no visible sheet"))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| Problem::new(0, "-", format!("cannot read the sheet '{name}': {e}")))?;
    let mut warnings = Vec::new();
    for other in sheets.iter().filter(|s| s.name != name) {
        let holds_data = workbook
            .worksheet_range(&other.name)
            .is_ok_and(|r| r.used_cells().next().is_some());
        if holds_data {
            warnings.push(format!(
                "the sheet '{}' also holds data and was not read (read the sheet '{name}'; choose another with --sheet)",
                other.name
            ));
        }
    }
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        let row = first_row as usize + index + 1;
        let mut text: Vec<String> = Vec::with_capacity(first_column as usize + cells.len());
        text.resize(first_column as usize, String::new());
        for cell in cells {
            text.push(cell_text(cell).map_err(|reason| Problem::new(row, "-", reason))?);
        }
        if text.iter().all(|c| c.is_empty()) {
            continue;
        }
        if header.is_none() {
            header = Some(text);
        } else {
            rows.push((row, text));
        }
    }
    Ok(Table {
        header: header.ok_or_else(|| {
            Problem::new(1, "-", format!("the sheet '{name}' is empty: no header"))
        })?,
        rows,
        width_problems: Vec::new(),
        warnings,
    })
}

/// A cell as the text a CSV would hold. Dates become ISO dates; whole
/// numbers lose the ".0" Excel gives them.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => return Err(format!("the date cell {d} is out of range")),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => return Err(format!("the cell holds the spreadsheet error {e:?}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_style_csv_with_bom_crlf_and_semicolons_reads_like_plain_csv() {
        let plain = read_csv(b"a,b\n1,2\n3,4\n\"x\ny\",5\n6,7\n").unwrap();
        let excel =
            read_csv(b"\xEF\xBB\xBFa;b\r\n1;2\r\n\r\n3;4\r\n\"x\r\ny\";5\r\n6;7\r\n").unwrap();
        assert_eq!(plain.header, excel.header);
        assert_eq!(
            plain.rows.iter().map(|r| &r.1).collect::<Vec<_>>(),
            excel.rows.iter().map(|r| &r.1).collect::<Vec<_>>()
        );
        assert_eq!(
            excel.rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [2, 4, 5, 7]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_line() {
        let problem = read_csv(b"a,b\n1,\xE6\n").unwrap_err();
        assert_eq!(problem.row, 2);
        assert!(problem.reason.contains("UTF-8"));
    }
}
