//! Live events: one tokio `broadcast` per school in this process, bridged between instances by
//! PostgreSQL `NOTIFY`/`LISTEN`. Subscribers receive only what they may see.
pub mod audience;
pub mod bus;
pub mod passes;
pub mod postgres;

use actix_web::web::Bytes;
use serde::{Deserialize, Serialize};

pub use audience::{Audience, Subscriber};
pub use bus::Bus;

/// One event for one school, with its Server-Sent Events frame built once for every subscriber.
#[derive(Debug, Clone)]
pub struct Event {
    pub school_id: String,
    pub audience: Audience,
    pub frame: Bytes,
    wire: Wire,
}

/// What crosses `NOTIFY` between instances.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Wire {
    school_id: String,
    name: String,
    audience: Audience,
    data: Box<serde_json::value::RawValue>,
}

impl Event {
    pub fn new(
        school_id: &str,
        name: &str,
        audience: Audience,
        data: &impl Serialize,
    ) -> serde_json::Result<Self> {
        let data = serde_json::value::to_raw_value(data)?;
        Ok(Self::from_wire(Wire {
            school_id: school_id.to_owned(),
            name: name.to_owned(),
            audience,
            data,
        }))
    }

    fn from_wire(wire: Wire) -> Self {
        Self {
            school_id: wire.school_id.clone(),
            audience: wire.audience.clone(),
            frame: sse_frame(&wire.name, wire.data.get()),
            wire,
        }
    }
}

/// `event: <name>` and one `data:` line (JSON has no raw newlines).
pub fn sse_frame(name: &str, data: &str) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}
