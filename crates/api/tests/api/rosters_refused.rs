//! Imports refused: bad files and fields answer a clear 4xx and leave nothing behind; wrong
//! roles and other schools get nothing; a teacher who may manage accounts cannot import an
//! admin, and nobody's import changes their own account.
use hallpass_shared::user::Role;
use reqwest::multipart::{Form, Part};
use serde_json::json;

use crate::on_both_backends;
use crate::support::rosters::{
    apply, changes, counts, fixture, import, preview, search, send_form,
};
use crate::support::TestApp;

on_both_backends!(
    bad_files_and_fields_are_refused_and_leave_nothing,
    row_errors_do_not_block_the_valid_rows,
    only_integrators_of_the_school_reach_imports,
    an_import_cannot_make_more_than_its_importer_may,
    a_workbook_that_claims_a_huge_sheet_is_refused,
);

async fn bad_files_and_fields_are_refused_and_leave_nothing(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let missing = import(
        &admin,
        "m.csv",
        fixture("spreadsheet/bad/missing-columns.csv"),
        &[("role", "student")],
    )
    .await
    .expect_error(422, "missing_columns");
    let columns = missing.body["error"]["details"]["columns"].to_string();
    assert!(
        columns.contains("first name") && columns.contains("last name"),
        "{columns}"
    );
    import(
        &admin,
        "r.bin",
        fixture("spreadsheet/bad/random.bin"),
        &[("role", "student")],
    )
    .await
    .expect_error(422, "unsupported_file");
    import(
        &admin,
        "e.csv",
        fixture("spreadsheet/bad/empty.csv"),
        &[("role", "student")],
    )
    .await
    .expect_error(422, "missing_columns");
    let no_role = import(
        &admin,
        "d.csv",
        fixture("spreadsheet/bad/duplicate-keys.csv"),
        &[],
    )
    .await
    .expect_error(422, "missing_columns");
    assert!(no_role.body["error"]["details"]["columns"]
        .to_string()
        .contains("role"));
    import(
        &admin,
        "s.csv",
        fixture("spreadsheet/staff-with-role-column.csv"),
        &[("format", "oneroster")],
    )
    .await
    .expect_error(422, "unsupported_file");
    let a_zip = crate::support::pictures::zip(&[("students.csv", b"a,b\n".to_vec())]);
    import(&admin, "x.zip", a_zip, &[])
        .await
        .expect_error(422, "unsupported_file");
    for (field, value) in [
        ("mode", "sometimes"),
        ("role", "parent"),
        ("role", "wizard"),
        ("strict", "maybe"),
        ("format", "pdf"),
    ] {
        import(
            &admin,
            "s.csv",
            fixture("spreadsheet/staff-with-role-column.csv"),
            &[(field, value)],
        )
        .await
        .expect_error(400, "validation_failed");
    }
    send_form(&admin, Form::new().text("role", "student"))
        .await
        .expect_error(400, "validation_failed");
    let two = Form::new()
        .part(
            "file",
            Part::bytes(b"First Name,Last Name,Email\n".to_vec()).file_name("a.csv"),
        )
        .part(
            "file",
            Part::bytes(b"First Name,Last Name,Email\n".to_vec()).file_name("b.csv"),
        );
    send_form(&admin, two)
        .await
        .expect_error(400, "validation_failed");
    let mut many = Form::new();
    for n in 0..8 {
        many = many.part(
            "file",
            Part::bytes(vec![b'a']).file_name(format!("{n}.csv")),
        );
    }
    send_form(&admin, many)
        .await
        .expect_error(413, "payload_too_large");

    let history = admin.get("/imports").await.expect(200).body;
    assert_eq!(
        history["items"],
        json!([]),
        "refused uploads are not imports"
    );
    let pending: i64 = app
        .db
        .run_blocking(|conn| {
            use diesel::prelude::*;
            use hallpass_api::db::schema::upload_chunks;
            Ok(upload_chunks::table.count().get_result(conn)?)
        })
        .expect("count chunks");
    assert_eq!(pending, 0, "a refused upload's bytes are deleted");
}

async fn row_errors_do_not_block_the_valid_rows(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let job = preview(
        &admin,
        "d.csv",
        fixture("spreadsheet/bad/duplicate-keys.csv"),
        &[("role", "student")],
    )
    .await;
    let errors = changes(&admin, &job, "error").await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["line"], 4);
    assert_eq!(errors[0]["file"], "d.csv");
    assert!(errors[0]["message"]
        .as_str()
        .expect("present")
        .contains("line 2"));
    let nameless = preview(
        &admin,
        "n.csv",
        fixture("spreadsheet/bad/row-without-name.csv"),
        &[("role", "student")],
    )
    .await;
    let lines: Vec<u64> = changes(&admin, &nameless, "error")
        .await
        .iter()
        .map(|e| e["line"].as_u64().expect("present"))
        .collect();
    assert_eq!(lines, vec![3, 4]);
    assert_eq!(counts(&nameless)[0], 2);
    apply(&admin, &nameless).await;
    let kinds = admin
        .get(&format!(
            "/imports/{}/changes?kind=bogus",
            job["id"].as_str().expect("present")
        ))
        .await;
    assert_eq!(kinds.status.as_u16(), 400);
}

