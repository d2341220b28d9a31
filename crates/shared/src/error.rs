use serde::{Deserialize, Serialize};

/// Machine-readable error codes. Clients match on these, never on messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    ValidationFailed,
    Unauthenticated,
    Forbidden,
    AccountDisabled,
    PasswordChangeRequired,
    NotFound,
    AccountExists,
    /// You cannot suspend, disable, delete or change the role of your own account.
    OwnAccount,
    /// The change would leave the school with no active account holding `manage_accounts`.
    LastAccountManager,
    /// An account without an email has no sign-in name, so no password card can be printed.
    NoSignInName,
    /// Another room of the school has this name.
    RoomExists,
    /// The room has passes; disable it instead of deleting it.
    RoomInUse,
    /// The pass is not in a state that allows this.
    InvalidPassState,
    /// The room is disabled, or does not allow this travel type or length.
    RoomRestricted,
    /// Emergency mode: no passes start until it ends.
    EmergencyMode,
    /// The room code or PIN is wrong or expired.
    InvalidRoomCode,
    /// The student already has an active pass, or one for now waiting for approval.
    PassAlreadyActive,
    /// The student has used today's passes.
    PassLimitReached,
    /// Another student the school keeps apart from this one is out now.
    EncounterPrevented,
    /// The destination or the hallway is full; `details.scope` says which. The student may
    /// wait in line (`wait_if_full`).
    CapacityReached,
    /// The student already has as many requests waiting, or passes for later, as a student may
    /// have (`details.state`, `details.limit`).
    PassQuotaReached,
    /// The invite code links to no student (it may be mistyped, replaced or withdrawn).
    InviteCodeInvalid,
    /// The import file lacks columns it needs; `details.columns` names them.
    MissingColumns,
    /// The OneRoster bundle holds several schools: send `org`, one of `details.schools`.
    ChooseSchool,
    /// The file is not a CSV, an XLSX workbook or a OneRoster zip.
    UnsupportedFile,
    /// Accounts the preview reads changed after it was made: import the file again.
    PreviewStale,
    /// The preview archives more of the source's accounts than the safety hold allows: apply
    /// it with `confirm_archive`.
    ArchiveNeedsConfirmation,
    /// The import is not a preview waiting to be applied (it is still being read, applied,
    /// canceled or failed).
    ImportNotReady,
    PayloadTooLarge,
    RateLimited,
    InternalError,
    /// The server is too busy to check a password right now; retry after `Retry-After`.
    ServerBusy,
}

impl ErrorCode {
    /// The HTTP status every answer with this code carries.
    pub fn status(self) -> u16 {
        match self {
            Self::ValidationFailed => 400,
            Self::Unauthenticated => 401,
            Self::Forbidden | Self::AccountDisabled | Self::PasswordChangeRequired => 403,
            Self::NotFound => 404,
            Self::AccountExists
            | Self::OwnAccount
            | Self::LastAccountManager
            | Self::RoomExists
            | Self::RoomInUse
            | Self::InvalidPassState
            | Self::PreviewStale
            | Self::ArchiveNeedsConfirmation
            | Self::ImportNotReady => 409,
            Self::NoSignInName
            | Self::RoomRestricted
            | Self::EmergencyMode
            | Self::InvalidRoomCode
            | Self::PassAlreadyActive
            | Self::PassLimitReached
            | Self::EncounterPrevented
            | Self::CapacityReached
            | Self::PassQuotaReached
            | Self::InviteCodeInvalid
            | Self::MissingColumns
            | Self::ChooseSchool
            | Self::UnsupportedFile => 422,
            Self::PayloadTooLarge => 413,
            Self::RateLimited => 429,
            Self::InternalError => 500,
            Self::ServerBusy => 503,
        }
    }
}

/// The one error shape: `{"error": {"code": …, "message": …, "details": …}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// A sentence a person can read; shown as-is by the SPA.
    pub message: String,
    /// Structured context, of the kind the code names (see `ErrorDetails`). For
    /// `validation_failed`: `{"fields": {"name": ["message", …]}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::error_details::ErrorDetails>))]
    pub details: Option<serde_json::Value>,
}

impl ErrorDetail {
    /// The details, read as the kind `D` (`None` when absent or of another kind).
    pub fn details<D: serde::de::DeserializeOwned>(&self) -> Option<D> {
        serde_json::from_value(self.details.clone()?).ok()
    }
}
