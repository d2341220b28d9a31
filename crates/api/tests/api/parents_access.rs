//! Parents reach only `/me`, `/auth/*` and `/parent/*`; the invite-code routes are for account
//! managers, each within their own school.
use hallpass_shared::user::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::{Account, TestApp};

on_both_backends!(
    a_parent_is_refused_every_other_route,
    invite_routes_need_manage_accounts,
    admins_see_and_manage_only_their_schools_parents,
);

/// Routes a parent may call: public ones, their own account, and the parent pages.
fn parent_may_call(path: &str) -> bool {
    let path = path.trim_start_matches("/api/v1");
    path.starts_with("/auth/")
        || path.starts_with("/parent/")
        || matches!(path, "/me" | "/me/password" | "/health" | "/openapi.json")
}

/// Every operation of the committed spec, read at test time so later routes are covered too.
fn operations() -> Vec<(Method, String)> {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi.yaml");
    let text = std::fs::read_to_string(spec_path).expect("openapi.yaml");
    let spec: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        let path = path.as_str().expect("path");
        for method in item.as_mapping().expect("operations").keys() {
            let method = method.as_str().expect("method").to_uppercase();
            if let Ok(method) = Method::from_bytes(method.as_bytes()) {
                found.push((method, path.to_owned()));
            }
        }
    }
    found
}

/// `{anything}` in a path becomes `id`.
fn with_ids(path: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        out.push_str(id);
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.trim_start_matches("/api/v1").to_owned()
}

async fn linked_parent(app: &TestApp, student: &Account) -> (Account, Api) {
    let account = app.add_parent();
    let parent = app.as_user(&account).await;
    parent
        .post(
            "/parent/students",
            json!({ "invite_code": app.invite_code(&student.id) }),
        )
        .await
        .expect(201);
    (account, parent)
}

async fn a_parent_is_refused_every_other_route(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let (_, parent) = linked_parent(&app, &student).await;
    let mut checked = 0;
    for (method, path) in operations() {
        if parent_may_call(&path) {
            continue;
        }
        let body = (method != Method::GET && method != Method::DELETE).then(|| json!({}));
        let url = with_ids(&path, &student.id);
        let reply = parent.send(method.clone(), &url, body.as_ref()).await;
        // A student's picture is `404` to everyone who may not see it (DESIGN section 9).
        let refusal = if path.ends_with("/users/{id}/picture") && method == Method::GET {
            (404, "not_found")
        } else {
            (403, "forbidden")
        };
        assert_eq!(
            (reply.status.as_u16(), reply.code()),
            refusal,
            "{method} {url}: {:#}",
            reply.body
        );
        checked += 1;
    }
    assert!(checked >= 40, "only {checked} routes checked");
    // What a parent may do still works.
    parent.get("/me").await.expect(200);
    parent.get("/parent/students").await.expect(200);
}

fn invite_routes(student: &str, parent: &str) -> Vec<(Method, String, Option<Value>)> {
    vec![
        (Method::GET, "/invite-codes.csv".to_owned(), None),
        (Method::GET, "/invite-codes.xlsx".to_owned(), None),
        (
            Method::POST,
            format!("/users/{student}/invite-code"),
            Some(json!({})),
        ),
        (
            Method::POST,
            "/users/invite-codes".to_owned(),
            Some(json!({ "user_ids": [student] })),
        ),
        (Method::GET, format!("/users/{parent}/parent-links"), None),
        (
            Method::DELETE,
            format!("/users/{parent}/parent-links/{student}"),
            None,
        ),
    ]
}

async fn invite_routes_need_manage_accounts(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let (parent, _) = linked_parent(&app, &student).await;
    let teacher = app.add(Role::Teacher, &app.school.id);
    let assistant = app.add_assistant(&app.school.id);
    let callers = [
        app.as_user(&student).await,
        app.as_user(&teacher).await,
        app.as_user(&assistant).await,
    ];
    for caller in &callers {
        for (method, path, body) in invite_routes(&student.id, &parent.id) {
            caller
                .send(method.clone(), &path, body.as_ref())
                .await
                .expect_error(403, "forbidden");
        }
    }
    for (method, path, body) in invite_routes(&student.id, &parent.id) {
        app.anon()
            .send(method, &path, body.as_ref())
            .await
            .expect_error(401, "unauthenticated");
    }
}

async fn admins_see_and_manage_only_their_schools_parents(app: TestApp) {
    let student = app.add(Role::Student, &app.school.id);
    let (parent, parent_api) = linked_parent(&app, &student).await;
    let other_admin = app.as_user(&app.other_school.admin).await;
    for (method, path, body) in invite_routes(&student.id, &parent.id) {
        if path.starts_with("/invite-codes") {
            continue;
        }
        other_admin
            .send(method, &path, body.as_ref())
            .await
            .expect_error(404, "not_found");
    }
    other_admin
        .send(Method::DELETE, &format!("/users/{}", parent.id), None)
        .await
        .expect_error(404, "not_found");
    other_admin
        .get(&format!("/users/{}", parent.id))
        .await
        .expect_error(404, "not_found");
    let listed = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|u| u["id"].as_str().expect("id").to_owned())
            .collect()
    };
    let other_parents = other_admin.get("/users?role=parent").await.expect(200).body;
    assert!(listed(&other_parents).is_empty());
    let other_csv = other_admin.get("/invite-codes.csv").await.expect(200).body;
    assert!(!other_csv
        .as_str()
        .expect("text")
        .contains(&app.invite_code(&student.id)));

    let admin = app.as_user(&app.school.admin).await;
    let parents = admin.get("/users?role=parent").await.expect(200).body;
    assert_eq!(listed(&parents), vec![parent.id.clone()]);
    assert_eq!(parents["items"][0]["role"], "parent");
    let shown = admin
        .get(&format!("/users/{}", parent.id))
        .await
        .expect(200)
        .body;
    assert_eq!(shown["role"], "parent");
    let links = admin
        .get(&format!("/users/{}/parent-links", parent.id))
        .await
        .expect(200)
        .body;
    assert_eq!(links[0]["student_id"], student.id.as_str());
    admin
        .send(
            Method::DELETE,
            &format!("/users/{}/parent-links/{}", parent.id, student.id),
            None,
        )
        .await
        .expect(204);
    assert_eq!(
        parent_api.get("/parent/students").await.expect(200).body,
        json!([])
    );
    assert!(listed(&admin.get("/users?role=parent").await.expect(200).body).is_empty());

    // A parent linked to the school again can be deleted by its admin.
    let (parent, _) = linked_parent(&app, &student).await;
    admin
        .send(Method::DELETE, &format!("/users/{}", parent.id), None)
        .await
        .expect(200);
    app.login(&parent.email, &parent.password)
        .await
        .expect_error(401, "unauthenticated");
}
