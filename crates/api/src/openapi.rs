//! The API contract's shared parts: the document's head, the reusable error answers, and the
//! answers whole kinds of operations share. `server::spec` assembles it from the routes (this
//! module imports none); `hallpass openapi` writes it, and a test keeps the committed
//! `openapi.yaml` equal to it.
use hallpass_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, ToResponse};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hallpass API",
        description = "The versioned JSON API of Hallpass, a self-hostable digital hall pass system.\n\n\
            Every error answers `{\"error\": {\"code\", \"message\", \"details\"}}`; clients match on `code`.\n\
            Lists take `?limit=` (default 50, at most 500) and `?cursor=`, and answer `{\"items\", \"next_cursor\"}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(
        schemas(
            ErrorBody,
            ErrorDetail,
            ErrorCode,
            hallpass_shared::passes::HallwaySort,
            // A job's result and parts: the generic `Job<R>` is written out where it is used,
            // and refers to these by name.
            hallpass_shared::pictures::PictureResult,
            hallpass_shared::rosters::ImportResult,
            hallpass_shared::jobs::JobProgress,
            hallpass_shared::jobs::JobError,
            hallpass_shared::jobs::JobKind,
            hallpass_shared::jobs::JobState
        ),
        responses(
        BadRequest,
        Unauthenticated,
        BadCredentials,
        SignedInForbidden,
        Forbidden,
        NotFound,
        PayloadTooLarge,
        RateLimited,
        ServerBusy,
        InternalError,
        AccountExists,
        AccountConflict,
        NoSignInName,
        RoomExists,
        RoomInUse,
        InvalidPassState,
        PassRefused,
        InviteCodeInvalid,
        ImportRefused,
        ApplyRefused,
        ImportNotReady
    )
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, token refresh and sign-out"),
        (name = "me", description = "The signed-in user"),
        (name = "school", description = "The caller's school and its settings"),
        (name = "accounts", description = "Accounts of the caller's school"),
        (name = "rooms", description = "Rooms, their teachers and their rotating codes"),
        (name = "passes", description = "Hall passes: requests, scheduled and active passes"),
        (name = "pass limits", description = "Daily pass limits per school and per student"),
        (name = "encounter prevention", description = "Students kept out of the hallway at the same time"),
        (name = "hallway", description = "Who is out now"),
        (name = "rosters", description = "Account imports from spreadsheets and OneRoster: a preview, then its apply; the school's OneRoster server"),
        (name = "parents", description = "Parent accounts: their students and those students' past passes"),
        (name = "health", description = "Liveness")
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Declares a reusable error response: its name in `components/responses` and what it means.
macro_rules! error_response {
    ($name:ident, $description:literal) => {
        pub struct $name;
        impl<'r> ToResponse<'r> for $name {
            fn response() -> (&'r str, RefOr<Response>) {
                (stringify!($name), error_body($description))
            }
        }
    };
}

fn error_body(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build(),
        )
        .build()
        .into()
}

error_response!(
    BadRequest,
    "`validation_failed`: the body, query or path is malformed, has unknown fields or breaks a rule; `details.fields` names each field."
);
error_response!(
    Unauthenticated,
    "`unauthenticated`: no valid access token was sent."
);
error_response!(
    BadCredentials,
    "`unauthenticated`: the email or password is wrong, or the refresh token is unknown, expired, revoked or reused. Never says whether an email exists."
);
error_response!(
    SignedInForbidden,
    "`account_disabled`: the account is disabled or suspended; `forbidden`: an assistant with no teacher."
);
error_response!(
    Forbidden,
    "`forbidden`: the role or a permission is missing, or the account rules refuse the change (only admins change permissions or admins' accounts; nobody grants a permission they do not hold, or changes an account holding one they lack); `account_disabled`: the account is disabled or suspended; `password_change_required`: a temporary password must be changed first."
);
error_response!(
    NotFound,
    "`not_found`: no such object in the caller's school."
);
error_response!(
    PayloadTooLarge,
    "`payload_too_large`: the body is larger than the server accepts."
);
error_response!(
    RateLimited,
    "`rate_limited`: too many attempts; wait for `Retry-After` seconds."
);
error_response!(
    ServerBusy,
    "`server_busy`: too many passwords are being checked at once; retry after `Retry-After` seconds."
);
error_response!(
    InternalError,
    "`internal_error`: a fault on the server's side (for example, the database is unreachable); try again."
);

