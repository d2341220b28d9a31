use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use hallpass_shared::passes::{EndedReason, Pass, PassPerson, PassRoom, PassState};
use hallpass_shared::rooms::TravelType;

use crate::db::schema::{passes, rooms, schools, users};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::pictures::access;
use crate::time::to_utc;
use crate::users::row::UserRow;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Identifiable, AsChangeset)]
#[diesel(table_name = passes, treat_none_as_null = true)]
pub struct PassRow {
    pub id: String,
    pub school_id: String,
    pub student_id: String,
    pub origin_room_id: String,
    pub destination_room_id: String,
    pub travel_type: TravelType,
    pub duration_minutes: i32,
    pub state: PassState,
    pub start_at: Option<NaiveDateTime>,
    pub started_at: Option<NaiveDateTime>,
    pub expected_end_at: Option<NaiveDateTime>,
    pub ended_at: Option<NaiveDateTime>,
    pub ended_reason: Option<EndedReason>,
    pub created_by: Option<String>,
    pub approved_by: Option<String>,
    pub message: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub limit_override: bool,
    pub turn_expires_at: Option<NaiveDateTime>,
}

impl PassRow {
    /// The room where the pass ends: the destination one way, back at the origin round trip.
    pub fn ending_room_id(&self) -> &str {
        if self.travel_type == TravelType::RoundTrip {
            &self.origin_room_id
        } else {
            &self.destination_room_id
        }
    }
}

/// People's names, by id, in one query.
pub fn people(conn: &mut DbConn, ids: &[&str]) -> Result<HashMap<String, PassPerson>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    type Named = (String, String, String, Option<String>, Option<bool>);
    Ok(users::table
        .left_join(schools::table)
        .filter(users::id.eq_any(ids))
        .select((
            users::id,
            users::first_name,
            users::last_name,
            users::picture_version,
            schools::profile_pictures_enabled.nullable(),
        ))
        .load::<Named>(conn)?
        .into_iter()
        .map(|(id, first_name, last_name, picture, enabled)| {
            let person = PassPerson {
                picture_url: access::url(&id, picture.as_deref(), enabled.unwrap_or(false)),
                id: id.clone(),
                first_name,
                last_name,
            };
            (id, person)
        })
        .collect())
}

/// The origin and destination rooms of `rows`, by id, in one query.
pub fn rooms_of(
    conn: &mut DbConn,
    rows: &[PassRow],
) -> Result<HashMap<String, PassRoom>, ApiError> {
    let room_ids: Vec<&str> = room_ids(rows).collect();
    rooms_named(conn, &room_ids)
}

fn room_ids(rows: &[PassRow]) -> impl Iterator<Item = &str> {
    rows.iter()
        .flat_map(|r| [r.origin_room_id.as_str(), r.destination_room_id.as_str()])
}

fn rooms_named(
    conn: &mut DbConn,
    room_ids: &[&str],
) -> Result<HashMap<String, PassRoom>, ApiError> {
    if room_ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(rooms::table
        .filter(rooms::id.eq_any(room_ids))
        .select((rooms::id, rooms::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(id, name)| (id.clone(), PassRoom { id, name }))
        .collect())
}

/// Names already at hand where passes change (the caller, the rooms a new pass names), so that
/// the school's serialized write reads only the others.
#[derive(Default)]
pub struct Known {
    people: HashMap<String, PassPerson>,
    rooms: HashMap<String, PassRoom>,
}

impl Known {
    /// A person at hand, in a school whose pictures are enabled or not.
    pub fn person(mut self, user: &UserRow, pictures_enabled: bool) -> Self {
        let person = PassPerson {
            id: user.id.clone(),
            first_name: user.first_name.clone(),
            last_name: user.last_name.clone(),
            picture_url: access::url(&user.id, user.picture_version.as_deref(), pictures_enabled),
        };
        self.people.insert(user.id.clone(), person);
        self
    }

    pub fn room(mut self, id: &str, name: &str) -> Self {
        let room = PassRoom {
            id: id.to_owned(),
            name: name.to_owned(),
        };
        self.rooms.insert(id.to_owned(), room);
        self
    }
}

/// The API view of each pass, with names loaded in two queries.
pub fn views(conn: &mut DbConn, rows: &[PassRow]) -> Result<Vec<Pass>, ApiError> {
    views_knowing(conn, rows, Known::default())
}

/// [`views`], reading only the names `known` lacks.
pub fn views_knowing(
    conn: &mut DbConn,
    rows: &[PassRow],
    known: Known,
) -> Result<Vec<Pass>, ApiError> {
    let Known {
        people: mut names,
        rooms: mut room_names,
    } = known;
    let people_ids: Vec<&str> = rows
        .iter()
        .flat_map(|r| {
            let staff = [r.created_by.as_deref(), r.approved_by.as_deref()];
            std::iter::once(r.student_id.as_str()).chain(staff.into_iter().flatten())
        })
        .filter(|id| !names.contains_key(*id))
        .collect();
    names.extend(people(conn, &people_ids)?);
    let unknown_rooms: Vec<&str> = room_ids(rows)
        .filter(|id| !room_names.contains_key(*id))
        .collect();
    room_names.extend(rooms_named(conn, &unknown_rooms)?);
    let person = |id: &str| names.get(id).cloned();
    let room = |id: &str| {
        room_names.get(id).cloned().unwrap_or(PassRoom {
            id: id.to_owned(),
            name: String::new(),
        })
    };
    rows.iter()
        .map(|row| {
            Ok(Pass {
                id: row.id.clone(),
                student: person(&row.student_id).ok_or_else(|| ApiError::not_found("Student"))?,
                origin_room: room(&row.origin_room_id),
                destination_room: room(&row.destination_room_id),
                travel_type: row.travel_type,
                duration_minutes: row.duration_minutes,
                state: row.state,
                start_at: row.start_at.map(to_utc),
                started_at: row.started_at.map(to_utc),
                expected_end_at: row.expected_end_at.map(to_utc),
                ended_at: row.ended_at.map(to_utc),
                ended_reason: row.ended_reason,
                created_by: row.created_by.as_deref().and_then(person),
                approved_by: row.approved_by.as_deref().and_then(person),
                message: row.message.clone(),
                created_at: to_utc(row.created_at),
                turn_expires_at: row.turn_expires_at.map(to_utc),
                place_in_line: place_in_line(conn, row)?,
            })
        })
        .collect()
}

/// Where a waiting pass stands in its room's line, from 1.
fn place_in_line(conn: &mut DbConn, row: &PassRow) -> Result<Option<i64>, ApiError> {
    if row.state != PassState::Waiting {
        return Ok(None);
    }
    let ahead: i64 = passes::table
        .filter(passes::destination_room_id.eq(&row.destination_room_id))
        .filter(passes::state.eq(PassState::Waiting))
        .filter(
            passes::created_at.lt(row.created_at).or(passes::created_at
                .eq(row.created_at)
                .and(passes::id.lt(&row.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(Some(ahead + 1))
}

pub fn view(conn: &mut DbConn, row: &PassRow) -> Result<Pass, ApiError> {
    views(conn, std::slice::from_ref(row))?
        .pop()
        .ok_or_else(|| ApiError::not_found("Pass"))
}
