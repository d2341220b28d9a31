//! The connection pool: reads cannot write (SQLite), and connections lost under it heal
//! without failing requests (PostgreSQL).
use diesel::prelude::*;
use hallpass_api::db::schema::users;
use serde_json::json;

use crate::support::{Backend, TestApp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_read_connection_refuses_a_write() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let id = app.school.admin.id.clone();
    let write = app
        .db
        .run(move |conn| {
            Ok(diesel::update(users::table.find(&id))
                .set(users::first_name.eq("Stray"))
                .execute(conn)?)
        })
        .await;
    let refused = write.expect_err("a write through the read path");
    assert!(format!("{refused:?}").contains("readonly"), "{refused:?}");
    let me = app
        .as_user(&app.school.admin)
        .await
        .get("/me")
        .await
        .expect(200);
    assert_ne!(me.body["user"]["first_name"], "Stray");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminated_postgres_backends_do_not_fail_the_next_requests() {
    let app = TestApp::spawn(Backend::Postgres).await;
    let admin = app.as_user(&app.school.admin).await;
    // Every pooled connection has served a request.
    let warm = (0..16).map(|_| admin.get("/me"));
    for reply in futures_util::future::join_all(warm).await {
        reply.expect(200);
    }
    let killed: i64 = app
        .db
        .run_blocking(|conn| {
            #[derive(QueryableByName)]
            struct Killed {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                killed: i64,
            }
            let row: Killed = diesel::sql_query(
                "SELECT count(pg_terminate_backend(pid)) AS killed FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .get_result(conn)?;
            Ok(row.killed)
        })
        .expect("terminate the other backends");
    assert!(killed > 0, "there were pooled connections to terminate");
    // A write first, before any request's reads have dropped the dead connections.
    let school_id = app.school.id.clone();
    app.db
        .write(move |conn| {
            use hallpass_api::db::schema::schools;
            Ok(diesel::update(schools::table.find(&school_id))
                .set(schools::default_pass_minutes.eq(7))
                .execute(conn)?)
        })
        .await
        .expect("a write meets a dead connection at BEGIN and begins again");
    // Reads and writes right after: each meets dead connections first.
    for _ in 0..10 {
        admin.get("/me").await.expect(200);
    }
    admin
        .patch("/school", json!({ "name": "Roosevelt High School" }))
        .await
        .expect(200);
    let writes = (0..8).map(|n| admin.patch("/school", json!({ "default_pass_minutes": 5 + n })));
    for reply in futures_util::future::join_all(writes).await {
        reply.expect(200);
    }
}
