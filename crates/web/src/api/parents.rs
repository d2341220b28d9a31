use hallpass_shared::accounts::UserIds;
use hallpass_shared::page::Page;
use hallpass_shared::parents::{
    InviteCodes, InviteExportQuery, LinkStudent, LinkedStudent, ParentLink, ParentPass,
    ParentPassQuery, ParentSignup, SignupAccepted,
};

use super::client::Api;
use super::error::ApiError;
use super::query::query_string;

/// A downloaded file: its name (from `Content-Disposition`) and bytes.
pub struct Download {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Which invite-code file to download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteFormat {
    Csv,
    Xlsx,
}

impl Api {
    /// `POST /auth/parent-signup`: the same answer whether or not the email was new.
    pub async fn parent_signup(&self, request: &ParentSignup) -> Result<SignupAccepted, ApiError> {
        self.post("/auth/parent-signup")
            .anonymous()
            .body(request)
            .json()
            .await
    }

    /// `GET /parent/students`.
    pub async fn my_students(&self) -> Result<Vec<LinkedStudent>, ApiError> {
        self.get("/parent/students").json().await
    }

    /// `POST /parent/students`: links the student whose invite code this is.
    pub async fn add_student(&self, request: &LinkStudent) -> Result<LinkedStudent, ApiError> {
        self.post("/parent/students").body(request).json().await
    }

    /// `DELETE /parent/students/{id}`.
    pub async fn remove_student(&self, id: &str) -> Result<(), ApiError> {
        let path = format!("/parent/students/{}", js_sys::encode_uri_component(id));
        self.delete(&path).done().await
    }

    /// `GET /parent/students/{id}/passes`: ended passes, the latest first.
    pub async fn student_passes(
        &self,
        id: &str,
        query: &ParentPassQuery,
    ) -> Result<Page<ParentPass>, ApiError> {
        let path = format!(
            "/parent/students/{}/passes{}",
            js_sys::encode_uri_component(id),
            query_string(query)
        );
        self.get(&path).json().await
    }

    /// `GET /invite-codes.csv` or `.xlsx`.
    pub async fn invite_codes(
        &self,
        format: InviteFormat,
        query: &InviteExportQuery,
    ) -> Result<Download, ApiError> {
        let extension = match format {
            InviteFormat::Csv => "csv",
            InviteFormat::Xlsx => "xlsx",
        };
        let path = format!("/invite-codes.{extension}{}", query_string(query));
        let response = self.get(&path).send().await?;
        let status = response.status();
        let file_name = response
            .header("content-disposition")
            .as_deref()
            .and_then(|value| value.split("filename=").nth(1))
            .map(|name| name.trim_matches('"').to_owned())
            .unwrap_or_else(|| format!("invite-codes.{extension}"));
        let bytes = response
            .bytes()
            .await
            .map_err(|_| ApiError::Unexpected { status })?;
        Ok(Download { file_name, bytes })
    }

    /// `POST /users/invite-codes`: new codes for the named students, all or none.
    pub async fn regenerate_invite_codes(&self, ids: &UserIds) -> Result<InviteCodes, ApiError> {
        self.post("/users/invite-codes").body(ids).json().await
    }

    /// `GET /users/{id}/parent-links`: the parent's links to this school's students.
    pub async fn parent_links(&self, parent_id: &str) -> Result<Vec<ParentLink>, ApiError> {
        let path = format!(
            "/users/{}/parent-links",
            js_sys::encode_uri_component(parent_id)
        );
        self.get(&path).json().await
    }

    /// `DELETE /users/{parent_id}/parent-links/{student_id}`.
    pub async fn remove_parent_link(
        &self,
        parent_id: &str,
        student_id: &str,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/users/{}/parent-links/{}",
            js_sys::encode_uri_component(parent_id),
            js_sys::encode_uri_component(student_id)
        );
        self.delete(&path).done().await
    }
}
