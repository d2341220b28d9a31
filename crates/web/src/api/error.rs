use std::collections::BTreeMap;
use std::fmt;

use hallpass_shared::error::{ErrorCode, ErrorDetail};
use hallpass_shared::error_details::InvalidFields;

/// Why an API call failed, ready to show to a person.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with its error shape; `detail.message` is meant for people.
    Api { status: u16, detail: ErrorDetail },
    /// No answer at all: the network or the server is down.
    Network,
    /// An answer this client cannot read (a proxy error page, a half-deployed server…).
    Unexpected { status: u16 },
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Api { detail, .. } => Some(detail.code),
            ApiError::Network | ApiError::Unexpected { .. } => None,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Api { status, .. } | ApiError::Unexpected { status } => Some(*status),
            ApiError::Network => None,
        }
    }

    /// Whether the server turned the credentials down for good (bad, expired, revoked, or the
    /// account disabled), as opposed to being unreachable, busy or throttling.
    pub fn refuses_credentials(&self) -> bool {
        matches!(self.status(), Some(400 | 401 | 403))
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::Api { detail, .. } => detail.message.clone(),
            ApiError::Network => {
                "Hallpass can't reach its server. Check your connection and try again.".into()
            }
            ApiError::Unexpected { status } => {
                format!("The server gave an unexpected answer (HTTP {status}). Try again soon.")
            }
        }
    }

    /// The error's `details`, read as the kind its code carries
    /// (`hallpass_shared::error_details`).
    pub fn details<D: serde::de::DeserializeOwned>(&self) -> Option<D> {
        match self {
            ApiError::Api { detail, .. } => detail.details(),
            ApiError::Network | ApiError::Unexpected { .. } => None,
        }
    }

    /// For `validation_failed`: the messages per field, from `details.fields`.
    pub fn field_errors(&self) -> BTreeMap<String, Vec<String>> {
        self.details::<InvalidFields>()
            .map(|invalid| invalid.fields)
            .unwrap_or_default()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}
