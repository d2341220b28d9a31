//! CEDS grade codes as an account's grade: `09` → `9`, `KG` and `PK` stay, the first of a list.
use super::super::table::values;

pub fn from_cell(cell: &str) -> Option<String> {
    let first = values(cell).into_iter().next()?;
    if first.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = first.trim_start_matches('0');
        return Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned());
    }
    Some(first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::from_cell;

    #[test]
    fn ceds_codes_read_as_schools_say_them() {
        assert_eq!(from_cell("09").as_deref(), Some("9"));
        assert_eq!(from_cell("09,10").as_deref(), Some("9"));
        assert_eq!(from_cell("12").as_deref(), Some("12"));
        assert_eq!(from_cell("KG").as_deref(), Some("KG"));
        assert_eq!(from_cell("00").as_deref(), Some("0"));
        assert_eq!(from_cell(""), None);
    }
}