async fn only_integrators_of_the_school_reach_imports(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let job = preview(
        &admin,
        "s.csv",
        fixture("spreadsheet/staff-with-role-column.csv"),
        &[],
    )
    .await;
    let id = job["id"].as_str().expect("present");
    let file = || fixture("spreadsheet/staff-with-role-column.csv");
    let student = app.as_user(&app.add(Role::Student, &app.school.id)).await;
    let teacher = app.as_user(&app.add(Role::Teacher, &app.school.id)).await;
    let parent = app.as_user(&app.add_parent()).await;
    for api in [&student, &teacher, &parent] {
        import(api, "s.csv", file(), &[]).await.expect(403);
        api.get("/imports").await.expect(403);
        api.get(&format!("/imports/{id}")).await.expect(403);
        api.post(&format!("/imports/{id}/apply"), json!({}))
            .await
            .expect(403);
    }
    let other = app.as_user(&app.other_school.admin).await;
    other.get(&format!("/imports/{id}")).await.expect(404);
    other
        .get(&format!("/imports/{id}/changes"))
        .await
        .expect(404);
    other
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect(404);
    other.delete(&format!("/imports/{id}")).await.expect(404);
    assert_eq!(
        other.get("/imports").await.expect(200).body["items"],
        json!([])
    );
    assert_eq!(
        admin.get(&format!("/imports/{id}")).await.expect(200).body["state"],
        "ready"
    );
    app.anon().get("/imports").await.expect(401);
}

async fn an_import_cannot_make_more_than_its_importer_may(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let registrar = app.add(Role::Teacher, &app.school.id);
    admin
        .patch(
            &format!("/users/{}", registrar.id),
            json!({ "permissions": ["hall_monitor", "send_passes", "manage_integrations"] }),
        )
        .await
        .expect(200);
    let registrar_api = app.as_user(&registrar).await;
    let job = preview(
        &registrar_api,
        "s.csv",
        fixture("spreadsheet/staff-with-role-column.csv"),
        &[],
    )
    .await;
    assert_eq!(counts(&job)[..2], [5, 0], "{job}");
    let skipped = changes(&registrar_api, &job, "skipped").await;
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0]["name"], "Linda Marsh");
    apply(&registrar_api, &job).await;
    assert!(
        search(&admin, "lmarsh").await.is_empty(),
        "no admin made by a non-admin"
    );

    // The importer's own account, in the file, is left alone (here: a role change).
    let own = format!(
        "First Name,Last Name,Email,Role\r\nSome,Teacher,{},Student\r\n",
        registrar.email
    );
    let job = preview(&registrar_api, "own.csv", own.into_bytes(), &[]).await;
    assert_eq!(counts(&job)[..2], [0, 0], "{job}");
    let skipped = changes(&registrar_api, &job, "skipped").await;
    assert!(skipped[0]["message"]
        .as_str()
        .expect("present")
        .contains("own account"));
    // Nor an account holding a permission the importer lacks, nor a role change (which resets
    // permissions), nor someone else's preview.
    let office = app.add(Role::Teacher, &app.school.id);
    admin
        .patch(
            &format!("/users/{}", office.id),
            json!({ "permissions": ["manage_school"] }),
        )
        .await
        .expect(200);
    let student = app.add(Role::Student, &app.school.id);
    let rows = format!(
        "First Name,Last Name,Email,Role\r\nRenamed,Office,{},Teacher\r\nNow,Staff,{},Teacher\r\nBad,Email,not-an-email,Teacher\r\n",
        office.email, student.email
    );
    let job = preview(&registrar_api, "rules.csv", rows.into_bytes(), &[]).await;
    assert_eq!(counts(&job)[..2], [0, 0], "{job}");
    let skipped = changes(&registrar_api, &job, "skipped").await;
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(changes(&registrar_api, &job, "error").await.len(), 1);
    let admins_preview = preview(
        &admin,
        "staff.csv",
        fixture("spreadsheet/staff-with-role-column.csv"),
        &[],
    )
    .await;
    let id = admins_preview["id"].as_str().expect("id");
    registrar_api
        .post(&format!("/imports/{id}/apply"), json!({}))
        .await
        .expect(403);
    registrar_api
        .delete(&format!("/imports/{id}"))
        .await
        .expect(403);
    // And a non-admin cannot connect a OneRoster server (its syncs import admins).
    let integrator = app.add(Role::Teacher, &app.school.id);
    admin
        .patch(
            &format!("/users/{}", integrator.id),
            json!({ "permissions": ["manage_integrations"] }),
        )
        .await
        .expect(200);
    app.as_user(&integrator)
        .await
        .put(
            "/integrations/oneroster",
            json!({ "base_url": "https://sis.example.org/ims/oneroster/v1p1",
                    "token_url": "https://sis.example.org/token", "client_id": "x",
                    "client_secret": "y" }),
        )
        .await
        .expect(403);
}

async fn a_workbook_that_claims_a_huge_sheet_is_refused(app: TestApp) {
    let admin = app.as_user(&app.school.admin).await;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "First Name").expect("cell");
    sheet
        .write_string(1_048_575, 16_383, "far away")
        .expect("cell");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    import(&admin, "huge.xlsx", bytes, &[("role", "student")])
        .await
        .expect_error(422, "unsupported_file");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Student Number", "First Name", "Last Name"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).expect("cell");
    }
    sheet.write_number(1, 0, 240_201.0).expect("cell");
    sheet.write_string(1, 1, "Ana").expect("cell");
    sheet.write_string(1, 2, "Lima").expect("cell");
    let job = preview(
        &admin,
        "fine.xlsx",
        workbook.save_to_buffer().expect("xlsx"),
        &[("role", "student")],
    )
    .await;
    let created = changes(&admin, &job, "create").await;
    assert_eq!(
        created[0]["external_id"], "240201",
        "a number cell reads as written"
    );
}
