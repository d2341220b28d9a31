use hallpass_shared::school::{School, SchoolPatch};
use reqwest::Method;

use super::client::{Api, Auth};
use super::error::ApiError;

impl Api {
    /// `GET /school`: the signed-in user's school.
    pub async fn school(&self) -> Result<School, ApiError> {
        self.send_json(Method::GET, "/school", None::<&()>, Auth::Bearer)
            .await
    }

    /// `PATCH /school` (needs `manage_school`).
    pub async fn update_school(&self, patch: &SchoolPatch) -> Result<School, ApiError> {
        self.send_json(Method::PATCH, "/school", Some(patch), Auth::Bearer)
            .await
    }
}
