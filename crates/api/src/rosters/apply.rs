//! Applying a preview: every change in one transaction, or none. Refused when the accounts it
//! read changed since (`preview_stale`), or when it archives too many without confirmation.
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::error::ErrorCode;
use hallpass_shared::error_details::{ArchiveNeedsConfirmation, PreviewStale};
use hallpass_shared::jobs::{JobKind, JobState};
use hallpass_shared::rosters::{ChangeKind, ImportResult, RosterSource};
use hallpass_shared::user::{AccountSource, AccountStatus, Role};

use super::accounts;
use super::changes;
use super::plan::{Account, Change, Target};
use crate::auth::refresh_tokens;
use crate::db::schema::{jobs, roster_imports, user_permissions, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::jobs::{queue, JobRow};
use crate::users::permissions;
use crate::users::queries::set_acts_for;
use crate::users::row::{email_key, UserRow};

/// Who applies, and from where.
pub struct Applying<'a> {
    pub school_id: &'a str,
    pub job_id: &'a str,
    /// `None` for a sync applied on its own (`auto_apply`).
    pub by: Option<&'a str>,
    /// The applier is an admin: they may apply anyone's preview. Others apply only their own
    /// (whose rows were checked against what they may change).
    pub by_admin: bool,
    pub confirm_archive: bool,
    /// The state the job must be in: `ready` for a person's apply, `running` for the worker's.
    pub from: JobState,
    pub now: NaiveDateTime,
}

/// Applies the job's preview, and marks the job `succeeded` with when it was applied. Call it
/// in a write transaction that holds the school's lock.
pub fn apply(conn: &mut DbConn, applying: &Applying) -> Result<JobRow, ApiError> {
    write(conn, applying).map_err(conflict_is_stale)
}

/// A unique index refusing a write means another account took an email, identifier or key
/// after the preview was made, in a way the checks before the writes did not see.
fn conflict_is_stale(err: ApiError) -> ApiError {
    use diesel::result::{DatabaseErrorKind, Error};
    let unique = matches!(&err, ApiError::Internal(cause)
        if matches!(cause.downcast_ref::<Error>(), Some(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))));
    if !unique {
        return err;
    }
    ApiError::coded(
        ErrorCode::PreviewStale,
        "Another account took an email, a school identifier or a roster key of this preview \
         since it was made. Import the file again for a new preview.",
    )
    .with_details(PreviewStale { changed: 1 })
}

fn write(conn: &mut DbConn, applying: &Applying) -> Result<JobRow, ApiError> {
    let mut job = queue::find(
        conn,
        applying.school_id,
        JobKind::RosterImport,
        applying.job_id,
    )?
    .ok_or_else(|| ApiError::not_found("Import"))?;
    if applying.by.is_some() && !applying.by_admin && job.created_by.as_deref() != applying.by {
        return Err(ApiError::forbidden(
            "Only the person who started this import, or an admin, can apply it.",
        ));
    }
    if job.state != applying.from {
        return Err(ApiError::coded(
            ErrorCode::ImportNotReady,
            format!(
                "This import is {}, not a preview waiting to be applied.",
                job.state
            ),
        ));
    }
    let mut result: ImportResult = serde_json::from_str(job.result.as_deref().unwrap_or("null"))
        .map_err(ApiError::internal)?;
    if result.needs_confirmation && !applying.confirm_archive {
        return Err(ApiError::coded(
            ErrorCode::ArchiveNeedsConfirmation,
            format!(
                "This archives {} of {} accounts. Apply it with confirm_archive if that is right.",
                result.archive, result.source_accounts
            ),
        )
        .with_details(ArchiveNeedsConfirmation {
            archive: result.archive,
            of: result.source_accounts,
        }));
    }
    let planned = changes::to_apply(conn, applying.job_id)?;
    let school_accounts = accounts::of_school(conn, applying.school_id)?;
    let stale = stale(conn, &planned, &school_accounts, result.source)?;
    if stale > 0 {
        return Err(ApiError::coded(
            ErrorCode::PreviewStale,
            format!(
                "{stale} of the accounts this preview changes were changed since it was made. \
                 Import the file again for a new preview."
            ),
        )
        .with_details(PreviewStale { changed: stale }));
    }
    let mut keys: HashMap<String, String> = school_accounts
        .iter()
        .filter(|a| a.import_source == Some(result.source))
        .filter_map(|a| Some((a.external_id.clone()?, a.id.clone())))
        .collect();
    let created = create(conn, applying, result.source, &planned)?;
    keys.extend(created.iter().map(|(key, id)| (key.clone(), id.clone())));
    let mut signed_out = Vec::new();
    for change in &planned {
        match (change.kind, &change.user_id, &change.target) {
            (ChangeKind::Update | ChangeKind::Restore, Some(id), Some(target)) => {
                let row = update(conn, id, target, result.source, applying.now)?;
                if row.status != AccountStatus::Active {
                    signed_out.push(row.id);
                }
            }
            (ChangeKind::Archive, Some(id), _) => {
                diesel::update(users::table.find(id))
                    .set((
                        users::status.eq(AccountStatus::Suspended),
                        users::updated_at.eq(applying.now),
                    ))
                    .execute(conn)?;
                signed_out.push(id.clone());
            }
            _ => {}
        }
    }
    assign_teachers(conn, &planned, &created, &keys)?;
    for id in &signed_out {
        refresh_tokens::revoke_all_of_user(conn, id, applying.now)?;
    }
    permissions::ensure_account_manager_remains(conn, applying.school_id)?;

    result.applied_at = Some(crate::time::to_utc(applying.now));
    job.state = JobState::Succeeded;
    job.result = Some(serde_json::to_string(&result).map_err(ApiError::internal)?);
    job.finished_at = Some(applying.now);
    job.updated_at = applying.now;
    diesel::update(jobs::table.find(&job.id))
        .set((
            jobs::state.eq(job.state),
            jobs::result.eq(&job.result),
            jobs::finished_at.eq(job.finished_at),
            jobs::updated_at.eq(job.updated_at),
        ))
        .execute(conn)?;
    diesel::update(roster_imports::table.find(&job.id))
        .set((
            roster_imports::applied_by.eq(applying.by),
            roster_imports::applied_at.eq(applying.now),
        ))
        .execute(conn)?;
    Ok(job)
}

