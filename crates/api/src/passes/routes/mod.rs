//! The pass routes, each action in its own file, named by what it does.
pub mod approve_pass;
pub mod cancel_pass;
pub mod create_pass;
pub mod deny_pass;
pub mod end_pass;
pub mod list_passes;
pub mod pass_limits;
pub mod start_pass;
