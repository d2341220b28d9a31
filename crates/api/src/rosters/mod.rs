//! Rosters: accounts imported from spreadsheets and OneRoster (DESIGN section 10). A file or
//! a pull becomes an [`input::Input`], a preview compares it with the school's accounts
//! ([`plan`]), and an apply writes the preview in one transaction ([`apply`]).
pub mod accounts;
pub mod apply;
pub mod changes;
pub mod columns;
pub mod import_job;
pub mod import_row;
pub mod input;
pub mod oneroster;
pub mod plan;
pub mod rest;
pub mod routes;
pub mod row_checks;
pub mod settings;
pub mod spreadsheet;
pub mod sync;
pub mod table;
