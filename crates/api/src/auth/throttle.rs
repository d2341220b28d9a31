//! Sign-in throttling per client address and per account (GCRA, in memory per instance).
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::ApiError;

pub struct LoginThrottle {
    per_ip: DefaultKeyedRateLimiter<IpAddr>,
    per_account: DefaultKeyedRateLimiter<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Attempts one address may make at once. A whole school can sit behind one address, so
    /// this is generous.
    pub ip_burst: u32,
    /// Then one more attempt per this period.
    pub ip_period: Duration,
    /// Attempts one account may take at once.
    pub account_burst: u32,
    pub account_period: Duration,
}

impl LoginThrottle {
    pub fn new(limits: ThrottleLimits) -> Self {
        let quota = |period: Duration, burst: u32| {
            Quota::with_period(period.max(Duration::from_millis(1)))
                .expect("period is not zero")
                .allow_burst(NonZeroU32::new(burst.max(1)).expect("burst is at least one"))
        };
        Self {
            per_ip: RateLimiter::keyed(quota(limits.ip_period, limits.ip_burst)),
            per_account: RateLimiter::keyed(quota(limits.account_period, limits.account_burst)),
        }
    }

    /// Counts one sign-in attempt, known account or not, so the answer reveals nothing.
    pub fn check(&self, ip: Option<IpAddr>, account_key: &str) -> Result<(), ApiError> {
        if let Some(ip) = ip {
            self.per_ip
                .check_key(&ip)
                .map_err(|denied| refused(denied.wait_time_from(DefaultClock::default().now())))?;
        }
        self.per_account
            .check_key(&account_key.to_owned())
            .map_err(|denied| refused(denied.wait_time_from(DefaultClock::default().now())))
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn tidy(&self) {
        self.per_ip.retain_recent();
        self.per_account.retain_recent();
        self.per_ip.shrink_to_fit();
        self.per_account.shrink_to_fit();
    }
}

fn refused(wait: Duration) -> ApiError {
    ApiError::RateLimited {
        retry_after_secs: wait.as_secs().max(1),
    }
}
