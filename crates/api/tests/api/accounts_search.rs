//! Searches are answered from each instance's copy of the school's accounts
//! (`users/search_cache.rs`); every change, made through any instance, must show at once.
use reqwest::Method;
use serde_json::json;

use crate::on_both_backends;
use crate::support::client::Api;
use crate::support::TestApp;

on_both_backends!(searches_page_through_matches_in_name_order);
on_both_backends!(searches_see_every_change_from_any_instance);

async fn all_ids(api: &Api, query: &str) -> Vec<String> {
    let pages = api
        .pages(&format!("/users?role=student&limit=7&{query}"))
        .await;
    pages
        .iter()
        .flatten()
        .map(|u| u["id"].as_str().expect("id").to_owned())
        .collect()
}

async fn add_student(admin: &Api, first: &str, last: &str) -> String {
    admin
        .post(
            "/users",
            json!({ "role": "student", "first_name": first, "last_name": last }),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

async fn searches_page_through_matches_in_name_order(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let mut walkers = Vec::new();
    for n in 0..30 {
        let id = add_student(&admin, "Pat", &format!("Walker{n:02}")).await;
        let identifier = json!({ "school_identifier": format!("W-{n:02}") });
        admin
            .patch(&format!("/users/{id}"), identifier)
            .await
            .expect(200);
        walkers.push(id);
    }
    let quinn = add_student(&admin, "Quinn", "Rarefield").await;
    let elsewhere = app.as_user(&app.other_school.admin).await;
    add_student(&elsewhere, "Quinn", "Rarefield").await;

    // Pages of 7 cover every match once, in name order.
    assert_eq!(all_ids(&admin, "q=walker").await, walkers);
    assert_eq!(all_ids(&admin, "q=ER1").await, walkers[10..20]);
    assert_eq!(all_ids(&admin, "q=w-07").await, vec![walkers[7].clone()]);
    // Another school's accounts are not searched; no match is an empty page.
    assert_eq!(all_ids(&admin, "q=rarefield").await, vec![quinn.clone()]);
    assert!(all_ids(&admin, "q=zzz").await.is_empty());
    // Roles and statuses filter as in a listing.
    let teachers = admin
        .get("/users?role=teacher&q=rarefield")
        .await
        .expect(200)
        .body;
    assert_eq!(teachers["items"], json!([]));
}

async fn searches_see_every_change_from_any_instance(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let quinn = add_student(&admin, "Quinn", "Rarefield").await;
    let other = add_student(&admin, "Robin", "Rarefield").await;
    let second = app.second_instance().await;
    let on_second = second
        .api
        .with_token(admin.token.as_deref().expect("token"));
    // Both instances now hold a copy of the school's accounts.
    assert_eq!(
        all_ids(&admin, "q=rarefield").await,
        [quinn.clone(), other.clone()]
    );
    assert_eq!(
        all_ids(&on_second, "q=rarefield").await,
        [quinn.clone(), other.clone()]
    );

    // A rename through the first instance shows on the second.
    admin
        .patch(
            &format!("/users/{quinn}"),
            json!({ "last_name": "Brightwater" }),
        )
        .await
        .expect(200);
    assert_eq!(
        all_ids(&on_second, "q=rarefield").await,
        vec![other.clone()]
    );
    assert_eq!(
        all_ids(&on_second, "q=brightwater").await,
        vec![quinn.clone()]
    );

    // A suspension through the second leaves the first instance's default search at once.
    on_second
        .post(
            "/users/bulk",
            json!({ "user_ids": [other], "status": "suspended" }),
        )
        .await
        .expect(200);
    assert!(all_ids(&admin, "q=rarefield").await.is_empty());
    assert_eq!(
        all_ids(&admin, "q=rarefield&status=suspended").await,
        vec![other.clone()]
    );

    // So do a new account and a deletion.
    let newcomer = add_student(&on_second, "Sam", "Brightwater").await;
    assert_eq!(
        all_ids(&admin, "q=brightwater").await,
        [quinn.clone(), newcomer.clone()]
    );
    let path = format!("/users/{quinn}");
    on_second
        .send(Method::DELETE, &path, None)
        .await
        .expect(200);
    assert_eq!(all_ids(&admin, "q=brightwater").await, [newcomer]);
}
