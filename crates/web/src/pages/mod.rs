//! One module per screen.

pub mod account;
pub mod accounts;
pub mod change_password;
pub mod hallway;
pub mod home;
pub mod integrations;
pub mod not_found;
pub mod parents;
pub mod passes;
pub mod room_choice;
pub mod room_code;
pub mod rooms;
pub mod rules;
pub mod school_settings;
pub mod sign_in;
pub mod student_search;
