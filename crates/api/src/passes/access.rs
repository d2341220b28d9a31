//! Who sees a pass and who may act on it.
use diesel::prelude::*;
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
        let rooms = room_teachers::table
            .filter(room_teachers::teacher_id.eq_any(&teachers))
            .select(room_teachers::room_id)
            .distinct()
            .load(conn)?;
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
        match self.role {
            Role::Student => pass.student_id == self.id,
            Role::Parent => false,
            Role::Admin => true,
            Role::Teacher | Role::Assistant => {
                self.teaches(&pass.origin_room_id)
                    || self.teaches(&pass.destination_room_id)
                    || pass.created_by.as_deref() == Some(self.id.as_str())
                    || (self.hall_monitor && pass.state == "active")
            }
        }
    }

    /// Requests are decided by the destination's teachers and their assistants.
    pub fn can_decide(&self, pass: &PassRow) -> bool {
        matches!(self.role, Role::Teacher | Role::Assistant)
            && self.teaches(&pass.destination_room_id)
    }

    pub fn is_staff(&self) -> bool {
        self.role.is_staff()
    }

    pub fn owns(&self, pass: &PassRow) -> bool {
        self.role == Role::Student && pass.student_id == self.id
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
