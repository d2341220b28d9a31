use std::collections::HashSet;

use hallpass_shared::user::Role;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(lists_search_and_page_through_accounts);

fn names(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|u| format!("{} {}", u["first_name"], u["last_name"]))
        .collect()
}

async fn lists_search_and_page_through_accounts(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    for n in 0..7 {
        admin
            .post(
                "/users",
                json!({ "role": "student", "first_name": format!("Student{n}"), "last_name": format!("Zimmer{}", n % 3),
                        "email": format!("pupil{n}@school.test"), "school_identifier": format!("ID-{n}") }),
            )
            .await
            .expect(201);
    }
    admin
        .post(
            "/users",
            json!({ "role": "teacher", "first_name": "Zed", "last_name": "Zimmer0" }),
        )
        .await
        .expect(201);

    // Role tabs.
    assert_eq!(
        names(&admin.get("/users?role=student").await.expect(200).body).len(),
        7
    );
    assert_eq!(
        names(&admin.get("/users?role=teacher").await.expect(200).body),
        vec!["\"Zed\" \"Zimmer0\""]
    );

    // Search: names, email, identifier, any case; `%` is a letter, not a wildcard.
    assert_eq!(
        names(
            &admin
                .get("/users?role=student&q=zimMER1")
                .await
                .expect(200)
                .body
        )
        .len(),
        2
    );
    assert_eq!(
        names(&admin.get("/users?q=PUPIL3@").await.expect(200).body),
        vec!["\"Student3\" \"Zimmer0\""]
    );
    assert_eq!(
        names(&admin.get("/users?q=id-6").await.expect(200).body).len(),
        1
    );
    assert_eq!(
        names(&admin.get("/users?q=%25").await.expect(200).body).len(),
        0
    );
    assert_eq!(
        names(
            &admin
                .get("/users?q=student2%20zimmer2")
                .await
                .expect(200)
                .body
        )
        .len(),
        1
    );

    // Pages of 3, in name order, each account exactly once.
    let pages = admin.pages("/users?role=student&limit=3").await;
    assert!(pages.iter().all(|page| page.len() <= 3));
    let seen: Vec<String> = pages
        .iter()
        .flatten()
        .map(|u| u["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(seen.len(), 7);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 7);
    let all = admin
        .get("/users?role=student&limit=500")
        .await
        .expect(200)
        .body;
    let ordered: Vec<&str> = all["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|u| u["id"].as_str().expect("id"))
        .collect();
    assert_eq!(seen, ordered);

    // Bad paging input is a clear 400.
    for bad in [
        "limit=0",
        "limit=501",
        "limit=x",
        "cursor=garbage",
        "role=wizard",
        "status=gone",
        "sort=name",
    ] {
        admin
            .get(&format!("/users?{bad}"))
            .await
            .expect_error(400, "validation_failed");
    }
    // Teachers see the student directory.
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    assert_eq!(
        names(
            &teacher
                .get("/users?role=student&q=zimmer")
                .await
                .expect(200)
                .body
        )
        .len(),
        7
    );
}