error_response!(
    AccountExists,
    "`account_exists`: the email or school identifier is taken; `details.field` names which, and `details.existing_user_id` the account that has it (`null` when it belongs to another school)."
);
error_response!(
    AccountConflict,
    "`account_exists`: the email or school identifier is taken (`details.field`, `details.existing_user_id`); `own_account`: you cannot suspend, disable, delete or re-role yourself; `last_account_manager`: the school would have no active account manager left."
);
error_response!(
    NoSignInName,
    "`no_sign_in_name`: some accounts have no email to sign in with; `details.user_ids` lists them."
);

error_response!(
    RoomExists,
    "`room_exists`: another room of the school has this name; `details.field` is `name`."
);

error_response!(
    RoomInUse,
    "`room_in_use`: the room has passes, so deleting it would lose history; disable it instead."
);
error_response!(
    InvalidPassState,
    "`invalid_pass_state`: the pass is not in a state that allows this."
);
error_response!(
    PassRefused,
    "`emergency_mode`: passes are paused; `pass_already_active`: the student is already out; `pass_limit_reached`: no passes left today; `encounter_prevented`: another student the school keeps apart from this one is out (students see only \"Sorry, you can't start your pass right now.\"; staff get `details.group_name`); `room_restricted`: the room is not taking passes; `invalid_room_code`: the room code or PIN is wrong or expired; `pass_quota_reached`: the student already has as many requests waiting or passes for later as allowed (`details.state`, `details.limit`)."
);

error_response!(
    InviteCodeInvalid,
    "`invite_code_invalid`: the code links to no student; it may be mistyped or replaced. Says nothing about whether a student exists."
);

error_response!(
    ImportRefused,
    "`missing_columns`: the file lacks columns it needs (`details.columns`); `choose_school`: the bundle holds several schools, send `org` (`details.schools`); `unsupported_file`: not a CSV, an XLSX workbook or a OneRoster zip, or a file of the bundle cannot be read."
);

error_response!(
    ApplyRefused,
    "`archive_needs_confirmation`: the preview archives more of the source's accounts than the safety hold allows (`details.archive` of `details.of`); apply with `confirm_archive`. `preview_stale`: accounts it changes were changed since (`details.changed`); import again. `import_not_ready`: not a preview waiting to be applied. `last_account_manager`: it would leave the school without an active account manager."
);

error_response!(
    ImportNotReady,
    "`import_not_ready`: the import is not a preview waiting to be applied."
);

/// Adds the answers that whole kinds of operations share, where an operation does not name its
/// own: `500` everywhere; `401` and `403` where a bearer token is accepted; `400` and `413`
/// where a body is read; `404` where the path names an object. Each route lists only the
/// answers that are its own.
pub fn add_common_answers(openapi: &mut utoipa::openapi::OpenApi) {
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for operation in operations.into_iter().flatten() {
            let secured = operation.security.as_ref().is_some_and(|requirements| {
                requirements.iter().any(|requirement| {
                    serde_json::to_value(requirement)
                        .is_ok_and(|value| value.get("bearer").is_some())
                })
            });
            let has_body = operation.request_body.is_some();
            let names_an_object = operation.parameters.as_ref().is_some_and(|parameters| {
                parameters
                    .iter()
                    .any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Path)
            });
            let mut common = vec![("500", "InternalError")];
            if secured {
                common.extend([("401", "Unauthenticated"), ("403", "Forbidden")]);
            }
            if has_body {
                common.extend([("400", "BadRequest"), ("413", "PayloadTooLarge")]);
            }
            if names_an_object {
                common.push(("404", "NotFound"));
            }
            for (status, name) in common {
                operation
                    .responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| RefOr::Ref(Ref::from_response_name(name)));
            }
        }
    }
}
