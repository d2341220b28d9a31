//! Rooms: travel types, lengths, capacity, restrictions, teachers and the rotating code.
pub mod code;
pub mod create_room;
pub mod delete_room;
pub mod list_rooms;
pub mod queries;
pub mod room_code;
pub mod row;
mod rules;
pub mod update_room;
