//! Which picture goes to which student: by the mapping, or by the file's own name.
use std::collections::HashMap;

use hallpass_shared::pictures::{UnmatchedFile, UnmatchedReason};

use super::mapping::MappingRow;
use super::names::{file_key, stem};

/// A student of the school, as pictures find them.
#[derive(Debug, Clone)]
pub struct Student {
    pub id: String,
    pub email: Option<String>,
    pub identifier: Option<String>,
}

/// The school's students, looked up by email (without case), school identifier (exactly), or
/// school identifier without leading zeros when only one student has it.
pub struct Students {
    by_email: HashMap<String, usize>,
    by_identifier: HashMap<String, usize>,
    by_number: HashMap<String, Vec<usize>>,
    list: Vec<Student>,
}

impl Students {
    pub fn new(list: Vec<Student>) -> Self {
        let mut students = Self {
            by_email: HashMap::new(),
            by_identifier: HashMap::new(),
            by_number: HashMap::new(),
            list,
        };
        for (at, student) in students.list.iter().enumerate() {
            if let Some(email) = &student.email {
                students.by_email.insert(email.to_lowercase(), at);
            }
            if let Some(identifier) = &student.identifier {
                students.by_identifier.insert(identifier.clone(), at);
                students
                    .by_number
                    .entry(without_zeros(identifier).to_owned())
                    .or_default()
                    .push(at);
            }
        }
        students
    }

    pub fn find(&self, key: &str) -> Option<&Student> {
        let key = key.trim();
        if key.contains('@') {
            return self
                .by_email
                .get(&key.to_lowercase())
                .map(|&at| &self.list[at]);
        }
        if let Some(&at) = self.by_identifier.get(key) {
            return Some(&self.list[at]);
        }
        match self.by_number.get(without_zeros(key)).map(Vec::as_slice) {
            Some([at]) => Some(&self.list[*at]),
            _ => None,
        }
    }
}

fn without_zeros(identifier: &str) -> &str {
    let trimmed = identifier.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

/// The pictures to process, each a file of the upload (by its index in `files`) for a
/// student, and the files that found nobody.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    pub pictures: Vec<(usize, String)>,
    pub unmatched: Vec<UnmatchedFile>,
}

/// Files by their name's key; of two files with the same base name, the first.
fn file_index(files: &[String]) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (at, path) in files.iter().enumerate() {
        index.entry(file_key(path)).or_insert(at);
        index.entry(stem(path).to_lowercase()).or_insert(at);
    }
    index
}

/// Gives each student at most one picture: the later assignment wins, the earlier is reported.
#[derive(Default)]
struct Assignments {
    by_student: HashMap<String, usize>,
    pictures: Vec<Option<(usize, String)>>,
    unmatched: Vec<UnmatchedFile>,
}

impl Assignments {
    fn assign(&mut self, files: &[String], file: usize, student: &str) {
        if let Some(earlier) = self
            .by_student
            .insert(student.to_owned(), self.pictures.len())
        {
            if let Some((earlier_file, _)) = self.pictures[earlier].take() {
                self.unmatched
                    .push(unmatched(&files[earlier_file], UnmatchedReason::Duplicate));
            }
        }
        self.pictures.push(Some((file, student.to_owned())));
    }

    fn into_plan(self) -> Plan {
        Plan {
            pictures: self.pictures.into_iter().flatten().collect(),
            unmatched: self.unmatched,
        }
    }
}

/// By the mapping's rows, in order. Files it does not name are `no_mapping_row`.
pub fn by_mapping(rows: &[MappingRow], files: &[String], students: &Students) -> Plan {
    let index = file_index(files);
    let mut named = vec![false; files.len()];
    let mut assignments = Assignments::default();
    for row in rows {
        let key = file_key(&row.file);
        let Some(&file) = index
            .get(&key)
            .or_else(|| index.get(&stem(&row.file).to_lowercase()))
        else {
            assignments
                .unmatched
                .push(unmatched(&row.file, UnmatchedReason::FileMissing));
            continue;
        };
        named[file] = true;
        match students.find(&row.student) {
            Some(student) => assignments.assign(files, file, &student.id),
            None => assignments
                .unmatched
                .push(unmatched(&files[file], UnmatchedReason::NoSuchStudent)),
        }
    }
    for (file, path) in files.iter().enumerate() {
        if !named[file] {
            assignments
                .unmatched
                .push(unmatched(path, UnmatchedReason::NoMappingRow));
        }
    }
    assignments.into_plan()
}

