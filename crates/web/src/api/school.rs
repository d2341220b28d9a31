use hallpass_shared::school::{School, SchoolPatch};

use super::client::Api;
use super::error::ApiError;

impl Api {
    /// `GET /school`: the signed-in user's school.
    pub async fn school(&self) -> Result<School, ApiError> {
        self.get("/school").json().await
    }

    /// `PATCH /school` (needs `manage_school`).
    pub async fn update_school(&self, patch: &SchoolPatch) -> Result<School, ApiError> {
        self.patch("/school").body(patch).json().await
    }
}
