//! `TestApp`: the real server on a free port against a fresh database, with a school,
//! a second school, and helpers to add an account of any role and sign it in.
use std::net::TcpListener;
use std::sync::{Arc, OnceLock};

use chrono::Utc;
use diesel::prelude::*;
use hallpass_api::auth::jwt::AccessTokens;
use hallpass_api::auth::password;
use hallpass_api::auth::refresh_tokens::SuccessorKey;
use hallpass_api::auth::throttle::{LoginThrottle, ThrottleLimits};
use hallpass_api::clock::Clock;
use hallpass_api::db::schema::users;
use hallpass_api::db::Db;
use hallpass_api::events::postgres::bridge_if_postgres;
use hallpass_api::schools::create::{create_school, NewSchool};
use hallpass_api::server::{serve, ServerOptions};
use hallpass_api::state::AppState;
use hallpass_api::users::queries::{insert, set_acts_for, NewAccount};
use hallpass_shared::user::Role;
use serde_json::json;

use super::client::{Api, Reply};
use super::database::{Backend, TestDatabase};

pub const JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long";
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Account {
    pub id: String,
    pub email: String,
    pub password: String,
}

pub struct School {
    pub id: String,
    pub admin: Account,
}

pub struct TestApp {
    pub backend: Backend,
    pub api: Api,
    pub db: Db,
    pub school: School,
    pub other_school: School,
    /// The server's clock: tests move it instead of sleeping.
    pub clock: Arc<Clock>,
    /// Dropped before the database: see `Instance`'s `Drop`.
    _instance: Instance,
    _database: TestDatabase,
}

/// One server: the HTTP API, its expiry sweep and, on PostgreSQL, its event bridge.
pub struct Instance {
    pub api: Api,
    sweeper: tokio::task::JoinHandle<()>,
    bridge: Option<tokio::task::JoinHandle<()>>,
}

impl Instance {
    fn start(db: &Db, url: &str, clock: Arc<Clock>, options: &Options) -> Self {
        let state = AppState {
            db: db.clone(),
            tokens: AccessTokens::new(JWT_SECRET.as_bytes()),
            refresh_successors: SuccessorKey::new(JWT_SECRET.as_bytes()),
            throttle: Arc::new(LoginThrottle::new(options.throttle)),
            invite_throttle: Arc::new(LoginThrottle::new(options.invite_throttle)),
            trust_proxy: false,
            clock: clock.clone(),
            events: Arc::default(),
            hallway: Arc::default(),
            accounts: Arc::default(),
        };
        let bus = state.events.clone();
        let bridge = bridge_if_postgres(&bus, db, url);
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("address").port();
        let server_options = ServerOptions {
            web_dir: "/nonexistent".into(),
            workers: Some(1),
        };
        tokio::spawn(serve(listener, state, server_options).expect("server"));
        // The same sweep the server runs, often, on the test clock.
        let sweeper = hallpass_api::passes::expiry::spawn(
            db.clone(),
            clock,
            bus,
            std::time::Duration::from_millis(50),
        );
        Self {
            api: Api {
                base: format!("http://127.0.0.1:{port}"),
                http: reqwest::Client::new(),
                token: None,
            },
            sweeper,
            bridge,
        }
    }
}

impl Drop for Instance {
    /// Before the database goes: a sweep blocked on a dropped database would hold the test's
    /// runtime (which waits for blocking work) until the pool's time-out.
    fn drop(&mut self) {
        self.sweeper.abort();
        if let Some(bridge) = &self.bridge {
            bridge.abort();
        }
    }
}

fn shared_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_blocking(PASSWORD).expect("hash"))
        .clone()
}

