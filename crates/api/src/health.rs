use actix_web::{get, web};
use diesel::RunQueryDsl;
use hallpass_shared::health::Health;

use crate::error::ApiError;
use crate::state::AppState;

/// Liveness: answers without authentication once the database answers.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The server and its database are up", body = Health))
)]
#[get("/health")]
pub async fn health(state: web::Data<AppState>) -> Result<web::Json<Health>, ApiError> {
    state
        .db
        .run(|conn| Ok(diesel::sql_query("SELECT 1").execute(conn)?))
        .await?;
    Ok(web::Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        database: state.db.backend().as_str().to_owned(),
    }))
}
