//! Keyed attempt limits in memory, per instance (GCRA: `burst` at once, then one more each
//! `period`).
//!
//! Unlike governor's limiters (which this replaces), a [`Bucket`] can give an attempt back: sign-in, password
//! changes and pass codes spend one before the check and refund it when the answer was right,
//! so that only failures count, and a flood of parallel guesses still finds the bucket empty.
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::ApiError;

/// Keys a bucket holds at most (a few MiB). Past it, the bucket forgets its recovered keys (at
/// most once a second) and, while it is still full, refuses keys it does not know: a flood of
/// new keys can neither grow memory without bound nor make every attempt rescan the map.
const MAX_KEYS: usize = 250_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Attempts a key may make at once.
    pub burst: u32,
    /// Then one more attempt per this period.
    pub period: Duration,
}

impl Limit {
    pub const fn new(burst: u32, period: Duration) -> Self {
        Self { burst, period }
    }
}

pub struct Bucket<K> {
    limit: Limit,
    keys: Mutex<Keys<K>>,
}

struct Keys<K> {
    /// Each key's theoretical arrival time: the key is full again once it has passed.
    arrivals: HashMap<K, Instant>,
    tidied: Instant,
}

impl<K: Hash + Eq> Keys<K> {
    fn tidy(&mut self, now: Instant) {
        self.arrivals.retain(|_, tat| *tat > now);
        self.tidied = now;
    }
}

impl<K: Hash + Eq + Clone> Bucket<K> {
    pub fn new(limit: Limit) -> Self {
        let limit = Limit {
            burst: limit.burst.max(1),
            period: limit.period.max(Duration::from_millis(1)),
        };
        Self {
            limit,
            keys: Mutex::new(Keys {
                arrivals: HashMap::new(),
                tidied: Instant::now(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Keys<K>> {
        self.keys.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Spends one attempt of `key`, or answers `429` with the wait when none is left.
    pub fn take(&self, key: &K) -> Result<(), ApiError> {
        let now = Instant::now();
        let mut keys = self.lock();
        let window = self.limit.period * self.limit.burst;
        let known = keys.arrivals.get(key).copied();
        let next = known.map_or(now, |tat| tat.max(now)) + self.limit.period;
        if next > now + window {
            return Err(rate_limited(next - window - now));
        }
        if known.is_none() && keys.arrivals.len() >= MAX_KEYS {
            if now.duration_since(keys.tidied) >= Duration::from_secs(1) {
                keys.tidy(now);
            }
            if keys.arrivals.len() >= MAX_KEYS {
                return Err(rate_limited(Duration::from_secs(1)));
            }
        }
        keys.arrivals.insert(key.clone(), next);
        Ok(())
    }

    /// Whether `key` has an attempt left, spending nothing.
    pub fn check(&self, key: &K) -> Result<(), ApiError> {
        let now = Instant::now();
        let keys = self.lock();
        let window = self.limit.period * self.limit.burst;
        match keys.arrivals.get(key) {
            Some(tat) if *tat + self.limit.period > now + window => {
                Err(rate_limited(*tat + self.limit.period - window - now))
            }
            _ => Ok(()),
        }
    }

    /// Gives back an attempt taken for an answer that turned out right.
    pub fn refund(&self, key: &K) {
        let now = Instant::now();
        let mut keys = self.lock();
        if let Some(tat) = keys.arrivals.get_mut(key) {
            match tat.checked_sub(self.limit.period) {
                Some(earlier) if earlier > now => *tat = earlier,
                _ => {
                    keys.arrivals.remove(key);
                }
            }
        }
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn tidy(&self) {
        let mut keys = self.lock();
        keys.tidy(Instant::now());
        keys.arrivals.shrink_to_fit();
    }
}

fn rate_limited(wait: Duration) -> ApiError {
    ApiError::RateLimited {
        retry_after_secs: wait.as_secs_f64().ceil().max(1.0) as u64,
    }
}

/// The key of a client address: IPv6 clients get a whole /64 each (one household or device
/// has millions of addresses), IPv4 clients their address.
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let segments = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(
                    segments[0],
                    segments[1],
                    segments[2],
                    segments[3],
                    0,
                    0,
                    0,
                    0,
                ))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(burst: u32) -> Bucket<&'static str> {
        Bucket::new(Limit::new(burst, Duration::from_secs(3600)))
    }

    #[test]
    fn a_key_gets_its_burst_then_waits() {
        let limits = bucket(3);
        for _ in 0..3 {
            assert!(limits.take(&"a").is_ok());
        }
        match limits.take(&"a") {
            Err(ApiError::RateLimited { retry_after_secs }) => {
                assert!(
                    (3590..=3600).contains(&retry_after_secs),
                    "{retry_after_secs}"
                )
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(limits.take(&"b").is_ok(), "other keys are not affected");
    }

    #[test]
    fn refunds_give_attempts_back_and_check_spends_nothing() {
        let limits = bucket(2);
        for _ in 0..10 {
            limits.take(&"a").expect("right answers are refunded");
            limits.refund(&"a");
        }
        assert!(limits.check(&"a").is_ok());
        limits.take(&"a").expect("first failure");
        limits.take(&"a").expect("second failure");
        assert!(limits.check(&"a").is_err());
        limits.refund(&"a");
        assert!(limits.take(&"a").is_ok());
    }

    #[test]
    fn recovered_keys_are_forgotten() {
        let limits = Bucket::new(Limit::new(1, Duration::from_millis(1)));
        limits.take(&"a").expect("first");
        std::thread::sleep(Duration::from_millis(5));
        limits.tidy();
        assert!(limits.lock().arrivals.is_empty());
    }

    #[test]
    fn ipv6_addresses_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().expect("ip");
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().expect("ip");
        let c: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("ip");
        assert_eq!(
            address_key(mapped),
            "192.0.2.7".parse::<IpAddr>().expect("ip")
        );
    }
}
