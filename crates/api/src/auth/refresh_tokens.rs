//! Opaque refresh tokens: stored hashed, single-use, rotated in families.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::schema::refresh_tokens as rt;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::ids::new_id;

pub const REFRESH_TOKEN_DAYS: i64 = 30;
/// How long after its rotation a refresh token may be presented again and get the same answer:
/// the answer may have been lost (the page reloaded while the request was out), or another tab
/// read the token before it changed (localStorage reaches other tabs a moment late). Later, or
/// once that answer has been used, presenting it again counts as reuse. The refresh route's
/// documentation (and so openapi.yaml) names this value.
pub const REUSE_INTERVAL_SECONDS: i64 = 10;

#[derive(Insertable)]
#[diesel(table_name = rt)]
struct NewToken<'a> {
    id: String,
    user_id: &'a str,
    family_id: &'a str,
    token_hash: String,
    expires_at: NaiveDateTime,
    created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = rt)]
struct TokenRow {
    id: String,
    user_id: String,
    family_id: String,
    expires_at: NaiveDateTime,
    used_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

pub enum Rotation {
    Rotated {
        user_id: String,
        token: String,
    },
    /// Unknown, expired or revoked.
    Refused,
    /// An already-used token came back after the reuse interval, or after its successor was
    /// used: its whole family has been revoked.
    ReuseDetected,
}

/// 256 random bits, URL-safe: refresh tokens and room secrets.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// How a token is stored: its SHA-256, in hex.
pub fn digest(token: &str) -> String {
    let hash = Sha256::digest(token.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// Makes the token that replaces a refresh token at rotation: an HMAC of the old token, so that
/// presenting the old token again can be answered with the same successor, which is stored
/// hashed like every other token.
#[derive(Clone)]
pub struct SuccessorKey(Hmac<Sha256>);

impl SuccessorKey {
    /// From the server secret; the label keeps these MACs apart from anything else it signs.
    pub fn new(secret: &[u8]) -> Self {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(b"hallpass refresh token successor\0");
        Self(mac)
    }

    fn successor(&self, token: &str) -> String {
        let mut mac = self.0.clone();
        mac.update(token.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }
}

/// Stores a new token and returns its only plain copy. `family` is `None` for a new sign-in.
pub fn issue(
    conn: &mut DbConn,
    user_id: &str,
    family: Option<&str>,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let token = random_token();
    store(conn, &token, user_id, family.unwrap_or(&new_id()), now)?;
    Ok(token)
}

fn store(
    conn: &mut DbConn,
    token: &str,
    user_id: &str,
    family_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::insert_into(rt::table)
        .values(NewToken {
            id: new_id(),
            user_id,
            family_id,
            token_hash: digest(token),
            expires_at: now + Duration::days(REFRESH_TOKEN_DAYS),
            created_at: now,
        })
        .execute(conn)?;
    Ok(())
}

/// Trades a refresh token for its successor in the same family. Run it in a write transaction
/// (`Db::write`) and commit even a detected reuse, so the revocation sticks.
pub fn rotate(
    conn: &mut DbConn,
    key: &SuccessorKey,
    token: &str,
    now: NaiveDateTime,
) -> Result<Rotation, ApiError> {
    let Some(row) = rt::table
        .filter(rt::token_hash.eq(digest(token)))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(Rotation::Refused);
    };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Ok(Rotation::Refused);
    }
    let successor = key.successor(token);
    // The guard on used_at lets only one of two racing uses rotate; the other is a second use.
    let claimed = diesel::update(rt::table.find(&row.id).filter(rt::used_at.is_null()))
        .set(rt::used_at.eq(now))
        .execute(conn)?;
    if claimed == 1 {
        store(conn, &successor, &row.user_id, &row.family_id, now)?;
    } else {
        // Unset when a racing use claimed the token after we read it: it rotated just now.
        let rotated_at = row.used_at.unwrap_or(now);
        let retry = now - rotated_at <= Duration::seconds(REUSE_INTERVAL_SECONDS)
            && is_unused(conn, &successor)?;
        if !retry {
            revoke_family(conn, &row.family_id, now)?;
            return Ok(Rotation::ReuseDetected);
        }
    }
    Ok(Rotation::Rotated {
        user_id: row.user_id,
        token: successor,
    })
}

fn is_unused(conn: &mut DbConn, token: &str) -> Result<bool, ApiError> {
    let unused: i64 = rt::table
        .filter(rt::token_hash.eq(digest(token)))
        .filter(rt::used_at.is_null())
        .filter(rt::revoked_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(unused > 0)
}

fn revoke_family(conn: &mut DbConn, family_id: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    diesel::update(
        rt::table
            .filter(rt::family_id.eq(family_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Sign-out: revokes the family of `token`. Unknown tokens are ignored.
pub fn revoke(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<(), ApiError> {
    let family: Option<String> = rt::table
        .filter(rt::token_hash.eq(digest(token)))
        .select(rt::family_id)
        .first(conn)
        .optional()?;
    if let Some(family) = family {
        revoke_family(conn, &family, now)?;
    }
    Ok(())
}

/// Revokes every session of a user (after a password change or reset).
pub fn revoke_all_of_user(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> Result<(), ApiError> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now))
    .execute(conn)?;
    Ok(())
}

/// Housekeeping: expired tokens are worthless and only grow the table.
pub fn delete_expired(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize, ApiError> {
    Ok(diesel::delete(rt::table.filter(rt::expires_at.le(now))).execute(conn)?)
}
