use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

use super::event::{LiveEvent, NAMES};
use crate::api::Api;

const FIRST_PAUSE_MS: u64 = 1_000;
const LONGEST_PAUSE_MS: u64 = 30_000;

/// The stream's connection, reopened until `stop`.
#[derive(Clone)]
pub struct Stream {
    inner: Rc<Inner>,
}

struct Inner {
    api: Api,
    connected: RwSignal<bool>,
    deliver: Box<dyn Fn(LiveEvent)>,
    stopped: Cell<bool>,
    failures: Cell<u32>,
    open: RefCell<Option<Open>>,
}

/// An open `EventSource` and the callbacks it holds (dropped with it).
struct Open {
    source: EventSource,
    _callbacks: Vec<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Stream {
    pub fn start(
        api: Api,
        connected: RwSignal<bool>,
        deliver: impl Fn(LiveEvent) + 'static,
    ) -> Self {
        let stream = Stream {
            inner: Rc::new(Inner {
                api,
                connected,
                deliver: Box::new(deliver),
                stopped: Cell::new(false),
                failures: Cell::new(0),
                open: RefCell::new(None),
            }),
        };
        stream.connect();
        stream
    }

    pub fn stop(&self) {
        self.inner.stopped.set(true);
        self.close();
    }

    fn close(&self) {
        if let Some(open) = self.inner.open.borrow_mut().take() {
            open.source.close();
        }
        let _ = self.inner.connected.try_set(false);
    }

    fn connect(&self) {
        let stream = self.clone();
        spawn_local(async move {
            if stream.inner.stopped.get() {
                return;
            }
            match stream.inner.api.event_ticket().await {
                Ok(ticket) if !stream.inner.stopped.get() => stream.open(&ticket.ticket),
                Ok(_) => {}
                Err(_) => stream.retry_later(),
            }
        });
    }

    fn retry_later(&self) {
        self.close();
        if self.inner.stopped.get() {
            return;
        }
        let failures = self.inner.failures.get();
        self.inner.failures.set(failures.saturating_add(1));
        let pause = FIRST_PAUSE_MS
            .saturating_mul(1 << failures.min(5))
            .min(LONGEST_PAUSE_MS);
        let stream = self.clone();
        set_timeout(move || stream.connect(), Duration::from_millis(pause));
    }

    fn open(&self, ticket: &str) {
        let Ok(source) = EventSource::new(&self.inner.api.events_url(ticket)) else {
            self.retry_later();
            return;
        };
        let mut callbacks = Vec::new();
        let weak = Rc::downgrade(&self.inner);
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                inner.failures.set(0);
                let _ = inner.connected.try_set(true);
                (inner.deliver)(LiveEvent::Resync);
            }
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        callbacks.push(on_open);

        let weak = Rc::downgrade(&self.inner);
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                Stream { inner }.retry_later();
            }
        });
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        callbacks.push(on_error);

        for name in NAMES {
            let weak = Rc::downgrade(&self.inner);
            let on_event =
                Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                    let Some(inner) = weak.upgrade() else { return };
                    let data = event
                        .dyn_ref::<MessageEvent>()
                        .and_then(|message| message.data().as_string())
                        .unwrap_or_default();
                    if let Some(event) = LiveEvent::decode(name, &data) {
                        (inner.deliver)(event);
                    }
                });
            let _ =
                source.add_event_listener_with_callback(name, on_event.as_ref().unchecked_ref());
            callbacks.push(on_event);
        }
        *self.inner.open.borrow_mut() = Some(Open {
            source,
            _callbacks: callbacks,
        });
    }
}
