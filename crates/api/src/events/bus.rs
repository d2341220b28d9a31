//! The in-process event bus: one `broadcast` channel per school.
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};

use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};

use super::{Audience, Event, Wire};

/// Events a subscriber may fall behind by before it is told to resync.
const BACKLOG: usize = 1024;
/// `NOTIFY` refuses payloads of 8000 bytes or more.
const MAX_NOTIFY_BYTES: usize = 7_900;

pub struct Bus {
    schools: RwLock<HashMap<String, Channel>>,
    /// Set when events also go to other instances (PostgreSQL `NOTIFY`).
    outbound: OnceLock<mpsc::UnboundedSender<String>>,
    /// Tells this instance's own notifications apart from the others'.
    instance: String,
}

/// A school's channel, and how many events it has carried: readers of cached state compare
/// versions to know whether anything changed.
struct Channel {
    sender: broadcast::Sender<Arc<Event>>,
    version: AtomicU64,
}

impl Channel {
    fn new() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
            version: AtomicU64::new(0),
        }
    }
}

/// A `NOTIFY` payload. (Not flattened: serde cannot flatten a `RawValue`.)
#[derive(Serialize, Deserialize)]
struct Envelope {
    instance: String,
    wire: Wire,
}

impl Default for Bus {
    fn default() -> Self {
        Self {
            schools: RwLock::default(),
            outbound: OnceLock::new(),
            instance: crate::ids::new_id(),
        }
    }
}

impl Bus {
    pub fn subscribe(&self, school_id: &str) -> broadcast::Receiver<Arc<Event>> {
        if let Some(channel) = self.read().get(school_id) {
            return channel.sender.subscribe();
        }
        let mut schools = self.schools.write().unwrap_or_else(|e| e.into_inner());
        schools
            .entry(school_id.to_owned())
            .or_insert_with(Channel::new)
            .sender
            .subscribe()
    }

    /// Events the school has had here so far.
    pub fn version(&self, school_id: &str) -> u64 {
        self.read()
            .get(school_id)
            .map_or(0, |channel| channel.version.load(Ordering::Acquire))
    }

    /// Delivers `event` to this instance's subscribers and, when bridged, to the other
    /// instances'. Never blocks: a slow subscriber only lags.
    pub fn publish(&self, event: Event) {
        if let Some(outbound) = self.outbound.get() {
            let mut payload = self.envelope(&event);
            if payload.len() > MAX_NOTIFY_BYTES {
                // Too large for NOTIFY: the other instances' subscribers refetch instead.
                payload =
                    resync(&event.school_id).map_or_else(|_| String::new(), |e| self.envelope(&e));
            }
            let _ = outbound.send(payload);
        }
        self.deliver(Arc::new(event));
    }

    fn envelope(&self, event: &Event) -> String {
        let envelope = Envelope {
            instance: self.instance.clone(),
            wire: event.wire.clone(),
        };
        serde_json::to_string(&envelope).unwrap_or_default()
    }

    fn deliver(&self, event: Arc<Event>) {
        if !self.read().contains_key(&event.school_id) {
            let mut schools = self.schools.write().unwrap_or_else(|e| e.into_inner());
            schools
                .entry(event.school_id.clone())
                .or_insert_with(Channel::new);
        }
        if let Some(channel) = self.read().get(&event.school_id) {
            channel.version.fetch_add(1, Ordering::AcqRel);
            // An error only means nobody of this school is listening here.
            let _ = channel.sender.send(event);
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, Channel>> {
        self.schools.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends other instances' events through `outbound`; see [`super::postgres`].
    pub(super) fn bridge(&self, outbound: mpsc::UnboundedSender<String>) {
        let _ = self.outbound.set(outbound);
    }

    /// A `NOTIFY` payload from any instance; this instance's own were delivered already.
    pub(super) fn receive_remote(&self, payload: &str) {
        match serde_json::from_str::<Envelope>(payload) {
            Ok(envelope) if envelope.instance == self.instance => {}
            Ok(envelope) => self.deliver(Arc::new(Event::from_wire(envelope.wire))),
            Err(err) => tracing::warn!(error = %err, "ignoring a malformed event notification"),
        }
    }

    /// Tells every subscriber here to refetch, after events may have been missed.
    pub(super) fn resync_everyone(&self) {
        let schools: Vec<String> = self.read().keys().cloned().collect();
        for school_id in schools {
            if let Ok(event) = resync(&school_id) {
                self.deliver(Arc::new(event));
            }
        }
    }
}

pub fn resync(school_id: &str) -> serde_json::Result<Event> {
    Event::new(
        school_id,
        hallpass_shared::events::RESYNC,
        Audience::School,
        &serde_json::json!({}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(name: &str) -> Event {
        Event::new(
            "school-1",
            name,
            Audience::School,
            &serde_json::json!({ "n": 1 }),
        )
        .expect("test value")
    }

    #[tokio::test]
    async fn notifications_reach_other_instances_but_not_their_sender() {
        let (sender, other) = (Bus::default(), Bus::default());
        let (outbound, mut notified) = mpsc::unbounded_channel();
        sender.bridge(outbound);
        let mut here = sender.subscribe("school-1");
        let mut there = other.subscribe("school-1");

        sender.publish(event("pass.created"));
        let payload = notified.recv().await.expect("test value");
        sender.receive_remote(&payload);
        other.receive_remote(&payload);

        let frame = |e: Arc<Event>| String::from_utf8(e.frame.to_vec()).expect("test value");
        let expected = "event: pass.created\ndata: {\"n\":1}\n\n";
        assert_eq!(frame(here.recv().await.expect("test value")), expected);
        assert_eq!(frame(there.recv().await.expect("test value")), expected);
        assert!(
            here.try_recv().is_err(),
            "the sender delivered its own event twice"
        );
    }

    #[tokio::test]
    async fn an_event_too_large_to_notify_becomes_a_resync_elsewhere() {
        let bus = Bus::default();
        let (outbound, mut notified) = mpsc::unbounded_channel();
        bus.bridge(outbound);
        let big = "x".repeat(MAX_NOTIFY_BYTES);
        bus.publish(
            Event::new("school-1", "pass.created", Audience::School, &big).expect("test value"),
        );
        let envelope: Envelope =
            serde_json::from_str(&notified.recv().await.expect("test value")).expect("test value");
        assert_eq!(envelope.wire.name, hallpass_shared::events::RESYNC);
    }
}
