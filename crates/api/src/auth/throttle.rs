//! The server's attempt limits: who may try what, how often. Each instance keeps its own.
//!
//! Guesses (passwords, room codes, PINs) count only when wrong: an attempt is spent before the
//! check and given back when the answer was right. Codes and sign-ups that cost nothing to
//! look up count every try.
use std::net::IpAddr;
use std::time::Duration;

use super::bucket::{address_key, Bucket, Limit};
use crate::error::ApiError;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Wrong sign-ins per client address. A whole school can sit behind one address.
    pub login_per_address: Limit,
    /// Wrong sign-ins per account and client address, so that an attacker elsewhere cannot
    /// keep a teacher from signing in at school.
    pub login_per_account: Limit,
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
    /// Wrong room codes and PINs per student and per pass: a 4-digit PIN must not be walked.
    pub code_per_student: Limit,
    pub code_per_pass: Limit,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        Self {
            login_per_address: Limit::new(100, SECOND / 10),
            login_per_account: Limit::new(10, MINUTE),
            signup_per_address: Limit::new(30, SECOND * 10),
            signup_per_email: Limit::new(3, MINUTE * 10),
            invite_per_address: Limit::new(30, MINUTE),
            invite_per_parent: Limit::new(10, MINUTE * 10),
            password_change: Limit::new(5, MINUTE),
            code_per_student: Limit::new(5, MINUTE * 5),
            code_per_pass: Limit::new(5, MINUTE),
        }
    }
}

pub struct Throttles {
    login_address: Bucket<IpAddr>,
    login_account: Bucket<(String, Option<IpAddr>)>,
    signup_address: Bucket<IpAddr>,
    signup_email: Bucket<String>,
    invite_address: Bucket<IpAddr>,
    invite_parent: Bucket<String>,
    password_change: Bucket<String>,
    code_student: Bucket<String>,
    code_pass: Bucket<String>,
}

impl Throttles {
    pub fn new(limits: ThrottleLimits) -> Self {
        Self {
            login_address: Bucket::new(limits.login_per_address),
            login_account: Bucket::new(limits.login_per_account),
            signup_address: Bucket::new(limits.signup_per_address),
            signup_email: Bucket::new(limits.signup_per_email),
            invite_address: Bucket::new(limits.invite_per_address),
            invite_parent: Bucket::new(limits.invite_per_parent),
            password_change: Bucket::new(limits.password_change),
            code_student: Bucket::new(limits.code_per_student),
            code_pass: Bucket::new(limits.code_per_pass),
        }
    }

    /// Before checking a password for `account` (its email key) from `ip`; give it back with
    /// [`Self::login_succeeded`].
    pub fn login_attempt(&self, ip: Option<IpAddr>, account: &str) -> Result<(), ApiError> {
        let ip = ip.map(address_key);
        take_both(
            ip.as_ref().map(|ip| (&self.login_address, ip)),
            (&self.login_account, &(account.to_owned(), ip)),
        )
    }

    pub fn login_succeeded(&self, ip: Option<IpAddr>, account: &str) {
        let ip = ip.map(address_key);
        if let Some(ip) = ip {
            self.login_address.refund(&ip);
        }
        self.login_account.refund(&(account.to_owned(), ip));
    }

    pub fn signup_attempt(&self, ip: Option<IpAddr>, email: &str) -> Result<(), ApiError> {
        let ip = ip.map(address_key);
        take_both(
            ip.as_ref().map(|ip| (&self.signup_address, ip)),
            (&self.signup_email, &email.to_owned()),
        )
    }

    pub fn invite_attempt(&self, ip: Option<IpAddr>, parent_id: &str) -> Result<(), ApiError> {
        let ip = ip.map(address_key);
        take_both(
            ip.as_ref().map(|ip| (&self.invite_address, ip)),
            (&self.invite_parent, &parent_id.to_owned()),
        )
    }

    /// Before checking `user_id`'s current password; give it back with
    /// [`Self::password_change_succeeded`].
    pub fn password_change_attempt(&self, user_id: &str) -> Result<(), ApiError> {
        self.password_change.take(&user_id.to_owned())
    }

    pub fn password_change_succeeded(&self, user_id: &str) {
        self.password_change.refund(&user_id.to_owned());
    }

    /// Before checking a room code or PIN that `student_id` gave to end `pass_id`; give it
    /// back with [`Self::code_succeeded`].
    pub fn code_attempt(&self, student_id: &str, pass_id: &str) -> Result<(), ApiError> {
        take_both(
            Some((&self.code_student, &student_id.to_owned())),
            (&self.code_pass, &pass_id.to_owned()),
        )
    }

    pub fn code_succeeded(&self, student_id: &str, pass_id: &str) {
        self.code_student.refund(&student_id.to_owned());
        self.code_pass.refund(&pass_id.to_owned());
    }

    /// Whether the student may try another code or PIN now (`429` with the wait when not).
    pub fn code_check(&self, student_id: &str) -> Result<(), ApiError> {
        self.code_student.check(&student_id.to_owned())
    }

    /// Forgets keys whose limits have fully recovered, so memory stays bounded.
    pub fn tidy(&self) {
        self.login_address.tidy();
        self.login_account.tidy();
        self.signup_address.tidy();
        self.signup_email.tidy();
        self.invite_address.tidy();
        self.invite_parent.tidy();
        self.password_change.tidy();
        self.code_student.tidy();
        self.code_pass.tidy();
    }
}

/// Takes an attempt from the first bucket, then from the second. One the second refuses still
/// counts in the first: hammering a blocked account spends the address's limit too.
fn take_both<A, B>(
    first: Option<(&Bucket<A>, &A)>,
    second: (&Bucket<B>, &B),
) -> Result<(), ApiError>
where
    A: std::hash::Hash + Eq + Clone,
    B: std::hash::Hash + Eq + Clone,
{
    if let Some((bucket, key)) = first {
        bucket.take(key)?;
    }
    let (bucket, key) = second;
    bucket.take(key)
}
