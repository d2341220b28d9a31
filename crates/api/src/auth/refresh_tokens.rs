//! Opaque refresh tokens: random, stored hashed, single-use, rotated in families.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::schema::refresh_tokens as rt;
use crate::db::DbConn;
use crate::error::ApiError;
use crate::ids::new_id;

pub const REFRESH_TOKEN_DAYS: i64 = 30;

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
    /// An already-used token came back: its whole family has been revoked.
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

/// Stores a new token and returns its only plain copy. `family` is `None` for a new sign-in.
pub fn issue(
    conn: &mut DbConn,
    user_id: &str,
    family: Option<&str>,
    now: NaiveDateTime,
) -> Result<String, ApiError> {
    let token = random_token();
    let new_family = new_id();
    diesel::insert_into(rt::table)
        .values(NewToken {
            id: new_id(),
            user_id,
            family_id: family.unwrap_or(&new_family),
            token_hash: digest(&token),
            expires_at: now + Duration::days(REFRESH_TOKEN_DAYS),
            created_at: now,
        })
        .execute(conn)?;
    Ok(token)
}

/// Trades a refresh token for a new one of the same family. Run it in a write transaction
/// (`Db::write`) and commit even a detected reuse, so the revocation sticks.
pub fn rotate(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<Rotation, ApiError> {
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
    // The guard on used_at makes two racing uses of one token count as a reuse.
    let claimed = diesel::update(rt::table.find(&row.id).filter(rt::used_at.is_null()))
        .set(rt::used_at.eq(now))
        .execute(conn)?;
    if row.used_at.is_some() || claimed == 0 {
        revoke_family(conn, &row.family_id, now)?;
        return Ok(Rotation::ReuseDetected);
    }
    let token = issue(conn, &row.user_id, Some(&row.family_id), now)?;
    Ok(Rotation::Rotated {
        user_id: row.user_id,
        token,
    })
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
