//! One module per screen.

pub mod account;
pub mod accounts;
pub mod change_password;
pub mod home;
pub mod not_found;
pub mod parents;
pub mod school_settings;
pub mod sign_in;
