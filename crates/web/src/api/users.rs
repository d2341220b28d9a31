use hallpass_shared::accounts::{
    BulkResult, BulkUpdate, NewUser, PasswordSheetRequest, TemporaryPassword, UserIds, UserPatch,
    UserQuery,
};
use hallpass_shared::page::Page;
use hallpass_shared::user::User;

use super::client::{read, Api};
use super::error::ApiError;
use super::query::query_string;

impl Api {
    /// `GET /users`: one page of accounts in name order.
    pub async fn users(&self, query: &UserQuery) -> Result<Page<User>, ApiError> {
        let path = format!("/users{}", query_string(query));
        self.get(&path).json().await
    }

    /// `GET /users/{id}`.
    pub async fn user(&self, id: &str) -> Result<User, ApiError> {
        self.get(&user_path(id)).json().await
    }

    /// `POST /users`.
    pub async fn create_user(&self, new: &NewUser) -> Result<User, ApiError> {
        self.post("/users").body(new).json().await
    }

    /// `PATCH /users/{id}`.
    pub async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ApiError> {
        self.patch(&user_path(id)).body(patch).json().await
    }

    /// `DELETE /users/{id}`: permanent.
    pub async fn delete_user(&self, id: &str) -> Result<BulkResult, ApiError> {
        self.delete(&user_path(id)).json().await
    }

    /// `POST /users/bulk`: all or nothing.
    pub async fn bulk_update_users(&self, update: &BulkUpdate) -> Result<BulkResult, ApiError> {
        self.post("/users/bulk").body(update).json().await
    }

    /// `POST /users/bulk-delete`: permanent, all or nothing.
    pub async fn bulk_delete_users(&self, ids: &UserIds) -> Result<BulkResult, ApiError> {
        self.post("/users/bulk-delete").body(ids).json().await
    }

    /// `POST /users/{id}/reset-password`: the new temporary password, shown once.
    pub async fn reset_password(&self, id: &str) -> Result<TemporaryPassword, ApiError> {
        let path = format!("{}/reset-password", user_path(id));
        self.post(&path).json().await
    }

    /// `POST /users/password-sheets`: resets the passwords and answers the printable HTML.
    pub async fn password_sheets(
        &self,
        request: &PasswordSheetRequest,
    ) -> Result<String, ApiError> {
        let response = self
            .post("/users/password-sheets")
            .body(request)
            .send()
            .await?;
        let (_, html) = read(response).await?;
        Ok(html)
    }
}

fn user_path(id: &str) -> String {
    format!("/users/{}", js_sys::encode_uri_component(id))
}
