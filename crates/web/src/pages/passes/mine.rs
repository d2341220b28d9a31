//! The student's passes and the rooms, shared by the parts of the screen and kept up to date
//! from the live events.
use hallpass_shared::passes::{Pass, PassQuery, PassState, RemainingPasses};
use hallpass_shared::rooms::Room;
use leptos::prelude::*;

use crate::components::pass_text::{outcome, route};
use crate::components::Reload;
use crate::live::{use_live, LiveEvent};
use crate::session::{use_session, Session};

const HISTORY_SIZE: u32 = 20;

#[derive(Clone, Copy)]
pub struct Mine {
    /// Newest first.
    pub passes: RwSignal<Vec<Pass>>,
    pub rooms: RwSignal<Vec<Room>>,
    pub remaining: RwSignal<Option<RemainingPasses>>,
    /// What happened to a pass that was under way.
    pub notice: RwSignal<Option<String>>,
    pub load: Reload,
    remaining_load: Reload,
    session: Session,
}

pub fn is_open(state: PassState) -> bool {
    matches!(
        state,
        PassState::Active | PassState::Waiting | PassState::Pending | PassState::Scheduled
    )
}

impl Mine {
    pub fn provide() -> Mine {
        let mine = Mine {
            passes: RwSignal::new(Vec::new()),
            rooms: RwSignal::new(Vec::new()),
            remaining: RwSignal::new(None),
            notice: RwSignal::new(None),
            load: Reload::new(),
            remaining_load: Reload::new(),
            session: use_session(),
        };
        provide_context(mine);
        mine.reload();
        use_live().subscribe(move |event| match event {
            // Emergency mode ends passes without an event for each.
            LiveEvent::Resync | LiveEvent::Emergency(_) => mine.reload(),
            event => {
                if let Some(pass) = event.pass() {
                    mine.apply(pass.clone());
                }
            }
        });
        mine
    }

    pub fn reload(self) {
        let api = self.session.api();
        let query = PassQuery {
            limit: Some(HISTORY_SIZE),
            ..PassQuery::default()
        };
        self.load
            .run(async move { api.passes(&query).await }, move |page| {
                for pass in &page.items {
                    let before = self.passes.with_untracked(|passes| {
                        passes.iter().find(|p| p.id == pass.id).map(|p| p.state)
                    });
                    self.tell_if_over(before, pass);
                }
                self.passes.set(page.items);
            });
        self.reload_remaining();
    }

    pub fn reload_remaining(self) {
        let session = self.session;
        let (api, Some(id)) = (session.api(), session.me_id()) else {
            return;
        };
        self.remaining_load.run(
            async move { api.remaining_passes(&id).await },
            move |remaining| self.remaining.set(Some(remaining)),
        );
    }

    /// Takes in a pass as the server now has it.
    pub fn apply(self, pass: Pass) {
        let before = self
            .passes
            .with_untracked(|passes| passes.iter().find(|p| p.id == pass.id).map(|p| p.state));
        self.tell_if_over(before, &pass);
        if before != Some(pass.state) {
            self.reload_remaining();
        }
        self.passes
            .update(|passes| match passes.iter_mut().find(|p| p.id == pass.id) {
                Some(known) => *known = pass,
                None => passes.insert(0, pass),
            });
    }

    /// Says so when a pass that was under way (in `before`) is over now.
    fn tell_if_over(self, before: Option<PassState>, pass: &Pass) {
        if before.is_some_and(is_open) && !is_open(pass.state) {
            self.notice.set(Some(format!(
                "Your pass {} is over: {}.",
                route(pass),
                outcome(pass)
            )));
        }
    }

    /// Whether a pass is under way, waiting or asked for (then no new one is offered).
    pub fn is_out(self) -> bool {
        self.passes.with(|passes| {
            passes.iter().any(|pass| {
                matches!(
                    pass.state,
                    PassState::Active | PassState::Waiting | PassState::Pending
                )
            })
        })
    }

    pub fn room(self, id: &str) -> Option<Room> {
        self.rooms
            .with(|rooms| rooms.iter().find(|room| room.id == id).cloned())
    }
}

pub fn use_mine() -> Mine {
    expect_context::<Mine>()
}
