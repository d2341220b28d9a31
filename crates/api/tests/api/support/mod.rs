pub mod app;
pub mod client;
pub mod database;
pub mod live;
pub mod pictures;
pub mod rosters;
pub mod sse;

pub use app::{Account, Options, TestApp, JWT_SECRET};
pub use database::Backend;

/// Runs an `async fn(TestApp)` once on SQLite and once on PostgreSQL, as two named tests.
/// `on_both_backends!(options = f; a, b)` starts each server with `f()`'s [`Options`].
#[macro_export]
macro_rules! on_both_backends {
    (options = $options:ident; $($test:ident),+ $(,)?) => {$(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::support::TestApp::spawn_with($crate::support::Backend::Sqlite, super::$options()).await;
                super::$test(app).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let app = $crate::support::TestApp::spawn_with($crate::support::Backend::Postgres, super::$options()).await;
                super::$test(app).await
            }
        }
    )+};
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
