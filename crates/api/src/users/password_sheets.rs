use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use hallpass_shared::accounts::PasswordSheetRequest;
use hallpass_shared::error::ErrorCode;
use validator::Validate;

use super::changeable;
use super::queries::set_password;
use super::rules::Actor;
use super::sheet::{render, Card};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::auth::{password, refresh_tokens};
use crate::error::ApiError;
use crate::state::AppState;
use crate::time::now;

/// Reset the named accounts' passwords and answer printable sign-in cards (`text/html`).
///
/// Each card has the name, the sign-in name (email), a new temporary password and the
/// sign-in address. The passwords exist only in this answer; each user must change theirs at
/// first sign-in, which also activates the account. Needs `manage_accounts`, and the account
/// rules of the password reset hold for every account named.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = PasswordSheetRequest,
    responses(
        (status = 200, description = "A printable HTML document", content_type = "text/html", body = String),
        (status = 404, response = crate::openapi::NotFound),
        (status = 422, response = crate::openapi::NoSignInName),
        (status = 503, response = crate::openapi::ServerBusy),
    )
)]
#[post("/users/password-sheets")]
pub async fn password_sheets(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    req: HttpRequest,
    body: web::Json<PasswordSheetRequest>,
) -> Result<HttpResponse, ApiError> {
    body.validate()?;
    let PasswordSheetRequest {
        mut user_ids,
        layout,
    } = body.into_inner();
    user_ids.sort();
    user_ids.dedup();
    let school = caller.school()?.clone();
    let school_id = school.id.clone();
    let actor = caller.clone();
    let mut rows: Vec<_> = state
        .db
        .run(move |conn| changeable::all(conn, Actor::from(&actor), &school_id, &user_ids))
        .await?
        .into_iter()
        .map(|account| account.row)
        .collect();
    let unnamed: Vec<&str> = rows
        .iter()
        .filter(|r| r.email.is_none())
        .map(|r| r.id.as_str())
        .collect();
    if !unnamed.is_empty() {
        return Err(ApiError::coded(
            ErrorCode::NoSignInName,
            "Some accounts have no email to sign in with. Add one, then print again.",
        )
        .with_details(hallpass_shared::error_details::NoSignInName {
            user_ids: unnamed.into_iter().map(str::to_owned).collect(),
        }));
    }
    rows.sort_by(|a, b| (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name)));

    let passwords: Vec<String> = rows.iter().map(|_| password::temporary()).collect();
    let hashes = state.passwords.hash_many(passwords.clone()).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let school_id = school.id.clone();
    state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            // Again in the write: an account that became an admin meanwhile stays out of reach.
            changeable::all(conn, Actor::from(&caller), &school_id, &ids)?;
            let at = now();
            for (id, hash) in ids.iter().zip(&hashes) {
                set_password(conn, id, hash, true, at)?;
                refresh_tokens::revoke_all_of_user(conn, id, at)?;
            }
            Ok(())
        })
        .await?;

    let cards: Vec<Card> = rows
        .iter()
        .zip(passwords)
        .map(|(row, password)| Card {
            name: format!("{} {}", row.first_name, row.last_name),
            sign_in: row.email.clone().unwrap_or_default(),
            password,
        })
        .collect();
    let info = req.connection_info();
    let address = format!("{}://{}/", info.scheme(), info.host());
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(render(&cards, layout, &school.name, &address)))
}
