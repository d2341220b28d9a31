//! Which of a bundle's schools an import is for (DESIGN section 10): with several orgs of
//! type `school` the importer must choose one (`422 choose_school` lists them with their
//! counts); with one or none, everyone goes to the importing school.
pub use hallpass_shared::rosters::SchoolChoice;

use super::orgs::Org;
use super::users::{OrgRole, RosterUser};

#[derive(Debug, PartialEq, Eq)]
pub enum Chosen {
    /// Everyone in the bundle (one school or none named).
    Everyone,
    /// Only those with a role at this org.
    Org(String),
}

#[derive(Debug, PartialEq, Eq)]
pub enum ChoiceError {
    /// Several schools and no `org`, or an `org` that is none of them.
    ChooseSchool(Vec<SchoolChoice>),
}

pub fn choose(
    orgs: &[Org],
    users: &[RosterUser],
    org: Option<&str>,
) -> Result<Chosen, ChoiceError> {
    let schools: Vec<&Org> = orgs.iter().filter(|org| org.is_school()).collect();
    if schools.len() <= 1 && org.is_none() {
        return Ok(Chosen::Everyone);
    }
    if let Some(wanted) = org {
        if schools.iter().any(|school| school.sourced_id == wanted) {
            return Ok(Chosen::Org(wanted.to_owned()));
        }
    }
    let choices = schools
        .iter()
        .map(|school| SchoolChoice {
            sourced_id: school.sourced_id.clone(),
            name: school.name.clone(),
            users: users
                .iter()
                .filter(|user| user.roles.iter().any(|role| role.org == school.sourced_id))
                .count()
                .try_into()
                .unwrap_or(u32::MAX),
        })
        .collect();
    Err(ChoiceError::ChooseSchool(choices))
}

impl Chosen {
    /// The user's role that counts for this import, if they belong to it.
    pub fn role_of<'u>(&self, user: &'u RosterUser) -> Option<&'u OrgRole> {
        match self {
            Chosen::Everyone => user.role(),
            Chosen::Org(org) => {
                let here = || user.roles.iter().filter(move |role| role.org == *org);
                here().find(|role| role.primary).or_else(|| here().next())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::manifest::Manifest;
    use super::super::users::RosterRole;
    use super::super::{fixture, orgs, users};
    use super::*;

    fn read(folder: &str) -> (Vec<Org>, Vec<RosterUser>) {
        let bundle = fixture(folder);
        let manifest = Manifest::read(&bundle).expect("manifest");
        let orgs = orgs::read(&bundle).expect("orgs");
        let users = users::read(&bundle, &manifest, &orgs).expect("users");
        (orgs, users)
    }

    #[test]
    fn two_schools_need_a_choice_with_their_counts() {
        let (orgs, users) = read("oneroster-1.2-bulk");
        let Err(ChoiceError::ChooseSchool(choices)) = choose(&orgs, &users, None) else {
            panic!("a choice is needed");
        };
        let counts: Vec<(&str, u32)> = choices
            .iter()
            .map(|choice| (choice.name.as_str(), choice.users))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("Riverbend Elementary School", 10),
                ("Riverbend Middle School", 9)
            ]
        );
        assert!(choose(&orgs, &users, Some("no-such-org")).is_err());
        let elementary = "616babe7-ff79-4436-b04f-dff78c03657e";
        let chosen = choose(&orgs, &users, Some(elementary)).expect("chosen");
        let students = users
            .iter()
            .filter(|user| {
                chosen
                    .role_of(user)
                    .is_some_and(|r| r.role == RosterRole::Student)
            })
            .count();
        assert!(students > 0);
    }

    #[test]
    fn one_school_takes_everyone() {
        let (orgs, users) = read("oneroster-1.1-bulk");
        let chosen = choose(&orgs, &users, None).expect("no choice needed");
        assert_eq!(chosen, Chosen::Everyone);
        // A student without an org still belongs to the import.
        let unplaced = users
            .iter()
            .find(|user| user.sourced_id == "S10435")
            .expect("S10435");
        assert!(chosen.role_of(unplaced).is_some());
    }
}
