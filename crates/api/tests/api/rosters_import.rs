//! Roster imports of spreadsheets and OneRoster bundles: a preview that changes nothing, its
//! apply, and a re-import that changes nothing again.
use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::rosters::{
    apply, bundle, changes, counts, fixture, import, preview, search, settled,
};
use crate::support::TestApp;

on_both_backends!(
    a_spreadsheet_in_windows_1252_previews_then_applies,
    a_staff_sheet_takes_roles_from_its_column,
    a_oneroster_bundle_then_its_delta,
    a_district_bundle_needs_its_school,
);

async fn a_spreadsheet_in_windows_1252_previews_then_applies(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let file = fixture("spreadsheet/students-excel-1252.csv");
    let job = preview(&admin, "students.csv", file.clone(), &[("role", "student")]).await;
    assert_eq!(counts(&job), [9, 0, 0, 0, 0, 0, 0], "{job}");
    assert_eq!(job["result"]["source"], "spreadsheet");
    let created = changes(&admin, &job, "create").await;
    let jose = created
        .iter()
        .find(|c| c["external_id"] == "240201")
        .expect("José's row");
    assert_eq!(jose["name"], "José Núñez", "decoded from Windows-1252");
    assert_eq!(jose["file"], "students.csv");
    assert_eq!(jose["line"], 2);
    // A preview changes nothing.
    assert!(search(&admin, "240201").await.is_empty());

    apply(&admin, &job).await;
    let found = search(&admin, "240201").await;
    assert_eq!(found.len(), 1, "the new student can be found at once");
    assert_eq!(found[0]["source"], "import");
    assert_eq!(found[0]["grade"], "9");
    // And sent a pass: a teacher sends one to the new student.
    let teacher = app.add(Role::Teacher, &app.school.id);
    let teacher_api = app.as_user(&teacher).await;
    let origin = admin.add_room("Room 12", &[]).await;
    let library = admin.add_room("Library", &[]).await;
    teacher_api
        .post(
            "/passes",
            json!({ "student_id": found[0]["id"], "origin_room_id": origin,
                    "destination_room_id": library, "travel_type": "one_way",
                    "duration_minutes": 5 }),
        )
        .await
        .expect(201);

    let again = preview(&admin, "students.csv", file, &[("role", "student")]).await;
    assert_eq!(counts(&again), [0, 0, 0, 0, 9, 0, 0], "{again}");
}

async fn a_staff_sheet_takes_roles_from_its_column(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let job = preview(
        &admin,
        "staff.csv",
        fixture("spreadsheet/staff-with-role-column.csv"),
        &[],
    )
    .await;
    assert_eq!(counts(&job), [6, 0, 0, 0, 0, 0, 0], "{job}");
    apply(&admin, &job).await;
    let roles = |q: &'static str| {
        let admin = &admin;
        async move { search(admin, q).await[0]["role"].clone() }
    };
    assert_eq!(roles("pnair").await, "assistant");
    assert_eq!(roles("lmarsh").await, "admin");
    assert_eq!(roles("tferreira").await, "teacher");
}

