use hallpass_shared::encounters::{
    EncounterGroup, EncounterGroupPatch, NewEncounterGroup, PreventedEncounter,
};
use hallpass_shared::passes::{PassLimits, StudentPassLimit};
use reqwest::Method;

use super::client::{Api, Auth};
use super::error::ApiError;
use super::path_id;

impl Api {
    /// `GET /pass-limits`.
    pub async fn pass_limits(&self) -> Result<PassLimits, ApiError> {
        self.send_json(Method::GET, "/pass-limits", None::<&()>, Auth::Bearer)
            .await
    }

    /// `PUT /pass-limits` (needs `manage_pass_rules`).
    pub async fn put_pass_limits(&self, limits: &PassLimits) -> Result<PassLimits, ApiError> {
        self.send_json(Method::PUT, "/pass-limits", Some(limits), Auth::Bearer)
            .await
    }

    /// `PUT /users/{id}/pass-limit`: `per_day: None` goes back to the school's limit.
    pub async fn put_student_limit(
        &self,
        user_id: &str,
        limit: &StudentPassLimit,
    ) -> Result<(), ApiError> {
        let path = path_id("/users", user_id, "/pass-limit");
        self.send(Method::PUT, &path, Some(limit), Auth::Bearer)
            .await
            .map(drop)
    }

    /// `GET /encounter-groups`.
    pub async fn encounter_groups(&self) -> Result<Vec<EncounterGroup>, ApiError> {
        self.send_json(Method::GET, "/encounter-groups", None::<&()>, Auth::Bearer)
            .await
    }

    /// `POST /encounter-groups`.
    pub async fn create_encounter_group(
        &self,
        new: &NewEncounterGroup,
    ) -> Result<EncounterGroup, ApiError> {
        self.send_json(Method::POST, "/encounter-groups", Some(new), Auth::Bearer)
            .await
    }

    /// `PATCH /encounter-groups/{id}`.
    pub async fn update_encounter_group(
        &self,
        id: &str,
        patch: &EncounterGroupPatch,
    ) -> Result<EncounterGroup, ApiError> {
        let path = path_id("/encounter-groups", id, "");
        self.send_json(Method::PATCH, &path, Some(patch), Auth::Bearer)
            .await
    }

    /// `DELETE /encounter-groups/{id}`.
    pub async fn delete_encounter_group(&self, id: &str) -> Result<(), ApiError> {
        let path = path_id("/encounter-groups", id, "");
        self.send(Method::DELETE, &path, None::<&()>, Auth::Bearer)
            .await
            .map(drop)
    }

    /// `GET /encounter-groups/prevented`: the refused starts, newest first.
    pub async fn prevented_encounters(&self) -> Result<Vec<PreventedEncounter>, ApiError> {
        let path = "/encounter-groups/prevented";
        self.send_json(Method::GET, path, None::<&()>, Auth::Bearer)
            .await
    }
}
