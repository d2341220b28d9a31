//! `TestApp`: the real server on a free port against a fresh database, with a school,
//! a second school, and helpers to add an account of any role and sign it in.
use std::net::TcpListener;
use std::sync::{Arc, OnceLock};

use chrono::Utc;
use diesel::prelude::*;
use hallpass_api::auth::bucket::Limit;
use hallpass_api::auth::client_ip::ProxyConfig;
use hallpass_api::auth::password;
use hallpass_api::auth::throttle::ThrottleLimits;
use hallpass_api::clock::Clock;
use hallpass_api::db::schema::users;
use hallpass_api::db::Db;
use hallpass_api::schools::create::{create_school, NewSchool};
use hallpass_api::server::{serve, ServerOptions};
use hallpass_api::start::Background;
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
    /// Dropped before the database: see `Background`'s `Drop`.
    _instance: Instance,
    _database: TestDatabase,
}

/// One server: the HTTP API and the tasks every instance runs beside it.
pub struct Instance {
    pub api: Api,
    _background: Background,
}

impl Instance {
    fn start(db: &Db, url: &str, clock: Arc<Clock>, options: &Options) -> Self {
        let mut state = AppState::new(
            db.clone(),
            JWT_SECRET.as_bytes(),
            options.limits,
            options.proxy.clone(),
        );
        state.clock = clock;
        state.rosters.pull.allow_private_addresses = true;
        state.rosters.pull.max_wait = std::time::Duration::from_secs(2);
        state.rosters.pull.page_size = 5;
        state.rosters.look_every = std::time::Duration::from_millis(100);
        // The same sweep the server runs, often, on the test clock.
        let background = Background::start(&state, url, std::time::Duration::from_millis(50));
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("address").port();
        let server_options = ServerOptions {
            web_dir: "/nonexistent".into(),
            workers: Some(1),
        };
        tokio::spawn(serve(listener, state, server_options).expect("server"));
        Self {
            api: Api {
                base: format!("http://127.0.0.1:{port}"),
                http: reqwest::Client::new(),
                token: None,
                headers: Vec::new(),
            },
            _background: background,
        }
    }
}

fn shared_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| password::hash_blocking(PASSWORD).expect("hash"))
        .clone()
}

pub struct Options {
    pub limits: ThrottleLimits,
    pub proxy: ProxyConfig,
}

impl Default for Options {
    /// Limits no test reaches unless it sets them.
    fn default() -> Self {
        let generous = Limit::new(1000, HOUR);
        Self {
            limits: ThrottleLimits {
                login_per_address: generous,
                login_per_account: generous,
                login_per_account_anywhere: generous,
                signup_per_address: generous,
                signup_per_email: generous,
                invite_per_address: generous,
                invite_per_parent: generous,
                password_change: generous,
                pin_change: generous,
                code_per_student: generous,
                code_per_pass: generous,
                pin_per_room: generous,
                streams_per_account: 10,
            },
            proxy: ProxyConfig::default(),
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

    /// `count` students of the school, in one transaction: their ids.
    pub fn add_students(&self, count: usize) -> Vec<String> {
        let school_id = self.school.id.clone();
        self.db
            .write_blocking(|conn| {
                (0..count)
                    .map(|n| {
                        let account = NewAccount {
                            school_id: Some(&school_id),
                            role: Role::Student,
                            first_name: "Student",
                            last_name: &format!("Number {n}"),
                            email: None,
                            school_identifier: None,
                            grade: None,
                            password_hash: None,
                            must_change_password: false,
                        };
                        insert(conn, account, Utc::now().naive_utc()).map(|row| row.id)
                    })
                    .collect()
            })
            .expect("insert students")
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

/// Long enough that nothing recovers during a test.
pub const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);

/// `burst` attempts, then none for the rest of the test.
pub fn limit(burst: u32) -> Limit {
    Limit::new(burst, HOUR)
}
