//! Rosters: accounts imported from spreadsheets and OneRoster (DESIGN section 10). Started:
//! only the spreadsheet's column matching is here so far.
pub mod columns;
pub mod oneroster;
pub mod spreadsheet;
pub mod table;
