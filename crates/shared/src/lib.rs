//! Everything that crosses the wire between the Hallpass server, the SPA and integrators.
//!
//! Only serde, validator and chrono live here so that the crate compiles to wasm.
//! OpenAPI schemas are derived behind the `openapi` feature, and the database mapping of the
//! text enums behind the `diesel` feature; only the server enables them.

#[macro_use]
mod text_enum;

pub mod accounts;
pub mod auth;
pub mod email;
pub mod encounters;
pub mod error;
pub mod error_details;
pub mod events;
pub mod health;
pub mod jobs;
pub mod page;
pub mod parents;
pub mod passes;
pub mod patch;
pub mod pictures;
pub mod rooms;
pub mod rosters;
pub mod school;
pub mod user;

/// The base path of the versioned JSON API.
pub const API_BASE: &str = "/api/v1";
