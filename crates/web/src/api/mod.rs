//! The typed client for `/api/v1`. It is the only code that knows URLs, tokens and the error
//! shape; components call `api.login(…)`, `api.school()`, and so on.

mod auth;
mod client;
mod cross_tab;
mod error;
mod parents;
mod query;
mod school;
mod tokens;
mod users;

pub use client::{Api, AuthEvent};
pub use error::ApiError;
pub use parents::{Download, InviteFormat};
