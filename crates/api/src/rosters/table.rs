//! A CSV file read by its header's names (never by position): case and surrounding spaces do
//! not matter, a BOM and CRLF are fine, and every row keeps the line a spreadsheet shows.
use std::collections::HashMap;
use std::io::Read;
use std::sync::Arc;

/// The file could not be read as a table.
#[derive(Debug, PartialEq, Eq)]
pub enum TableError {
    Empty,
    /// Required columns that no header names, as the caller spelled them.
    MissingColumns(Vec<String>),
    Unreadable {
        line: u64,
        message: String,
    },
}

pub struct Table {
    /// The header row as written.
    names: Vec<String>,
    columns: HashMap<String, usize>,
    rows: csv::StringRecordsIntoIter<Shared>,
    /// The text again (shared, not copied), to count lines: the csv crate's own line numbers
    /// point at the line break before a record, blank lines not skipped.
    text: Arc<Vec<u8>>,
    counted_to: usize,
    lines_before: u64,
}

/// The table's text, read by the csv reader while the table counts lines in it.
struct Shared {
    text: Arc<Vec<u8>>,
    at: usize,
}

impl Read for Shared {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.text[self.at.min(self.text.len())..];
        let n = rest.len().min(buf.len());
        buf[..n].copy_from_slice(&rest[..n]);
        self.at += n;
        Ok(n)
    }
}

/// One row, read by column name.
pub struct Row {
    record: csv::StringRecord,
    pub line: u64,
}

fn key(name: &str) -> String {
    name.trim().trim_start_matches('\u{feff}').to_lowercase()
}

impl Table {
    /// Reads the header row of `text` and checks that every `required` column is there.
    pub fn open(text: String, required: &[&str]) -> Result<Self, TableError> {
        Self::open_delimited(text, required, b',')
    }

    /// [`Table::open`] with another separator (a spreadsheet's `;` or tab).
    pub fn open_delimited(
        text: String,
        required: &[&str],
        delimiter: u8,
    ) -> Result<Self, TableError> {
        // One copy of the file: the reader and the line counter share it.
        let text = Arc::new(text.into_bytes());
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(Shared {
                text: text.clone(),
                at: 0,
            });
        let headers = reader.headers().map_err(|err| TableError::Unreadable {
            line: 1,
            message: err.to_string(),
        })?;
        if headers.iter().all(|header| header.trim().is_empty()) {
            return Err(TableError::Empty);
        }
        let names: Vec<String> = headers.iter().map(str::to_owned).collect();
        let mut columns = HashMap::new();
        for (index, header) in headers.iter().enumerate() {
            columns.entry(key(header)).or_insert(index);
        }
        let missing: Vec<String> = required
            .iter()
            .filter(|name| !columns.contains_key(&key(name)))
            .map(|name| (*name).to_owned())
            .collect();
        if !missing.is_empty() {
            return Err(TableError::MissingColumns(missing));
        }
        Ok(Table {
            names,
            columns,
            rows: reader.into_records(),
            text,
            counted_to: 0,
            lines_before: 0,
        })
    }

    /// The line on which the record after byte `from` (the line break before it) starts.
    fn line_at(&mut self, from: u64) -> u64 {
        let mut at = usize::try_from(from)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        let start = self.counted_to.min(at);
        self.lines_before += memchr::memchr_iter(b'\n', &self.text[start..at]).count() as u64;
        self.counted_to = at;
        self.lines_before + 1
    }

    pub fn headers(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    /// The cell at `index` in `row`, trimmed; `""` past the row's end.
    pub fn cell(row: &Row, index: usize) -> &str {
        row.record.get(index).map_or("", str::trim)
    }

    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(&key(column))
    }

    /// The next row that holds anything, or why it could not be read.
    pub fn next_row(&mut self) -> Option<Result<Row, TableError>> {
        loop {
            let record = match self.rows.next()? {
                Ok(record) => record,
                Err(err) => {
                    let line = err.position().map_or(0, csv::Position::line);
                    return Some(Err(TableError::Unreadable {
                        line,
                        message: err.to_string(),
                    }));
                }
            };
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let line = self.line_at(record.position().map_or(0, csv::Position::byte));
            return Some(Ok(Row { record, line }));
        }
    }

    /// The cell of `column` in `row`, trimmed; `""` when the column or the cell is absent.
    pub fn get<'r>(&self, row: &'r Row, column: &str) -> &'r str {
        self.columns
            .get(&key(column))
            .and_then(|&index| row.record.get(index))
            .map_or("", str::trim)
    }
}

/// OneRoster's booleans as exports write them: `TRUE`, `true`, `True`, `1`; an empty cell is
/// `default`.
pub fn boolean(cell: &str, default: bool) -> bool {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" => default,
        "true" | "1" | "yes" | "y" => true,
        _ => false,
    }
}

/// A multi-value cell (`"09,10"`, `"{LDAP:12},{LTI:15}"`) as its values.
pub fn values(cell: &str) -> Vec<&str> {
    cell.split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> String {
        let full = format!(
            "{}/tests/fixtures/rosters/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::text_files::decode(&std::fs::read(full).expect("fixture"))
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case() {
        let text = fixture("oneroster-1.1-bulk/users.csv");
        let mut table =
            Table::open(text, &["sourcedId", "ROLE", "givenName", "familyName"]).expect("users");
        assert!(table.has("ext_ps_dcid"));
        let row = table.next_row().expect("a row").expect("readable");
        assert_eq!(row.line, 2);
        assert_eq!(table.get(&row, "sourcedid"), "T233");
        assert_eq!(table.get(&row, "role"), "teacher");
        assert_eq!(table.get(&row, "status"), "");
        assert!(boolean(table.get(&row, "enabledUser"), true));
        assert_eq!(table.get(&row, "no such column"), "");
    }

    #[test]
    fn rows_keep_their_line_past_blank_lines_and_quoted_breaks() {
        let text = "a,b\r\n1,2\r\n\r\n3,\"x\ny\"\r\n4,5".to_owned();
        let mut table = Table::open(text, &["a"]).expect("table");
        let mut lines = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.expect("readable");
            lines.push((table.get(&row, "a").to_owned(), row.line));
        }
        assert_eq!(
            lines,
            vec![("1".into(), 2), ("3".into(), 4), ("4".into(), 6)]
        );
    }

    #[test]
    fn a_missing_column_is_named_and_an_empty_file_is_said() {
        let missing = Table::open("sourcedId,givenName\n1,A\n".into(), &["sourcedId", "role"]);
        assert_eq!(
            missing.err(),
            Some(TableError::MissingColumns(vec!["role".into()]))
        );
        assert_eq!(
            Table::open(String::new(), &[]).err(),
            Some(TableError::Empty)
        );
    }

    #[test]
    fn multi_values_and_booleans_as_exports_write_them() {
        assert_eq!(values("09,10"), vec!["09", "10"]);
        assert_eq!(values("{LDAP:12},{LTI:15}"), vec!["{LDAP:12}", "{LTI:15}"]);
        assert!(values("").is_empty());
        assert!(boolean("TRUE", false) && boolean("true", false) && !boolean("FALSE", true));
        assert!(boolean("", true));
    }
}
