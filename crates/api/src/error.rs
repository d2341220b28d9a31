//! One error type for every handler, mapped once to the API's error shape.
use std::collections::BTreeMap;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use hallpass_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use serde_json::{json, Value};

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
    /// A fault of ours. The cause is logged and never sent to the client.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),
}

impl ApiError {
    pub fn coded(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Coded {
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn with_details(self, details: Value) -> Self {
        match self {
            Self::Coded { code, message, .. } => Self::Coded {
                code,
                message,
                details: Some(details),
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
        Self::coded(ErrorCode::ValidationFailed, message).with_details(json!({ "fields": fields }))
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

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Coded { code, .. } => *code,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Busy { .. } => ErrorCode::ServerBusy,
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
                Some(json!({ "retry_after_seconds": retry_after_secs })),
            ),
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
