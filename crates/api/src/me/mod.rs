//! The signed-in user's own account.
pub mod change_password;
pub mod get_me;
pub mod preferences;
pub mod set_pin;
