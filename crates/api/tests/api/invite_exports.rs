//! `GET /invite-codes.csv` and `.xlsx`: every listed student's code, safe to open.
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use hallpass_shared::user::Role;
use serde_json::json;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(
    the_csv_lists_codes_and_defuses_formulas,
    the_xlsx_round_trips
);

const HEADER: [&str; 6] = [
    "Last name",
    "First name",
    "School identifier",
    "Grade",
    "Email",
    "Invite code",
];

/// Students named to try formula injection, one in grade 10, and one suspended.
async fn students(app: &TestApp) -> Vec<String> {
    let admin = app.as_user(&app.school.admin).await;
    let mut ids = Vec::new();
    for (first, last, identifier, grade) in [
        ("=HYPERLINK(\"x\")", "+Plus", "0042", "9"),
        ("@SUM(A1)", "-Minus", "=1+2", "9"),
        ("Ava", "Lee", "00777", "10"),
        ("Suspended", "Zed", "999", "9"),
    ] {
        let created = admin
            .post(
                "/users",
                json!({ "role": "student", "first_name": first, "last_name": last,
                        "school_identifier": identifier, "grade": grade }),
            )
            .await
            .expect(201)
            .body;
        ids.push(created["id"].as_str().expect("id").to_owned());
    }
    app.set_column_status(&ids[3], "suspended");
    app.add(Role::Teacher, &app.school.id);
    ids
}

async fn the_csv_lists_codes_and_defuses_formulas(app: TestApp) {
    let ids = students(&app).await;
    let admin = app.as_user(&app.school.admin).await;
    let reply = admin.get("/invite-codes.csv").await.expect(200);
    assert!(reply.headers["content-type"]
        .to_str()
        .expect("type")
        .starts_with("text/csv"));
    let disposition = reply.headers["content-disposition"]
        .to_str()
        .expect("header");
    assert!(disposition.starts_with("attachment") && disposition.contains("invite-codes.csv"));
    let text = reply.body.as_str().expect("text").to_owned();
    let mut csv = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        csv.headers().expect("header").iter().collect::<Vec<_>>(),
        HEADER
    );
    let rows: Vec<Vec<String>> = csv
        .records()
        .map(|r| r.expect("row").iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 3, "no teacher, no suspended student: {rows:?}");
    assert_eq!(
        rows[0],
        [
            "'+Plus",
            "'=HYPERLINK(\"x\")",
            "0042",
            "9",
            "",
            &app.invite_code(&ids[0])
        ]
    );
    assert_eq!(rows[1][..3], ["'-Minus", "'@SUM(A1)", "'=1+2"]);
    assert_eq!(rows[2][..4], ["Lee", "Ava", "00777", "10"]);
    assert_eq!(rows[2][5], app.invite_code(&ids[2]));

    let tenth = admin.get("/invite-codes.csv?grade=10").await.expect(200);
    let disposition = tenth.headers["content-disposition"]
        .to_str()
        .expect("header");
    assert!(
        disposition.contains("invite-codes-grade-10.csv"),
        "{disposition}"
    );
    let text = tenth.body.as_str().expect("text");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains(&app.invite_code(&ids[2])));
    admin
        .get("/invite-codes.csv?grade=")
        .await
        .expect_error(400, "validation_failed");
}

async fn the_xlsx_round_trips(app: TestApp) {
    let ids = students(&app).await;
    let login = app
        .login(&app.school.admin.email, &app.school.admin.password)
        .await
        .expect(200)
        .body;
    let token = login["access_token"].as_str().expect("token");
    let response = app
        .api
        .http
        .get(format!("{}/api/v1/invite-codes.xlsx?grade=9", app.api.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status().as_u16(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .to_owned();
    assert!(
        disposition.contains("invite-codes-grade-9.xlsx"),
        "{disposition}"
    );
    let bytes = response.bytes().await.expect("body");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a workbook");
    let sheet = book.worksheet_range("Invite codes").expect("the sheet");
    let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
    let text = |cell: &Data| match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    };
    assert_eq!(rows[0].iter().map(text).collect::<Vec<_>>(), HEADER);
    assert_eq!(rows.len(), 3, "grade 9 without the suspended student");
    assert_eq!(
        text(&rows[1][2]),
        "0042",
        "identifiers keep their zeros as text"
    );
    assert_eq!(text(&rows[1][5]), app.invite_code(&ids[0]));
    assert_eq!(text(&rows[2][0]), "-Minus", "text cells, never formulas");
}
