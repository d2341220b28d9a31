//! `GET /users`: filters, search and keyset pagination in name order.
use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Role};

use super::row::UserRow;
use super::search_cache::SearchCache;
use crate::db::schema::{parent_students, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::paging::encode_cursor;

pub struct Filter {
    pub school_id: String,
    pub role: Option<Role>,
    /// `None`: every status but suspended, which only an explicit filter shows.
    pub status: Option<AccountStatus>,
    pub q: Option<String>,
    pub limit: u32,
    pub after: Option<Cursor>,
}

/// Where the previous page ended, in the list's order: (last name, first name, id).
pub type Cursor = (String, String, String);

impl Filter {
    /// The status rule of `status`, for filtering outside SQL.
    pub fn shows(&self, status: AccountStatus) -> bool {
        match self.status {
            Some(wanted) => status == wanted,
            None => status != AccountStatus::Suspended,
        }
    }
}

pub fn cursor_after(row: &UserRow) -> Cursor {
    (
        row.last_name.clone(),
        row.first_name.clone(),
        row.id.clone(),
    )
}

/// `%` and `_` in a search are letters, not wildcards.
fn like_pattern(q: &str) -> String {
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// One page, and the cursor of the next when there is one.
pub fn page(
    conn: &mut DbConn,
    cache: &SearchCache,
    filter: &Filter,
) -> Result<(Vec<UserRow>, Option<String>), ApiError> {
    let q = filter
        .q
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let ids = match &q {
        Some(q) if filter.role != Some(Role::Parent) => cache.search(conn, filter, q)?,
        _ => ids_in_order(conn, filter, q.as_deref())?,
    };
    let mut rows: Vec<UserRow> = users::table
        .filter(users::id.eq_any(&ids))
        .select(UserRow::as_select())
        .load(conn)?;
    let position: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    rows.sort_by_key(|row| position.get(row.id.as_str()).copied().unwrap_or(usize::MAX));
    let next = if rows.len() > filter.limit as usize {
        rows.truncate(filter.limit as usize);
        rows.last().map(|row| encode_cursor(&cursor_after(row)))
    } else {
        None
    };
    Ok((rows, next))
}

/// Up to a page and one of matching ids, in name order, read in SQL: listings without a
/// search, which stop after a page, and searches of the few parents linked to a school.
fn ids_in_order(
    conn: &mut DbConn,
    filter: &Filter,
    q: Option<&str>,
) -> Result<Vec<String>, ApiError> {
    let mut query = users::table.into_boxed();
    // Parents belong to no school: a school lists the parents linked to its students.
    query = if filter.role == Some(Role::Parent) {
        let students = diesel::alias!(users as students);
        let school_students = students
            .filter(
                students
                    .field(users::school_id)
                    .eq(filter.school_id.clone()),
            )
            .select(students.field(users::id));
        query.filter(
            users::id.eq_any(
                parent_students::table
                    .filter(parent_students::student_id.eq_any(school_students))
                    .select(parent_students::parent_id),
            ),
        )
    } else {
        query.filter(users::school_id.eq(&filter.school_id))
    };
    if let Some(role) = filter.role {
        query = query.filter(users::role.eq(role));
    }
    query = match filter.status {
        Some(status) => query.filter(users::status.eq(status)),
        None => query.filter(users::status.ne(AccountStatus::Suspended)),
    };
    if let Some(q) = q {
        query = query.filter(users::search_key.like(like_pattern(q)).escape('\\'));
    }
    if let Some((last, first, id)) = &filter.after {
        query = query.filter(
            users::last_name
                .gt(last.clone())
                .or(users::last_name
                    .eq(last.clone())
                    .and(users::first_name.gt(first.clone())))
                .or(users::last_name
                    .eq(last.clone())
                    .and(users::first_name.eq(first.clone()))
                    .and(users::id.gt(id.clone()))),
        );
    }
    // From the covering index alone.
    Ok(query
        .order((users::last_name, users::first_name, users::id))
        .limit(i64::from(filter.limit) + 1)
        .select(users::id)
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_wildcards_are_literal() {
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
