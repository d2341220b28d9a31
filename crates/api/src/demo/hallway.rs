//! The demo school's hallway: rooms, a limit, an encounter group, weeks of ended passes and a
//! few students out now, so a newcomer sees Hallpass as a school would.
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hallpass_shared::passes::{EndedReason, PassState};
use hallpass_shared::rooms::TravelType;
use hallpass_shared::user::{AccountStatus, Role};
use rand::{Rng, SeedableRng};

use crate::auth::refresh_tokens::random_token;
use crate::db::schema::{
    encounter_group_members, encounter_groups, passes, room_teachers, rooms, schools, users,
};
use crate::db::DbConn;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::rooms::row::RoomRow;

/// (name, category, one way, round trip, default and max minutes, needs the code to end)
const ROOMS: &[(&str, &str, bool, bool, i32, i32, bool)] = &[
    ("Room 101", "Classroom", true, true, 5, 15, false),
    ("Room 102", "Classroom", true, true, 5, 15, false),
    ("Room 204", "Classroom", true, true, 5, 15, false),
    ("Science Lab", "Classroom", true, true, 5, 15, false),
    ("Restroom A", "Restroom", false, true, 5, 10, true),
    ("Restroom B", "Restroom", false, true, 5, 10, true),
    ("Nurse", "Office", true, true, 10, 30, false),
    ("Main Office", "Office", true, true, 5, 15, false),
    ("Library", "Commons", true, true, 10, 30, false),
    ("Water Fountain", "Commons", false, true, 3, 5, false),
];

pub fn seed(
    conn: &mut DbConn,
    school_id: &str,
    teacher_ids: &[String],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let mut room_ids = Vec::new();
    for (n, (name, category, one_way, round_trip, default_minutes, max_minutes, code)) in
        ROOMS.iter().enumerate()
    {
        let row = RoomRow {
            id: new_id(),
            school_id: school_id.to_owned(),
            name: (*name).to_owned(),
            number: None,
            category: Some((*category).to_owned()),
            one_way: *one_way,
            round_trip: *round_trip,
            default_minutes: *default_minutes,
            max_minutes: *max_minutes,
            capacity: if *category == "Restroom" {
                Some(3)
            } else {
                None
            },
            restricted_now: *name == "Main Office",
            restricted_future: false,
            end_requires_code: *code,
            enabled: true,
            code_secret: random_token(),
            created_at: now,
            updated_at: now,
        };
        diesel::insert_into(rooms::table)
            .values(&row)
            .execute(conn)?;
        let teacher = &teacher_ids[n % teacher_ids.len()];
        diesel::insert_into(room_teachers::table)
            .values((
                room_teachers::room_id.eq(&row.id),
                room_teachers::teacher_id.eq(teacher),
            ))
            .execute(conn)?;
        room_ids.push(row.id);
    }
    diesel::update(schools::table.find(school_id))
        .set(schools::pass_limit_per_day.eq(Some(4)))
        .execute(conn)?;

    let students: Vec<String> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.eq(Role::Student))
        .filter(users::status.eq(AccountStatus::Active))
        .order(users::school_identifier)
        .select(users::id)
        .load(conn)?;
    let group = new_id();
    diesel::insert_into(encounter_groups::table)
        .values((
            encounter_groups::id.eq(&group),
            encounter_groups::school_id.eq(school_id),
            encounter_groups::name.eq("Keep apart: 3rd period"),
            encounter_groups::enabled.eq(true),
            encounter_groups::notes.eq(Some("Demo group")),
            encounter_groups::created_at.eq(now),
            encounter_groups::updated_at.eq(now),
        ))
        .execute(conn)?;
    for student in students.iter().skip(30).take(2) {
        diesel::insert_into(encounter_group_members::table)
            .values((
                encounter_group_members::group_id.eq(&group),
                encounter_group_members::student_id.eq(student),
            ))
            .execute(conn)?;
    }
    history(conn, school_id, &students, &room_ids, now)
}

/// Four weeks of school days of ended passes, then a handful of students out right now.
fn history(
    conn: &mut DbConn,
    school_id: &str,
    students: &[String],
    rooms: &[String],
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let classrooms = &rooms[..4];
    for day in 1..=28 {
        let date = now - Duration::days(day);
        if matches!(
            chrono::Datelike::weekday(&date),
            chrono::Weekday::Sat | chrono::Weekday::Sun
        ) {
            continue;
        }
        for _ in 0..60 {
            let start = date.date().and_hms_opt(13, 30, 0).unwrap_or(date)
                + Duration::minutes(rng.gen_range(0..390));
            let minutes = rng.gen_range(3..=10);
            let used = rng.gen_range(2..=minutes + 3);
            let student = &students[rng.gen_range(0..students.len())];
            insert_pass(
                conn,
                school_id,
                student,
                classrooms,
                rooms,
                &mut rng,
                start,
                minutes,
                Some(start + Duration::minutes(used)),
            )?;
        }
    }
    for student in students.iter().take(6) {
        let start = now - Duration::minutes(rng.gen_range(1..12));
        let minutes = rng.gen_range(5..=10);
        insert_pass(
            conn, school_id, student, classrooms, rooms, &mut rng, start, minutes, None,
        )?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_pass(
    conn: &mut DbConn,
    school_id: &str,
    student: &str,
    classrooms: &[String],
    rooms: &[String],
    rng: &mut rand::rngs::StdRng,
    start: NaiveDateTime,
    minutes: i64,
    ended: Option<NaiveDateTime>,
) -> Result<(), ApiError> {
    let origin = &classrooms[rng.gen_range(0..classrooms.len())];
    let destination = &rooms[rng.gen_range(4..rooms.len())];
    diesel::insert_into(passes::table)
        .values((
            passes::id.eq(new_id()),
            passes::school_id.eq(school_id),
            passes::student_id.eq(student),
            passes::origin_room_id.eq(origin),
            passes::destination_room_id.eq(destination),
            passes::travel_type.eq(TravelType::RoundTrip),
            passes::duration_minutes.eq(minutes as i32),
            passes::state.eq(if ended.is_some() {
                PassState::Ended
            } else {
                PassState::Active
            }),
            passes::started_at.eq(Some(start)),
            passes::expected_end_at.eq(Some(start + Duration::minutes(minutes))),
            passes::ended_at.eq(ended),
            passes::ended_reason.eq(ended.map(|_| EndedReason::Student)),
            passes::created_by.eq(Some(student)),
            passes::created_at.eq(start),
            passes::updated_at.eq(ended.unwrap_or(start)),
        ))
        .execute(conn)?;
    Ok(())
}
