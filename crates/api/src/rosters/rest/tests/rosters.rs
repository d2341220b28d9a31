//! A pull reads as the same roster a CSV bundle would: the readers of `oneroster/` turn it
//! into the candidates.
use std::collections::BTreeSet;

use hallpass_shared::rosters::SchoolChoice;
use hallpass_shared::user::Role;
use serde_json::{json, Value};

use super::fake::{Fake, Script, V1_2};
use super::{limits, pull_from};
use crate::rosters::oneroster::manifest::{Manifest, Mode, Version};
use crate::rosters::oneroster::roster::{read, Candidate, Roster, RosterError};
use crate::rosters::oneroster::Bundle;
use crate::rosters::rest::{test, PullLimits};

const SCOPE_1_2: &str = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

fn org(id: &str, name: &str, kind: &str) -> Value {
    json!({"sourcedId": id, "status": "active", "name": name, "type": kind})
}

fn orgs() -> Vec<Value> {
    vec![
        org("dist-1", "Riverbend District", "district"),
        org("sch-1", "Lincoln High School", "school"),
    ]
}

/// 1.1: one `role`, at each of `orgs`; `enabledUser` as text (or, from some servers, a
/// boolean).
fn user_1_1(id: &str, role: &str, org: &str, name: (&str, &str), more: Value) -> Value {
    let mut user = json!({
        "sourcedId": id, "status": "active", "enabledUser": "true", "role": role,
        "orgs": [{"href": "…", "sourcedId": org, "type": "org"}],
        "givenName": name.0, "familyName": name.1, "username": id.to_lowercase(),
    });
    merge(&mut user, more);
    user
}

/// 1.2: `roles`, primary or secondary, each at an org; `enabledUser` a boolean.
fn user_1_2(id: &str, roles: &[(&str, &str, &str)], name: (&str, &str), more: Value) -> Value {
    let roles: Vec<Value> = roles
        .iter()
        .map(|(kind, role, org)| {
            json!({"roleType": kind, "role": role, "org": {"sourcedId": org, "type": "org"}})
        })
        .collect();
    let mut user = json!({
        "sourcedId": id, "status": "active", "enabledUser": true, "roles": roles,
        "givenName": name.0, "familyName": name.1,
    });
    merge(&mut user, more);
    user
}

fn merge(into: &mut Value, more: Value) {
    if let (Value::Object(into), Value::Object(more)) = (into, more) {
        into.extend(more);
    }
}

fn enrollment(id: &str, class: &str, user: &str, role: &str) -> Value {
    json!({
        "sourcedId": id, "status": "active", "role": role, "primary": "false",
        "class": {"sourcedId": class, "type": "class"},
        "user": {"sourcedId": user, "type": "user"},
        "school": {"sourcedId": "sch-1", "type": "org"},
    })
}

fn one_one() -> Script {
    Script {
        orgs: orgs(),
        users: vec![
            user_1_1(
                "S1",
                "student",
                "sch-1",
                ("Ana", "Ruiz"),
                json!({"email": "ana@lincoln.example", "identifier": "1001", "grades": ["09"]}),
            ),
            user_1_1(
                "S2",
                "student",
                "sch-1",
                ("Ben", "Cho"),
                json!({"enabledUser": "false", "identifier": "1002", "grades": ["10", "11"]}),
            ),
            user_1_1(
                "S3",
                "student",
                "sch-1",
                ("Cy", "Dee"),
                json!({"enabledUser": false, "grades": "12"}),
            ),
            user_1_1(
                "T1",
                "teacher",
                "sch-1",
                ("Maya", "Lin"),
                json!({"email": "lin@lincoln.example"}),
            ),
            user_1_1("A1", "aide", "sch-1", ("Sam", "Okoro"), json!({})),
            user_1_1("G1", "guardian", "sch-1", ("Paula", "Ruiz"), json!({})),
            user_1_1("D1", "administrator", "dist-1", ("Dana", "Moss"), json!({})),
        ],
        enrollments: Some(vec![
            enrollment("E1", "C1", "T1", "teacher"),
            enrollment("E2", "C1", "A1", "aide"),
            enrollment("E3", "C1", "S1", "student"),
            enrollment("E4", "C2", "S2", "student"),
        ]),
        ..Script::default()
    }
}

fn one_two() -> Script {
    let mut orgs = orgs();
    orgs.push(org("sch-2", "Jefferson Middle School", "school"));
    Script {
        prefix: V1_2,
        scope: Some(SCOPE_1_2),
        orgs,
        users: vec![
            user_1_2(
                "S1",
                &[("primary", "student", "sch-1")],
                ("Ana", "Ruiz"),
                json!({"grades": ["09"], "identifier": "1001"}),
            ),
            user_1_2(
                "S2",
                &[("primary", "student", "sch-2")],
                ("Ben", "Cho"),
                json!({"grades": ["07"]}),
            ),
            user_1_2(
                "T1",
                &[
                    ("secondary", "teacher", "sch-2"),
                    ("primary", "teacher", "sch-1"),
                ],
                ("Maya", "Lin"),
                json!({}),
            ),
            user_1_2(
                "A1",
                &[("primary", "aide", "sch-1")],
                ("Sam", "Okoro"),
                json!({"enabledUser": false}),
            ),
            user_1_2(
                "G1",
                &[("primary", "guardian", "sch-1")],
                ("Paula", "Ruiz"),
                json!({}),
            ),
        ],
        // OneRoster 1.2 has no aide enrollment: the aide is enrolled as a teacher.
        enrollments: Some(vec![
            enrollment("E1", "C1", "T1", "teacher"),
            enrollment("E2", "C1", "A1", "teacher"),
            enrollment("E3", "C1", "S1", "student"),
        ]),
        ..Script::default()
    }
}

