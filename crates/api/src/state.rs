use std::sync::Arc;

use crate::auth::client_ip::ProxyConfig;
use crate::auth::jwt::AccessTokens;
use crate::auth::password_gate::Passwords;
use crate::auth::refresh_tokens::SuccessorKey;
use crate::auth::throttle::{ThrottleLimits, Throttles};
use crate::clock::Clock;
use crate::db::Db;
use crate::events::{Bus, Event};
use crate::hallway::cache::HallwayCache;
use crate::hallway::rights::StreamRights;
use crate::jobs::JobQueue;
use crate::pictures::PictureSettings;
use crate::users::search_cache::SearchCache;

/// What every handler can reach. Built once at start-up, by [`AppState::new`].
pub struct AppState {
    pub db: Db,
    pub tokens: AccessTokens,
    /// Makes each refresh token's successor; from the same secret as `tokens`.
    pub refresh_successors: SuccessorKey,
    /// Attempt limits: sign-in, sign-up, invite codes, password changes, room codes and PINs.
    pub throttles: Arc<Throttles>,
    /// Password and PIN hashing, a core at a time.
    pub passwords: Passwords,
    /// Where client addresses come from (the peer, or a trusted proxy's header).
    pub proxy: ProxyConfig,
    pub clock: Arc<Clock>,
    pub events: Arc<Bus>,
    pub hallway: Arc<HallwayCache>,
    /// Each school's accounts, for searching.
    pub accounts: Arc<SearchCache>,
    /// The open event streams' accounts, watched so that a stream loses rights its account
    /// lost.
    pub stream_rights: Arc<StreamRights>,
    /// This instance's side of the job queue.
    pub jobs: Arc<JobQueue>,
    pub pictures: PictureSettings,
    pub rosters: crate::rosters::settings::RosterSettings,
}

impl AppState {
    pub fn new(db: Db, secret: &[u8], limits: ThrottleLimits, proxy: ProxyConfig) -> Self {
        Self {
            db,
            tokens: AccessTokens::new(secret),
            refresh_successors: SuccessorKey::new(secret),
            throttles: Arc::new(Throttles::new(limits)),
            passwords: Passwords::default(),
            proxy,
            clock: Arc::default(),
            events: Arc::default(),
            hallway: Arc::default(),
            accounts: Arc::default(),
            stream_rights: Arc::default(),
            jobs: Arc::default(),
            pictures: PictureSettings::default(),
            rosters: Default::default(),
        }
    }

    /// Sends events of a committed change.
    pub fn publish(&self, events: Vec<Event>) {
        for event in events {
            self.events.publish(event);
        }
    }

    /// The caller's address, for the per-address limits.
    pub fn client_ip(&self, req: &actix_web::HttpRequest) -> Option<std::net::IpAddr> {
        self.proxy.client_ip(req)
    }
}
