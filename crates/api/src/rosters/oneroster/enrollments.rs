//! `enrollments.csv`, for what the import needs from it: the teachers an aide works with
//! (the teachers of the aide's classes). OneRoster has no aide enrollment role (1.1 exports
//! write one anyway), so an aide is known by the user's role, enrolled as whatever.
use std::collections::{BTreeSet, HashMap};

use super::super::table::Table;
use super::users::{RosterRole, RosterUser};
use super::{Bundle, BundleError};

const ENROLLMENTS: &str = "enrollments.csv";

/// For each aide's sourcedId, the sourcedIds of the teachers they act for; empty without an
/// `enrollments.csv`.
pub fn teachers_of_aides(
    bundle: &dyn Bundle,
    users: &[RosterUser],
) -> Result<HashMap<String, BTreeSet<String>>, BundleError> {
    let Some(bytes) = bundle.file(ENROLLMENTS) else {
        return Ok(HashMap::new());
    };
    let role_of: HashMap<&str, RosterRole> = users
        .iter()
        .filter_map(|user| Some((user.sourced_id.as_str(), user.role()?.role)))
        .collect();
    let table = |err| BundleError::from_table(ENROLLMENTS, err);
    let mut enrollments = Table::open(
        crate::text_files::decode_owned(bytes),
        &["classSourcedId", "userSourcedId"],
    )
    .map_err(table)?;
    // Per class, its aides and its teachers.
    let mut classes: HashMap<String, (Vec<String>, Vec<String>)> = HashMap::new();
    while let Some(row) = enrollments.next_row() {
        let row = row.map_err(table)?;
        let get = |column| enrollments.get(&row, column);
        if get("status").eq_ignore_ascii_case("tobedeleted") {
            continue;
        }
        let user = get("userSourcedId");
        let class = classes.entry(get("classSourcedId").to_owned()).or_default();
        match role_of.get(user) {
            Some(RosterRole::Aide) => class.0.push(user.to_owned()),
            Some(RosterRole::Teacher) => class.1.push(user.to_owned()),
            _ => {}
        }
    }
    let mut acting: HashMap<String, BTreeSet<String>> = HashMap::new();
    for (aides, teachers) in classes.into_values() {
        for aide in aides {
            acting
                .entry(aide)
                .or_default()
                .extend(teachers.iter().cloned());
        }
    }
    Ok(acting)
}

#[cfg(test)]
mod tests {
    use super::super::manifest::Manifest;
    use super::super::{fixture, orgs, users};
    use super::*;

    fn acting(folder: &str) -> (Vec<RosterUser>, HashMap<String, BTreeSet<String>>) {
        let bundle = fixture(folder);
        let manifest = Manifest::read(&bundle).expect("manifest");
        let orgs = orgs::read(&bundle).expect("orgs");
        let users = users::read(&bundle, &manifest, &orgs).expect("users");
        let acting = teachers_of_aides(&bundle, &users).expect("enrollments");
        (users, acting)
    }

    #[test]
    fn an_aide_acts_for_the_teachers_of_their_classes() {
        let (_, acting) = acting("oneroster-1.1-bulk");
        assert_eq!(acting["T260"], BTreeSet::from(["T233".to_owned()]));
        assert_eq!(acting.len(), 1);
    }

    #[test]
    fn a_one_two_aide_enrolled_as_a_teacher_is_still_an_aide() {
        let (users, acting) = acting("oneroster-1.2-bulk");
        let name_of = |id: &str| {
            users
                .iter()
                .find(|user| user.sourced_id == id)
                .map(|user| user.family_name.clone())
                .expect("a user")
        };
        let pairs: Vec<(String, Vec<String>)> = acting
            .iter()
            .map(|(aide, teachers)| (name_of(aide), teachers.iter().map(|t| name_of(t)).collect()))
            .collect();
        assert_eq!(
            pairs,
            vec![("Okoro".to_owned(), vec!["Whitfield".to_owned()])]
        );
    }
}