/// Without a mapping, a file's name without its extension is a school identifier or an email.
pub fn by_file_name(files: &[String], students: &Students) -> Plan {
    let mut assignments = Assignments::default();
    for (file, path) in files.iter().enumerate() {
        match students.find(stem(path)) {
            Some(student) => assignments.assign(files, file, &student.id),
            None => assignments
                .unmatched
                .push(unmatched(path, UnmatchedReason::NoSuchStudent)),
        }
    }
    assignments.into_plan()
}

fn unmatched(file: &str, reason: UnmatchedReason) -> UnmatchedFile {
    UnmatchedFile {
        file: file.to_owned(),
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn students() -> Students {
        let student = |id: &str, email: Option<&str>, identifier: Option<&str>| Student {
            id: id.into(),
            email: email.map(Into::into),
            identifier: identifier.map(Into::into),
        };
        Students::new(vec![
            student("ada", Some("Ada@School.test"), Some("00123")),
            student("ben", None, Some("456")),
            student("cy", None, Some("0789")),
            student("di", None, Some("789")),
        ])
    }

    fn row(line: u32, student: &str, file: &str) -> MappingRow {
        MappingRow {
            line,
            student: student.into(),
            file: file.into(),
        }
    }

    #[test]
    fn students_are_found_by_email_identifier_and_unambiguous_number() {
        let students = students();
        assert_eq!(
            students.find("ada@school.TEST").map(|s| s.id.as_str()),
            Some("ada")
        );
        assert_eq!(students.find("123").map(|s| s.id.as_str()), Some("ada"));
        assert_eq!(students.find("000456").map(|s| s.id.as_str()), Some("ben"));
        assert_eq!(
            students.find("0789").map(|s| s.id.as_str()),
            Some("cy"),
            "exact first"
        );
        assert!(
            students.find("00789").is_none(),
            "two students are 789 without zeros"
        );
    }

    #[test]
    fn the_mapping_matches_case_blind_by_base_name_and_the_later_row_wins() {
        let files: Vec<String> = [
            "Photos/ADA.JPG",
            "photos/ben.png",
            "photos/extra.jpg",
            "b2.jpg",
        ]
        .map(Into::into)
        .to_vec();
        let plan = by_mapping(
            &[
                row(1, "123", "ada.jpg"),
                row(2, "456", "ben.png"),
                row(3, "nobody@school.test", "extra.jpg"),
                row(4, "456", "b2.jpg"),
                row(5, "456", "gone.jpg"),
            ],
            &files,
            &students(),
        );
        assert_eq!(plan.pictures, vec![(0, "ada".into()), (3, "ben".into())]);
        let reasons: Vec<(&str, UnmatchedReason)> = plan
            .unmatched
            .iter()
            .map(|u| (u.file.as_str(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("photos/extra.jpg", UnmatchedReason::NoSuchStudent),
                ("photos/ben.png", UnmatchedReason::Duplicate),
                ("gone.jpg", UnmatchedReason::FileMissing),
            ]
        );
    }

    #[test]
    fn without_a_mapping_the_name_is_the_identifier_or_email() {
        let files: Vec<String> = ["ada@school.test.jpg", "000456.JPG", "who.png"]
            .map(Into::into)
            .to_vec();
        let plan = by_file_name(&files, &students());
        assert_eq!(plan.pictures, vec![(0, "ada".into()), (1, "ben".into())]);
        assert_eq!(plan.unmatched[0].reason, UnmatchedReason::NoSuchStudent);
    }
}
