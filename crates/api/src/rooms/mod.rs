//! Rooms: travel types, lengths, capacity, restrictions, teachers and the rotating code.
pub mod create_room;
pub mod delete_room;
pub mod get_room_code;
pub mod list_rooms;
pub mod queries;
pub mod rotating_code;
pub mod row;
mod rules;
pub mod update_room;
