//! The live hallway: who is out now. (Live events arrive with the event stream.)
pub mod snapshot;
