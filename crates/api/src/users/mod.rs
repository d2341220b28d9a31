//! Accounts: roles, statuses, permissions, activation and printable passwords.
mod acts_for;
pub mod bulk_update;
pub mod create_user;
pub mod delete_users;
pub mod duplicates;
pub mod get_user;
pub mod list_users;
pub mod listing;
pub mod lookup;
pub mod password_sheets;
pub mod permissions;
pub mod queries;
pub mod reset_password;
pub mod row;
pub mod rules;
pub mod search_cache;
mod sheet;
pub mod update_user;
