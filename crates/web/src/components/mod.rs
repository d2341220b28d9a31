//! Small building blocks shared by the pages.

mod error_alert;
mod field;
mod page_heading;
mod shell;

pub use error_alert::ErrorAlert;
pub use field::{CheckboxField, TextField};
pub use page_heading::PageHeading;
pub use shell::Shell;
