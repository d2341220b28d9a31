//! Small building blocks shared by the pages.

mod avatar;
mod dialog;
mod emergency;
mod erased;
mod error_alert;
mod field;
mod form_errors;
mod page_heading;
pub mod pass_text;
mod progress_bar;
mod reload;
mod shell;
mod tabs;
mod task;
mod teacher_picker;

pub use avatar::{initials, Avatar};
pub use dialog::{ConfirmDialog, Dialog};
pub use emergency::EmergencySwitch;
pub use erased::{effect, keyed, When};
pub use error_alert::ErrorAlert;
pub use field::{CheckboxField, FieldErrorList, SelectField, TextField};
pub use form_errors::{errors_for, validation_errors, FieldErrors};
pub use page_heading::PageHeading;
pub use progress_bar::ProgressBar;
pub use reload::{Loading, Reload};
pub use shell::Shell;
pub use tabs::Tabs;
pub use task::Task;
pub use teacher_picker::TeacherPicker;
