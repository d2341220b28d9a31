//! Fields of a OneRoster JSON record as CSV cells. Servers differ in what they send: `"true"`
//! or `true`, a list or one string, a reference or a bare id. Each reads as text.
use serde_json::Value;

/// A string, number or boolean as text; `""` for anything else or nothing.
pub fn text(record: &Value, key: &str) -> String {
    scalar(record.get(key))
}

/// A reference's `sourcedId` (`"class": {"sourcedId": "…"}`), or a bare id.
pub fn reference(record: &Value, key: &str) -> String {
    record.get(key).map_or_else(String::new, sourced_id)
}

/// The `sourcedId`s of a list of references.
pub fn references(record: &Value, key: &str) -> Vec<String> {
    items(record.get(key)).map(sourced_id).collect()
}

/// A list of values (`"grades": ["09", "10"]`) as one multi-value cell: `09,10`.
pub fn list(record: &Value, key: &str) -> String {
    items(record.get(key))
        .map(|value| scalar(Some(value)))
        .filter(|value| !value.is_empty())
        .collect::<Vec<_>>()
        .join(",")
}

/// A list's items; a single value is a list of one.
pub fn items(value: Option<&Value>) -> Box<dyn Iterator<Item = &Value> + '_> {
    match value {
        Some(Value::Array(values)) => Box::new(values.iter()),
        None | Some(Value::Null) => Box::new(std::iter::empty()),
        Some(one) => Box::new(std::iter::once(one)),
    }
}

fn sourced_id(value: &Value) -> String {
    match value {
        Value::Object(_) => text(value, "sourcedId"),
        other => scalar(Some(other)),
    }
}

fn scalar(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.trim().to_owned(),
        Some(Value::Bool(flag)) => flag.to_string(),
        Some(Value::Number(number)) => number.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fields_read_whatever_shape_the_server_sends() {
        let record = json!({
            "enabledUser": true, "status": "active", "grades": ["09", "10"], "age": 15,
            "class": {"sourcedId": "c1", "type": "class"}, "school": "s1",
            "orgs": [{"sourcedId": "o1"}, {"sourcedId": "o2"}], "nothing": null,
        });
        assert_eq!(text(&record, "enabledUser"), "true");
        assert_eq!(text(&record, "age"), "15");
        assert_eq!(text(&record, "missing"), "");
        assert_eq!(list(&record, "grades"), "09,10");
        assert_eq!(list(&json!({"grades": "KG"}), "grades"), "KG");
        assert_eq!(reference(&record, "class"), "c1");
        assert_eq!(reference(&record, "school"), "s1");
        assert_eq!(references(&record, "orgs"), vec!["o1", "o2"]);
        assert!(references(&record, "nothing").is_empty());
    }
}
