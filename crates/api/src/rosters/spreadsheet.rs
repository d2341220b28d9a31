//! A spreadsheet of accounts (CSV; DESIGN section 10): columns found by name and synonym, a
//! role column or the form's role, every row checked, and a row's problem kept with its line.
use std::collections::HashMap;

use hallpass_shared::user::Role;

use super::columns::{Columns, Field};
use super::table::{Table, TableError};

/// One account as a row gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u64,
    pub role: Role,
    pub first_name: String,
    pub last_name: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
    pub grade: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// The file as a whole could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum SheetError {
    Empty,
    /// What the file lacks, as people name it ("last name", "email or school identifier").
    MissingColumns(Vec<&'static str>),
    Unreadable(String),
}

#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    pub errors: Vec<RowError>,
}

/// What a role cell says: the names schools write.
fn role_of(cell: &str) -> Option<Role> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "student" | "students" | "pupil" => Some(Role::Student),
        "teacher" | "teachers" | "staff" | "faculty" => Some(Role::Teacher),
        "aide" | "assistant" | "para" | "paraprofessional" => Some(Role::Assistant),
        "admin" | "administrator" | "principal" => Some(Role::Admin),
        _ => None,
    }
}

/// Reads a CSV sheet whose text is decoded already; `role` is the form's, for a file
/// without a role column.
pub fn read(text: String, role: Option<Role>) -> Result<Sheet, SheetError> {
    let delimiter = crate::text_files::delimiter(&text);
    let mut table = Table::open_delimited(text, &[], delimiter).map_err(|err| match err {
        TableError::Empty => SheetError::Empty,
        TableError::MissingColumns(_) => SheetError::MissingColumns(Vec::new()),
        TableError::Unreadable { message, .. } => SheetError::Unreadable(message),
    })?;
    let columns = Columns::find(&table.headers());
    let missing = columns.missing(role.is_some());
    if !missing.is_empty() {
        return Err(SheetError::MissingColumns(missing));
    }
    let mut sheet = Sheet::default();
    // The key each account is known by: its school identifier, else its email.
    let mut seen: HashMap<String, u64> = HashMap::new();
    while let Some(row) = table.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                if let TableError::Unreadable { line, message } = err {
                    sheet.errors.push(RowError { line, message });
                }
                continue;
            }
        };
        let cell = |field| {
            columns
                .at
                .get(&field)
                .map_or("", |&index| Table::cell(&row, index))
        };
        let optional = |field| Some(cell(field).to_owned()).filter(|value| !value.is_empty());
        let problem = |message: String| RowError {
            line: row.line,
            message,
        };
        let (first_name, last_name) = (cell(Field::FirstName), cell(Field::LastName));
        if first_name.is_empty() || last_name.is_empty() {
            sheet
                .errors
                .push(problem("A first and a last name are needed.".into()));
            continue;
        }
        // `missing` made sure there is a role column or the form's role.
        let role = if columns.at.contains_key(&Field::Role) {
            role_of(cell(Field::Role))
        } else {
            role
        };
        let Some(role) = role else {
            sheet.errors.push(problem(format!(
                "\"{}\" is not a role: write Student, Teacher, Aide or Admin.",
                cell(Field::Role)
            )));
            continue;
        };
        let (email, identifier) = (optional(Field::Email), optional(Field::SchoolIdentifier));
        let Some(key) = identifier
            .clone()
            .or_else(|| email.as_deref().map(str::to_lowercase))
        else {
            sheet
                .errors
                .push(problem("An email or a school identifier is needed.".into()));
            continue;
        };
        if let Some(first) = seen.insert(key.clone(), row.line) {
            sheet.errors.push(problem(format!(
                "{key} is on line {first} already; each account once."
            )));
            continue;
        }
        sheet.rows.push(SheetRow {
            line: row.line,
            role,
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email,
            identifier,
            grade: optional(Field::Grade),
        });
    }
    Ok(sheet)
}

/// Most rows and columns a workbook's first sheet may span: a sheet declares where its cells
/// are, and a cell at `XFD1048576` must not make the server build sixteen billion.
const MAX_ROWS: u32 = 500_000;
const MAX_COLUMNS: usize = 200;

