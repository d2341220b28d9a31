//! The import job: read the file (or pull the OneRoster server), compare it with the school's
//! accounts, and keep the preview. It ends `ready`; a sync with `auto_apply` applies itself
//! unless the safety hold stops it.
use std::path::PathBuf;

use hallpass_shared::jobs::JobState;
use hallpass_shared::rosters::{ChangeKind, ImportResult};
use hallpass_shared::user::{Permission, Role};

use super::apply::{apply, Applying};
use super::import_row::{self, ImportRow};
use super::input::{self, Input, InputLimits, Request};
use super::plan::{self, Account, Plan, Settings};
use super::{accounts, changes};
use crate::error::ApiError;
use crate::jobs::{RunningJob, Stop, Work};
use crate::users::rules::{self, Actor, Standing};

pub struct RosterImports {
    pub limits: InputLimits,
    /// Where an upload is copied while it is read.
    pub scratch: PathBuf,
    /// The safety hold: a full sync archiving more than this percent of its source's accounts
    /// waits for a confirmation.
    pub hold_percent: u32,
    pub pull: super::rest::PullLimits,
}

/// The form field of `POST /imports` that holds the file.
pub const FILE: &str = "file";

impl Work for RosterImports {
    fn run(&self, job: &RunningJob) -> Result<serde_json::Value, Stop> {
        let id = job.id().to_owned();
        let params = job
            .db()
            .read_from_blocking(move |conn| import_row::find(conn, &id))?;
        job.progress(0, 3)?;
        let input = if params.pulled {
            self.pull(job, &params)?
        } else {
            self.read_upload(job, &params)?
        };
        job.progress(1, 3)?;
        let plan = self.plan(job, &params, &input)?;
        // The plan holds what it needs; the file's rows go before the preview is written.
        let Input {
            source,
            delta,
            file,
            ..
        } = input;
        job.progress(2, 3)?;
        let mut result = ImportResult {
            source,
            mode: params.mode,
            delta,
            file_name: params.file_name.clone(),
            roles: plan.roles.clone(),
            create: plan.count(ChangeKind::Create),
            update: plan.count(ChangeKind::Update),
            archive: plan.count(ChangeKind::Archive),
            restore: plan.count(ChangeKind::Restore),
            unchanged: plan.unchanged,
            skipped: plan.count(ChangeKind::Skipped),
            errors: plan.count(ChangeKind::Error),
            source_accounts: plan.source_accounts,
            needs_confirmation: plan.holds(self.hold_percent),
            hold_percent: self.hold_percent,
            applied_at: None,
        };
        let refused = params.strict && result.errors > 0;
        let auto = params.auto_apply && !result.needs_confirmation && !refused;
        let (job_id, school_id) = (job.id().to_owned(), job.school_id().to_owned());
        let preview = serde_json::to_string(&result).map_err(ApiError::internal)?;
        let applied = job.db().write_from_blocking(move |conn| {
            changes::replace(conn, &job_id, &file, &plan.changes)?;
            if !auto {
                return Ok(None);
            }
            use crate::db::schema::jobs;
            use diesel::prelude::*;
            diesel::update(jobs::table.find(&job_id))
                .set(jobs::result.eq(&preview))
                .execute(conn)?;
            let applying = Applying {
                school_id: &school_id,
                job_id: &job_id,
                by: None,
                by_admin: true,
                confirm_archive: false,
                from: JobState::Running,
                now: crate::time::now(),
            };
            apply(conn, &applying).map(Some)
        })?;
        if refused {
            return Err(Stop::failed(
                "row_errors",
                format!(
                    "{} rows have errors, and a strict import imports nothing then. Correct \
                     them (see the Errors tab), or import without strict.",
                    result.errors
                ),
            ));
        }
        if let Some(applied) = applied.and_then(|job| job.result) {
            result = serde_json::from_str(&applied).map_err(ApiError::internal)?;
        }
        serde_json::to_value(result).map_err(|err| Stop::from(ApiError::internal(err)))
    }

    fn finished_state(&self, result: &serde_json::Value) -> JobState {
        match result.get("applied_at") {
            Some(serde_json::Value::Null) | None => JobState::Ready,
            Some(_) => JobState::Succeeded,
        }
    }
}

