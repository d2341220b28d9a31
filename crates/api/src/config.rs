//! Configuration from flags or environment variables (a `.env` file may set them).
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::builder::BoolishValueParser;
use clap::{ArgAction, Args};
use rand::RngCore;

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
    /// Sign-in attempts one client address may make at once (then 10 a second).
    #[arg(long, env = "HALLPASS_LOGIN_BURST_PER_IP", default_value_t = 100)]
    pub login_burst_per_ip: u32,
    /// Sign-in attempts one account may take at once (then one a minute).
    #[arg(long, env = "HALLPASS_LOGIN_BURST_PER_ACCOUNT", default_value_t = 10)]
    pub login_burst_per_account: u32,
    /// Invite codes one parent may try at once (then one every 10 minutes).
    #[arg(long, env = "HALLPASS_INVITE_BURST_PER_PARENT", default_value_t = 10)]
    pub invite_burst_per_parent: u32,
    /// Invite codes one client address may try at once (then one a minute).
    #[arg(long, env = "HALLPASS_INVITE_BURST_PER_IP", default_value_t = 30)]
    pub invite_burst_per_ip: u32,
    /// Take the client address from `X-Forwarded-For`: only behind a proxy you run.
    #[arg(long, env = "HALLPASS_TRUST_PROXY", action = ArgAction::SetTrue, value_parser = BoolishValueParser::new())]
    pub trust_proxy: bool,
    /// HTTP worker threads; default: one per core.
    #[arg(long, env = "HALLPASS_WORKERS")]
    pub workers: Option<usize>,
}

impl ServeArgs {
    pub fn throttle(&self) -> ThrottleLimits {
        ThrottleLimits {
            ip_burst: self.login_burst_per_ip,
            ip_period: std::time::Duration::from_millis(100),
            account_burst: self.login_burst_per_account,
            account_period: std::time::Duration::from_secs(60),
        }
    }

    /// Every try counts, right or wrong: a limit that only wrong codes spent would have to let a
    /// blocked guesser's lucky guess through, or look the code up first.
    pub fn invite_throttle(&self) -> ThrottleLimits {
        ThrottleLimits {
            ip_burst: self.invite_burst_per_ip,
            ip_period: std::time::Duration::from_secs(60),
            account_burst: self.invite_burst_per_parent,
            account_period: std::time::Duration::from_secs(600),
        }
    }

    /// The configured secret, or the one kept in the data directory (made on first start).
    pub fn jwt_secret(&self) -> anyhow::Result<Vec<u8>> {
        match &self.jwt_secret {
            Some(secret) if secret.len() < 32 => {
                bail!("HALLPASS_JWT_SECRET must be at least 32 bytes")
            }
            Some(secret) => Ok(secret.as_bytes().to_vec()),
            None => kept_secret(&self.db.data_dir.join("jwt-secret")),
        }
    }
}

fn kept_secret(path: &Path) -> anyhow::Result<Vec<u8>> {
    if let Ok(existing) = std::fs::read_to_string(path) {
        return Ok(existing.trim().as_bytes().to_vec());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    write_private(path, &secret).with_context(|| format!("writing {}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a JWT secret");
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