/// How many of the preview's accounts changed since, or would now clash.
fn stale(
    conn: &mut DbConn,
    planned: &[Change],
    school: &[Account],
    source: RosterSource,
) -> Result<u32, ApiError> {
    let by_id: HashMap<&str, &Account> = school.iter().map(|a| (a.id.as_str(), a)).collect();
    let keys: std::collections::HashSet<&str> = school
        .iter()
        .filter(|a| a.import_source == Some(source))
        .filter_map(|a| a.external_id.as_deref())
        .collect();
    let identifiers: std::collections::HashSet<&str> = school
        .iter()
        .filter_map(|a| a.identifier.as_deref())
        .collect();
    // Every email the preview gives, and who holds it now anywhere in the installation.
    let new_emails: Vec<String> = planned
        .iter()
        .filter_map(|c| c.target.as_ref()?.email.as_deref().map(email_key))
        .collect();
    let mut email_holders: HashMap<String, String> = HashMap::new();
    for chunk in new_emails.chunks(5_000) {
        let found: Vec<(String, Option<String>)> = users::table
            .filter(users::email_key.eq_any(chunk))
            .select((users::id, users::email_key))
            .load(conn)?;
        email_holders.extend(found.into_iter().filter_map(|(id, key)| Some((key?, id))));
    }
    let held_by_other = |target: &Target, id: Option<&str>| {
        target
            .email
            .as_deref()
            .and_then(|e| email_holders.get(&email_key(e)))
            .is_some_and(|holder| Some(holder.as_str()) != id)
    };
    let mut changed = 0;
    for change in planned {
        let is_stale = match (&change.user_id, &change.target) {
            (Some(id), target) => {
                by_id
                    .get(id.as_str())
                    .is_none_or(|account| Some(account.seen()) != change.seen)
                    || target.as_ref().is_some_and(|t| held_by_other(t, Some(id)))
            }
            (None, Some(target)) => {
                keys.contains(target.key.as_str())
                    || target
                        .identifier
                        .as_deref()
                        .is_some_and(|i| identifiers.contains(i))
                    || held_by_other(target, None)
            }
            (None, None) => false,
        };
        changed += u32::from(is_stale);
    }
    Ok(changed)
}

/// Rows per insert: well under either database's limit on bound values.
const BATCH: usize = 400;

