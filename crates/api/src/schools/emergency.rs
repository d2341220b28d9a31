use actix_web::{post, web};
use diesel::prelude::*;
use hallpass_shared::events::EMERGENCY;
use hallpass_shared::passes::{Emergency, EndedReason, PassState};
use hallpass_shared::school::School;

use super::queries;
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageSchool;
use crate::db::schema::{passes, schools};
use crate::error::ApiError;
use crate::events::{Audience, Event};
use crate::state::AppState;

/// Start or end emergency mode. Needs `manage_school`.
///
/// Starting it ends every active pass (`ended_reason: emergency`) and refuses new passes with
/// `422 emergency_mode` until it ends; students waiting in line lose their place. Every live
/// hallway receives the `emergency` event and refetches.
#[utoipa::path(
    tag = "school",
    security(("bearer" = [])),
    request_body = Emergency,
    responses(
        (status = 200, description = "The school, with `emergency_active`", body = School),
    )
)]
#[post("/school/emergency")]
pub async fn emergency(
    state: web::Data<AppState>,
    Permitted(admin, ..): Permitted<ManageSchool>,
    body: web::Json<Emergency>,
) -> Result<web::Json<School>, ApiError> {
    let active = body.into_inner().active;
    let school_id = admin.school()?.id.clone();
    let clock = state.clock.clone();
    let school = state
        .db
        .write_for_school(&school_id.clone(), move |conn| {
            let at = clock.now();
            diesel::update(schools::table.find(&school_id))
                .set((
                    schools::emergency_active.eq(active),
                    schools::updated_at.eq(at),
                ))
                .execute(conn)?;
            if active {
                for (from, to) in [
                    (PassState::Active, PassState::Ended),
                    (PassState::Waiting, PassState::Canceled),
                ] {
                    diesel::update(
                        passes::table
                            .filter(passes::school_id.eq(&school_id))
                            .filter(passes::state.eq(from)),
                    )
                    .set((
                        passes::state.eq(to),
                        passes::ended_at.eq(at),
                        passes::ended_reason.eq(EndedReason::Emergency),
                        passes::turn_expires_at.eq(None::<chrono::NaiveDateTime>),
                        passes::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                }
            }
            queries::find(conn, &school_id)
        })
        .await?;
    // Every dashboard refetches: one event instead of one per ended pass.
    let event = Event::new(
        &school.id,
        EMERGENCY,
        Audience::School,
        &Emergency { active },
    )
    .map_err(ApiError::internal)?;
    state.publish(vec![event]);
    Ok(web::Json(school.view()))
}
