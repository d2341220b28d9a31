//! Uploads for jobs: a multipart body streamed into the database a chunk at a time, then the
//! job row committed with its files, before the route answers `202`.
use actix_multipart::Multipart;
use diesel::prelude::*;
use futures_util::StreamExt;
use hallpass_shared::error::ErrorCode;

use super::{JobQueue, JobRow};
use crate::clock::Clock;
use crate::db::schema::{job_files, jobs, upload_chunks};
use crate::db::Db;
use crate::error::ApiError;
use crate::ids::new_id;

/// Bytes per stored chunk: what a request or a worker holds of a file at once.
const CHUNK_BYTES: usize = 1024 * 1024;

/// What an upload may hold.
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    /// All the parts together, counted as they arrive.
    pub max_bytes: u64,
    /// Parts (files) in one upload.
    pub max_parts: usize,
}

/// One stored part.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = job_files)]
pub struct StoredFile {
    pub job_id: String,
    pub part: i32,
    pub field: String,
    pub name: String,
    pub size: i64,
}

/// Streams the parts named in `fields` into the database under a new upload id. On any error
/// what was stored is deleted (and the sweep deletes what a killed server left).
pub async fn store(
    db: &Db,
    clock: &Clock,
    form: Multipart,
    fields: &[&str],
    limits: UploadLimits,
) -> Result<(String, Vec<StoredFile>), ApiError> {
    let upload_id = new_id();
    match store_parts(db, clock, form, fields, limits, &upload_id).await {
        Ok(files) => Ok((upload_id, files)),
        Err(err) => {
            discard(db, upload_id).await;
            Err(err)
        }
    }
}

/// Deletes a stored upload that will not become a job.
pub async fn discard(db: &Db, upload_id: String) {
    if let Err(err) = db.write(move |conn| delete_chunks(conn, &upload_id)).await {
        tracing::warn!(error = %err, "could not delete a refused upload's chunks");
    }
}

async fn store_parts(
    db: &Db,
    clock: &Clock,
    mut form: Multipart,
    fields: &[&str],
    limits: UploadLimits,
    upload_id: &str,
) -> Result<Vec<StoredFile>, ApiError> {
    let mut files = Vec::new();
    let mut total: u64 = 0;
    while let Some(field) = form.next().await {
        let mut field = field.map_err(|e| unreadable(&e))?;
        let disposition = field.content_disposition().cloned();
        let name = disposition
            .as_ref()
            .and_then(|d| d.get_name())
            .unwrap_or_default()
            .to_owned();
        if !fields.contains(&name.as_str()) {
            return Err(ApiError::invalid_field(
                &name,
                format!("is not a part of this upload (send {})", fields.join(", ")),
            ));
        }
        if files.len() == limits.max_parts {
            return Err(too_large(format!(
                "An upload holds at most {} files; send a zip instead.",
                limits.max_parts
            )));
        }
        let file_name = disposition
            .as_ref()
            .and_then(|d| d.get_filename())
            .map_or_else(|| name.clone(), str::to_owned);
        let part = i32::try_from(files.len()).unwrap_or(i32::MAX);
        let mut buffer = Vec::with_capacity(CHUNK_BYTES);
        let mut size: u64 = 0;
        let mut seq = 0;
        while let Some(bytes) = field.next().await {
            let bytes = bytes.map_err(|e| unreadable(&e))?;
            size += bytes.len() as u64;
            total += bytes.len() as u64;
            if total > limits.max_bytes {
                return Err(too_large(format!(
                    "An upload may be at most {} MB.",
                    limits.max_bytes / 1_000_000
                )));
            }
            let mut rest = &bytes[..];
            while !rest.is_empty() {
                let take = rest.len().min(CHUNK_BYTES - buffer.len());
                buffer.extend_from_slice(&rest[..take]);
                rest = &rest[take..];
                if buffer.len() == CHUNK_BYTES {
                    let full = std::mem::replace(&mut buffer, Vec::with_capacity(CHUNK_BYTES));
                    save_chunk(db, clock, upload_id, part, seq, full).await?;
                    seq += 1;
                }
            }
        }
        if !buffer.is_empty() {
            save_chunk(db, clock, upload_id, part, seq, buffer).await?;
        }
        files.push(StoredFile {
            job_id: upload_id.to_owned(),
            part,
            field: name,
            name: file_name,
            size: i64::try_from(size).unwrap_or(i64::MAX),
        });
    }
    Ok(files)
}