/// Creates the preview's new accounts, in batches. Their (key, id).
fn create(
    conn: &mut DbConn,
    applying: &Applying,
    source: RosterSource,
    planned: &[Change],
) -> Result<Vec<(String, String)>, ApiError> {
    let targets: Vec<&Target> = planned
        .iter()
        .filter(|c| c.kind == ChangeKind::Create)
        .filter_map(|c| c.target.as_ref())
        .collect();
    let students = targets.iter().filter(|t| t.role == Role::Student).count();
    let mut codes = crate::parents::codes::unused_many(conn, students)?.into_iter();
    let mut rows = Vec::with_capacity(targets.len());
    for target in &targets {
        let mut row = UserRow {
            id: crate::ids::new_id(),
            school_id: Some(applying.school_id.to_owned()),
            role: target.role,
            status: target.status,
            first_name: String::new(),
            last_name: String::new(),
            email: None,
            email_key: None,
            school_identifier: None,
            grade: None,
            password_hash: None,
            must_change_password: false,
            source: AccountSource::Import,
            activated_at: None,
            hide_profile_pictures: false,
            created_at: applying.now,
            updated_at: applying.now,
            search_key: String::new(),
            pin_hash: None,
            pass_limit_per_day: None,
            invite_code: if target.role == Role::Student {
                codes.next()
            } else {
                None
            },
            picture_version: None,
            import_source: Some(source),
            external_id: None,
        };
        set(&mut row, target, source);
        rows.push(row);
    }
    for batch in rows.chunks(BATCH) {
        crate::on_backend!(conn, |c| diesel::insert_into(users::table)
            .values(batch)
            .execute(c))?;
        let grants: Vec<_> = batch
            .iter()
            .flat_map(|row| {
                row.role.default_permissions().iter().map(|p| {
                    (
                        user_permissions::user_id.eq(row.id.clone()),
                        user_permissions::permission.eq(*p),
                    )
                })
            })
            .collect();
        if !grants.is_empty() {
            crate::on_backend!(conn, |c| diesel::insert_into(user_permissions::table)
                .values(&grants)
                .execute(c))?;
        }
    }
    Ok(targets
        .iter()
        .zip(rows)
        .map(|(target, row)| (target.key.clone(), row.id))
        .collect())
}

fn set(row: &mut UserRow, target: &Target, source: RosterSource) {
    row.role = target.role;
    row.status = target.status;
    row.first_name = target.first_name.clone();
    row.last_name = target.last_name.clone();
    row.email = target.email.as_deref().map(|e| e.trim().to_owned());
    row.email_key = target.email.as_deref().map(email_key);
    row.school_identifier = target.identifier.clone();
    row.grade = target.grade.clone();
    row.source = AccountSource::Import;
    row.import_source = Some(source);
    row.external_id = Some(target.key.clone());
    row.refresh_search_key();
}

fn update(
    conn: &mut DbConn,
    id: &str,
    target: &Target,
    source: RosterSource,
    now: NaiveDateTime,
) -> Result<UserRow, ApiError> {
    let mut row: UserRow = users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)?;
    let role_before = row.role;
    set(&mut row, target, source);
    row.updated_at = now;
    if row.role != role_before {
        if row.role == Role::Student {
            row.invite_code = Some(crate::parents::codes::unused(conn)?);
        } else {
            row.invite_code = None;
            crate::parents::links::unlink_all_of_student(conn, &row.id)?;
        }
        permissions::replace(conn, &row.id, row.role.default_permissions())?;
        if row.role != Role::Assistant {
            set_acts_for(conn, &row.id, &[])?;
        }
    }
    diesel::update(users::table.find(id))
        .set(&row)
        .execute(conn)?;
    Ok(row)
}

/// Assistants act for the teachers of their classes, found by their keys in the source.
fn assign_teachers(
    conn: &mut DbConn,
    planned: &[Change],
    created: &[(String, String)],
    keys: &HashMap<String, String>,
) -> Result<(), ApiError> {
    let created: HashMap<&str, &str> = created
        .iter()
        .map(|(key, id)| (key.as_str(), id.as_str()))
        .collect();
    for change in planned {
        let Some(target) = &change.target else {
            continue;
        };
        let Some(teachers) = &target.acts_for else {
            continue;
        };
        let id = match &change.user_id {
            Some(id) => id.as_str(),
            None => match created.get(target.key.as_str()) {
                Some(id) => id,
                None => continue,
            },
        };
        let teacher_ids: Vec<String> = teachers
            .iter()
            .filter_map(|key| keys.get(key).cloned())
            .collect();
        set_acts_for(conn, id, &teacher_ids)?;
    }
    Ok(())
}
