//! Who receives an event.
use hallpass_shared::user::Permission;
use serde::{Deserialize, Serialize};

use crate::auth::principal::Principal;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::passes::access::{PassFacts, Viewer};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone subscribed in the school.
    School,
    /// Whoever may see this pass (see `Viewer::can_see`).
    Pass(PassAudience),
    /// The teachers and assistants who decide requests to this room.
    Deciders { room_id: String },
    /// Staff with `manage_pass_rules`.
    PassRules,
    /// One account (a job's creator).
    Account { user_id: String },
}

/// What pass visibility depends on, owned so that it can cross instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassAudience {
    pub student_id: String,
    pub origin_room_id: String,
    pub destination_room_id: String,
    pub created_by: Option<String>,
    /// Active now, or was: hall monitors follow a pass they saw out until it ends.
    pub out: bool,
}

/// A connected stream's reader, loaded once when it connects.
pub struct Subscriber {
    viewer: Viewer,
    manages_pass_rules: bool,
}

impl Subscriber {
    pub fn load(conn: &mut DbConn, principal: &Principal) -> Result<Self, ApiError> {
        Ok(Self {
            viewer: Viewer::load(conn, principal)?,
            manages_pass_rules: principal.has(Permission::ManagePassRules),
        })
    }

    pub fn receives(&self, audience: &Audience) -> bool {
        match audience {
            Audience::School => true,
            Audience::Pass(pass) => self.viewer.sees(&PassFacts {
                student_id: &pass.student_id,
                origin_room_id: &pass.origin_room_id,
                destination_room_id: &pass.destination_room_id,
                created_by: pass.created_by.as_deref(),
                out: pass.out,
            }),
            Audience::Deciders { room_id } => self.viewer.decides_for(room_id),
            Audience::PassRules => self.manages_pass_rules && self.viewer.is_staff(),
            Audience::Account { user_id } => self.viewer.id == *user_id,
        }
    }
}

#[cfg(test)]
impl Subscriber {
    /// An admin of the school: receives every pass event.
    pub fn admin_for_tests() -> Self {
        Self {
            viewer: Viewer {
                id: "admin".into(),
                role: hallpass_shared::user::Role::Admin,
                hall_monitor: true,
                rooms: Vec::new(),
            },
            manages_pass_rules: true,
        }
    }
}
