use hallpass_shared::rooms::{NewRoom, Room, RoomCode, RoomPatch, SetPin};
use reqwest::Method;

use super::client::{Api, Auth};
use super::error::ApiError;
use super::path_id;

impl Api {
    /// `GET /rooms`: every room of the school, in name order.
    pub async fn rooms(&self) -> Result<Vec<Room>, ApiError> {
        self.send_json(Method::GET, "/rooms", None::<&()>, Auth::Bearer)
            .await
    }

    /// `POST /rooms` (needs `manage_rooms`).
    pub async fn create_room(&self, new: &NewRoom) -> Result<Room, ApiError> {
        self.send_json(Method::POST, "/rooms", Some(new), Auth::Bearer)
            .await
    }

    /// `PATCH /rooms/{id}` (needs `manage_rooms`).
    pub async fn update_room(&self, id: &str, patch: &RoomPatch) -> Result<Room, ApiError> {
        let path = path_id("/rooms", id, "");
        self.send_json(Method::PATCH, &path, Some(patch), Auth::Bearer)
            .await
    }

    /// `DELETE /rooms/{id}` (needs `manage_rooms`).
    pub async fn delete_room(&self, id: &str) -> Result<(), ApiError> {
        let path = path_id("/rooms", id, "");
        self.send(Method::DELETE, &path, None::<&()>, Auth::Bearer)
            .await
            .map(drop)
    }

    /// `GET /rooms/{id}/code`: the room's current code (its teachers and their assistants).
    pub async fn room_code(&self, id: &str) -> Result<RoomCode, ApiError> {
        let path = path_id("/rooms", id, "/code");
        self.send_json(Method::GET, &path, None::<&()>, Auth::Bearer)
            .await
    }

    /// `PUT /me/pin`: the staff member's 4-digit PIN.
    pub async fn set_pin(&self, pin: &SetPin) -> Result<(), ApiError> {
        self.send(Method::PUT, "/me/pin", Some(pin), Auth::Bearer)
            .await
            .map(drop)
    }
}
