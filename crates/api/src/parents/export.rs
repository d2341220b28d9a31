//! `GET /invite-codes.csv` and `.xlsx`: every student's code, for the letters to families.
use actix_web::http::header::{ContentDisposition, DispositionParam, DispositionType};
use actix_web::{get, web, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::parents::InviteExportQuery;
use hallpass_shared::user::{AccountStatus, Role};
use validator::Validate;

use super::sheet::{self, InviteRow};
use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageAccounts;
use crate::db::schema::users;
use crate::error::ApiError;
use crate::state::AppState;

/// The workbook's bytes, for the spec.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
#[allow(dead_code)]
struct XlsxFile(Vec<u8>);

type Row = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Active and disabled students of the caller's school (never suspended), by name.
async fn rows(
    state: &AppState,
    school_id: String,
    grade: Option<String>,
) -> Result<Vec<InviteRow>, ApiError> {
    state
        .db
        .run(move |conn| {
            let mut query = users::table
                .filter(users::school_id.eq(&school_id))
                .filter(users::role.eq(Role::Student))
                .filter(users::status.ne(AccountStatus::Suspended))
                .into_boxed();
            if let Some(grade) = &grade {
                query = query.filter(users::grade.eq(grade));
            }
            let found: Vec<Row> = query
                .order((users::last_name, users::first_name, users::id))
                .select((
                    users::last_name,
                    users::first_name,
                    users::school_identifier,
                    users::grade,
                    users::email,
                    users::invite_code,
                ))
                .load(conn)?;
            Ok(found
                .into_iter()
                .map(
                    |(last_name, first_name, school_identifier, grade, email, code)| InviteRow {
                        last_name,
                        first_name,
                        school_identifier,
                        grade,
                        email,
                        invite_code: code.unwrap_or_default(),
                    },
                )
                .collect())
        })
        .await
}

/// `invite-codes.csv`, or `invite-codes-grade-9.csv` for one grade.
fn file_name(grade: Option<&str>, extension: &str) -> String {
    let grade: Option<String> = grade.map(|g| {
        g.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    });
    match grade {
        Some(grade) => format!("invite-codes-grade-{grade}.{extension}"),
        None => format!("invite-codes.{extension}"),
    }
}

fn download(body: Vec<u8>, content_type: &str, name: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// Every active or disabled student's invite code, as CSV. Needs `manage_accounts`.
///
/// Columns: last name, first name, school identifier, grade, email, invite code. A cell that a
/// spreadsheet would run as a formula starts with `'`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(InviteExportQuery),
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/invite-codes.csv")]
pub async fn invite_codes_csv(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    query: web::Query<InviteExportQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let grade = query.into_inner().grade;
    let school_id = caller.school()?.id.clone();
    let found = rows(&state, school_id, grade.clone()).await?;
    let name = file_name(grade.as_deref(), "csv");
    Ok(download(
        sheet::csv(&found)?,
        "text/csv; charset=utf-8",
        name,
    ))
}

/// The same list as an Excel workbook, every cell text. Needs `manage_accounts`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(InviteExportQuery),
    responses(
        (status = 200, description = "The XLSX workbook",
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body = inline(XlsxFile)),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/invite-codes.xlsx")]
pub async fn invite_codes_xlsx(
    state: web::Data<AppState>,
    Permitted(caller, ..): Permitted<ManageAccounts>,
    query: web::Query<InviteExportQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let grade = query.into_inner().grade;
    let school_id = caller.school()?.id.clone();
    let found = rows(&state, school_id, grade.clone()).await?;
    let book = web::block(move || sheet::xlsx(&found))
        .await
        .map_err(ApiError::internal)??;
    Ok(download(
        book,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name(grade.as_deref(), "xlsx"),
    ))
}
