//! One error type for every handler, mapped once to the API's error shape.
use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use hallpass_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use hallpass_shared::error_details::{Details, InvalidFields, RateLimited};
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{code:?}: {message}")]
    Coded {
        code: ErrorCode,
        message: String,
        details: Option<Value>,
    },
    #[error("rate limited; retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// Too much password hashing queued: `503 server_busy`, to retry shortly.
    #[error("busy; retry after {retry_after_secs}s")]
    Busy { retry_after_secs: u64 },
    /// Encounter prevention refused a start. Its public form names nobody (a student must
    /// never learn who is out); `encounters::report` tells staff the group instead.
    #[error("encounter prevented by group {}", .0.group_id)]
    Prevented(Box<Prevented>),
    /// A fault of ours. The cause is logged and never sent to the client.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

/// Who encounter prevention kept apart: for the log, never for the answer.
#[derive(Debug, Clone)]
pub struct Prevented {
    pub group_id: String,
    pub group_name: String,
    pub student_id: String,
    pub other_student_id: String,
}

/// What a student hears when encounter prevention refuses their pass.
pub const PREVENTED_MESSAGE: &str = "Sorry, you can't start your pass right now.";

impl ApiError {
    pub fn coded(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Coded {
            code,
            message: message.into(),
            details: None,
        }
    }

    /// Adds the details of the error's kind (one of `hallpass_shared::error_details`).
    pub fn with_details(self, details: impl Details) -> Self {
        match self {
            Self::Coded { code, message, .. } => Self::Coded {
                code,
                message,
                details: serde_json::to_value(details).ok(),
            },
            other => other,
        }
    }

    /// `400 validation_failed` naming one field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        let mut fields = BTreeMap::new();
        fields.insert(field.to_owned(), vec![message.into()]);
        Self::invalid_fields(&fields)
    }

    pub fn invalid_fields(fields: &BTreeMap<String, Vec<String>>) -> Self {
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let message = format!("Please correct: {}.", names.join(", "));
        Self::coded(ErrorCode::ValidationFailed, message).with_details(InvalidFields {
            fields: fields.clone(),
        })
    }

    /// `400 validation_failed` for a body, query or path that could not be read at all.
    pub fn malformed(message: impl Into<String>) -> Self {
        Self::coded(ErrorCode::ValidationFailed, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::coded(ErrorCode::Unauthenticated, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::coded(ErrorCode::Forbidden, message)
    }

    pub fn not_found(what: &str) -> Self {
        Self::coded(ErrorCode::NotFound, format!("{what} not found."))
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::Internal(cause.into())
    }

    /// A unique index refused a row: another request wrote the same key first.
    pub fn is_unique_violation(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        matches!(self, Self::Internal(cause)
            if matches!(cause.downcast_ref::<Error>(), Some(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))))
    }

    /// The database connection was lost (the server restarted, or the backend was terminated).
    pub fn is_connection_lost(&self) -> bool {
        use diesel::result::{DatabaseErrorKind, Error};
        matches!(self, Self::Internal(cause)
        if matches!(cause.downcast_ref::<Error>(), Some(Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _
        ))))
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Coded { code, .. } => *code,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Busy { .. } => ErrorCode::ServerBusy,
            Self::Prevented(_) => ErrorCode::EncounterPrevented,
            Self::Internal(_) => ErrorCode::InternalError,
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(err: diesel::result::Error) -> Self {
        match err {
            diesel::result::Error::NotFound => Self::not_found("Record"),
            other => Self::internal(other),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let fields = errors
            .field_errors()
            .into_iter()
            .map(|(field, errs)| {
                let messages = errs
                    .iter()
                    .map(|e| e.message.as_deref().unwrap_or("is not valid").to_owned())
                    .collect();
                (field.to_string(), messages)
            })
            .collect();
        Self::invalid_fields(&fields)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let (message, details) = match self {
            Self::Coded {
                message, details, ..
            } => (message.clone(), details.clone()),
            Self::RateLimited { retry_after_secs } => (
                format!("Too many attempts. Try again in {retry_after_secs} seconds."),
                serde_json::to_value(RateLimited {
                    retry_after_seconds: *retry_after_secs,
                })
                .ok(),
            ),
            Self::Prevented(_) => (PREVENTED_MESSAGE.to_owned(), None),
            Self::Busy { retry_after_secs } => (
                format!("The server is busy. Try again in {retry_after_secs} seconds."),
                None,
            ),
            Self::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "internal error");
                (
                    "Something went wrong on our side. Please try again.".to_owned(),
                    None,
                )
            }
        };
        let mut response = HttpResponse::build(self.status_code());
        if let Self::RateLimited { retry_after_secs } | Self::Busy { retry_after_secs } = self {
            response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message,
                details,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use actix_web::body::MessageBody;

    use super::*;

    /// An encounter refusal answered as it comes from the check, without `report` reshaping
    /// it, is the student's answer: no group, no student.
    #[test]
    fn a_prevented_encounter_names_nobody_unless_reshaped() {
        let prevented = ApiError::Prevented(Box::new(Prevented {
            group_id: "g1".into(),
            group_name: "Feud".into(),
            student_id: "s1".into(),
            other_student_id: "s2".into(),
        }));
        let response = prevented.error_response();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = response.into_body().try_into_bytes().expect("a body");
        let body: Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(body["error"]["code"], "encounter_prevented");
        assert_eq!(body["error"]["message"], PREVENTED_MESSAGE);
        assert!(body["error"].get("details").is_none(), "{body}");
        let text = body.to_string();
        assert!(!text.contains("s2") && !text.contains("Feud"), "{text}");
    }
}
