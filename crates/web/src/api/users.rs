use hallpass_shared::accounts::{
    BulkResult, BulkUpdate, NewUser, PasswordSheetRequest, TemporaryPassword, UserIds, UserPatch,
    UserQuery,
};
use hallpass_shared::page::Page;
use hallpass_shared::user::User;
use reqwest::Method;

use super::client::{Api, Auth};
use super::error::ApiError;
use super::query::query_string;

impl Api {
    /// `GET /users`: one page of accounts in name order.
    pub async fn users(&self, query: &UserQuery) -> Result<Page<User>, ApiError> {
        let path = format!("/users{}", query_string(query));
        self.send_json(Method::GET, &path, None::<&()>, Auth::Bearer)
            .await
    }

    /// `GET /users/{id}`.
    pub async fn user(&self, id: &str) -> Result<User, ApiError> {
        self.send_json(Method::GET, &user_path(id), None::<&()>, Auth::Bearer)
            .await
    }

    /// `POST /users`.
    pub async fn create_user(&self, new: &NewUser) -> Result<User, ApiError> {
        self.send_json(Method::POST, "/users", Some(new), Auth::Bearer)
            .await
    }

    /// `PATCH /users/{id}`.
    pub async fn update_user(&self, id: &str, patch: &UserPatch) -> Result<User, ApiError> {
        self.send_json(Method::PATCH, &user_path(id), Some(patch), Auth::Bearer)
            .await
    }

    /// `DELETE /users/{id}`: permanent.
    pub async fn delete_user(&self, id: &str) -> Result<BulkResult, ApiError> {
        self.send_json(Method::DELETE, &user_path(id), None::<&()>, Auth::Bearer)
            .await
    }

    /// `POST /users/bulk`: all or nothing.
    pub async fn bulk_update_users(&self, update: &BulkUpdate) -> Result<BulkResult, ApiError> {
        self.send_json(Method::POST, "/users/bulk", Some(update), Auth::Bearer)
            .await
    }

    /// `POST /users/bulk-delete`: permanent, all or nothing.
    pub async fn bulk_delete_users(&self, ids: &UserIds) -> Result<BulkResult, ApiError> {
        self.send_json(Method::POST, "/users/bulk-delete", Some(ids), Auth::Bearer)
            .await
    }

    /// `POST /users/{id}/reset-password`: the new temporary password, shown once.
    pub async fn reset_password(&self, id: &str) -> Result<TemporaryPassword, ApiError> {
        let path = format!("{}/reset-password", user_path(id));
        self.send_json(Method::POST, &path, None::<&()>, Auth::Bearer)
            .await
    }

    /// `POST /users/password-sheets`: resets the passwords and answers the printable HTML.
    pub async fn password_sheets(
        &self,
        request: &PasswordSheetRequest,
    ) -> Result<String, ApiError> {
        let response = self
            .send(
                Method::POST,
                "/users/password-sheets",
                Some(request),
                Auth::Bearer,
            )
            .await?;
        let status = response.status().as_u16();
        response
            .text()
            .await
            .map_err(|_| ApiError::Unexpected { status })
    }
}

fn user_path(id: &str) -> String {
    format!("/users/{}", js_sys::encode_uri_component(id))
}
