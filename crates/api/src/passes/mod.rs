//! Hall passes: the lifecycle (request, schedule, start, end, cancel) and who sees what.
pub mod access;
mod act;
mod activation;
pub mod cancel_pass;
mod capacity;
pub mod create_pass;
pub mod decide;
pub mod end_pass;
mod end_proof;
pub mod expiry;
pub mod limit_routes;
mod limits;
pub mod list_passes;
mod queries;
mod quota;
pub mod row;
pub mod start_pass;
pub mod state;
