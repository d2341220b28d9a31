use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use hallpass_shared::jobs::JobKind;
use hallpass_shared::rosters::{ImportMode, ImportResult, RosterImport, RosterSource};
use hallpass_shared::user::Role;

use crate::auth::extract::Permitted;
use crate::auth::permissions::ManageIntegrations;
use crate::db::schema::roster_imports;
use crate::error::ApiError;
use crate::jobs::upload::{self, StoredFile};
use crate::jobs::JobRow;
use crate::rosters::import_job::FILE;
use crate::rosters::import_row::ImportRow;
use crate::rosters::input::{self, Request};
use crate::state::AppState;

const FORMAT: &str = "format";
const ROLE: &str = "role";
const MODE: &str = "mode";
const ORG: &str = "org";
const STRICT: &str = "strict";

/// Import accounts from a spreadsheet (CSV, XLSX) or a OneRoster 1.1 or 1.2 CSV bundle (a
/// zip). The file is checked before the answer (`422 missing_columns`, `422 choose_school`,
/// `422 unsupported_file`, `413`); then `202` with the job, which ends `ready` with its
/// preview. Nothing changes until `POST /imports/{id}/apply`.
#[utoipa::path(
    tag = "rosters",
    security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "Parts `file`; optional text parts `format` (`spreadsheet`|`oneroster`, detected when absent), `role` (for a spreadsheet without a role column), `mode` (`full`|`additions`), `org` (the school's sourcedId in a bundle of several), `strict` (`true`: any row error imports nothing)"),
    responses(
        (status = 202, description = "Checked, stored and queued", body = RosterImport,
            headers(("Location" = String, description = "The import"))),
        (status = 422, response = crate::openapi::ImportRefused),
    )
)]
#[post("/imports")]
pub async fn create_import(
    state: web::Data<AppState>,
    Permitted(caller, _): Permitted<ManageIntegrations>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let school_id = caller.school()?.id.clone();
    let form = Multipart::new(req.headers(), payload);
    let (upload_id, files) = upload::store(
        &state.db,
        &state.clock,
        form,
        &[FILE, FORMAT, ROLE, MODE, ORG, STRICT],
        state.rosters.upload,
    )
    .await?;
    let checked = check(&state, &upload_id, &files).await;
    let (params, file_name) = match checked {
        Ok(checked) => checked,
        Err(err) => {
            upload::discard(&state.db, upload_id).await;
            return Err(err);
        }
    };
    let job = JobRow::queued(
        upload_id.clone(),
        &school_id,
        JobKind::RosterImport,
        caller.id(),
        state.clock.now(),
    );
    let row = ImportRow {
        job_id: upload_id,
        file_name: Some(file_name),
        ..params
    };
    let job = upload::enqueue_with(&state.db, &state.jobs, job, files, move |conn| {
        diesel::insert_into(roster_imports::table)
            .values(&row)
            .execute(conn)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Accepted()
        .insert_header((
            header::LOCATION,
            format!("{}/imports/{}", hallpass_shared::API_BASE, job.id),
        ))
        .json(job.view::<ImportResult>()?))
}

/// Reads the form's fields and the file itself, as the job will: what is wrong with the
/// upload is answered now, while the importer waits.
async fn check(
    state: &AppState,
    upload_id: &str,
    files: &[StoredFile],
) -> Result<(ImportRow, String), ApiError> {
    let db = state.db.clone();
    let limits = state.rosters.input;
    let scratch = state.rosters.scratch.clone();
    let (upload_id, files) = (upload_id.to_owned(), files.to_vec());
    tokio::task::spawn_blocking(move || {
        let text = |field: &str| -> Result<Option<String>, ApiError> {
            let Some(part) = files.iter().find(|f| f.field == field) else {
                return Ok(None);
            };
            if part.size > 200 {
                return Err(ApiError::invalid_field(field, "is too long"));
            }
            let mut bytes = Vec::new();
            upload::copy_part(&db, &upload_id, part.part, &mut bytes, || {
                Ok::<_, ApiError>(())
            })?;
            let text = String::from_utf8(bytes)
                .map_err(|_| ApiError::invalid_field(field, "must be text"))?;
            Ok(Some(text.trim().to_owned()).filter(|t| !t.is_empty()))
        };
        let format = parse(
            &text(FORMAT)?,
            FORMAT,
            RosterSource::parse,
            "spreadsheet or oneroster",
        )?;
        let role = parse(
            &text(ROLE)?,
            ROLE,
            Role::parse,
            "student, teacher, assistant or admin",
        )?;
        if role == Some(Role::Parent) {
            return Err(ApiError::invalid_field(
                ROLE,
                "parents join with invite codes, not imports",
            ));
        }
        let mode = parse(&text(MODE)?, MODE, ImportMode::parse, "full or additions")?
            .unwrap_or(ImportMode::Full);
        let strict = parse(
            &text(STRICT)?,
            STRICT,
            |t| match t {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            "true or false",
        )?
        .unwrap_or(false);
        let org = text(ORG)?;
        let mut parts = files.iter().filter(|f| f.field == FILE);
        let (Some(file), None) = (parts.next(), parts.next()) else {
            return Err(ApiError::invalid_field(
                FILE,
                "send one file: a CSV, an XLSX workbook or a OneRoster zip",
            ));
        };
        std::fs::create_dir_all(&scratch).map_err(ApiError::internal)?;
        let path = scratch.join(format!("{upload_id}.check"));
        let result = (|| {
            let mut copy = std::fs::File::create(&path).map_err(ApiError::internal)?;
            upload::copy_part(&db, &upload_id, file.part, &mut copy, || {
                Ok::<_, ApiError>(())
            })?;
            drop(copy);
            let request = Request {
                format,
                role,
                org: org.clone(),
            };
            input::read(&path, &file.name, &request, &limits)
        })();
        let _ = std::fs::remove_file(&path);
        let input = result?;
        let row = ImportRow {
            job_id: upload_id.clone(),
            source: input.source,
            format,
            role,
            mode,
            org,
            strict,
            file_name: None,
            pulled: false,
            auto_apply: false,
            applied_by: None,
            applied_at: None,
        };
        Ok((row, file.name.clone()))
    })
    .await
    .map_err(ApiError::internal)?
}

fn parse<T>(
    text: &Option<String>,
    field: &str,
    read: impl Fn(&str) -> Option<T>,
    expected: &str,
) -> Result<Option<T>, ApiError> {
    match text {
        None => Ok(None),
        Some(text) => read(&text.to_lowercase())
            .map(Some)
            .ok_or_else(|| ApiError::invalid_field(field, format!("must be {expected}"))),
    }
}
