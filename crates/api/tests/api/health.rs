use crate::on_both_backends;
use crate::support::{Backend, TestApp};

on_both_backends!(
    health_answers_without_authentication,
    unknown_routes_answer_json_404
);

async fn health_answers_without_authentication(app: TestApp) {
    let health = app.anon().get("/health").await.expect(200).body;
    assert_eq!(health["status"], "ok");
    let expected = if app.backend == Backend::Sqlite {
        "sqlite"
    } else {
        "postgres"
    };
    assert_eq!(health["database"], expected);
}

async fn unknown_routes_answer_json_404(app: TestApp) {
    app.anon()
        .get("/no/such/route")
        .await
        .expect_error(404, "not_found");
    app.anon()
        .post("/health", serde_json::json!({}))
        .await
        .expect_error(404, "not_found");
}
