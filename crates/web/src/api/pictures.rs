use std::rc::Rc;

use hallpass_shared::page::Page;
use hallpass_shared::pictures::{DeletedPictures, PictureUpload, PreferencesPatch};
use hallpass_shared::user::Me;
use hallpass_shared::API_BASE;

use super::client::Api;
use super::error::ApiError;
use super::http::{Method, UploadBody};
use super::path_id;

impl Api {
    /// `POST /profile-pictures/uploads`: `form` holds `archive`, `files` and `mapping`;
    /// `progress` hears the bytes sent. Answers the queued job.
    pub async fn upload_pictures(
        &self,
        form: &web_sys::FormData,
        progress: Rc<dyn Fn(u64, u64)>,
    ) -> Result<PictureUpload, ApiError> {
        let path = "/profile-pictures/uploads";
        let text = self
            .upload(
                Method::Post,
                path,
                UploadBody::Form(form),
                None,
                Some(progress),
            )
            .await?;
        serde_json::from_str(&text).map_err(|_| ApiError::Unexpected { status: 202 })
    }

    /// `GET /profile-pictures/uploads/{id}`.
    pub async fn picture_upload(&self, id: &str) -> Result<PictureUpload, ApiError> {
        let path = path_id("/profile-pictures/uploads", id, "");
        self.get(&path).json().await
    }

    /// The school's latest picture upload, if there was one.
    pub async fn latest_picture_upload(&self) -> Result<Option<PictureUpload>, ApiError> {
        let page: Page<PictureUpload> =
            self.get("/profile-pictures/uploads?limit=1").json().await?;
        Ok(page.items.into_iter().next())
    }

    /// `DELETE /profile-pictures`: every picture of the school.
    pub async fn delete_all_pictures(&self) -> Result<DeletedPictures, ApiError> {
        self.delete("/profile-pictures").json().await
    }

    /// `GET /profile-pictures/template.csv`.
    pub async fn picture_template(&self) -> Result<web_sys::Blob, ApiError> {
        self.get("/profile-pictures/template.csv").blob().await
    }

    /// `PUT /users/{id}/picture`, the file as the body.
    pub async fn put_picture(&self, id: &str, file: &web_sys::File) -> Result<(), ApiError> {
        let path = path_id("/users", id, "/picture");
        let content_type = file.type_();
        let body = UploadBody::File(file);
        self.upload(Method::Put, &path, body, Some(&content_type), None)
            .await
            .map(drop)
    }

    /// `DELETE /users/{id}/picture`.
    pub async fn delete_picture(&self, id: &str) -> Result<(), ApiError> {
        let path = path_id("/users", id, "/picture");
        self.delete(&path).done().await
    }

    /// A student's picture, from the `picture_url` a summary carries.
    pub async fn picture(&self, url: &str) -> Result<web_sys::Blob, ApiError> {
        let path = url.strip_prefix(API_BASE).unwrap_or(url);
        self.get(path).blob().await
    }

    /// `PATCH /me/preferences`.
    pub async fn update_preferences(&self, patch: &PreferencesPatch) -> Result<Me, ApiError> {
        self.patch("/me/preferences").body(patch).json().await
    }
}
