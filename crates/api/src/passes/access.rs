//! Who sees a pass and who may act on it.
use diesel::prelude::*;
use hallpass_shared::passes::PassState;
use hallpass_shared::user::{Permission, Role};

use super::row::PassRow;
use crate::auth::principal::Principal;
use crate::db::schema::room_teachers;
use crate::db::DbConn;
use crate::error::ApiError;

/// The caller as pass rules see them.
pub struct Viewer {
    pub id: String,
    pub role: Role,
    pub hall_monitor: bool,
    /// Rooms the caller teaches, or whose teachers an assistant acts for.
    pub rooms: Vec<String>,
}

impl Viewer {
    pub fn load(conn: &mut DbConn, principal: &Principal) -> Result<Self, ApiError> {
        let teachers: Vec<String> = match principal.role {
            Role::Teacher => vec![principal.id().to_owned()],
            Role::Assistant => principal.acts_for.clone(),
            _ => Vec::new(),
        };
        let rooms = if teachers.is_empty() {
            Vec::new()
        } else {
            room_teachers::table
                .filter(room_teachers::teacher_id.eq_any(&teachers))
                .select(room_teachers::room_id)
                .distinct()
                .load(conn)?
        };
        Ok(Self {
            id: principal.id().to_owned(),
            role: principal.role,
            hall_monitor: principal.has(Permission::HallMonitor),
            rooms,
        })
    }

    fn teaches(&self, room_id: &str) -> bool {
        self.rooms.iter().any(|r| r == room_id)
    }

    /// Students see their own; staff see passes of their rooms (and every active pass with
    /// `hall_monitor`); admins see the school's passes; anyone sees a pass they made.
    pub fn can_see(&self, pass: &PassRow) -> bool {
        self.sees(&PassFacts {
            student_id: &pass.student_id,
            origin_room_id: &pass.origin_room_id,
            destination_room_id: &pass.destination_room_id,
            created_by: pass.created_by.as_deref(),
            out: pass.state == PassState::Active,
        })
    }

    /// [`Viewer::can_see`] on what a live event knows of a pass.
    pub fn sees(&self, pass: &PassFacts) -> bool {
        match self.role {
            Role::Student => pass.student_id == self.id,
            Role::Parent => false,
            Role::Admin => true,
            Role::Teacher | Role::Assistant => {
                self.teaches(pass.origin_room_id)
                    || self.teaches(pass.destination_room_id)
                    || pass.created_by == Some(self.id.as_str())
                    || (self.hall_monitor && pass.out)
            }
        }
    }

    /// Requests are decided by the destination's teachers and their assistants.
    pub fn can_decide(&self, pass: &PassRow) -> bool {
        self.decides_for(&pass.destination_room_id)
    }

    pub fn decides_for(&self, room_id: &str) -> bool {
        matches!(self.role, Role::Teacher | Role::Assistant) && self.teaches(room_id)
    }

    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    pub fn owns(&self, pass: &PassRow) -> bool {
        self.role == Role::Student && pass.student_id == self.id
    }
}

/// What visibility depends on. `out`: the pass is active (or, for a live event, was).
pub struct PassFacts<'a> {
    pub student_id: &'a str,
    pub origin_room_id: &'a str,
    pub destination_room_id: &'a str,
    pub created_by: Option<&'a str>,
    pub out: bool,
}

impl<'a> PassFacts<'a> {
    /// An active pass as the API shows it.
    pub fn out_now(pass: &'a hallpass_shared::passes::Pass) -> Self {
        Self {
            student_id: &pass.student.id,
            origin_room_id: &pass.origin_room.id,
            destination_room_id: &pass.destination_room.id,
            created_by: pass.created_by.as_ref().map(|p| p.id.as_str()),
            out: true,
        }
    }
}

/// A pass the caller cannot see is "not found", exactly like one that does not exist.
pub fn visible(viewer: &Viewer, pass: PassRow) -> Result<PassRow, ApiError> {
    if viewer.can_see(&pass) {
        Ok(pass)
    } else {
        Err(ApiError::not_found("Pass"))
    }
}
