//! A job as stored, and as the API shows it.
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::jobs::{Job, JobError, JobKind, JobProgress, JobState};
use serde::de::DeserializeOwned;

use crate::db::schema::jobs;
use crate::error::ApiError;
use crate::time::to_utc;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub school_id: String,
    pub kind: JobKind,
    pub state: JobState,
    pub progress_done: i64,
    pub progress_total: i64,
    pub result: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<NaiveDateTime>,
    pub attempts: i32,
}

impl JobRow {
    pub fn queued(
        id: String,
        school_id: &str,
        kind: JobKind,
        created_by: &str,
        now: NaiveDateTime,
    ) -> Self {
        Self {
            id,
            school_id: school_id.to_owned(),
            kind,
            state: JobState::Queued,
            progress_done: 0,
            progress_total: 0,
            result: None,
            error_code: None,
            error_message: None,
            created_by: Some(created_by.to_owned()),
            created_at: now,
            updated_at: now,
            finished_at: None,
            lease_owner: None,
            lease_expires_at: None,
            attempts: 0,
        }
    }

    /// The job for the API, its result read as the kind's `R`.
    pub fn view<R: DeserializeOwned>(&self) -> Result<Job<R>, ApiError> {
        let result = match &self.result {
            Some(json) => Some(serde_json::from_str(json).map_err(ApiError::internal)?),
            None => None,
        };
        Ok(Job {
            id: self.id.clone(),
            kind: self.kind,
            state: self.state,
            progress: JobProgress {
                done: self.progress_done,
                total: self.progress_total,
            },
            result,
            error: match (&self.error_code, &self.error_message) {
                (Some(code), Some(message)) => Some(JobError {
                    code: code.clone(),
                    message: message.clone(),
                }),
                _ => None,
            },
            created_by: self.created_by.clone(),
            created_at: to_utc(self.created_at),
            finished_at: self.finished_at.map(to_utc),
        })
    }
}
