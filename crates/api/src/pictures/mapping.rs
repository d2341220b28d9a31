//! The mapping file: which picture is whose. It comes from vendors and spreadsheets, so it is
//! read forgivingly: SmartPass's template, Lifetouch's `idlink.txt` (`"639465","00002.jpg"`),
//! PowerSchool's tab-separated list; a header row or none; comma, semicolon or tab; quotes; a
//! BOM; CRLF; UTF-8, UTF-16 or Windows-1252.
use hallpass_shared::pictures::MappingError;

/// A row of the mapping: the student's email or school identifier, and the picture's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingRow {
    pub line: u32,
    pub student: String,
    pub file: String,
}

/// What a mapping file said, and the lines that could not be read.
#[derive(Debug, Default)]
pub struct Mapping {
    pub rows: Vec<MappingRow>,
    pub errors: Vec<MappingError>,
}

/// More rows than a school has students, several times over: the rest are not read.
pub const MAX_ROWS: usize = 100_000;
/// Errors listed one by one; past them, one line says how many more there were.
pub const MAX_ERRORS: usize = 1_000;

impl Mapping {
    /// Lists an error, or past `MAX_ERRORS` counts it.
    fn error(&mut self, more: &mut u64, line: u32, message: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(MappingError { line, message });
        } else {
            *more += 1;
        }
    }
}

/// Reads the mapping a line at a time (a file name never holds a line break), so that each
/// error names the line a spreadsheet shows. At most `MAX_ROWS` rows and `MAX_ERRORS` errors
/// are kept, so that a broken or hostile file cannot make the job's result huge.
pub fn parse(bytes: &[u8]) -> Mapping {
    let text = crate::text_files::decode(bytes);
    let delimiter = crate::text_files::delimiter(&text);
    let mut mapping = Mapping::default();
    let mut first = true;
    let mut more_errors = 0_u64;
    for (at, line) in text.lines().enumerate() {
        let line_number = u32::try_from(at + 1).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            continue;
        }
        if mapping.rows.len() == MAX_ROWS {
            mapping.errors.push(MappingError {
                line: line_number,
                message: format!(
                    "The mapping has more than {MAX_ROWS} students; this line and the rest were not read."
                ),
            });
            break;
        }

        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .trim(csv::Trim::All)
            .from_reader(line.as_bytes());
        let record = match reader.records().next() {
            Some(Ok(record)) => record,
            Some(Err(err)) => {
                mapping.error(
                    &mut more_errors,
                    line_number,
                    format!("This line could not be read: {err}."),
                );
                continue;
            }
            None => continue,
        };
        let cells: Vec<&str> = record.iter().map(unquote).collect();
        if std::mem::replace(&mut first, false) && is_header(&cells) {
            continue;
        }
        match (cells.first(), cells.get(1)) {
            (Some(student), Some(file)) if !student.is_empty() && !file.is_empty() => {
                mapping.rows.push(MappingRow {
                    line: line_number,
                    student: (*student).to_owned(),
                    file: (*file).to_owned(),
                })
            }
            _ => mapping.error(
                &mut more_errors,
                line_number,
                "Give the student's email or school identifier first, then the picture's \
                 file name."
                    .into(),
            ),
        }
    }
    if more_errors > 0 {
        mapping.errors.push(MappingError {
            line: u32::try_from(text.lines().count()).unwrap_or(u32::MAX),
            message: format!("{more_errors} more lines could not be read either."),
        });
    }
    mapping
}

/// Stray quotes that a spreadsheet left around a cell (`'00123`, or doubled quoting).
fn unquote(cell: &str) -> &str {
    cell.trim_matches(|c| c == '"' || c == '\'').trim()
}

/// A first row of column names rather than a student: its picture column is no file name, and
/// its cells are words such as "Email", "Student ID" or "File name".
fn is_header(cells: &[&str]) -> bool {
    const WORDS: &[&str] = &[
        "email",
        "mail",
        "id",
        "identifier",
        "student",
        "number",
        "file",
        "image",
        "picture",
        "photo",
        "name",
        "path",
    ];
    let file = cells.get(1).copied().unwrap_or("");
    if super::names::is_image_name(file) {
        return false;
    }
    cells.iter().take(2).any(|cell| {
        let cell = cell.to_lowercase();
        WORDS.iter().any(|word| cell.contains(word)) && !cell.contains('@')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[u8]) -> Vec<(String, String)> {
        parse(text)
            .rows
            .into_iter()
            .map(|row| (row.student, row.file))
            .collect()
    }

    fn pair(student: &str, file: &str) -> (String, String) {
        (student.to_owned(), file.to_owned())
    }

    #[test]
    fn lifetouch_idlink_quoted_without_header() {
        assert_eq!(
            rows(b"\"639465\",\"00002.jpg\"\r\n\"639466\",\"00003.jpg\"\r\n"),
            vec![pair("639465", "00002.jpg"), pair("639466", "00003.jpg")]
        );
    }

    #[test]
    fn smartpass_template_with_header_and_bom() {
        let text =
            b"\xEF\xBB\xBFEmail or school identifier,Image filename\nada@school.test,ada.JPG\n";
        assert_eq!(rows(text), vec![pair("ada@school.test", "ada.JPG")]);
    }

    #[test]
    fn powerschool_tab_separated_with_header() {
        let text = b"Student_Number\tFile\n00123\tphotos/00123.jpg\n";
        assert_eq!(rows(text), vec![pair("00123", "photos/00123.jpg")]);
    }

    #[test]
    fn semicolons_utf16_and_windows_1252() {
        assert_eq!(rows(b"123;a.jpg\n"), vec![pair("123", "a.jpg")]);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("7\tb.png\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(rows(&utf16), vec![pair("7", "b.png")]);
        assert_eq!(rows(b"8,Jos\xe9.jpg\n"), vec![pair("8", "José.jpg")]);
    }

    #[test]
    fn a_short_line_is_reported_with_its_number_and_blank_lines_are_skipped() {
        let mapping = parse(b"1,a.jpg\n\n2\n3,c.jpg\n");
        assert_eq!(mapping.rows.len(), 2);
        assert_eq!(mapping.errors.len(), 1);
        assert_eq!(mapping.errors[0].line, 3);
        assert_eq!(mapping.rows[1].line, 4);
    }

    #[test]
    fn a_hostile_mapping_keeps_a_bounded_result() {
        // Errors past the limit are counted in one line; rows among them are still read.
        let mut text = "bad\n".repeat(MAX_ERRORS + 500);
        text.push_str("9,i.jpg\n");
        let mapping = parse(text.as_bytes());
        assert_eq!(mapping.errors.len(), MAX_ERRORS + 1);
        assert_eq!(
            mapping.errors[MAX_ERRORS].message,
            "500 more lines could not be read either."
        );
        assert_eq!(rows(text.as_bytes()), vec![pair("9", "i.jpg")]);

        // Rows past the limit are not read, and that is said.
        let many: String = (0..MAX_ROWS + 10)
            .map(|n| format!("{n},{n}.jpg\n"))
            .collect();
        let mapping = parse(many.as_bytes());
        assert_eq!(mapping.rows.len(), MAX_ROWS);
        assert_eq!(mapping.errors.len(), 1);
        assert_eq!(mapping.errors[0].line, MAX_ROWS as u32 + 1);
    }
}
