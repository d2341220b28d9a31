//! The invite-code download: the same rows as CSV or as an XLSX workbook.
use rust_xlsxwriter::{Format, Workbook};

use crate::error::ApiError;

/// One student's line on the families' list.
pub struct InviteRow {
    pub last_name: String,
    pub first_name: String,
    pub school_identifier: Option<String>,
    pub grade: Option<String>,
    pub email: Option<String>,
    pub invite_code: String,
}

const HEADER: [&str; 6] = [
    "Last name",
    "First name",
    "School identifier",
    "Grade",
    "Email",
    "Invite code",
];
const WIDTHS: [f64; 6] = [20.0, 18.0, 18.0, 8.0, 34.0, 14.0];

impl InviteRow {
    fn cells(&self) -> [&str; 6] {
        [
            &self.last_name,
            &self.first_name,
            self.school_identifier.as_deref().unwrap_or(""),
            self.grade.as_deref().unwrap_or(""),
            self.email.as_deref().unwrap_or(""),
            &self.invite_code,
        ]
    }
}

/// A spreadsheet would run a cell starting with these as a formula (CSV injection): such a
/// cell gets a leading `'`, which spreadsheets show as text.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

pub fn csv(rows: &[InviteRow]) -> Result<Vec<u8>, ApiError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADER).map_err(ApiError::internal)?;
    for row in rows {
        out.write_record(row.cells().map(defused).iter().map(|c| c.as_ref()))
            .map_err(ApiError::internal)?;
    }
    out.into_inner()
        .map_err(|e| ApiError::internal(e.into_error()))
}

/// Every cell is text (identifiers and codes keep their leading zeros); XLSX cells are never
/// formulas unless written as one.
pub fn xlsx(rows: &[InviteRow]) -> Result<Vec<u8>, ApiError> {
    let xl = |e: rust_xlsxwriter::XlsxError| ApiError::internal(e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Invite codes").map_err(xl)?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, (title, width)) in HEADER.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet
            .write_string_with_format(0, col, *title, &bold)
            .map_err(xl)?;
        sheet.set_column_width(col, width).map_err(xl)?;
        sheet.set_column_format(col, &text).map_err(xl)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xl)?;
    for (n, row) in rows.iter().enumerate() {
        let line = n as u32 + 1;
        for (col, cell) in row.cells().iter().enumerate() {
            sheet
                .write_string_with_format(line, col as u16, *cell, &text)
                .map_err(xl)?;
        }
    }
    book.save_to_buffer().map_err(xl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused_and_others_left_alone() {
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defused(risky), format!("'{risky}"));
        }
        for plain in ["Lee", "0042", "a=b", ""] {
            assert_eq!(defused(plain), plain);
        }
    }
}
