//! Configuration from flags or environment variables (a `.env` file may set them).
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};
use rand::RngCore;

use ipnet::IpNet;

use crate::auth::bucket::Limit;
use crate::auth::client_ip::{ProxyConfig, ProxyHeader};
use crate::auth::throttle::ThrottleLimits;
use crate::schools::create::DEFAULT_TIME_ZONE;

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Where Hallpass keeps its SQLite database, JWT secret and uploads.
    #[arg(long, env = "HALLPASS_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; a file path or `sqlite://path` for SQLite.
    /// Default: `hallpass.sqlite3` in the data directory.
    #[arg(long, env = "HALLPASS_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    #[arg(long, env = "HALLPASS_DB_POOL_SIZE", default_value_t = 16)]
    pub pool_size: u32,
}

impl DbArgs {
    pub fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| self.data_dir.join("hallpass.sqlite3").display().to_string())
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    #[arg(long, env = "HALLPASS_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// HS256 secret, at least 32 bytes. Generated once and kept in the data directory when unset;
    /// several instances on one database must share one.
    #[arg(long, env = "HALLPASS_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// The built SPA (Trunk's `dist/`).
    #[arg(long, env = "HALLPASS_WEB_DIR", default_value = "dist")]
    pub web_dir: PathBuf,
    /// On an empty database: the school to create…
    #[arg(long, env = "HALLPASS_BOOTSTRAP_SCHOOL_NAME")]
    pub bootstrap_school_name: Option<String>,
    /// …its admin…
    #[arg(long, env = "HALLPASS_BOOTSTRAP_ADMIN_EMAIL")]
    pub bootstrap_admin_email: Option<String>,
    /// …and the admin's password. When unset, one is generated, printed once, and must be
    /// changed at first sign-in.
    #[arg(
        long,
        env = "HALLPASS_BOOTSTRAP_ADMIN_PASSWORD",
        hide_env_values = true
    )]
    pub bootstrap_admin_password: Option<String>,
    #[arg(long, env = "HALLPASS_BOOTSTRAP_TIME_ZONE", default_value = DEFAULT_TIME_ZONE)]
    pub bootstrap_time_zone: String,
    /// Seed a demo school on an empty database and print its sign-ins.
    #[arg(long, env = "HALLPASS_DEMO", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub demo: bool,
    /// With `--demo`: keep sending demo students out and back (see `hallpass simulate`).
    #[arg(long, env = "HALLPASS_SIMULATE", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub simulate: bool,
    /// Wrong sign-ins one client address may make at once (then 10 a second).
    #[arg(long, env = "HALLPASS_LOGIN_BURST_PER_IP", default_value_t = 100)]
    pub login_burst_per_ip: u32,
    /// Wrong sign-ins one account may take from one address at once (then one a minute).
    #[arg(long, env = "HALLPASS_LOGIN_BURST_PER_ACCOUNT", default_value_t = 10)]
    pub login_burst_per_account: u32,
    /// Parent sign-ups one client address may make at once (then one every 10 seconds).
    #[arg(long, env = "HALLPASS_SIGNUP_BURST_PER_IP", default_value_t = 30)]
    pub signup_burst_per_ip: u32,
    /// Invite codes one parent may try at once (then one every 10 minutes).
    #[arg(long, env = "HALLPASS_INVITE_BURST_PER_PARENT", default_value_t = 10)]
    pub invite_burst_per_parent: u32,
    /// Invite codes one client address may try at once (then one a minute).
    #[arg(long, env = "HALLPASS_INVITE_BURST_PER_IP", default_value_t = 30)]
    pub invite_burst_per_ip: u32,
    /// Live hallway streams one account may hold open on an instance; a newer one closes the
    /// oldest (a shared hallway display may need more).
    #[arg(long, env = "HALLPASS_STREAMS_PER_ACCOUNT", default_value_t = 10)]
    pub streams_per_account: usize,
    /// Behind a proxy you run: take the client address from the entry it appends to
    /// `X-Forwarded-For` (the rightmost), not from the connection.
    #[arg(long, env = "HALLPASS_TRUST_PROXY", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub trust_proxy: bool,
    /// With `--trust-proxy`: how many proxies append to the header (a CDN in front of a
    /// balancer is 2).
    #[arg(long, env = "HALLPASS_TRUSTED_PROXY_HOPS", default_value_t = 1)]
    pub trusted_proxy_hops: usize,
    /// With `--trust-proxy`: the proxies' own addresses or networks (`192.0.2.10,192.0.2.11`).
    /// Only requests from them are believed, and their entries in the header are skipped, so
    /// these must never include clients (a school's whole LAN, say).
    #[arg(long, env = "HALLPASS_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<String>,
    /// With `--trust-proxy`: the header the proxy writes, `x-forwarded-for` or RFC 7239
    /// `forwarded`.
    #[arg(long, env = "HALLPASS_PROXY_HEADER", value_enum, default_value_t = ProxyHeader::XForwardedFor)]
    pub proxy_header: ProxyHeader,
    /// HTTP worker threads; default: one per core.
    #[arg(long, env = "HALLPASS_WORKERS")]
    pub workers: Option<usize>,
    /// Seconds a worker holds a job without renewing it: how soon a job of an instance that
    /// died is taken again.
    #[arg(long, env = "HALLPASS_JOB_LEASE_SECONDS", default_value_t = 30)]
    pub job_lease_seconds: u64,
    /// The largest picture upload, in MB, counted as it arrives.
    #[arg(long, env = "HALLPASS_PICTURES_MAX_UPLOAD_MB", default_value_t = 2_000)]
    pub pictures_max_upload_mb: u64,
    /// The largest single picture file, in MB.
    #[arg(long, env = "HALLPASS_PICTURES_MAX_IMAGE_MB", default_value_t = 25)]
    pub pictures_max_image_mb: u64,
    /// The most pixels of a single picture, in millions (a 48 MP phone photo needs 48).
    #[arg(long, env = "HALLPASS_PICTURES_MAX_MEGAPIXELS", default_value_t = 50)]
    pub pictures_max_megapixels: u64,
    /// The largest roster file (CSV, XLSX or OneRoster zip), in MB.
    #[arg(long, env = "HALLPASS_ROSTERS_MAX_UPLOAD_MB", default_value_t = 200)]
    pub rosters_max_upload_mb: u64,
    /// The safety hold: a full sync that would archive more than this percent of its source's
    /// accounts waits for a confirmation.
    #[arg(long, env = "HALLPASS_ROSTERS_HOLD_PERCENT", default_value_t = 10)]
    pub rosters_hold_percent: u32,
    /// Let a school's OneRoster server be on a loopback or private address. Off by default:
    /// an admin of one school must not reach the installation's own network through it.
    #[arg(
        long,
        env = "HALLPASS_ONEROSTER_ALLOW_PRIVATE",
        default_value_t = false
    )]
    pub oneroster_allow_private: bool,
}

