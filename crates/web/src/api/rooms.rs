use hallpass_shared::rooms::{NewRoom, Room, RoomCode, RoomPatch, SetPin};

use super::client::Api;
use super::error::ApiError;
use super::path_id;

impl Api {
    /// `GET /rooms`: every room of the school, in name order.
    pub async fn rooms(&self) -> Result<Vec<Room>, ApiError> {
        self.get("/rooms").json().await
    }

    /// `POST /rooms` (needs `manage_rooms`).
    pub async fn create_room(&self, new: &NewRoom) -> Result<Room, ApiError> {
        self.post("/rooms").body(new).json().await
    }

    /// `PATCH /rooms/{id}` (needs `manage_rooms`).
    pub async fn update_room(&self, id: &str, patch: &RoomPatch) -> Result<Room, ApiError> {
        let path = path_id("/rooms", id, "");
        self.patch(&path).body(patch).json().await
    }

    /// `DELETE /rooms/{id}` (needs `manage_rooms`).
    pub async fn delete_room(&self, id: &str) -> Result<(), ApiError> {
        let path = path_id("/rooms", id, "");
        self.delete(&path).done().await
    }

    /// `GET /rooms/{id}/code`: the room's current code (its teachers and their assistants).
    pub async fn room_code(&self, id: &str) -> Result<RoomCode, ApiError> {
        let path = path_id("/rooms", id, "/code");
        self.get(&path).json().await
    }

    /// `PUT /me/pin`: the staff member's 4-digit PIN.
    pub async fn set_pin(&self, pin: &SetPin) -> Result<(), ApiError> {
        self.put("/me/pin").body(pin).done().await
    }
}
