use std::rc::Rc;

use hallpass_shared::page::Page;
use hallpass_shared::rosters::{
    ApplyImport, ChangeQuery, ConnectionTest, ImportChange, OneRosterConnection, OneRosterSettings,
    RosterImport,
};

use super::client::Api;
use super::error::ApiError;
use super::http::{Method, UploadBody};
use super::path_id;
use super::query::query_string;

const ONEROSTER: &str = "/integrations/oneroster";

impl Api {
    /// `POST /imports`: `form` holds `file` and the optional `role`, `mode`, `org` and `strict`;
    /// `progress` hears the bytes sent. Answers the queued job.
    pub async fn upload_roster(
        &self,
        form: &web_sys::FormData,
        progress: Rc<dyn Fn(u64, u64)>,
    ) -> Result<RosterImport, ApiError> {
        let body = UploadBody::Form(form);
        let text = self
            .upload(Method::Post, "/imports", body, None, Some(progress))
            .await?;
        serde_json::from_str(&text).map_err(|_| ApiError::Unexpected { status: 202 })
    }

    /// `GET /imports/{id}`.
    pub async fn roster_import(&self, id: &str) -> Result<RosterImport, ApiError> {
        self.get(&path_id("/imports", id, "")).json().await
    }

    /// `GET /imports`: the school's imports, newest first, ten at a time.
    pub async fn roster_imports(
        &self,
        cursor: Option<String>,
    ) -> Result<Page<RosterImport>, ApiError> {
        let mut path = String::from("/imports?limit=10");
        if let Some(cursor) = cursor {
            path.push_str("&cursor=");
            path.push_str(&String::from(js_sys::encode_uri_component(&cursor)));
        }
        self.get(&path).json().await
    }

    /// `GET /imports/{id}/changes`: one page of a preview's rows.
    pub async fn import_changes(
        &self,
        id: &str,
        query: &ChangeQuery,
    ) -> Result<Page<ImportChange>, ApiError> {
        let path = path_id("/imports", id, &format!("/changes{}", query_string(query)));
        self.get(&path).json().await
    }

    /// `POST /imports/{id}/apply`: answers the job, `succeeded`.
    pub async fn apply_import(
        &self,
        id: &str,
        apply: &ApplyImport,
    ) -> Result<RosterImport, ApiError> {
        let path = path_id("/imports", id, "/apply");
        self.post(&path).body(apply).json().await
    }

    /// `DELETE /imports/{id}`: discards a preview; answers the job, `canceled`.
    pub async fn cancel_import(&self, id: &str) -> Result<RosterImport, ApiError> {
        self.delete(&path_id("/imports", id, "")).json().await
    }

    /// `GET /integrations/oneroster`; `None` (`null`) when no server is saved.
    pub async fn oneroster(&self) -> Result<Option<OneRosterConnection>, ApiError> {
        self.get(ONEROSTER).json().await
    }

    /// `PUT /integrations/oneroster`.
    pub async fn save_oneroster(
        &self,
        settings: &OneRosterSettings,
    ) -> Result<OneRosterConnection, ApiError> {
        self.put(ONEROSTER).body(settings).json().await
    }

    /// `DELETE /integrations/oneroster`.
    pub async fn remove_oneroster(&self) -> Result<(), ApiError> {
        self.delete(ONEROSTER).done().await
    }

    /// `POST /integrations/oneroster/test`: signs in to the saved server.
    pub async fn test_oneroster(&self) -> Result<ConnectionTest, ApiError> {
        self.post("/integrations/oneroster/test").json().await
    }

    /// `POST /integrations/oneroster/sync`: answers the queued import.
    pub async fn sync_oneroster(&self) -> Result<RosterImport, ApiError> {
        self.post("/integrations/oneroster/sync").json().await
    }
}
