//! The server's attempt limits: who may try what, how often. Each instance keeps its own.
//!
//! Guesses (passwords, room codes, PINs) count only when wrong: an attempt is spent before the
//! check and given back when the answer was right. Codes and sign-ups that cost nothing to
//! look up count every try. Text keys (emails, ids) are kept as 64-bit keyed hashes, so a flood
//! of long made-up emails costs the bucket no more than short ones.
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Duration;

use super::bucket::{address_key, Bucket, Limit};
use crate::error::ApiError;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Wrong sign-ins per client address. A whole school can sit behind one address; an
    /// address that signed in to an account before is not held to it for that account.
    pub login_per_address: Limit,
    /// Wrong sign-ins per account and client address, so that an attacker elsewhere cannot
    /// keep a teacher from signing in at school.
    pub login_per_account: Limit,
    /// Wrong sign-ins per account from addresses it never signed in from: guessing spread over
    /// many addresses. The account's own known addresses still get in.
    pub login_per_account_anywhere: Limit,
    /// Parent sign-ups per client address and per email: their own buckets, so that sign-ups
    /// for a staff email cannot spend that account's sign-ins.
    pub signup_per_address: Limit,
    pub signup_per_email: Limit,
    /// Invite codes tried per client address and per parent (every try counts: a limit only
    /// wrong codes spent would have to let a blocked guesser's lucky guess through).
    pub invite_per_address: Limit,
    pub invite_per_parent: Limit,
    /// Wrong current passwords per user, at `POST /me/password`.
    pub password_change: Limit,
    /// PIN changes per user (each one hashes).
    pub pin_change: Limit,
    /// Wrong room codes and PINs per student and per pass: a 4-digit PIN must not be walked.
    pub code_per_student: Limit,
    pub code_per_pass: Limit,
    /// Wrong PINs per room, whoever types them: students together must not walk it either.
    pub pin_per_room: Limit,
    /// Live event streams one account may hold open on an instance: a few tabs and devices
    /// (more for a shared hallway-display account).
    pub streams_per_account: usize,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            login_per_address: Limit::new(100, SECOND / 10),
            login_per_account: Limit::new(10, MINUTE),
            login_per_account_anywhere: Limit::new(100, SECOND * 36),
            signup_per_address: Limit::new(30, SECOND * 10),
            signup_per_email: Limit::new(3, MINUTE * 10),
            invite_per_address: Limit::new(30, MINUTE),
            invite_per_parent: Limit::new(10, MINUTE * 10),
            password_change: Limit::new(5, MINUTE),
            pin_change: Limit::new(5, MINUTE * 10),
            code_per_student: Limit::new(5, MINUTE * 5),
            code_per_pass: Limit::new(5, MINUTE),
            pin_per_room: Limit::new(20, MINUTE * 15),
            streams_per_account: 10,
        }
    }
}

/// A 64-bit key for a text, keyed per process so that nobody can aim at a collision.
type Key = u64;

pub struct Throttles {
    hasher: RandomState,
    login_address: Bucket<IpAddr>,
    login_account: Bucket<(Key, Option<IpAddr>)>,
    login_anywhere: Bucket<Key>,
    known: KnownAddresses,
    signup_address: Bucket<IpAddr>,
    signup_email: Bucket<Key>,
    invite_address: Bucket<IpAddr>,
    invite_parent: Bucket<Key>,
    password_change: Bucket<Key>,
    pin_change: Bucket<Key>,
    code_student: Bucket<Key>,
    code_pass: Bucket<Key>,
    pin_room: Bucket<Key>,
    streams_per_account: usize,
}

/// What a sign-in attempt spent, to give back when the password was right.
#[derive(Clone, Copy)]
pub struct LoginAttempt {
    account: Key,
    ip: Option<IpAddr>,
    known: bool,
}

impl Throttles {
    pub fn new(limits: ThrottleLimits) -> Self {
        Self {
            hasher: RandomState::new(),
            login_address: Bucket::new(limits.login_per_address),
            login_account: Bucket::new(limits.login_per_account),
            login_anywhere: Bucket::new(limits.login_per_account_anywhere),
            known: KnownAddresses::default(),
            signup_address: Bucket::new(limits.signup_per_address),
            signup_email: Bucket::new(limits.signup_per_email),
            invite_address: Bucket::new(limits.invite_per_address),
            invite_parent: Bucket::new(limits.invite_per_parent),
            password_change: Bucket::new(limits.password_change),
            pin_change: Bucket::new(limits.pin_change),
            code_student: Bucket::new(limits.code_per_student),
            code_pass: Bucket::new(limits.code_per_pass),
            pin_room: Bucket::new(limits.pin_per_room),
            streams_per_account: limits.streams_per_account,
        }
    }

    fn key(&self, text: &str) -> Key {
        self.hasher.hash_one(text)
    }

