//! `/imports…` and `/integrations/oneroster…`.
pub mod apply_import;
pub mod create_import;
pub mod oneroster_connection;
pub mod oneroster_sync;
pub mod read_imports;
