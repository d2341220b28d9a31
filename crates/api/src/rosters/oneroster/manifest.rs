//! `manifest.csv`: the OneRoster version and, per file, `bulk`, `delta` or `absent`.
use super::super::table::Table;
use super::{Bundle, BundleError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1_1,
    V1_2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Bulk,
    Delta,
    Absent,
}

#[derive(Debug)]
pub struct Manifest {
    pub version: Version,
    properties: Vec<(String, String)>,
}

impl Manifest {
    pub fn read(bundle: &dyn Bundle) -> Result<Self, BundleError> {
        let bytes = bundle.file("manifest.csv").ok_or(BundleError::NoManifest)?;
        let text = crate::text_files::decode_owned(bytes);
        let mut table = Table::open(text, &["propertyName", "value"])
            .map_err(|err| BundleError::from_table("manifest.csv", err))?;
        let mut properties = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.map_err(|err| BundleError::from_table("manifest.csv", err))?;
            properties.push((
                table.get(&row, "propertyName").to_ascii_lowercase(),
                table.get(&row, "value").to_owned(),
            ));
        }
        let version = match properties
            .iter()
            .find(|(name, _)| name == "oneroster.version")
            .map(|(_, value)| value.as_str())
        {
            Some(v) if v.starts_with("1.2") => Version::V1_2,
            _ => Version::V1_1,
        };
        Ok(Manifest {
            version,
            properties,
        })
    }

    /// How `file` (`users`, `orgs`, …) is given; a file the manifest does not name is absent.
    pub fn mode(&self, file: &str) -> Mode {
        let key = format!("file.{}", file.to_ascii_lowercase());
        match self
            .properties
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value.to_ascii_lowercase())
            .as_deref()
        {
            Some("bulk") => Mode::Bulk,
            Some("delta") => Mode::Delta,
            _ => Mode::Absent,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn versions_and_modes_as_the_fixtures_say() {
        let bulk = Manifest::read(&fixture("oneroster-1.1-bulk")).expect("manifest");
        assert_eq!(bulk.version, Version::V1_1);
        assert_eq!(bulk.mode("users"), Mode::Bulk);
        assert_eq!(bulk.mode("results"), Mode::Absent);
        let delta = Manifest::read(&fixture("oneroster-1.1-delta")).expect("manifest");
        assert_eq!(delta.mode("users"), Mode::Delta);
        let newer = Manifest::read(&fixture("oneroster-1.2-bulk")).expect("manifest");
        assert_eq!(newer.version, Version::V1_2);
        let none = super::super::Files(Default::default());
        assert_eq!(Manifest::read(&none).err(), Some(BundleError::NoManifest));
    }
}
