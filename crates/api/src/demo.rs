//! `hallpass serve --demo`: a believable school to try Hallpass with.
use std::fmt;

use hallpass_shared::user::Role;

use crate::auth::password;
use crate::db::Db;
use crate::error::ApiError;
use crate::schools::create::{create_school, NewSchool};
use crate::schools::queries::find_by_name;
use crate::time::now;
use crate::users::queries::{insert, set_acts_for, NewAccount};

pub const SCHOOL: &str = "Lincoln High School (demo)";
pub const PASSWORD: &str = "hallpass-demo";
const DOMAIN: &str = "lincoln-high.example";

const TEACHERS: &[(&str, &str)] = &[("Maria", "Garcia"), ("James", "Chen"), ("Priya", "Patel")];
const STUDENTS: &[(&str, &str)] = &[
    ("Jordan", "Lee"),
    ("Ava", "Johnson"),
    ("Noah", "Williams"),
    ("Mia", "Brown"),
    ("Liam", "Jones"),
    ("Emma", "Miller"),
    ("Ethan", "Davis"),
    ("Sofia", "Rodriguez"),
    ("Lucas", "Martinez"),
    ("Isabella", "Hernandez"),
    ("Mason", "Lopez"),
    ("Amelia", "Gonzalez"),
    ("Logan", "Wilson"),
    ("Harper", "Anderson"),
    ("Elijah", "Thomas"),
    ("Evelyn", "Taylor"),
    ("Aiden", "Moore"),
    ("Abigail", "Jackson"),
    ("Caleb", "Martin"),
    ("Ella", "Thompson"),
    ("Owen", "White"),
    ("Scarlett", "Harris"),
    ("Wyatt", "Clark"),
    ("Grace", "Lewis"),
];

/// The demo sign-ins, printed at start-up.
pub struct SignIns {
    pub admin: String,
    pub teacher: String,
    pub assistant: String,
    pub student: String,
}

impl fmt::Display for SignIns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Demo sign-ins (password for all: {PASSWORD}):")?;
        writeln!(f, "  admin      {}", self.admin)?;
        writeln!(f, "  teacher    {}", self.teacher)?;
        writeln!(f, "  assistant  {}", self.assistant)?;
        write!(f, "  student    {}", self.student)
    }
}

fn email(first: &str, last: &str) -> String {
    format!("{}.{}@{DOMAIN}", first.to_lowercase(), last.to_lowercase())
}

/// Seeds the demo school once; later starts only print the sign-ins.
pub fn seed(db: &Db) -> Result<SignIns, ApiError> {
    let sign_ins = SignIns {
        admin: format!("admin@{DOMAIN}"),
        teacher: email(TEACHERS[0].0, TEACHERS[0].1),
        assistant: email("Sam", "Okafor"),
        student: email(STUDENTS[0].0, STUDENTS[0].1),
    };
    if db
        .run_blocking(|conn| find_by_name(conn, SCHOOL))?
        .is_some()
    {
        return Ok(sign_ins);
    }
    let created = create_school(
        db,
        &NewSchool {
            name: SCHOOL,
            time_zone: "America/Chicago",
            admin_email: &sign_ins.admin,
            admin_password: Some(PASSWORD),
        },
    )?;
    // One hash serves every demo account: they share the printed password.
    let hash = password::hash_blocking(PASSWORD)?;
    let school_id = created.school.id;
    db.write_blocking(|conn| {
        let at = now();
        let account = |role, first: &'static str, last: &'static str| NewAccount {
            school_id: Some(&school_id),
            role,
            first_name: first,
            last_name: last,
            email: None,
            school_identifier: None,
            grade: None,
            password_hash: Some(hash.clone()),
            must_change_password: false,
        };
        let mut teacher_ids = Vec::new();
        for (first, last) in TEACHERS {
            let address = email(first, last);
            let row = insert(
                conn,
                NewAccount {
                    email: Some(&address),
                    ..account(Role::Teacher, first, last)
                },
                at,
            )?;
            teacher_ids.push(row.id);
        }
        let assistant = insert(
            conn,
            NewAccount {
                email: Some(&sign_ins.assistant),
                ..account(Role::Assistant, "Sam", "Okafor")
            },
            at,
        )?;
        set_acts_for(conn, &assistant.id, &teacher_ids[..1])?;
        for (n, (first, last)) in STUDENTS.iter().enumerate() {
            let address = email(first, last);
            let identifier = format!("{}", 240_100 + n);
            let grade = (9 + n % 4).to_string();
            insert(
                conn,
                NewAccount {
                    email: Some(&address),
                    school_identifier: Some(&identifier),
                    grade: Some(&grade),
                    ..account(Role::Student, first, last)
                },
                at,
            )?;
        }
        Ok(())
    })?;
    Ok(sign_ins)
}
