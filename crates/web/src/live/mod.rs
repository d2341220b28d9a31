//! Live updates: the hallway's Server-Sent Events (`GET /hallway/events`), shared by every
//! screen of the signed-in app through context.
//!
//! `EventSource` cannot send the access token, so each connection starts with a single-use
//! ticket (`POST /hallway/ticket`). When the stream breaks it is closed (the browser's own
//! retry would reuse the spent ticket) and reopened with a new ticket after a growing pause.
//! Every (re)opening is announced as `Resync`, so screens refetch what they may have missed.

mod connection;
mod event;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub use event::LiveEvent;
use hallpass_shared::user::Role;
use leptos::prelude::*;

use crate::session::Session;

type Listener = Rc<dyn Fn(&LiveEvent)>;

/// The app's one event stream, as a `Copy` handle.
#[derive(Clone, Copy)]
pub struct Live {
    hub: StoredValue<Rc<Hub>, LocalStorage>,
    /// Whether the stream is open now (screens say "Reconnecting…" otherwise).
    pub connected: RwSignal<bool>,
}

#[derive(Default)]
struct Hub {
    listeners: RefCell<Vec<(u64, Listener)>>,
    next_id: Cell<u64>,
}

impl Hub {
    fn dispatch(&self, event: &LiveEvent) {
        // Cloned out first: a listener may subscribe or unsubscribe while it runs.
        let listeners: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .map(|(_, listener)| listener.clone())
            .collect();
        for listener in listeners {
            listener(event);
        }
    }
}

impl Live {
    /// Opens the stream for the signed-in user and provides it as context; the stream closes
    /// when the calling component goes (at sign-out).
    /// Parents have no stream: they see past passes only.
    pub fn provide(session: Session) -> Live {
        let hub = Rc::new(Hub::default());
        let connected = RwSignal::new(false);
        let live = Live {
            hub: StoredValue::new_local(hub.clone()),
            connected,
        };
        provide_context(live);
        let deliver = {
            let hub = hub.clone();
            move |event: LiveEvent| {
                if let LiveEvent::Emergency(active) = event {
                    session.set_emergency(active);
                }
                hub.dispatch(&event);
            }
        };
        let parent = session.role().is_none_or(|role| role == Role::Parent);
        if !parent {
            let stream = connection::Stream::start(session.api(), connected, deliver);
            let stream = StoredValue::new_local(stream);
            on_cleanup(move || stream.with_value(|stream| stream.stop()));
        }
        live
    }

    /// Calls `listener` with every event until the calling component goes.
    pub fn subscribe(&self, listener: impl Fn(&LiveEvent) + 'static) {
        let Some(hub) = self.hub.try_get_value() else {
            return;
        };
        let id = hub.next_id.get();
        hub.next_id.set(id + 1);
        hub.listeners.borrow_mut().push((id, Rc::new(listener)));
        let hub = self.hub;
        on_cleanup(move || {
            if let Some(hub) = hub.try_get_value() {
                hub.listeners.borrow_mut().retain(|(other, _)| *other != id);
            }
        });
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}
