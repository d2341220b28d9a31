use actix_web::HttpResponse;
use actix_web::{get, web};
use chrono::{DateTime, Utc};
use hallpass_shared::passes::{HallwayPass, HallwayQuery, HallwaySort, Pass};
use hallpass_shared::user::Role;
use validator::Validate;

use super::cache::CachedPass;
use crate::auth::extract::Staff;
use crate::error::ApiError;
use crate::passes::access::{PassFacts, Viewer};
use crate::state::AppState;

/// Who is out now: the active passes the caller may see, with an overtime flag.
///
/// Admins and staff with `hall_monitor` see every active pass; other staff the passes from or
/// to their rooms. `mine=true` keeps only the caller's rooms.
#[utoipa::path(
    tag = "hallway",
    security(("bearer" = [])),
    params(HallwayQuery),
    responses(
        (status = 200, description = "Active passes", body = Vec<HallwayPass>),
        (status = 400, response = crate::openapi::BadRequest),
    )
)]
#[get("/hallway")]
pub async fn hallway(
    state: web::Data<AppState>,
    Staff(caller): Staff,
    query: web::Query<HallwayQuery>,
) -> Result<HttpResponse, ApiError> {
    query.validate()?;
    let query = query.into_inner();
    let school_id = caller.school()?.id.clone();
    let now = state.clock.now_utc();
    let everyone = state
        .hallway
        .active(&state.db, &state.events, &school_id)
        .await?;
    let viewer = state
        .db
        .run(move |conn| Viewer::load(conn, &caller))
        .await?;
    let sees_all = viewer.role == Role::Admin || viewer.hall_monitor;
    let q = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_lowercase);
    let shown = |pass: &&Pass| {
        let facts = PassFacts::out_now(pass);
        let of_room =
            |room: &str| facts.origin_room_id == room || facts.destination_room_id == room;
        viewer.sees(&facts)
            && (sees_all && !query.mine || viewer.rooms.iter().any(|r| of_room(r)))
            && query.room_id.as_deref().is_none_or(of_room)
            && q.as_deref().is_none_or(|q| {
                format!("{} {}", pass.student.first_name, pass.student.last_name)
                    .to_lowercase()
                    .contains(q)
            })
    };
    let sort = query.sort.unwrap_or(HallwaySort::Expires);
    let mut shown: Vec<&CachedPass> = everyone.iter().filter(|c| shown(&&c.pass)).collect();
    match sort {
        HallwaySort::Expires => shown.sort_by_key(|c| c.pass.expected_end_at),
        HallwaySort::Name => shown.sort_by(|a, b| {
            let (a, b) = (&a.pass.student, &b.pass.student);
            (&a.last_name, &a.first_name).cmp(&(&b.last_name, &b.first_name))
        }),
        HallwaySort::Destination => shown.sort_by(|a, b| {
            a.pass
                .destination_room
                .name
                .cmp(&b.pass.destination_room.name)
        }),
    }
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .body(render(&shown, now)))
}

/// The `HallwayPass` list, from each pass's cached JSON with `overtime` added: the same bytes
/// serde would write, without serializing 500 passes on every request.
fn render(passes: &[&CachedPass], now: DateTime<Utc>) -> String {
    let mut body =
        String::with_capacity(passes.iter().map(|c| c.json.len() + 20).sum::<usize>() + 2);
    body.push('[');
    for (n, cached) in passes.iter().enumerate() {
        if n > 0 {
            body.push(',');
        }
        let overtime = cached.pass.expected_end_at.is_some_and(|end| end < now);
        body.push_str(cached.json.strip_suffix('}').unwrap_or(&cached.json));
        body.push_str(if overtime {
            ",\"overtime\":true}"
        } else {
            ",\"overtime\":false}"
        });
    }
    body.push(']');
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_passes_are_what_serde_writes_for_hallway_passes() {
        let person =
            serde_json::json!({ "id": "s1", "first_name": "Ann \"Q\"", "last_name": "Lee" });
        let room = serde_json::json!({ "id": "r1", "name": "Library" });
        let pass: Pass = serde_json::from_value(serde_json::json!({
            "id": "p1", "student": person, "origin_room": room, "destination_room": room,
            "travel_type": "one_way", "duration_minutes": 5, "state": "active",
            "start_at": null, "started_at": "2026-11-22T10:00:00Z",
            "expected_end_at": "2026-11-22T10:05:00Z", "ended_at": null, "ended_reason": null,
            "created_by": null, "approved_by": null, "message": null,
            "created_at": "2026-11-22T10:00:00Z"
        }))
        .expect("a pass");
        let cached = CachedPass {
            json: serde_json::to_string(&pass).expect("json"),
            pass: pass.clone(),
        };
        for minutes in [1, 10] {
            let now = pass.started_at.expect("started") + chrono::Duration::minutes(minutes);
            let shown = HallwayPass {
                overtime: minutes > 5,
                pass: pass.clone(),
            };
            let expected = serde_json::to_string(&[&shown, &shown]).expect("json");
            assert_eq!(render(&[&cached, &cached], now), expected);
        }
        assert_eq!(render(&[], Utc::now()), "[]");
    }
}
