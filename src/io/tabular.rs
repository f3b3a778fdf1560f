//! Reading the tabular files finance staff are given: CSV (comma or
//! semicolon, with or without a byte-order mark, any line ending) or a sheet
//! of an XLSX/XLS/ODS workbook (calamine): the one named, else the first
//! visible one.

use crate::domain::error::{Message, Reason};
use crate::domain::register::Problem;
use calamine::{open_workbook_auto_from_rs, Data, Reader, SheetVisible};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
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
    pub warnings: Vec<Message>,
}

/// What a read found besides the rows: the header, the CSV rows of the
/// wrong width and the warnings.
#[derive(Debug, Clone, Default)]
pub struct TableShape {
    pub header: Vec<String>,
    pub width_problems: Vec<Problem>,
    pub warnings: Vec<Message>,
}

/// Called with the header, the row number and the trimmed cells of each
/// row that is not empty.
pub type RowVisitor<'a> = dyn FnMut(&[String], usize, &[&str]) + 'a;

/// Reads a file into a [`Table`], choosing the reader by the file's content
/// (a ZIP or OLE signature means a workbook) and extension.
pub fn read_table(path: &Path, sheet: Option<&str>) -> Result<Table, Problem> {
    let mut rows = Vec::new();
    let shape = visit_table(path, sheet, &mut |_, line, cells| {
        rows.push((line, cells.iter().map(|c| c.to_string()).collect()));
    })?;
    Ok(Table::of(shape, rows))
}

/// Reads a file row by row without holding it: a CSV file streams from the
/// disk (a register of millions of events), a workbook is read whole (a
/// sheet holds at most about a million rows).
pub fn visit_table(
    path: &Path,
    sheet: Option<&str>,
    on_row: &mut RowVisitor,
) -> Result<TableShape, Problem> {
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut signature = Vec::with_capacity(4);
    (&mut file)
        .take(4)
        .read_to_end(&mut signature)
        .map_err(unreadable)?;
    file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_workbook = signature.starts_with(b"PK\x03\x04")
        || signature.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods");
    if !is_workbook {
        return visit_csv(file, on_row);
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    let table = read_workbook(bytes, sheet)?;
    for (line, cells) in &table.rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        on_row(&table.header, *line, &cells);
    }
    Ok(TableShape {
        header: table.header,
        width_problems: table.width_problems,
        warnings: table.warnings,
    })
}

impl Table {
    fn of(shape: TableShape, rows: Vec<(usize, Vec<String>)>) -> Table {
        Table {
            header: shape.header,
            rows,
            width_problems: shape.width_problems,
            warnings: shape.warnings,
        }
    }
}

/// CSV text held in memory (the shipped reference files, tests).
pub fn read_csv(bytes: &[u8]) -> Result<Table, Problem> {
    let mut rows = Vec::new();
    let shape = visit_csv(bytes, &mut |_, line, cells| {
        rows.push((line, cells.iter().map(|c| c.to_string()).collect()));
    })?;
    Ok(Table::of(shape, rows))
}

const NOT_UTF8: &str = "the file is not UTF-8 text (save it from Excel as 'CSV UTF-8')";

/// The problem of a file that cannot be read, by what the system said.
fn unreadable(error: std::io::Error) -> Problem {
    let key = match error.kind() {
        std::io::ErrorKind::NotFound => "problem-file-missing",
        std::io::ErrorKind::PermissionDenied => "problem-file-forbidden",
        _ => "problem-file-unreadable",
    };
    Problem::told(
        0,
        "-",
        Message::new(key),
        format!("cannot read the file: {error}"),
    )
}

/// The problem of a file that is not UTF-8 text, at `line`.
fn not_utf8(line: usize) -> Problem {
    Problem::told(line, "-", Message::new("problem-not-utf8"), NOT_UTF8)
}

/// CSV text: UTF-8, optional byte-order mark, comma or semicolon separated
/// (decided by the header line), LF or CRLF line endings; read as it comes.
pub fn visit_csv(input: impl Read, on_row: &mut RowVisitor) -> Result<TableShape, Problem> {
    let io_problem = unreadable;
    let mut input = BufReader::with_capacity(1 << 16, input);
    if input
        .fill_buf()
        .map_err(io_problem)?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    let start = input.fill_buf().map_err(io_problem)?;
    let first_line = start.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(LineCounter::new(input));
    let mut shape = TableShape::default();
    let mut header: Option<Vec<String>> = None;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let byte = e.position().map_or(0, |p| p.byte());
                let line = reader.get_mut().line_of(byte);
                return Err(match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => not_utf8(line),
                    csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                        not_utf8(line)
                    }
                    _ => Problem::told(
                        line,
                        "-",
                        Message::new("problem-malformed-csv"),
                        format!("malformed CSV: {e}"),
                    ),
                });
            }
        }
        let line = reader
            .get_mut()
            .line_of(record.position().map_or(0, |p| p.byte()));
        // A quoted line break written by Excel is CRLF: the same cell as LF.
        let cells: Vec<std::borrow::Cow<str>> = record
            .iter()
            .map(|c| match c.trim() {
                c if c.contains('\r') => c.replace("\r\n", "\n").into(),
                c => c.into(),
            })
            .collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let Some(header) = &header else {
            header = Some(cells.iter().map(|c| c.to_string()).collect());
            continue;
        };
        if cells.len() != header.len() {
            let width = Message::new("problem-row-width")
                .arg("fields", cells.len())
                .arg("header", header.len());
            shape.width_problems.push(Problem::told(
                line,
                "-",
                width,
                format!(
                    "the row has {} fields; the header has {}",
                    cells.len(),
                    header.len()
                ),
            ));
        }
        let cells: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
        on_row(header, line, &cells);
    }
    shape.header = header.ok_or_else(|| {
        let empty = Message::new("problem-file-empty");
        Problem::told(1, "-", empty, "the file is empty: no header")
    })?;
    Ok(shape)
}

