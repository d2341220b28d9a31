use actix_web::{patch, web};
use diesel::prelude::*;
use hallpass_shared::pictures::PreferencesPatch;
use hallpass_shared::user::Me;

use crate::auth::extract::Staff;
use crate::auth::principal::Principal;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;

/// Change your own preferences: `hide_profile_pictures` shows initials instead of students'
/// pictures. Answers the updated `/me`.
#[utoipa::path(
    tag = "me",
    security(("bearer" = [])),
    request_body = PreferencesPatch,
    responses(
        (status = 200, description = "The signed-in user", body = Me),
    )
)]
#[patch("/me/preferences")]
pub async fn patch_preferences(
    state: web::Data<AppState>,
    Staff(me): Staff,
    body: web::Json<PreferencesPatch>,
) -> Result<web::Json<Me>, ApiError> {
    let patch = body.into_inner();
    let id = me.id().to_owned();
    let me = state
        .db
        .write(move |conn| {
            if let Some(hide) = patch.hide_profile_pictures.as_set() {
                diesel::update(users::table.find(&id))
                    .set(users::hide_profile_pictures.eq(*hide))
                    .execute(conn)?;
            }
            Principal::load(conn, &id)?.ok_or_else(|| ApiError::not_found("Account"))
        })
        .await?;
    Ok(web::Json(me.me()?))
}
