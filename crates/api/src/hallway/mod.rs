//! The live hallway: who is out now, and the stream of changes.
pub mod cache;
pub mod events;
pub mod rights;
pub mod snapshot;
pub mod tickets;
