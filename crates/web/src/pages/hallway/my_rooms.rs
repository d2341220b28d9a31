use hallpass_shared::rooms::Room;
use leptos::prelude::*;

use crate::components::Reload;
use crate::session::use_session;

/// The rooms of the signed-in teacher, or of the teachers an assistant acts for.
#[derive(Clone, Copy)]
pub struct MyRooms {
    pub rooms: RwSignal<Vec<Room>>,
    pub load: Reload,
}

impl MyRooms {
    pub fn load() -> MyRooms {
        let session = use_session();
        let mine = MyRooms {
            rooms: RwSignal::new(Vec::new()),
            load: Reload::new(),
        };
        let teachers: Vec<String> = session.with_me(|me| {
            me.map(|me| {
                let mut ids = me.user.acts_for.clone();
                ids.push(me.user.id.clone());
                ids
            })
            .unwrap_or_default()
        });
        let api = session.api();
        mine.load
            .run(async move { api.rooms().await }, move |rooms| {
                mine.rooms.set(
                    rooms
                        .into_iter()
                        .filter(|room| room.teacher_ids.iter().any(|id| teachers.contains(id)))
                        .collect(),
                )
            });
        mine
    }

    pub fn has(self, room_id: &str) -> bool {
        self.rooms
            .with(|rooms| rooms.iter().any(|room| room.id == room_id))
    }
}
