//! Hall passes: the lifecycle (request, schedule, start, end, cancel) and who sees what.
pub mod access;
mod act;
mod activation;
pub mod cancel_pass;
mod capacity;
pub mod create_pass;
pub mod decide;
pub mod end_pass;
pub mod expiry;
pub mod limit_routes;
mod limits;
pub mod list_passes;
mod queries;
pub mod row;
pub mod start_pass;
pub mod state;
