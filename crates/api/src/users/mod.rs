//! Accounts: rows and queries. (The Accounts routes arrive with account management.)
pub mod queries;
pub mod row;