impl ServeArgs {
    pub fn picture_settings(&self) -> crate::pictures::PictureSettings {
        let mut settings = crate::pictures::PictureSettings::default();
        settings.upload.max_bytes = self.pictures_max_upload_mb.saturating_mul(1_000_000);
        settings.job.image.max_bytes = self.pictures_max_image_mb.saturating_mul(1_000_000);
        settings.job.image.max_pixels = self.pictures_max_megapixels.saturating_mul(1_000_000);
        settings
    }

    pub fn roster_settings(&self) -> crate::rosters::settings::RosterSettings {
        let mut settings = crate::rosters::settings::RosterSettings::default();
        settings.upload.max_bytes = self.rosters_max_upload_mb.saturating_mul(1_000_000);
        settings.hold_percent = self.rosters_hold_percent.min(100);
        settings.pull.allow_private_addresses = self.oneroster_allow_private;
        settings
    }

    pub fn throttle_limits(&self) -> ThrottleLimits {
        let defaults = ThrottleLimits::default();
        let burst = |limit: Limit, burst| Limit { burst, ..limit };
        ThrottleLimits {
            login_per_address: burst(defaults.login_per_address, self.login_burst_per_ip),
            login_per_account: burst(defaults.login_per_account, self.login_burst_per_account),
            signup_per_address: burst(defaults.signup_per_address, self.signup_burst_per_ip),
            invite_per_address: burst(defaults.invite_per_address, self.invite_burst_per_ip),
            invite_per_parent: burst(defaults.invite_per_parent, self.invite_burst_per_parent),
            streams_per_account: self.streams_per_account.max(1),
            ..defaults
        }
    }

    pub fn proxy(&self) -> anyhow::Result<ProxyConfig> {
        let networks = self
            .trusted_proxies
            .iter()
            .map(|entry| entry.trim())
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<std::net::IpAddr>().map(IpNet::from))
                    .with_context(|| {
                        format!("HALLPASS_TRUSTED_PROXIES: {entry:?} is not an address or network")
                    })
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(ProxyConfig {
            trust: self.trust_proxy,
            hops: self.trusted_proxy_hops.max(1),
            networks,
            header: self.proxy_header,
        })
    }

    /// The configured secret, or the one kept in the data directory (made on first start).
    pub fn jwt_secret(&self) -> anyhow::Result<Vec<u8>> {
        match &self.jwt_secret {
            Some(secret) if secret.len() < MIN_SECRET_BYTES => {
                bail!("HALLPASS_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes")
            }
            Some(secret) => Ok(secret.as_bytes().to_vec()),
            None => kept_secret(&self.db.data_dir.join("jwt-secret")),
        }
    }
}

/// The shortest HS256 key we accept, in bytes.
const MIN_SECRET_BYTES: usize = 32;

fn kept_secret(path: &Path) -> anyhow::Result<Vec<u8>> {
    match std::fs::read_to_string(path) {
        Ok(existing) => return checked_kept_secret(path, existing.trim()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).with_context(|| format!("reading {}", path.display())),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    match write_new_file_atomically(path, &secret) {
        Ok(()) => {
            tracing::info!(path = %path.display(), "generated a JWT secret");
            Ok(secret.into_bytes())
        }
        // Another process made it first: use theirs.
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            let existing = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            checked_kept_secret(path, existing.trim())
        }
        Err(err) => Err(err).with_context(|| format!("writing {}", path.display())),
    }
}

fn checked_kept_secret(path: &Path, secret: &str) -> anyhow::Result<Vec<u8>> {
    if secret.len() < MIN_SECRET_BYTES {
        bail!(
            "the JWT secret in {} has {} bytes, fewer than {MIN_SECRET_BYTES}; delete the file to \
             generate a new one (everyone signs in again) or set HALLPASS_JWT_SECRET",
            path.display(),
            secret.len()
        );
    }
    Ok(secret.as_bytes().to_vec())
}

/// Writes `contents` to a private temporary file, flushes it to disk, then links it at
/// `path` only if nothing is there: a crash leaves either no secret or the whole one, never
/// an empty or partial file that would be read as a weak key.
fn write_new_file_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let temporary = path.with_extension(format!("tmp-{:016x}", rand::random::<u64>()));
    let written = (|| {
        let mut file = private_file(&temporary)?;
        file.write_all(contents.as_bytes())?;
        file.sync_all()?;
        std::fs::hard_link(&temporary, path)?;
        if let Some(dir) = path.parent() {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_file(&temporary);
    written
}

/// A new file, never an existing one (nor one a planted link points to).
#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}
