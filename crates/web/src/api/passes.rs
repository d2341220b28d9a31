use hallpass_shared::page::Page;
use hallpass_shared::passes::{EndPass, NewPass, Pass, PassQuery, RemainingPasses};

use super::client::Api;
use super::error::ApiError;
use super::path_id;
use super::query::query_string;

/// What can be done to a pass with a bare `POST /passes/{id}/{action}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassAction {
    Approve,
    Deny,
    Start,
    Cancel,
}

impl PassAction {
    fn path(self) -> &'static str {
        match self {
            PassAction::Approve => "/approve",
            PassAction::Deny => "/deny",
            PassAction::Start => "/start",
            PassAction::Cancel => "/cancel",
        }
    }
}

impl Api {
    /// `POST /passes`.
    pub async fn create_pass(&self, new: &NewPass) -> Result<Pass, ApiError> {
        self.post("/passes").body(new).json().await
    }

    /// `GET /passes`: one page of the passes the caller may see, newest first.
    pub async fn passes(&self, query: &PassQuery) -> Result<Page<Pass>, ApiError> {
        let path = format!("/passes{}", query_string(query));
        self.get(&path).json().await
    }

    /// `POST /passes/{id}/approve|deny|start|cancel`.
    pub async fn pass_action(&self, id: &str, action: PassAction) -> Result<Pass, ApiError> {
        let path = path_id("/passes", id, action.path());
        self.post(&path).json().await
    }

    /// `POST /passes/{id}/end`, with the room code or a PIN where the room asks for one.
    pub async fn end_pass(&self, id: &str, proof: &EndPass) -> Result<Pass, ApiError> {
        let path = path_id("/passes", id, "/end");
        self.post(&path).body(proof).json().await
    }

    /// `GET /users/{id}/pass-limit/remaining`.
    pub async fn remaining_passes(&self, user_id: &str) -> Result<RemainingPasses, ApiError> {
        let path = path_id("/users", user_id, "/pass-limit/remaining");
        self.get(&path).json().await
    }
}