/// Passes bytes through and notes where each line ends, so that a record's
/// byte offset gives the line a person sees in an editor: the csv crate's
/// own line numbers leave out blank lines.
struct LineCounter<R> {
    inner: R,
    offset: u64,
    line_is_blank: bool,
    /// Line ends not yet passed: the offset of each `\n` and whether its
    /// line was blank (nothing but a `\r`).
    ends: VecDeque<(u64, bool)>,
    line: usize,
}

impl<R: Read> LineCounter<R> {
    fn new(inner: R) -> Self {
        LineCounter {
            inner,
            offset: 0,
            line_is_blank: true,
            ends: VecDeque::new(),
            line: 1,
        }
    }

    /// The line of a record that the csv crate places at `byte`, past any
    /// blank lines there. Records come in order, so the lines before are counted once.
    fn line_of(&mut self, byte: u64) -> usize {
        while let Some(&(end, blank)) = self.ends.front() {
            // A record after CRLF starts at the `\n` of the line before.
            if end > byte && !blank {
                break;
            }
            self.line += 1;
            self.ends.pop_front();
        }
        self.line
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &byte in &buf[..n] {
            match byte {
                b'\n' => {
                    self.ends.push_back((self.offset, self.line_is_blank));
                    self.line_is_blank = true;
                }
                b'\r' => {}
                _ => self.line_is_blank = false,
            }
            self.offset += 1;
        }
        Ok(n)
    }
}

/// The sheet of a workbook named by `sheet`, else its first visible sheet;
/// any other sheet that holds data is named in a warning.
pub fn read_workbook(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table, Problem> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        let message = Message::new("problem-workbook-unreadable");
        Problem::told(0, "-", message, format!("cannot open the workbook: {e}"))
    })?;
    let sheets = workbook.sheets_metadata().to_vec();
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| s.name == wanted)
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                let message = Message::new("problem-no-sheet").arg("sheet", wanted);
                Problem::told(
                    0,
                    "-",
                    message,
                    format!("the workbook has no sheet '{wanted}'"),
                )
            })?,
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or_else(|| {
                let message = Message::new("problem-no-visible-sheet");
                Problem::told(0, "-", message, "the workbook has no visible sheet")
            })?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        let message = Message::new("problem-sheet-unreadable").arg("sheet", &name);
        Problem::told(
            0,
            "-",
            message,
            format!("cannot read the sheet '{name}': {e}"),
        )
    })?;
    let mut warnings = Vec::new();
    for other in sheets.iter().filter(|s| s.name != name) {
        let holds_data = workbook
            .worksheet_range(&other.name)
            .is_ok_and(|r| r.used_cells().next().is_some());
        if holds_data {
            warnings.push(
                Message::new("cli-warning-sheet-not-read")
                    .arg("other", &other.name)
                    .arg("sheet", &name),
            );
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
            let message = Message::new("problem-sheet-empty").arg("sheet", &name);
            Problem::told(
                1,
                "-",
                message,
                format!("the sheet '{name}' is empty: no header"),
            )
        })?,
        rows,
        width_problems: Vec::new(),
        warnings,
    })
}

/// A cell as the text a CSV would hold. Dates become ISO dates; whole
/// numbers lose the ".0" Excel gives them.
fn cell_text(cell: &Data) -> Result<String, Reason> {
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
            None => {
                let message = Message::new("problem-date-cell").arg("cell", d);
                return Err(Reason::told(
                    message,
                    format!("the date cell {d} is out of range"),
                ));
            }
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => {
            let message = Message::new("problem-error-cell").arg("error", format!("{e:?}"));
            let text = format!("the cell holds the spreadsheet error {e:?}");
            return Err(Reason::told(message, text));
        }
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
    fn rows_keep_the_line_an_editor_shows_past_blank_lines() {
        let lf = read_csv(b"a,b\n\n1,2\n\n\n3,4\n5,6").unwrap();
        assert_eq!(lf.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [3, 6, 7]);
        let crlf = read_csv(b"a,b\r\n\r\n1,2\r\n\r\n\r\n3,4\r\n5,6").unwrap();
        assert_eq!(crlf.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [3, 6, 7]);
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_line() {
        let problem = read_csv(b"a,b\n1,\xE6\n").unwrap_err();
        assert_eq!(problem.row, 2);
        assert!(problem.reason.text.contains("UTF-8"));
    }
}
