//! The school's active passes, kept between requests. Every pass change publishes an event,
//! and an event moves the school's version on the bus, so an entry is reused only while no
//! pass of the school changed (on any instance). Changes that send no event (a renamed room
//! or student) show within `MAX_AGE`.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use hallpass_shared::passes::{Pass, PassState};

use crate::db::schema::passes;
use crate::db::Db;
use crate::error::ApiError;
use crate::events::Bus;
use crate::passes::row::{views, PassRow};

const MAX_AGE: Duration = Duration::from_secs(2);

#[derive(Default)]
pub struct HallwayCache {
    schools: Mutex<HashMap<String, Entry>>,
}

struct Entry {
    version: u64,
    loaded_at: Instant,
    passes: Arc<Vec<CachedPass>>,
}

/// A pass and its JSON, serialized once for every dashboard that shows it.
pub struct CachedPass {
    pub pass: Pass,
    pub json: String,
}

impl HallwayCache {
    /// Every active pass of the school, as the API shows passes.
    pub async fn active(
        &self,
        db: &Db,
        bus: &Bus,
        school_id: &str,
    ) -> Result<Arc<Vec<CachedPass>>, ApiError> {
        // Read before loading: a change during the load leaves the entry already outdated.
        let version = bus.version(school_id);
        if let Some(entry) = self.lock().get(school_id) {
            if entry.version == version && entry.loaded_at.elapsed() < MAX_AGE {
                return Ok(entry.passes.clone());
            }
        }
        let id = school_id.to_owned();
        let passes = Arc::new(
            db.run(move |conn| {
                let rows: Vec<PassRow> = passes::table
                    .filter(passes::school_id.eq(&id))
                    .filter(passes::state.eq(PassState::Active))
                    .select(PassRow::as_select())
                    .load(conn)?;
                views(conn, &rows)
            })
            .await?
            .into_iter()
            .map(|pass| {
                let json = serde_json::to_string(&pass).map_err(ApiError::internal)?;
                Ok(CachedPass { pass, json })
            })
            .collect::<Result<Vec<_>, ApiError>>()?,
        );
        self.lock().insert(
            school_id.to_owned(),
            Entry {
                version,
                loaded_at: Instant::now(),
                passes: passes.clone(),
            },
        );
        Ok(passes)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.schools.lock().unwrap_or_else(|e| e.into_inner())
    }
}
