use serde::Serialize;
use serde_json::Value;

/// `?name=value&…` for the set fields of a query struct (`None` fields are left out), or an
/// empty string when none is set.
pub fn query_string(params: &impl Serialize) -> String {
    let Ok(Value::Object(fields)) = serde_json::to_value(params) else {
        return String::new();
    };
    let pairs: Vec<String> = fields
        .into_iter()
        .filter_map(|(name, value)| {
            let text = match value {
                Value::Null => return None,
                Value::String(text) => text,
                other => other.to_string(),
            };
            Some(format!("{name}={}", js_sys::encode_uri_component(&text)))
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}
