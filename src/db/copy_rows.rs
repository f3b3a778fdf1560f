//! Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: one line
//! a row, fields split by tabs, `\N` for an absent field, and a backslash,
//! tab, newline or carriage return in a field escaped by a backslash.

use crate::domain::error::Result;
use sqlx::PgConnection;

/// Runs `statement`, a `COPY … FROM STDIN`, with the texts `parts` in
/// order; returns how many rows it stored.
pub(super) async fn copy_texts(
    conn: &mut PgConnection,
    statement: &str,
    parts: Vec<String>,
) -> Result<u64> {
    let mut copy = conn.copy_in_raw(statement).await?;
    for part in parts {
        copy.send(part.into_bytes()).await?;
    }
    Ok(copy.finish().await?)
}

/// An error unless `COPY` stored as many rows as it was given: a short
/// count would be a silently partial write.
pub(super) fn all_copied(stored: u64, given: usize, what: &str) -> Result<()> {
    if stored == given as u64 {
        Ok(())
    } else {
        Err(internal!("COPY stored {stored} of {given} {what}"))
    }
}

/// Rows being written, one field after another.
pub(super) struct CopyRows {
    text: String,
    rows: usize,
    /// Whether the current row has no field yet.
    row_is_empty: bool,
}

impl CopyRows {
    pub fn with_capacity(rows: usize, bytes_per_row: usize) -> CopyRows {
        CopyRows {
            text: String::with_capacity(rows * bytes_per_row),
            rows: 0,
            row_is_empty: true,
        }
    }

    /// Starts a row (and ends the one before).
    pub fn row(&mut self) -> &mut CopyRows {
        if self.rows > 0 {
            self.text.push('\n');
        }
        self.rows += 1;
        self.row_is_empty = true;
        self
    }

    /// A text field; `None` is NULL.
    pub fn text(&mut self, field: Option<&str>) -> &mut CopyRows {
        self.separate();
        push_field(&mut self.text, field);
        self
    }

    /// A number field.
    pub fn number(&mut self, field: i64) -> &mut CopyRows {
        self.separate();
        self.text.push_str(itoa::Buffer::new().format(field));
        self
    }

    /// The rows' text, each row ended by a newline.
    pub fn finish(mut self) -> String {
        if self.rows > 0 {
            self.text.push('\n');
        }
        self.text
    }

    fn separate(&mut self) {
        if !self.row_is_empty {
            self.text.push('\t');
        }
        self.row_is_empty = false;
    }
}

/// One field as `COPY`'s text format spells it.
fn push_field(text: &mut String, field: Option<&str>) {
    let Some(field) = field else {
        text.push_str("\\N");
        return;
    };
    if !field.contains(['\\', '\t', '\n', '\r']) {
        text.push_str(field);
        return;
    }
    for c in field.chars() {
        match c {
            '\\' => text.push_str("\\\\"),
            '\t' => text.push_str("\\t"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            c => text.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_lines_of_tab_separated_fields_with_null_as_backslash_n() {
        let mut rows = CopyRows::with_capacity(2, 16);
        rows.row().text(Some("a")).number(-7).text(None);
        rows.row().text(Some("")).number(0).text(Some("c"));
        assert_eq!(rows.finish(), "a\t-7\t\\N\n\t0\tc\n");
        assert_eq!(CopyRows::with_capacity(0, 16).finish(), "");
    }

    #[test]
    fn a_copy_that_stored_fewer_rows_than_it_was_given_is_an_error() {
        assert!(all_copied(3, 3, "postings").is_ok());
        let short = all_copied(2, 3, "postings").unwrap_err();
        assert!(
            short.to_string().contains("COPY stored 2 of 3 postings"),
            "{short}"
        );
    }

    #[test]
    fn backslashes_tabs_and_line_ends_are_escaped_and_quotes_kept() {
        let mut rows = CopyRows::with_capacity(1, 16);
        rows.row()
            .text(Some("P\"1\\x\ty\nz\r"))
            .text(Some("\\N"))
            .text(None);
        assert_eq!(rows.finish(), "P\"1\\\\x\\ty\\nz\\r\t\\\\N\t\\N\n");
    }
}
