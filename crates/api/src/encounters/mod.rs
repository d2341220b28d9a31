//! Encounter prevention: groups of students kept apart, the check, and the log of refusals.
pub mod check;
mod groups;
pub mod manage_groups;
pub mod prevented_log;
pub mod report;
