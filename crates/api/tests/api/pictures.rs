use std::time::Duration;

use hallpass_shared::user::Role;
use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_backends;
use crate::support::client::{Api, Reply};
use crate::support::pictures::{
    inspect, jpeg, pixel_flood_png, png, sideways_jpeg_with_gps, zip, zip_with_bomb,
};
use crate::support::TestApp;

on_both_backends!(
    a_vendor_zip_is_matched_and_its_bad_files_reported,
    pictures_are_seen_only_by_those_allowed,
    uploads_need_manage_integrations_and_a_usable_body,
    single_pictures_are_replaced_and_deleted,
    without_a_mapping_file_names_are_identifiers
);

/// Sends a multipart upload to `POST /profile-pictures/uploads`.
pub async fn upload(api: &Api, parts: Vec<(&'static str, &str, Vec<u8>)>) -> Reply {
    let mut form = Form::new();
    for (field, name, bytes) in parts {
        form = form.part(field, Part::bytes(bytes).file_name(name.to_owned()));
    }
    let mut request = api
        .http
        .post(format!("{}/api/v1/profile-pictures/uploads", api.base))
        .multipart(form);
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("a body");
    Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

/// Polls the upload until it has finished.
pub async fn finished(api: &Api, id: &str) -> Value {
    for _ in 0..600 {
        let job = api
            .get(&format!("/profile-pictures/uploads/{id}"))
            .await
            .expect(200)
            .body;
        if ["succeeded", "failed"].contains(&job["state"].as_str().unwrap_or("")) {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the upload {id} did not finish in a minute");
}

pub async fn student(admin: &Api, identifier: &str, email: Option<&str>) -> String {
    admin
        .post(
            "/users",
            json!({ "role": "student", "first_name": "Pic", "last_name": identifier,
                    "school_identifier": identifier, "email": email }),
        )
        .await
        .expect(201)
        .body["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

async fn picture(api: &Api, student_id: &str) -> reqwest::Response {
    let mut request = api
        .http
        .get(format!("{}/api/v1/users/{student_id}/picture", api.base));
    if let Some(token) = &api.token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("the server answers")
}

fn reasons(list: &Value) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|item| {
            (
                item["file"].as_str().unwrap_or("").to_owned(),
                item["reason"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    pairs.sort();
    pairs
}

fn pair(file: &str, reason: &str) -> (String, String) {
    (file.to_owned(), reason.to_owned())
}

async fn a_vendor_zip_is_matched_and_its_bad_files_reported(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let ada = student(&admin, "00123", None).await;
    let ben = student(&admin, "456", Some("ben@school.test")).await;
    let cy = student(&admin, "789", None).await;
    student(&admin, "111", None).await;
    student(&admin, "222", None).await;
    let archive = zip_with_bomb(
        &[
            ("Photos/Grade 9/00123.JPG", jpeg(640, 800)),
            ("__MACOSX/Photos/Grade 9/._00123.JPG", vec![0; 120]),
            ("Photos/.DS_Store", vec![0; 64]),
            ("Photos/Thumbs.db", vec![0; 64]),
            ("Photos/ben.png", png(300, 375)),
            ("Photos/rotated.jpg", sideways_jpeg_with_gps(800, 640)),
            ("Photos/flood.png", pixel_flood_png(30_000, 30_000)),
            ("../evil.jpg", jpeg(10, 10)),
            ("Photos/nobody.jpg", jpeg(10, 10)),
            ("Photos/readme.txt", b"Thank you for choosing us".to_vec()),
            ("Photos/more.zip", zip(&[("x.jpg", jpeg(8, 8))])),
        ],
        "Photos/bomb.jpg",
        300,
    );
    let mapping = "\u{feff}Student ID,File name\r\n\"123\",\"00123.jpg\"\r\nben@school.test,BEN.PNG\r\n789,rotated.jpg\r\n111,flood.png\r\n222,bomb.jpg\r\n999,missing.jpg\r\n333\r\n";
    let accepted = upload(
        &admin,
        vec![
            ("archive", "Lifetouch export.zip", archive),
            ("mapping", "mapping.csv", mapping.as_bytes().to_vec()),
        ],
    )
    .await
    .expect(202);
    let id = accepted.body["id"].as_str().expect("id").to_owned();
    assert_eq!(accepted.body["kind"], "profile_pictures");
    assert!(
        accepted.headers["location"]
            .to_str()
            .is_ok_and(|l| l.ends_with(&format!("/profile-pictures/uploads/{id}"))),
        "{:?}",
        accepted.headers
    );
    let job = finished(&admin, &id).await;
    assert_eq!(job["state"], "succeeded", "{job}");
    let result = &job["result"];
    assert_eq!(result["matched"], 3, "{result}");
    assert_eq!(result["replaced"], 0);
    assert_eq!(
        reasons(&result["rejected"]),
        vec![
            pair("../evil.jpg", "unsafe_archive_entry"),
            pair("Photos/bomb.jpg", "unsafe_archive_entry"),
            pair("Photos/flood.png", "too_many_pixels"),
            pair("Photos/more.zip", "unsafe_archive_entry"),
        ]
    );
    assert_eq!(
        reasons(&result["unmatched"]),
        vec![
            pair("Photos/nobody.jpg", "no_mapping_row"),
            pair("missing.jpg", "file_missing"),
        ]
    );
    assert_eq!(result["mapping_errors"][0]["line"], 8, "{result}");
    assert_eq!(job["progress"]["done"], job["progress"]["total"]);

    // Upright, fitted to 320x400, and nothing of the camera's metadata left.
    let served = picture(&admin, &cy).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let bytes = served.bytes().await.expect("bytes");
    assert_eq!(inspect(&bytes), ((320, 400), false));
    for id in [&ada, &ben] {
        assert_eq!(picture(&admin, id).await.status(), 200);
    }

    // The upload's originals are gone; the job is listed.
    let listed = admin
        .get("/profile-pictures/uploads")
        .await
        .expect(200)
        .body;
    assert_eq!(listed["items"][0]["id"], id.as_str());

    // Uploading again replaces.
    let again = upload(&admin, vec![("files", "00123.jpg", jpeg(400, 500))])
        .await
        .expect(202);
    let job = finished(&admin, again.body["id"].as_str().expect("id")).await;
    assert_eq!(job["result"]["matched"], 1, "{job}");
    assert_eq!(job["result"]["replaced"], 1, "{job}");
}

async fn pictures_are_seen_only_by_those_allowed(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let ada = student(&admin, "A-1", None).await;
    let ben_account = app.add(Role::Student, &app.school.id);
    let ben = ben_account.id.clone();
    admin
        .patch(
            &format!("/users/{ben}"),
            json!({ "school_identifier": "B-2" }),
        )
        .await
        .expect(200);
    let job = upload(
        &admin,
        vec![
            ("files", "A-1.jpg", jpeg(64, 80)),
            ("files", "B-2.jpg", jpeg(64, 80)),
        ],
    )
    .await
    .expect(202);
    let job = finished(&admin, job.body["id"].as_str().expect("id")).await;
    assert_eq!(job["result"]["matched"], 2, "{job}");

    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let other_admin = app.as_user(&app.other_school.admin).await;
    let parent = app.as_user(&app.add_parent()).await;
    // Disabled (the default): hidden from teachers, and their summaries carry no URL.
    assert_eq!(picture(&teacher, &ada).await.status(), 404);
    let summary = teacher.get(&format!("/users/{ada}")).await.expect(200).body;
    assert_eq!(summary["has_picture"], true);
    assert_eq!(summary["picture_url"], Value::Null);
    // Account managers see it always, to check an upload before enabling.
    assert_eq!(picture(&admin, &ada).await.status(), 200);
    let managed = admin.get(&format!("/users/{ada}")).await.expect(200).body;
    assert!(managed["picture_url"].as_str().is_some(), "{managed}");

    admin
        .patch("/school", json!({ "profile_pictures_enabled": true }))
        .await
        .expect(200);
    let shown = picture(&teacher, &ada).await;
    assert_eq!(shown.status(), 200);
    assert_eq!(shown.headers()["cache-control"], "private, max-age=300");
    let etag = shown.headers()["etag"].to_str().expect("etag").to_owned();
    let summary = teacher.get(&format!("/users/{ada}")).await.expect(200).body;
    let url = summary["picture_url"].as_str().expect("a picture URL");
    assert!(
        url.starts_with(&format!("/api/v1/users/{ada}/picture?v=")),
        "{url}"
    );

    // 304 for the same ETag.
    let again = teacher
        .http
        .get(format!("{}/api/v1/users/{ada}/picture", teacher.base))
        .bearer_auth(teacher.token.as_deref().expect("token"))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("answer");
    assert_eq!(again.status(), 304);

    // Another school's admin and a parent: 404, as if there were none.
    assert_eq!(picture(&other_admin, &ada).await.status(), 404);
    assert_eq!(picture(&parent, &ada).await.status(), 404);
    assert_eq!(picture(&app.anon(), &ada).await.status(), 401);

    // A student sees their own, and no one else's.
    let student_api = app.as_user(&ben_account).await;
    assert_eq!(picture(&student_api, &ben).await.status(), 200);
    assert_eq!(picture(&student_api, &ada).await.status(), 404);
}

async fn uploads_need_manage_integrations_and_a_usable_body(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let parts = || vec![("files", "x.jpg", jpeg(8, 8))];
    upload(&teacher, parts())
        .await
        .expect_error(403, "forbidden");
    upload(&app.as_user(&app.add_parent()).await, parts())
        .await
        .expect(403);
    upload(&app.anon(), parts()).await.expect(401);

    // Nothing but a mapping; an unknown part; not multipart at all.
    upload(&admin, vec![("mapping", "m.csv", b"1,a.jpg".to_vec())])
        .await
        .expect_error(400, "validation_failed");
    upload(&admin, vec![("photos", "x.jpg", jpeg(8, 8))])
        .await
        .expect_error(400, "validation_failed");
    admin
        .send_raw(
            Method::POST,
            "/profile-pictures/uploads",
            "application/json",
            b"{}".to_vec(),
        )
        .await
        .expect_error(400, "validation_failed");

    // One zip and one mapping per upload, so the archive limits are the upload's.
    let two = || zip(&[("a.jpg", jpeg(8, 8))]);
    upload(
        &admin,
        vec![("archive", "a.zip", two()), ("archive", "b.zip", two())],
    )
    .await
    .expect_error(400, "validation_failed");
    upload(
        &admin,
        vec![
            ("files", "x.jpg", jpeg(8, 8)),
            ("mapping", "a.csv", b"1,x.jpg".to_vec()),
            ("mapping", "b.csv", b"1,x.jpg".to_vec()),
        ],
    )
    .await
    .expect_error(400, "validation_failed");

    // Something that is not a zip fails the job with a reason, not the server.
    let job = upload(
        &admin,
        vec![("archive", "photos.zip", b"not a zip".to_vec())],
    )
    .await
    .expect(202);
    let job = finished(&admin, job.body["id"].as_str().expect("id")).await;
    assert_eq!(job["state"], "failed");
    assert_eq!(job["error"]["code"], "not_a_zip");

    // Another school's upload is not found.
    let other = app.as_user(&app.other_school.admin).await;
    other
        .get(&format!(
            "/profile-pictures/uploads/{}",
            job["id"].as_str().expect("id")
        ))
        .await
        .expect_error(404, "not_found");
    let template = admin
        .get("/profile-pictures/template.csv")
        .await
        .expect(200);
    assert!(template
        .body
        .as_str()
        .is_some_and(|t| t.starts_with("Email or school identifier,File name")));
}

async fn single_pictures_are_replaced_and_deleted(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let ada = student(&admin, "S-9", None).await;
    admin
        .send_raw(
            Method::PUT,
            &format!("/users/{ada}/picture"),
            "image/jpeg",
            jpeg(640, 800),
        )
        .await
        .expect(204);
    let first = picture(&admin, &ada).await;
    let etag = first.headers()["etag"].clone();
    assert_eq!(inspect(&first.bytes().await.expect("bytes")).0, (320, 400));

    // A bad body keeps the old picture.
    admin
        .send_raw(
            Method::PUT,
            &format!("/users/{ada}/picture"),
            "image/jpeg",
            b"garbage".to_vec(),
        )
        .await
        .expect_error(400, "validation_failed");
    admin
        .send_raw(
            Method::PUT,
            &format!("/users/{ada}/picture"),
            "text/plain",
            jpeg(8, 8),
        )
        .await
        .expect_error(400, "validation_failed");
    assert_eq!(picture(&admin, &ada).await.headers()["etag"], etag);

    // Teachers, other schools and parents cannot change it.
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    teacher
        .send_raw(
            Method::PUT,
            &format!("/users/{ada}/picture"),
            "image/jpeg",
            jpeg(8, 8),
        )
        .await
        .expect_error(403, "forbidden");
    let other = app.as_user(&app.other_school.admin).await;
    other
        .send(Method::DELETE, &format!("/users/{ada}/picture"), None)
        .await
        .expect_error(404, "not_found");
    assert_eq!(picture(&admin, &ada).await.headers()["etag"], etag);

    admin
        .send(Method::DELETE, &format!("/users/{ada}/picture"), None)
        .await
        .expect(204);
    assert_eq!(picture(&admin, &ada).await.status(), 404);
    let user = admin.get(&format!("/users/{ada}")).await.expect(200).body;
    assert_eq!(user["has_picture"], false);

    // Delete all.
    admin
        .send_raw(
            Method::PUT,
            &format!("/users/{ada}/picture"),
            "image/png",
            png(50, 50),
        )
        .await
        .expect(204);
    let deleted = admin
        .send(Method::DELETE, "/profile-pictures", None)
        .await
        .expect(200)
        .body;
    assert_eq!(deleted["deleted"], 1);
    assert_eq!(picture(&admin, &ada).await.status(), 404);
}

async fn without_a_mapping_file_names_are_identifiers(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let ada = student(&admin, "000555", Some("ada@school.test")).await;
    let ben = student(&admin, "666", None).await;
    let archive = zip(&[
        ("export/555.jpg", jpeg(64, 80)),
        ("export/ada@school.test.JPEG", jpeg(64, 80)),
        ("export/666.webp.jpg", jpeg(64, 80)),
        ("export/0666.jpg", jpeg(64, 80)),
        ("export/broken.jpg", b"\xFF\xD8 not really".to_vec()),
    ]);
    let job = upload(&admin, vec![("archive", "export.zip", archive)])
        .await
        .expect(202);
    let job = finished(&admin, job.body["id"].as_str().expect("id")).await;
    let result = &job["result"];
    assert_eq!(result["matched"], 2, "{job}");
    assert_eq!(
        reasons(&result["unmatched"]),
        vec![
            pair("export/555.jpg", "duplicate"),
            pair("export/666.webp.jpg", "no_such_student"),
            pair("export/broken.jpg", "no_such_student"),
        ]
    );
    for id in [&ada, &ben] {
        assert_eq!(picture(&admin, id).await.status(), 200);
    }
}
