use hallpass_shared::events::EventTicket;
use hallpass_shared::passes::{Emergency, HallwayPass, HallwayQuery};
use hallpass_shared::school::School;

use super::client::Api;
use super::error::ApiError;
use super::query::query_string;

impl Api {
    /// `GET /hallway`: who is out now.
    pub async fn hallway(&self, query: &HallwayQuery) -> Result<Vec<HallwayPass>, ApiError> {
        let path = format!("/hallway{}", query_string(query));
        self.get(&path).json().await
    }

    /// `POST /hallway/ticket`: a single-use ticket for the event stream.
    pub async fn event_ticket(&self) -> Result<EventTicket, ApiError> {
        self.post("/hallway/ticket").json().await
    }

    /// The address of the event stream for `ticket` (`GET /hallway/events`).
    pub fn events_url(&self, ticket: &str) -> String {
        format!(
            "{}/hallway/events?ticket={}",
            self.base_url(),
            js_sys::encode_uri_component(ticket)
        )
    }

    /// `POST /school/emergency` (needs `manage_school`).
    pub async fn set_emergency(&self, active: bool) -> Result<School, ApiError> {
        let body = Emergency { active };
        self.post("/school/emergency").body(&body).json().await
    }
}
