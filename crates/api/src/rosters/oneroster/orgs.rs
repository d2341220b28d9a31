//! `orgs.csv`: the schools (and districts) a bundle names.
use super::super::table::Table;
use super::{Bundle, BundleError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Org {
    pub sourced_id: String,
    pub name: String,
    /// `school`, `district`, `local`, `state`, `national`, or an extension.
    pub kind: String,
}

impl Org {
    pub fn is_school(&self) -> bool {
        self.kind.eq_ignore_ascii_case("school")
    }
}

pub fn read(bundle: &dyn Bundle) -> Result<Vec<Org>, BundleError> {
    let Some(bytes) = bundle.file("orgs.csv") else {
        return Ok(Vec::new());
    };
    let text = crate::text_files::decode_owned(bytes);
    let mut table = Table::open(text, &["sourcedId", "name", "type"])
        .map_err(|err| BundleError::from_table("orgs.csv", err))?;
    let mut orgs = Vec::new();
    while let Some(row) = table.next_row() {
        let row = row.map_err(|err| BundleError::from_table("orgs.csv", err))?;
        orgs.push(Org {
            sourced_id: table.get(&row, "sourcedId").to_owned(),
            name: table.get(&row, "name").to_owned(),
            kind: table.get(&row, "type").to_owned(),
        });
    }
    Ok(orgs)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn schools_and_districts() {
        let orgs = read(&fixture("oneroster-1.2-bulk")).expect("orgs");
        let schools: Vec<&str> = orgs
            .iter()
            .filter(|org| org.is_school())
            .map(|org| org.name.as_str())
            .collect();
        assert_eq!(
            schools,
            vec!["Riverbend Elementary School", "Riverbend Middle School"]
        );
        // A school-level export whose district is missing from the file.
        let orgs = read(&fixture("oneroster-1.1-bulk")).expect("orgs");
        assert_eq!(orgs.len(), 1);
        assert!(orgs[0].is_school());
    }
}