async fn save_chunk(
    db: &Db,
    clock: &Clock,
    upload_id: &str,
    part: i32,
    seq: i32,
    bytes: Vec<u8>,
) -> Result<(), ApiError> {
    let (id, now) = (upload_id.to_owned(), clock.now());
    db.write(move |conn| {
        diesel::insert_into(upload_chunks::table)
            .values((
                upload_chunks::upload_id.eq(&id),
                upload_chunks::part.eq(part),
                upload_chunks::seq.eq(seq),
                upload_chunks::bytes.eq(&bytes),
                upload_chunks::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(())
    })
    .await
}

/// Commits the job of a stored upload, queued, and wakes this instance's runner.
pub async fn enqueue(
    db: &Db,
    queue: &JobQueue,
    job: JobRow,
    files: Vec<StoredFile>,
) -> Result<JobRow, ApiError> {
    enqueue_with(db, queue, job, files, |_| Ok(())).await
}

/// Writes a stored part to `out`, a chunk at a time, asking `go_on` before each chunk. Call it
/// on a blocking thread.
pub fn copy_part<E: From<ApiError>>(
    db: &Db,
    upload_id: &str,
    part: i32,
    out: &mut impl std::io::Write,
    go_on: impl Fn() -> Result<(), E>,
) -> Result<(), E> {
    let mut seq = 0;
    loop {
        go_on()?;
        let chunk: Option<Vec<u8>> = db.read_from_blocking(|conn| {
            Ok(upload_chunks::table
                .find((upload_id, part, seq))
                .select(upload_chunks::bytes)
                .first(conn)
                .optional()?)
        })?;
        let Some(chunk) = chunk else {
            return Ok(());
        };
        out.write_all(&chunk).map_err(ApiError::internal)?;
        seq += 1;
    }
}

/// Commits the job of a stored upload with `also` (the kind's own rows), and wakes this
/// instance's runner.
pub async fn enqueue_with(
    db: &Db,
    queue: &JobQueue,
    job: JobRow,
    files: Vec<StoredFile>,
    also: impl FnOnce(&mut crate::db::DbConn) -> Result<(), ApiError> + Send + 'static,
) -> Result<JobRow, ApiError> {
    let job = db
        .write(move |conn| {
            diesel::insert_into(jobs::table)
                .values(&job)
                .execute(conn)?;
            crate::on_backend!(conn, |c| diesel::insert_into(job_files::table)
                .values(&files)
                .execute(c))?;
            also(conn)?;
            Ok(job)
        })
        .await?;
    queue.wake.notify_one();
    Ok(job)
}

fn delete_chunks(conn: &mut crate::db::DbConn, upload_id: &str) -> Result<(), ApiError> {
    diesel::delete(upload_chunks::table.filter(upload_chunks::upload_id.eq(upload_id)))
        .execute(conn)?;
    Ok(())
}

/// Chunks of uploads that never became a job (the server died mid-upload, or the client went
/// away), older than `before`.
pub fn delete_abandoned(
    conn: &mut crate::db::DbConn,
    before: chrono::NaiveDateTime,
) -> Result<usize, ApiError> {
    let with_job = job_files::table.select(job_files::job_id);
    Ok(diesel::delete(
        upload_chunks::table
            .filter(upload_chunks::created_at.lt(before))
            .filter(upload_chunks::upload_id.ne_all(with_job)),
    )
    .execute(conn)?)
}

fn unreadable(err: &actix_multipart::MultipartError) -> ApiError {
    ApiError::malformed(format!("The upload could not be read: {err}."))
}

fn too_large(message: String) -> ApiError {
    ApiError::coded(ErrorCode::PayloadTooLarge, message)
}