async fn a_oneroster_bundle_then_its_delta(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let job = preview(&admin, "cedar.zip", bundle("oneroster-1.1-bulk"), &[]).await;
    assert_eq!(counts(&job), [17, 0, 0, 0, 0, 3, 0], "{job}");
    assert_eq!(job["result"]["source"], "oneroster");
    let skipped = changes(&admin, &job, "skipped").await;
    assert!(
        skipped.iter().any(|c| c["name"] == "Karen Thompson"
            && c["message"]
                .as_str()
                .expect("present")
                .contains("invite codes")),
        "{skipped:?}"
    );
    apply(&admin, &job).await;

    let ethan = &search(&admin, "240124").await[0];
    assert_eq!(ethan["status"], "disabled", "enabledUser FALSE");
    let okafor = &search(&admin, "gokafor").await[0];
    let nair = &search(&admin, "pnair").await[0];
    assert_eq!(nair["role"], "assistant");
    assert_eq!(
        nair["acts_for"],
        json!([okafor["id"]]),
        "the aide acts for her class's teacher"
    );
    assert_eq!(search(&admin, "lmarsh").await[0]["role"], "admin");
    assert!(
        search(&admin, "rchen").await.is_empty(),
        "a district admin is not imported"
    );

    let again = preview(&admin, "cedar.zip", bundle("oneroster-1.1-bulk"), &[]).await;
    assert_eq!(counts(&again)[..5], [0, 0, 0, 0, 17], "{again}");

    // Liam signs in before the delta archives him.
    let liam = search(&admin, "240118").await[0]["id"]
        .as_str()
        .expect("present")
        .to_owned();
    admin
        .patch(
            &format!("/users/{liam}"),
            json!({ "password": "a temporary password" }),
        )
        .await
        .expect(200);
    let signed_in = app
        .login(
            "lobrien27@stu.cedarvalley.k12.example.us",
            "a temporary password",
        )
        .await
        .expect(200);
    let liam_api = app
        .anon()
        .with_token(signed_in.body["access_token"].as_str().expect("present"));
    let delta = preview(&admin, "delta.zip", bundle("oneroster-1.1-delta"), &[]).await;
    assert_eq!(counts(&delta)[..4], [1, 1, 1, 0], "{delta}");
    assert!(delta["result"]["delta"].as_bool().expect("present"));
    let updated = changes(&admin, &delta, "update").await;
    let fields: Vec<(String, String, String)> = updated[0]["fields"]
        .as_array()
        .expect("present")
        .iter()
        .map(|f| {
            (
                f["field"].as_str().expect("present").to_owned(),
                f["from"].as_str().unwrap_or("").to_owned(),
                f["to"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        fields.contains(&(
            "last_name".into(),
            "Thompson".into(),
            "Thompson-Reyes".into()
        )),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("grade".into(), "9".into(), "10".into())),
        "{fields:?}"
    );
    apply(&admin, &delta).await;

    assert!(
        search(&admin, "240118").await.is_empty(),
        "archived: gone from search"
    );
    let archived = admin.get(&format!("/users/{liam}")).await.expect(200).body;
    assert_eq!(archived["status"], "suspended");
    liam_api.get("/me").await.expect(403);
    let refreshed = app
        .anon()
        .post(
            "/auth/refresh",
            json!({ "refresh_token": signed_in.body["refresh_token"] }),
        )
        .await;
    assert!(
        refreshed.status.as_u16() >= 400,
        "signed out: {:?}",
        refreshed.body
    );
    assert_eq!(search(&admin, "Diallo").await.len(), 1, "the new student");
}

async fn a_district_bundle_needs_its_school(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let refused = import(&admin, "riverbend.zip", bundle("oneroster-1.2-bulk"), &[])
        .await
        .expect_error(422, "choose_school");
    let schools = refused.body["error"]["details"]["schools"]
        .as_array()
        .expect("present")
        .clone();
    let count = |name: &str| {
        schools
            .iter()
            .find(|s| s["name"].as_str().expect("present").contains(name))
            .map(|s| s["users"].as_u64().expect("present"))
    };
    assert_eq!(
        (count("Elementary"), count("Middle")),
        (Some(10), Some(9)),
        "{schools:?}"
    );
    assert!(
        admin.get("/imports").await.expect(200).body["items"]
            .as_array()
            .expect("present")
            .is_empty(),
        "a refused upload leaves no import"
    );

    let middle = "1b124d86-985e-4aea-8d6b-dfd1fb4a6f6a";
    let job = preview(
        &admin,
        "riverbend.zip",
        bundle("oneroster-1.2-bulk"),
        &[("org", middle)],
    )
    .await;
    assert_eq!(counts(&job)[0], 7, "4 students, 2 teachers, 1 admin: {job}");
    let skipped = changes(&admin, &job, "skipped").await;
    assert!(
        skipped.iter().any(|c| c["message"]
            .as_str()
            .expect("present")
            .contains("counselor")),
        "{skipped:?}"
    );
    let id = job["id"].as_str().expect("present");
    assert_eq!(settled(&admin, id).await["state"], "ready");
}