/// The first worksheet of an Excel file as CSV text, for [`read`], read cell by cell. Numbers
/// Excel stored as numbers come out as written (`240201`, not `240201.0`); leading zeros Excel
/// dropped are gone.
pub fn xlsx_to_csv(bytes: &[u8]) -> Result<String, SheetError> {
    use calamine::{Data, Reader};
    let unreadable =
        |_| SheetError::Unreadable("This is not an Excel workbook that can be read.".into());
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SheetError::Empty)?;
    let mut cells = workbook
        .worksheet_cells_reader(&first)
        .map_err(|_| SheetError::Unreadable("The workbook's first sheet cannot be read.".into()))?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |err: csv::Error| SheetError::Unreadable(err.to_string());
    let (mut row, mut at) = (Vec::<String>::new(), 0u32);
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (line, column) = cell.get_position();
        let column = column as usize;
        if line >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(SheetError::Unreadable(format!(
                "The sheet reaches past row {MAX_ROWS} or column {MAX_COLUMNS}; save only the \
                 roster's rows and columns."
            )));
        }
        while at < line {
            out.write_record(&row).map_err(failed)?;
            row.clear();
            at += 1;
        }
        if row.len() <= column {
            row.resize(column + 1, String::new());
        }
        row[column] = match Data::from(cell.get_value().clone()) {
            Data::Empty => String::new(),
            Data::String(text) => text,
            Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => {
                format!("{}", number as i64)
            }
            Data::Float(number) => number.to_string(),
            Data::Int(number) => number.to_string(),
            Data::Bool(true) => "TRUE".into(),
            Data::Bool(false) => "FALSE".into(),
            other => other.to_string(),
        };
    }
    if !row.is_empty() {
        out.write_record(&row).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|err| SheetError::Unreadable(err.to_string()))?;
    String::from_utf8(bytes).map_err(|err| SheetError::Unreadable(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> String {
        let full = format!(
            "{}/tests/fixtures/rosters/spreadsheet/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::text_files::decode(&std::fs::read(full).expect("fixture"))
    }

    #[test]
    fn a_european_excel_export_in_windows_1252_with_semicolons() {
        let sheet = read(fixture("students-excel-1252.csv"), Some(Role::Student)).expect("sheet");
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        let jose = &sheet.rows[0];
        assert_eq!(
            (jose.first_name.as_str(), jose.last_name.as_str()),
            ("José", "Núñez")
        );
        assert_eq!(jose.identifier.as_deref(), Some("240201"));
        assert_eq!(jose.grade.as_deref(), Some("9"));
        assert_eq!(jose.line, 2);
        assert_eq!(sheet.rows[1].first_name, "Zoë");
        // Without the form's role, this file has none.
        assert_eq!(
            read(fixture("students-excel-1252.csv"), None).err(),
            Some(SheetError::MissingColumns(vec!["role"]))
        );
    }

    #[test]
    fn staff_with_a_role_column() {
        let sheet = read(fixture("staff-with-role-column.csv"), None).expect("sheet");
        let roles: Vec<Role> = sheet.rows.iter().map(|row| row.role).collect();
        assert_eq!(
            &roles[..5],
            &[
                Role::Teacher,
                Role::Teacher,
                Role::Teacher,
                Role::Assistant,
                Role::Admin
            ]
        );
        assert_eq!(
            sheet.rows[0].email.as_deref(),
            Some("gokafor@lakeside.example.org")
        );
    }

    #[test]
    fn bad_files_and_bad_rows_explain_themselves() {
        assert_eq!(
            read(fixture("bad/missing-columns.csv"), Some(Role::Student)).err(),
            Some(SheetError::MissingColumns(vec!["first name", "last name"]))
        );
        assert_eq!(
            read(fixture("bad/empty.csv"), Some(Role::Student)).err(),
            Some(SheetError::Empty)
        );
        let duplicates =
            read(fixture("bad/duplicate-keys.csv"), Some(Role::Student)).expect("sheet");
        assert_eq!(duplicates.rows.len(), 3);
        assert_eq!(duplicates.errors.len(), 1);
        assert_eq!(duplicates.errors[0].line, 4);
        assert!(duplicates.errors[0].message.contains("line 2"));
        let nameless =
            read(fixture("bad/row-without-name.csv"), Some(Role::Student)).expect("sheet");
        assert_eq!(nameless.rows.len(), 2);
        let lines: Vec<u64> = nameless.errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, vec![3, 4]);
    }

    #[test]
    fn an_excel_workbook_reads_like_its_csv() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (column, header) in ["Student ID", "First Name", "Last Name", "Grade"]
            .iter()
            .enumerate()
        {
            sheet
                .write_string(0, column as u16, *header)
                .expect("header");
        }
        sheet.write_number(1, 0, 240201.0).expect("id");
        sheet.write_string(1, 1, "José").expect("first");
        sheet.write_string(1, 2, "Núñez").expect("last");
        sheet.write_number(1, 3, 9.0).expect("grade");
        let bytes = workbook.save_to_buffer().expect("xlsx");
        let sheet = read(xlsx_to_csv(&bytes).expect("csv"), Some(Role::Student)).expect("sheet");
        assert!(sheet.errors.is_empty(), "{:?}", sheet.errors);
        assert_eq!(sheet.rows[0].identifier.as_deref(), Some("240201"));
        assert_eq!(sheet.rows[0].first_name, "José");
        assert_eq!(sheet.rows[0].grade.as_deref(), Some("9"));
        assert!(matches!(
            xlsx_to_csv(b"not a workbook"),
            Err(SheetError::Unreadable(_))
        ));
    }
}
