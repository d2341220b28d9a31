//! Small building blocks shared by the pages.

mod dialog;
mod emergency;
mod error_alert;
mod field;
mod form_errors;
mod page_heading;
pub mod pass_text;
mod reload;
mod shell;
mod task;
mod teacher_picker;

pub use dialog::{ConfirmDialog, Dialog};
pub use emergency::EmergencySwitch;
pub use error_alert::ErrorAlert;
pub use field::{CheckboxField, FieldErrorList, SelectField, TextField};
pub use form_errors::{errors_for, validation_errors, FieldErrors};
pub use page_heading::PageHeading;
pub use reload::Reload;
pub use shell::Shell;
pub use task::Task;
pub use teacher_picker::TeacherPicker;