    /// Before checking a password for `account` (its email key) from `ip`; give it back with
    /// [`Self::login_succeeded`].
    pub fn login_attempt(
        &self,
        ip: Option<IpAddr>,
        account: &str,
    ) -> Result<LoginAttempt, ApiError> {
        let ip = ip.map(address_key);
        let account = self.key(account);
        let known = ip.is_some_and(|ip| self.known.contains(account, ip));
        if let (Some(ip), false) = (ip, known) {
            self.login_address.take(&ip)?;
        }
        self.login_account.take(&(account, ip))?;
        if !known {
            self.login_anywhere.take(&account)?;
        }
        Ok(LoginAttempt { account, ip, known })
    }

    /// The password was right: the attempt is given back, and the address is known for the
    /// account from now on.
    pub fn login_succeeded(&self, attempt: LoginAttempt) {
        let LoginAttempt { account, ip, known } = attempt;
        self.login_account.refund(&(account, ip));
        if !known {
            self.login_anywhere.refund(&account);
            if let Some(ip) = ip {
                self.login_address.refund(&ip);
                self.known.insert(account, ip);
            }
        }
    }

    pub fn signup_attempt(&self, ip: Option<IpAddr>, email: &str) -> Result<(), ApiError> {
        if let Some(ip) = ip {
            self.signup_address.take(&address_key(ip))?;
        }
        self.signup_email.take(&self.key(email))
    }

    pub fn invite_attempt(&self, ip: Option<IpAddr>, parent_id: &str) -> Result<(), ApiError> {
        if let Some(ip) = ip {
            self.invite_address.take(&address_key(ip))?;
        }
        self.invite_parent.take(&self.key(parent_id))
    }

    /// Before checking `user_id`'s current password; give it back with
    /// [`Self::password_change_succeeded`].
    pub fn password_change_attempt(&self, user_id: &str) -> Result<(), ApiError> {
        self.password_change.take(&self.key(user_id))
    }

    pub fn password_change_succeeded(&self, user_id: &str) {
        self.password_change.refund(&self.key(user_id));
    }

    pub fn pin_change_attempt(&self, user_id: &str) -> Result<(), ApiError> {
        self.pin_change.take(&self.key(user_id))
    }

    /// Before checking a room code or PIN that `student_id` gave to end `pass_id`; give it
    /// back with [`Self::code_succeeded`].
    pub fn code_attempt(&self, student_id: &str, pass_id: &str) -> Result<(), ApiError> {
        self.code_student.take(&self.key(student_id))?;
        self.code_pass.take(&self.key(pass_id))
    }

    pub fn code_succeeded(&self, student_id: &str, pass_id: &str) {
        self.code_student.refund(&self.key(student_id));
        self.code_pass.refund(&self.key(pass_id));
    }

    /// Whether the student may try another code or PIN now (`429` with the wait when not).
    pub fn code_check(&self, student_id: &str) -> Result<(), ApiError> {
        self.code_student.check(&self.key(student_id))
    }

    /// Before checking a PIN typed to end a pass in `room_id`; give it back with
    /// [`Self::pin_succeeded`].
    pub fn pin_attempt(&self, room_id: &str) -> Result<(), ApiError> {
        self.pin_room.take(&self.key(room_id))
    }

    pub fn pin_succeeded(&self, room_id: &str) {
        self.pin_room.refund(&self.key(room_id));
    }

    /// Whether the room takes PINs now (`429` with the wait when too many were wrong).
    pub fn pin_check(&self, room_id: &str) -> Result<(), ApiError> {
        self.pin_room.check(&self.key(room_id))
    }

    pub fn streams_per_account(&self) -> usize {
        self.streams_per_account
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn tidy(&self) {
        self.login_address.tidy();
        self.login_account.tidy();
        self.login_anywhere.tidy();
        self.signup_address.tidy();
        self.signup_email.tidy();
        self.invite_address.tidy();
        self.invite_parent.tidy();
        self.password_change.tidy();
        self.pin_change.tidy();
        self.code_student.tidy();
        self.code_pass.tidy();
        self.pin_room.tidy();
    }
}

/// The addresses each account signed in from, a few each, so that its owner still gets in
/// while guesses from everywhere else are held off.
#[derive(Default)]
struct KnownAddresses(Mutex<HashMap<Key, Vec<IpAddr>>>);

/// Addresses remembered per account; the oldest gives way.
const KNOWN_PER_ACCOUNT: usize = 4;
/// Accounts remembered; past it the memory starts over (only right passwords add to it).
const KNOWN_ACCOUNTS: usize = 200_000;

impl KnownAddresses {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Vec<IpAddr>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn contains(&self, account: Key, ip: IpAddr) -> bool {
        self.lock()
            .get(&account)
            .is_some_and(|known| known.contains(&ip))
    }

    fn insert(&self, account: Key, ip: IpAddr) {
        let mut accounts = self.lock();
        if accounts.len() >= KNOWN_ACCOUNTS && !accounts.contains_key(&account) {
            accounts.clear();
        }
        let known = accounts.entry(account).or_default();
        if !known.contains(&ip) {
            if known.len() == KNOWN_PER_ACCOUNT {
                known.remove(0);
            }
            known.push(ip);
        }
    }
}
