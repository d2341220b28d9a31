//! Small building blocks shared by the pages.

mod dialog;
mod error_alert;
mod field;
mod form_errors;
mod page_heading;
mod shell;
mod task;

pub use dialog::{ConfirmDialog, Dialog};
pub use error_alert::ErrorAlert;
pub use field::{CheckboxField, SelectField, TextField};
pub use form_errors::{errors_for, validation_errors, FieldErrors};
pub use page_heading::PageHeading;
pub use shell::Shell;
pub use task::Task;
