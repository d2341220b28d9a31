//! The typed client for `/api/v1`. It is the only code that knows URLs, tokens and the error
//! shape; components call `api.login(…)`, `api.school()`, and so on.

mod auth;
mod client;
mod cross_tab;
mod error;
mod hallway;
mod http;
mod parents;
mod passes;
mod pictures;
mod query;
mod rooms;
mod rosters;
mod rules;
mod school;
mod tokens;
mod users;

pub use client::{Api, AuthEvent};
pub use error::ApiError;
pub use passes::PassAction;

/// `{collection}/{id}{rest}`, with the id encoded for a path.
fn path_id(collection: &str, id: &str, rest: &str) -> String {
    format!("{collection}/{}{rest}", js_sys::encode_uri_component(id))
}
pub use parents::InviteFormat;
