//! A spreadsheet's columns, found by their header's name: case, spaces and punctuation do not
//! matter, and the usual synonyms of each (DESIGN section 10) are known.
use std::collections::BTreeMap;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    FirstName,
    LastName,
    Email,
    SchoolIdentifier,
    Grade,
    Role,
}

impl Field {
    /// The name an error gives the column.
    pub fn label(self) -> &'static str {
        match self {
            Field::FirstName => "first name",
            Field::LastName => "last name",
            Field::Email => "email",
            Field::SchoolIdentifier => "school identifier",
            Field::Grade => "grade",
            Field::Role => "role",
        }
    }
}

/// Headers as they are written, after `key`: "Student Number", "student_number" and
/// "STUDENT #" are all `studentnumber`… once `#` and `no` are spelled out as `number`.
const SYNONYMS: &[(Field, &[&str])] = &[
    (
        Field::FirstName,
        &[
            "firstname",
            "first",
            "givenname",
            "given",
            "forename",
            "studentfirstname",
            "legalfirstname",
        ],
    ),
    (
        Field::LastName,
        &[
            "lastname",
            "last",
            "familyname",
            "family",
            "surname",
            "studentlastname",
            "legallastname",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "emailaddress",
            "mail",
            "studentemail",
            "schoolemail",
            "username",
        ],
    ),
    (
        Field::SchoolIdentifier,
        &[
            "schoolid",
            "studentid",
            "studentnumber",
            "identifier",
            "id",
            "idnumber",
            "localid",
            "staffid",
            "employeeid",
            "sisid",
        ],
    ),
    (
        Field::Grade,
        &["grade", "gradelevel", "grades", "year", "yeargroup"],
    ),
    (Field::Role, &["role", "usertype", "accounttype"]),
];

/// `Student #` → `studentnumber`, `E-mail Address` → `emailaddress`.
fn key(header: &str) -> String {
    let spelled = header
        .trim()
        .trim_start_matches('\u{feff}')
        .replace('#', " number ");
    let words: Vec<String> = spelled
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .map(|word| {
            if word == "no" {
                "number".to_owned()
            } else {
                word
            }
        })
        .collect();
    words.concat()
}

/// Where each known column is, and the headers that were not understood (ignored).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub at: BTreeMap<Field, usize>,
    pub ignored: Vec<String>,
}

impl Columns {
    /// The columns a header row names. A field named twice keeps its first column; the second
    /// is ignored (and listed), so a stray copy never overwrites good data.
    pub fn find(headers: &[&str]) -> Self {
        let mut columns = Columns::default();
        for (index, header) in headers.iter().enumerate() {
            let key = key(header);
            let field = SYNONYMS
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
                .map(|(field, _)| *field);
            match field {
                Some(field) if !columns.at.contains_key(&field) => {
                    columns.at.insert(field, index);
                }
                _ if key.is_empty() => {}
                _ => columns.ignored.push((*header).to_owned()),
            }
        }
        columns
    }

    /// The required fields that no column holds: both names, and an email or a school
    /// identifier to know the account by; a role unless the form gives one.
    pub fn missing(&self, role_given: bool) -> Vec<&'static str> {
        let mut missing = Vec::new();
        for field in [Field::FirstName, Field::LastName] {
            if !self.at.contains_key(&field) {
                missing.push(field.label());
            }
        }
        if !self.at.contains_key(&Field::Email) && !self.at.contains_key(&Field::SchoolIdentifier) {
            missing.push("email or school identifier");
        }
        if !role_given && !self.at.contains_key(&Field::Role) {
            missing.push(Field::Role.label());
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_by_name_whatever_their_spelling() {
        let found = Columns::find(&[
            "\u{feff}Student Number",
            "Last Name",
            "First Name",
            "Grade",
            "E-mail Address",
        ]);
        assert_eq!(found.at[&Field::SchoolIdentifier], 0);
        assert_eq!(found.at[&Field::LastName], 1);
        assert_eq!(found.at[&Field::FirstName], 2);
        assert_eq!(found.at[&Field::Grade], 3);
        assert_eq!(found.at[&Field::Email], 4);
        assert!(found.missing(true).is_empty());
        assert_eq!(found.missing(false), vec!["role"]);

        let found = Columns::find(&["Given Name", "Surname", "STUDENT #", "Role", "Homeroom"]);
        assert_eq!(found.at[&Field::FirstName], 0);
        assert_eq!(found.at[&Field::LastName], 1);
        assert_eq!(found.at[&Field::SchoolIdentifier], 2);
        assert_eq!(found.at[&Field::Role], 3);
        assert_eq!(found.ignored, vec!["Homeroom".to_owned()]);
        assert_eq!(key("Student No."), "studentnumber");
    }

    #[test]
    fn what_is_missing_is_named_and_a_second_copy_is_ignored() {
        let found = Columns::find(&["first_name", "grade", "First Name"]);
        assert_eq!(found.at[&Field::FirstName], 0);
        assert_eq!(found.ignored, vec!["First Name".to_owned()]);
        assert_eq!(
            found.missing(false),
            vec!["last name", "email or school identifier", "role"]
        );
    }
}
