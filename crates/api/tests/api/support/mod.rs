pub mod app;
pub mod client;
pub mod database;
pub mod live;
pub mod sse;

pub use app::{Account, Options, TestApp, JWT_SECRET};
pub use database::Backend;

/// Runs an `async fn(TestApp)` once on SQLite and once on PostgreSQL, as two named tests.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$test($crate::support::TestApp::spawn($crate::support::Backend::Sqlite).await).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$test($crate::support::TestApp::spawn($crate::support::Backend::Postgres).await).await
            }
        }
    )+};
}
