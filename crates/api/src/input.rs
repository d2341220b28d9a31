//! Malformed input answers a clear 4xx in the API's error shape, never a 500.
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::{web, HttpRequest};
use hallpass_shared::error::ErrorCode;

use crate::error::ApiError;

/// Largest JSON body accepted; uploads have their own limits.
pub const JSON_LIMIT_BYTES: usize = 256 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT_BYTES)
        .error_handler(|err, _req| json_error(err).into())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err, _req| {
        let QueryPayloadError::Deserialize(cause) = &err else {
            return ApiError::malformed("The query string could not be read.").into();
        };
        ApiError::malformed(format!("The query string is not valid: {cause}.")).into()
    })
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err, _req| {
        let PathError::Deserialize(cause) = &err else {
            return ApiError::malformed("The address could not be read.").into();
        };
        ApiError::malformed(format!("The address is not valid: {cause}.")).into()
    })
}

fn json_error(err: JsonPayloadError) -> ApiError {
    match err {
        JsonPayloadError::Overflow { limit }
        | JsonPayloadError::OverflowKnownLength { limit, .. } => ApiError::coded(
            ErrorCode::PayloadTooLarge,
            format!("The body is larger than {limit} bytes."),
        ),
        JsonPayloadError::ContentType => {
            ApiError::malformed("Send a JSON body with `Content-Type: application/json`.")
        }
        JsonPayloadError::Deserialize(cause) => {
            field_error(&cause.to_string()).unwrap_or_else(|| {
                ApiError::malformed(format!("The JSON body is not valid: {cause}."))
            })
        }
        other => ApiError::malformed(format!("The body could not be read: {other}.")),
    }
}

/// serde names the field in unknown- and missing-field errors; surface it in `details.fields`.
fn field_error(message: &str) -> Option<ApiError> {
    let named = |prefix: &str| {
        let rest = message.strip_prefix(prefix)?;
        rest.split('`').next().map(str::to_owned)
    };
    if let Some(field) = named("unknown field `") {
        return Some(ApiError::invalid_field(&field, "is not a known field"));
    }
    named("missing field `").map(|field| ApiError::invalid_field(&field, "is required"))
}

pub fn no_such_route_error(req: &HttpRequest) -> ApiError {
    ApiError::coded(
        ErrorCode::NotFound,
        format!("There is no API route {} {}.", req.method(), req.path()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_missing_fields_are_named() {
        let unknown =
            field_error("unknown field `nope`, expected `email` or `password` at line 1 column 7");
        assert!(format!("{unknown:?}").contains("nope"));
        let missing = field_error("missing field `email` at line 1 column 2");
        assert!(format!("{missing:?}").contains("\"email\""));
        assert!(field_error("expected value at line 1 column 1").is_none());
    }
}
