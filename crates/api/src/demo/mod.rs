//! `hallpass serve --demo`: a believable school to try Hallpass with.
mod hallway;
mod parents;
mod pictures;

use std::fmt;

use diesel::prelude::*;
use hallpass_shared::user::{AccountStatus, Role};

use crate::auth::password;
use crate::db::schema::users;
use crate::db::Db;
use crate::error::ApiError;
use crate::schools::create::{create_school, NewSchool};
use crate::schools::queries::find_by_name;
use crate::time::now;
use crate::users::queries::{insert, set_acts_for, NewAccount};

pub const SCHOOL: &str = "Lincoln High School (demo)";
pub const PASSWORD: &str = "hallpass-demo";
const DOMAIN: &str = "lincoln-high.example";

const TEACHERS: &[(&str, &str)] = &[
    ("Maria", "Garcia"),
    ("James", "Chen"),
    ("Priya", "Patel"),
    ("David", "Okoye"),
    ("Laura", "Schmidt"),
    ("Kevin", "Nguyen"),
    ("Fatima", "Haddad"),
    ("Robert", "Miller"),
    ("Grace", "Kim"),
    ("Tom", "Becker"),
];
const FIRST_NAMES: &[&str] = &[
    "Jordan", "Ava", "Noah", "Mia", "Liam", "Emma", "Ethan", "Sofia", "Lucas", "Isabella", "Mason",
    "Amelia", "Logan", "Harper", "Elijah", "Evelyn", "Aiden", "Abigail", "Caleb", "Ella", "Owen",
    "Scarlett", "Wyatt", "Grace", "Mateo", "Chloe", "Levi", "Zoe", "Isaac", "Nora", "Samuel",
    "Lily", "Diego", "Hannah", "Kai", "Aaliyah", "Omar", "Mei", "Tariq", "Priyanka",
];
const LAST_NAMES: &[&str] = &[
    "Lee",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Nguyen",
    "Kim",
    "Singh",
    "Ali",
    "Cohen",
    "Okafor",
];
/// Several hundred students over grades 9 to 12.
const STUDENTS: usize = 480;

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
        writeln!(f, "  student    {}", self.student)?;
        let mut families = Vec::new();
        for (first, last, email, children) in parents::PARENTS {
            writeln!(f, "  parent     {email}")?;
            families.push(format!("{first} {last}: {}", children.len()));
        }
        write!(f, "  (linked children: {})", families.join(", "))
    }
}

/// A varied but repeatable roster: the same demo on every machine.
fn student_name(n: usize) -> (&'static str, &'static str) {
    (
        FIRST_NAMES[n % FIRST_NAMES.len()],
        LAST_NAMES[(n / FIRST_NAMES.len() + n * 7) % LAST_NAMES.len()],
    )
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
        student: email(student_name(0).0, student_name(0).1),
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
        let second_admin = email("Alex", "Rivera");
        insert(
            conn,
            NewAccount {
                email: Some(&second_admin),
                ..account(Role::Admin, "Alex", "Rivera")
            },
            at,
        )?;
        for n in 0..STUDENTS {
            let (first, last) = student_name(n);
            let address = if n == 0 {
                email(first, last)
            } else {
                email(first, &format!("{last}{n}"))
            };
            let identifier = format!("{}", 240_100 + n);
            let grade = (9 + n % 4).to_string();
            // The first few can sign in with the demo password; the rest await printed cards.
            let password_hash = (n < 24).then(|| hash.clone());
            let row = insert(
                conn,
                NewAccount {
                    email: Some(&address),
                    school_identifier: Some(&identifier),
                    grade: Some(&grade),
                    password_hash,
                    ..account(Role::Student, first, last)
                },
                at,
            )?;
            let status = match n % 97 {
                13 => Some(AccountStatus::Disabled),
                61 => Some(AccountStatus::Suspended),
                _ => None,
            };
            if let Some(status) = status {
                diesel::update(users::table.find(&row.id))
                    .set(users::status.eq(status))
                    .execute(conn)?;
            }
        }
        // A teacher on leave: still listed, cannot sign in.
        diesel::update(users::table.filter(users::email.eq(email("Tom", "Becker"))))
            .set(users::status.eq(AccountStatus::Disabled))
            .execute(conn)?;
        pictures::seed(conn, &school_id, at)?;
        hallway::seed(conn, &school_id, &teacher_ids, at)?;
        parents::seed(conn, &school_id, &hash, at)
    })?;
    Ok(sign_ins)
}
