use hallpass_shared::encounters::{
    EncounterGroup, EncounterGroupPatch, NewEncounterGroup, PreventedEncounter,
};
use hallpass_shared::passes::{PassLimits, StudentPassLimit};

use super::client::Api;
use super::error::ApiError;
use super::path_id;

impl Api {
    /// `GET /pass-limits`.
    pub async fn pass_limits(&self) -> Result<PassLimits, ApiError> {
        self.get("/pass-limits").json().await
    }

    /// `PUT /pass-limits` (needs `manage_pass_rules`).
    pub async fn put_pass_limits(&self, limits: &PassLimits) -> Result<PassLimits, ApiError> {
        self.put("/pass-limits").body(limits).json().await
    }

    /// `PUT /users/{id}/pass-limit`: `per_day: None` goes back to the school's limit.
    pub async fn put_student_limit(
        &self,
        user_id: &str,
        limit: &StudentPassLimit,
    ) -> Result<(), ApiError> {
        let path = path_id("/users", user_id, "/pass-limit");
        self.put(&path).body(limit).done().await
    }

    /// `GET /encounter-groups`.
    pub async fn encounter_groups(&self) -> Result<Vec<EncounterGroup>, ApiError> {
        self.get("/encounter-groups").json().await
    }

    /// `POST /encounter-groups`.
    pub async fn create_encounter_group(
        &self,
        new: &NewEncounterGroup,
    ) -> Result<EncounterGroup, ApiError> {
        self.post("/encounter-groups").body(new).json().await
    }

    /// `PATCH /encounter-groups/{id}`.
    pub async fn update_encounter_group(
        &self,
        id: &str,
        patch: &EncounterGroupPatch,
    ) -> Result<EncounterGroup, ApiError> {
        let path = path_id("/encounter-groups", id, "");
        self.patch(&path).body(patch).json().await
    }

    /// `DELETE /encounter-groups/{id}`.
    pub async fn delete_encounter_group(&self, id: &str) -> Result<(), ApiError> {
        let path = path_id("/encounter-groups", id, "");
        self.delete(&path).done().await
    }

    /// `GET /encounter-groups/prevented`: the refused starts, newest first.
    pub async fn prevented_encounters(&self) -> Result<Vec<PreventedEncounter>, ApiError> {
        let path = "/encounter-groups/prevented";
        self.get(path).json().await
    }
}
