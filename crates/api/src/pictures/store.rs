//! Pictures in the database: every instance serves them, and a backup holds them.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;
use sha2::{Digest, Sha256};

use crate::db::schema::{profile_pictures, schools, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::on_backend;

#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = profile_pictures)]
pub struct PictureRow {
    pub user_id: String,
    pub school_id: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub version: String,
    pub updated_at: NaiveDateTime,
}

impl PictureRow {
    /// A processed JPEG for a student.
    pub fn jpeg(user_id: String, school_id: &str, bytes: Vec<u8>, now: NaiveDateTime) -> Self {
        let digest = Sha256::digest(&bytes);
        Self {
            user_id,
            school_id: school_id.to_owned(),
            content_type: "image/jpeg".into(),
            version: digest[..8].iter().map(|b| format!("{b:02x}")).collect(),
            bytes,
            updated_at: now,
        }
    }
}

/// Stores pictures of the school's students, each replacing the student's old one. A row for
/// an account that is not in `school_id` is skipped (it may have moved since). The ids saved.
pub fn save(
    conn: &mut DbConn,
    school_id: &str,
    rows: &[PictureRow],
) -> Result<Vec<String>, ApiError> {
    let mut saved = Vec::new();
    for row in rows {
        let updated = diesel::update(
            users::table
                .find(&row.user_id)
                .filter(users::school_id.eq(school_id)),
        )
        .set(users::picture_version.eq(&row.version))
        .execute(conn)?;
        if updated == 0 {
            continue;
        }
        on_backend!(conn, |c| diesel::insert_into(profile_pictures::table)
            .values(row)
            .on_conflict(profile_pictures::user_id)
            .do_update()
            .set((
                profile_pictures::content_type.eq(excluded(profile_pictures::content_type)),
                profile_pictures::bytes.eq(excluded(profile_pictures::bytes)),
                profile_pictures::version.eq(excluded(profile_pictures::version)),
                profile_pictures::updated_at.eq(excluded(profile_pictures::updated_at)),
            ))
            .execute(c))?;
        saved.push(row.user_id.clone());
    }
    if !saved.is_empty() {
        accounts_changed(conn, school_id)?;
    }
    Ok(saved)
}

/// Deletes the pictures of `user_ids` (all of the school's when `None`); how many went.
pub fn delete(
    conn: &mut DbConn,
    school_id: &str,
    user_ids: Option<&[String]>,
) -> Result<usize, ApiError> {
    let deleted = match user_ids {
        Some(ids) => diesel::delete(
            profile_pictures::table
                .filter(profile_pictures::school_id.eq(school_id))
                .filter(profile_pictures::user_id.eq_any(ids)),
        )
        .execute(conn)?,
        None => diesel::delete(
            profile_pictures::table.filter(profile_pictures::school_id.eq(school_id)),
        )
        .execute(conn)?,
    };
    let users_of_school = users::table.filter(users::school_id.eq(school_id));
    match user_ids {
        Some(ids) => diesel::update(users_of_school.filter(users::id.eq_any(ids)))
            .set(users::picture_version.eq(None::<String>))
            .execute(conn)?,
        None => diesel::update(users_of_school.filter(users::picture_version.is_not_null()))
            .set(users::picture_version.eq(None::<String>))
            .execute(conn)?,
    };
    if deleted > 0 {
        accounts_changed(conn, school_id)?;
    }
    Ok(deleted)
}

/// Account lists carry `picture_url`: tell the instances' account caches.
fn accounts_changed(conn: &mut DbConn, school_id: &str) -> Result<(), ApiError> {
    diesel::update(schools::table.find(school_id))
        .set(schools::accounts_version.eq(schools::accounts_version + 1))
        .execute(conn)?;
    Ok(())
}

/// A student's picture, for serving.
pub fn find(conn: &mut DbConn, user_id: &str) -> Result<Option<PictureRow>, ApiError> {
    Ok(profile_pictures::table
        .find(user_id)
        .select(PictureRow::as_select())
        .first(conn)
        .optional()?)
}