pub struct Options {
    pub throttle: ThrottleLimits,
    pub invite_throttle: ThrottleLimits,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            throttle: throttle_limits(1000, 1000),
            invite_throttle: throttle_limits(1000, 1000),
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, Options::default()).await
    }

    pub async fn spawn_with(backend: Backend, options: Options) -> Self {
        let (database, db, school, other_school) = tokio::task::spawn_blocking(move || {
            let database = TestDatabase::create(backend);
            let db = Db::open(&database.url, 8).expect("open the test database");
            let school = add_school(&db, "Roosevelt High", "admin@roosevelt.test");
            let other_school = add_school(&db, "Jefferson Middle", "admin@jefferson.test");
            (database, db, school, other_school)
        })
        .await
        .expect("set up the database");

        let clock = Arc::new(Clock::default());
        let instance = Instance::start(&db, &database.url, clock.clone(), &options);
        Self {
            backend,
            api: instance.api.clone(),
            db,
            school,
            other_school,
            clock,
            _instance: instance,
            _database: database,
        }
    }

    /// Another server on the same database, as a second `hallpass serve` process would be.
    pub async fn second_instance(&self) -> Instance {
        let db = self.db.clone();
        let url = self._database.url.clone();
        let clock = self.clock.clone();
        tokio::task::spawn_blocking(move || {
            let db = Db::open(&url, 4).expect("open the database again");
            (db, url)
        })
        .await
        .map(|(db, url)| Instance::start(&db, &url, clock, &Options::default()))
        .unwrap_or_else(|_| panic!("second instance on {:?}", db.backend()))
    }

    /// Adds an active account with a known password to `school_id`.
    pub fn add(&self, role: Role, school_id: &str) -> Account {
        self.add_account(role, Some(school_id))
    }

    /// A parent account (of no school), linked to nobody yet.
    pub fn add_parent(&self) -> Account {
        self.add_account(Role::Parent, None)
    }

    /// The student's current invite code, read from the database.
    pub fn invite_code(&self, student_id: &str) -> String {
        let id = student_id.to_owned();
        self.db
            .run_blocking(move |conn| {
                Ok(users::table
                    .find(&id)
                    .select(users::invite_code)
                    .first::<Option<String>>(conn)?)
            })
            .expect("read the invite code")
            .expect("a student has an invite code")
    }

    fn add_account(&self, role: Role, school_id: Option<&str>) -> Account {
        let email = format!("{}-{}@example.test", role, uuid::Uuid::now_v7().simple());
        let hash = shared_hash();
        let row = self
            .db
            .run_blocking(|conn| {
                insert(
                    conn,
                    NewAccount {
                        school_id,
                        role,
                        first_name: "Test",
                        last_name: role.as_str(),
                        email: Some(&email),
                        school_identifier: None,
                        grade: None,
                        password_hash: Some(hash),
                        must_change_password: false,
                    },
                    Utc::now().naive_utc(),
                )
            })
            .expect("insert account");
        Account {
            id: row.id,
            email,
            password: PASSWORD.to_owned(),
        }
    }

    /// An assistant acting for a new teacher of the same school.
    pub fn add_assistant(&self, school_id: &str) -> Account {
        let teacher = self.add(Role::Teacher, school_id);
        let assistant = self.add(Role::Assistant, school_id);
        self.db
            .run_blocking(|conn| {
                set_acts_for(conn, &assistant.id, std::slice::from_ref(&teacher.id))
            })
            .expect("acts_for");
        assistant
    }

    pub fn set_column_status(&self, user_id: &str, status: &str) {
        let (id, status) = (user_id.to_owned(), status.to_owned());
        self.db
            .run_blocking(move |conn| {
                Ok(diesel::update(users::table.find(&id))
                    .set(users::status.eq(&status))
                    .execute(conn)?)
            })
            .expect("set status");
    }

    pub fn set_must_change_password(&self, user_id: &str) {
        let id = user_id.to_owned();
        self.db
            .run_blocking(move |conn| {
                Ok(diesel::update(users::table.find(&id))
                    .set(users::must_change_password.eq(true))
                    .execute(conn)?)
            })
            .expect("set must_change_password");
    }

    pub fn anon(&self) -> Api {
        self.api.clone()
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.api
            .post(
                "/auth/login",
                json!({ "email": email, "password": password }),
            )
            .await
    }

    /// Signs in and returns a client carrying the access token, and the whole session.
    pub async fn sign_in(&self, account: &Account) -> (Api, serde_json::Value) {
        let session = self
            .login(&account.email, &account.password)
            .await
            .expect(200)
            .body;
        let token = session["access_token"].as_str().expect("access_token");
        (self.api.with_token(token), session)
    }

    pub async fn as_user(&self, account: &Account) -> Api {
        self.sign_in(account).await.0
    }
}

fn add_school(db: &Db, name: &str, admin_email: &str) -> School {
    let created = create_school(
        db,
        &NewSchool {
            name,
            time_zone: "America/Chicago",
            admin_email,
            admin_password: Some(PASSWORD),
        },
    )
    .expect("create school");
    School {
        id: created.school.id,
        admin: Account {
            id: created.admin.id,
            email: admin_email.to_owned(),
            password: PASSWORD.to_owned(),
        },
    }
}

/// Limits whose periods are long enough that nothing recovers during a test.
pub fn throttle_limits(ip_burst: u32, account_burst: u32) -> ThrottleLimits {
    let hour = std::time::Duration::from_secs(3600);
    ThrottleLimits {
        ip_burst,
        ip_period: hour,
        account_burst,
        account_period: hour,
    }
}
