//! Accounts. (The full Accounts routes arrive with account management.)
pub mod get_user;
pub mod queries;
pub mod row;
