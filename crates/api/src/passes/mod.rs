//! Hall passes: the lifecycle (request, schedule, start, end, cancel) and who sees what. The
//! routes are in `routes/`; the rules they share sit beside them.
pub mod access;
pub(crate) mod act;
pub(crate) mod activation;
pub(crate) mod capacity;
pub(crate) mod end_proof;
pub mod expiry;
pub(crate) mod limits;
pub(crate) mod queries;
pub(crate) mod quota;
pub mod routes;
pub mod row;
pub mod state;
