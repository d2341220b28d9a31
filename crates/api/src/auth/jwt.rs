//! Short-lived HS256 access tokens with every registered claim validated.
use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

pub const ISSUER: &str = "hallpass";
pub const AUDIENCE: &str = "hallpass-api";
pub const ACCESS_TOKEN_TYPE: &str = "access";
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    /// Keeps any other token we might sign from passing as an access token.
    pub typ: String,
}

pub struct AccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl AccessTokens {
    pub fn new(secret: &[u8]) -> Self {
        // Only HS256 is accepted, so `alg: none` and algorithm swaps fail.
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(&self, user_id: &str, now: DateTime<Utc>) -> Result<String, ApiError> {
        let at = now.timestamp();
        let claims = Claims {
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            sub: user_id.to_owned(),
            exp: at + ACCESS_TOKEN_SECONDS,
            nbf: at,
            iat: at,
            typ: ACCESS_TOKEN_TYPE.to_owned(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)
    }

    /// The user id of a valid access token.
    pub fn verify(&self, token: &str) -> Result<String, ApiError> {
        let refused =
            || ApiError::unauthenticated("Your session is not valid. Please sign in again.");
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|_| refused())?;
        if data.claims.typ != ACCESS_TOKEN_TYPE {
            return Err(refused());
        }
        Ok(data.claims.sub)
    }
}
