use std::sync::Arc;

use crate::auth::jwt::AccessTokens;
use crate::auth::refresh_tokens::SuccessorKey;
use crate::auth::throttle::LoginThrottle;
use crate::clock::Clock;
use crate::db::Db;
use crate::events::{Bus, Event};
use crate::hallway::cache::HallwayCache;
use crate::users::search_cache::SearchCache;

/// What every handler can reach. Built once at start-up.
pub struct AppState {
    pub db: Db,
    pub tokens: AccessTokens,
    /// Makes each refresh token's successor; from the same secret as `tokens`.
    pub refresh_successors: SuccessorKey,
    pub throttle: Arc<LoginThrottle>,
    /// Invite-code attempts, per client address and per parent account.
    pub invite_throttle: Arc<LoginThrottle>,
    /// Read the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub clock: Arc<Clock>,
    pub events: Arc<Bus>,
    pub hallway: Arc<HallwayCache>,
    /// Each school's accounts, for searching.
    pub accounts: Arc<SearchCache>,
}

impl AppState {
    /// Sends events of a committed change.
    pub fn publish(&self, events: Vec<Event>) {
        for event in events {
            self.events.publish(event);
        }
    }
}
