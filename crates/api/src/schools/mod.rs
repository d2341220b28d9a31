//! Schools: the tenant of every school-scoped row, and its settings.
pub mod create;
pub mod emergency;
pub mod get_school;
pub mod patch_school;
pub mod queries;
pub mod row;
pub mod time_zone;