impl RosterImports {
    fn read_upload(&self, job: &RunningJob, params: &ImportRow) -> Result<Input, Stop> {
        let Some(file) = job.files()?.into_iter().find(|file| file.field == FILE) else {
            return Err(Stop::failed(
                "unreadable_upload",
                "The upload has no file; please upload it again.",
            ));
        };
        let io = |err: std::io::Error| Stop::from(ApiError::internal(err));
        std::fs::create_dir_all(&self.scratch).map_err(io)?;
        let path = self.scratch.join(format!("{}.upload", job.id()));
        let _scratch = Scratch(path.clone());
        let mut copy = std::fs::File::create(&path).map_err(io)?;
        job.copy_file(&file, &mut copy)?;
        drop(copy);
        let request = Request {
            format: params.format,
            role: params.role,
            org: params.org.clone(),
        };
        input::read(&path, &file.name, &request, &self.limits).map_err(stop)
    }

    fn pull(&self, job: &RunningJob, params: &ImportRow) -> Result<Input, Stop> {
        super::sync::pull_input(job, params, &self.pull)
    }

    fn plan(&self, job: &RunningJob, params: &ImportRow, input: &Input) -> Result<Plan, Stop> {
        let school_id = job.school_id().to_owned();
        let creator = job.created_by().map(str::to_owned);
        if creator.is_none() && !params.pulled {
            return Err(Stop::failed(
                "importer_gone",
                "The account that started this import was deleted before it was read.",
            ));
        }
        let emails: Vec<String> = input
            .rows
            .iter()
            .filter_map(|row| row.email.as_deref().map(crate::users::row::email_key))
            .collect();
        let (accounts, elsewhere, actor) = job.db().read_from_blocking(move |conn| {
            let accounts = accounts::of_school(conn, &school_id)?;
            let elsewhere = accounts::emails_elsewhere(conn, &school_id, &emails)?;
            let actor = match &creator {
                Some(id) => Some(importer(conn, id)?),
                None => None,
            };
            Ok((accounts, elsewhere, actor))
        })?;
        let may = |account: Option<&Account>, role: Role| match &actor {
            None => None,
            Some(actor) => actor.may(account, role),
        };
        let settings = Settings {
            mode: params.mode,
            emails_elsewhere: &elsewhere,
            may: &may,
            assign_teachers: actor.as_ref().is_none_or(|a| a.role == Role::Admin),
        };
        Ok(plan::plan(input, &accounts, &settings))
    }
}

/// The person who started an import: what they may change (DESIGN section 4's account rules).
struct Importer {
    id: String,
    role: Role,
    permissions: Vec<Permission>,
}

fn importer(conn: &mut crate::db::DbConn, id: &str) -> Result<Importer, ApiError> {
    use crate::db::schema::users;
    use diesel::prelude::*;
    let role: Role = users::table.find(id).select(users::role).first(conn)?;
    let permissions = crate::users::queries::permissions_of(conn, id)?;
    Ok(Importer {
        id: id.to_owned(),
        role,
        permissions,
    })
}

impl Importer {
    /// The account rules of `PATCH /users/{id}` and `POST /users`, row by row: an importer
    /// changes only accounts they could change by hand, and gives no role or permission they
    /// could not give.
    fn may(&self, account: Option<&Account>, role: Role) -> Option<String> {
        if account.is_some_and(|a| a.id == self.id) {
            return Some("Your own account: an import leaves it as it is.".into());
        }
        let actor = Actor {
            role: self.role,
            permissions: &self.permissions,
        };
        let after = Standing::new(role, role.default_permissions());
        let checked = match account {
            None => rules::check_standing(actor, None, &after),
            Some(account) => {
                let before = Standing::new(account.role, &account.permissions);
                rules::check_may_change(actor, &before).and_then(|()| {
                    if account.role == role {
                        Ok(())
                    } else {
                        rules::check_standing(actor, Some(&before), &after)
                    }
                })
            }
        };
        match checked {
            Ok(()) => None,
            Err(ApiError::Coded { message, .. }) => Some(message),
            Err(_) => Some("Not an account you may import.".into()),
        }
    }
}

/// A failure the importer reads, from the reader's refusal.
pub fn stop(err: ApiError) -> Stop {
    match err {
        ApiError::Coded { code, message, .. } => Stop::failed(
            serde_json::to_value(code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
                .as_str(),
            message,
        ),
        other => Stop::from(other),
    }
}

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
