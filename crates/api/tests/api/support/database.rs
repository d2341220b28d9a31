//! A fresh database per test: a SQLite file in a temp dir, or a new PostgreSQL database.
use diesel::{Connection, PgConnection, RunQueryDsl};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server the suite uses. It is required: a missing server fails the tests.
pub fn postgres_server() -> String {
    std::env::var("HALLPASS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres(String),
}

impl TestDatabase {
    pub fn create(backend: Backend) -> Self {
        let name = format!("hallpass_test_{}", uuid::Uuid::now_v7().simple());
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(&name);
                std::fs::create_dir_all(&dir).expect("temp dir");
                Self {
                    url: dir.join("hallpass.sqlite3").display().to_string(),
                    cleanup: Cleanup::Dir(dir),
                }
            }
            Backend::Postgres => {
                let server = postgres_server();
                let mut admin = PgConnection::establish(&format!("{server}/postgres")).unwrap_or_else(|e| {
                    panic!("PostgreSQL is required by the test suite and is not reachable at {server}: {e}")
                });
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut admin)
                    .expect("create database");
                Self {
                    url: format!("{server}/{name}"),
                    cleanup: Cleanup::Postgres(name),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres(name) => {
                if let Ok(mut admin) =
                    PgConnection::establish(&format!("{}/postgres", postgres_server()))
                {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}