fn candidate<'r>(roster: &'r Roster, key: &str) -> &'r Candidate {
    roster
        .candidates
        .iter()
        .find(|candidate| candidate.key == key)
        .unwrap_or_else(|| panic!("{key} is a candidate"))
}

fn keys(roster: &Roster) -> Vec<&str> {
    let mut keys: Vec<&str> = roster.candidates.iter().map(|c| c.key.as_str()).collect();
    keys.sort_unstable();
    keys
}

fn bulk_manifest(bundle: &dyn Bundle, version: Version, files: &[&str]) {
    let manifest = Manifest::read(bundle).expect("a manifest");
    assert_eq!(manifest.version, version);
    for file in files {
        assert_eq!(manifest.mode(file), Mode::Bulk, "{file}");
    }
}

#[tokio::test]
async fn a_one_one_pull_reads_as_a_csv_bundle_would() {
    let fake = Fake::start(one_one());
    let files = pull_from(&fake, &limits()).await.expect("pulled");
    bulk_manifest(&files, Version::V1_1, &["orgs", "users", "enrollments"]);
    let roster = read(&files, None).expect("one school: no choice");
    assert!(roster.whole);
    assert_eq!(keys(&roster), ["A1", "S1", "S2", "S3", "T1"]);
    let ana = candidate(&roster, "S1");
    assert_eq!(
        (ana.role, ana.first_name.as_str(), ana.last_name.as_str()),
        (Role::Student, "Ana", "Ruiz")
    );
    assert_eq!(ana.email.as_deref(), Some("ana@lincoln.example"));
    assert_eq!(ana.identifier.as_deref(), Some("1001"));
    assert_eq!(ana.grade.as_deref(), Some("9"));
    assert!(ana.enabled && !ana.leaving);
    let ben = candidate(&roster, "S2");
    assert_eq!(ben.grade.as_deref(), Some("10"));
    assert!(!ben.enabled);
    assert!(!candidate(&roster, "S3").enabled);
    assert_eq!(candidate(&roster, "T1").role, Role::Teacher);
    let aide = candidate(&roster, "A1");
    assert_eq!(aide.role, Role::Assistant);
    assert_eq!(aide.acts_for, BTreeSet::from(["T1".to_owned()]));
    assert_eq!(roster.not_imported.guardians, 1);
    assert_eq!(roster.not_imported.district_administrators, 1);
}

#[tokio::test]
async fn a_one_two_pull_asks_for_its_scope_and_reads_roles() {
    let fake = Fake::start(one_two());
    let files = pull_from(&fake, &limits()).await.expect("pulled");
    bulk_manifest(
        &files,
        Version::V1_2,
        &["orgs", "users", "roles", "enrollments"],
    );
    let Err(RosterError::ChooseSchool(choices)) = read(&files, None) else {
        panic!("two schools need a choice");
    };
    let counts: Vec<(&str, u32)> = choices
        .iter()
        .map(|choice| (choice.sourced_id.as_str(), choice.users))
        .collect();
    assert_eq!(counts, vec![("sch-1", 4), ("sch-2", 2)]);
    let roster = read(&files, Some("sch-1")).expect("Lincoln");
    assert_eq!(keys(&roster), ["A1", "S1", "T1"]);
    assert_eq!(candidate(&roster, "S1").grade.as_deref(), Some("9"));
    assert_eq!(candidate(&roster, "T1").role, Role::Teacher);
    let aide = candidate(&roster, "A1");
    assert_eq!(aide.role, Role::Assistant);
    assert!(!aide.enabled);
    assert_eq!(aide.acts_for, BTreeSet::from(["T1".to_owned()]));
    assert_eq!(roster.not_imported.guardians, 1);
    let middle = read(&files, Some("sch-2")).expect("Jefferson");
    assert_eq!(keys(&middle), ["S2", "T1"]);
}

#[tokio::test]
async fn without_an_enrollments_endpoint_there_are_no_enrollments() {
    let fake = Fake::start(Script {
        enrollments: None,
        ..one_one()
    });
    let files = pull_from(&fake, &limits()).await.expect("pulled");
    assert!(files.file("enrollments.csv").is_none());
    let manifest = Manifest::read(&files).expect("a manifest");
    assert_eq!(manifest.mode("enrollments"), Mode::Absent);
    let roster = read(&files, None).expect("a roster");
    assert!(candidate(&roster, "A1").acts_for.is_empty());
}

#[tokio::test]
async fn a_missing_users_endpoint_is_a_bad_address() {
    let fake = Fake::start(Script {
        prefix: V1_2,
        ..one_one()
    });
    let mut server = fake.server();
    // A 1.1 path on a server that serves 1.2: nothing there.
    server.base_url = format!("{}/ims/oneroster/v1p1", fake.origin);
    let err = match crate::rosters::rest::pull(&server, &limits(), &|_| {}).await {
        Ok(_) => panic!("nothing to pull"),
        Err(err) => err,
    };
    assert_eq!(err.code, "oneroster_bad_address");
}

#[tokio::test]
async fn testing_the_connection_lists_the_schools_from_the_first_page() {
    let fake = Fake::start(one_two());
    let one_page = PullLimits {
        page_size: 1000,
        ..limits()
    };
    let schools = test(&fake.server(), &one_page).await.expect("connected");
    let school = |id: &str, name: &str| SchoolChoice {
        sourced_id: id.to_owned(),
        name: name.to_owned(),
        users: 0,
    };
    assert_eq!(
        schools,
        vec![
            school("sch-1", "Lincoln High School"),
            school("sch-2", "Jefferson Middle School")
        ]
    );
    let asked: Vec<String> = fake.seen().into_iter().map(|seen| seen.what).collect();
    assert_eq!(asked, ["token", "orgs"]);
}
