use hallpass_shared::auth::{ChangePasswordRequest, LoginRequest, RefreshRequest, Session};
use hallpass_shared::user::Me;

use super::client::Api;
use super::error::ApiError;

impl Api {
    /// `POST /auth/login`; on success the session starts and the user is returned.
    pub async fn login(&self, request: &LoginRequest) -> Result<Me, ApiError> {
        let session: Session = self
            .post("/auth/login")
            .anonymous()
            .body(request)
            .json()
            .await?;
        Ok(self.start_session(session))
    }

    /// At start-up: signs back in with the stored refresh token, if there is one.
    pub async fn resume(&self) -> Result<Option<Me>, ApiError> {
        if !self.has_refresh_token() {
            return Ok(None);
        }
        let session = self.refresh().await?;
        Ok(Some(session.user))
    }

    /// `POST /auth/logout`. The local session ends even when the server cannot be told.
    pub async fn logout(&self) {
        if let Some(refresh_token) = self.refresh_token() {
            let request = RefreshRequest { refresh_token };
            // Nothing to do on failure: the tokens are forgotten here either way.
            let _ = self
                .post("/auth/logout")
                .anonymous()
                .body(&request)
                .done()
                .await;
        }
        self.end_session();
    }

    /// `GET /me`: the user as the server sees them now (permissions may have changed).
    pub async fn me(&self) -> Result<Me, ApiError> {
        self.get("/me").json().await
    }

    /// `POST /me/password`. The server revokes every older token of the user and answers
    /// with a new pair, which replaces ours.
    pub async fn change_password(&self, request: &ChangePasswordRequest) -> Result<Me, ApiError> {
        let session: Session = self.post("/me/password").body(request).json().await?;
        Ok(self.start_session(session))
    }
}
