//! Account searches answered from memory.
//!
//! A search for a few letters matches anywhere in names, emails and identifiers, which no
//! index serves: SQL would read every account of the school, in name order, until it has a
//! page. Each instance keeps, per school, the few fields a search filters and sorts on, and
//! trusts its copy only while `schools.accounts_version` is unchanged. Triggers move that
//! version on every change to the school's accounts, from any instance, so one indexed read per
//! search keeps statuses, renames and deletions effective at once.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Role};
use memchr::memmem;

use super::listing::{Cursor, Filter};
use crate::db::schema::{schools, users};
use crate::db::DbConn;
use crate::error::ApiError;

#[derive(Default)]
pub struct SearchCache {
    schools: Mutex<HashMap<String, Arc<SchoolAccounts>>>,
}

/// A school's accounts at one version, in the database's name order.
struct SchoolAccounts {
    version: i64,
    accounts: Vec<Listed>,
    position: HashMap<String, usize>,
}

struct Listed {
    id: String,
    last_name: String,
    first_name: String,
    role: Role,
    status: AccountStatus,
    search_key: String,
}

impl SearchCache {
    /// Up to a page and one of ids of the filter's accounts holding `q` (trimmed, lowercase),
    /// in name order.
    pub fn search(
        &self,
        conn: &mut DbConn,
        filter: &Filter,
        q: &str,
    ) -> Result<Vec<String>, ApiError> {
        Ok(self.current(conn, &filter.school_id)?.search(filter, q))
    }

    fn current(&self, conn: &mut DbConn, school_id: &str) -> Result<Arc<SchoolAccounts>, ApiError> {
        // Read before the accounts: a change committed in between makes the copy newer than
        // its version says, which only costs a reload next time.
        let version: i64 = schools::table
            .find(school_id)
            .select(schools::accounts_version)
            .first(conn)?;
        if let Some(cached) = self.lock().get(school_id) {
            if cached.version == version {
                return Ok(cached.clone());
            }
        }
        let rows: Vec<(String, String, String, Role, AccountStatus, String)> = users::table
            .filter(users::school_id.eq(school_id))
            .order((users::last_name, users::first_name, users::id))
            .select((
                users::id,
                users::last_name,
                users::first_name,
                users::role,
                users::status,
                users::search_key,
            ))
            .load(conn)?;
        let accounts = rows
            .into_iter()
            .map(|(id, last_name, first_name, role, status, search_key)| {
                Ok(Listed {
                    role,
                    status,
                    id,
                    last_name,
                    first_name,
                    search_key,
                })
            })
            .collect::<Result<Vec<_>, ApiError>>()?;
        let position = accounts
            .iter()
            .enumerate()
            .map(|(n, account)| (account.id.clone(), n))
            .collect();
        let fresh = Arc::new(SchoolAccounts {
            version,
            accounts,
            position,
        });
        self.lock().insert(school_id.to_owned(), fresh.clone());
        Ok(fresh)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<SchoolAccounts>>> {
        self.schools
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SchoolAccounts {
    fn search(&self, filter: &Filter, q: &str) -> Vec<String> {
        let q = memmem::Finder::new(q);
        self.accounts[self.start(filter.after.as_ref())..]
            .iter()
            .filter(|a| filter.role.is_none_or(|role| a.role == role))
            .filter(|a| filter.shows(a.status))
            .filter(|a| q.find(a.search_key.as_bytes()).is_some())
            .take(filter.limit as usize + 1)
            .map(|a| a.id.clone())
            .collect()
    }

    /// Where the page after `cursor` starts.
    fn start(&self, cursor: Option<&Cursor>) -> usize {
        let Some((last, first, id)) = cursor else {
            return 0;
        };
        match self.position.get(id) {
            Some(&n)
                if self.accounts[n].last_name == *last && self.accounts[n].first_name == *first =>
            {
                n + 1
            }
            // The cursor's account was renamed or deleted since. Byte order equals the
            // database's with the C collation and is close to it otherwise.
            _ => self
                .accounts
                .partition_point(|a| (&a.last_name, &a.first_name, &a.id) <= (last, first, id)),
        }
    }
}
