use std::collections::BTreeMap;

use leptos::prelude::*;
use validator::ValidationErrors;

/// Messages per field name, from the shared validation rules or the API's
/// `validation_failed` details.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// The shared rules' messages, per field ("must be 1 to 80 characters").
pub fn validation_errors(invalid: &ValidationErrors) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for (field, field_errors) in invalid.field_errors() {
        let messages = field_errors.iter().map(|error| {
            error
                .message
                .as_deref()
                .unwrap_or("is not valid")
                .to_owned()
        });
        errors
            .entry(field.to_string())
            .or_default()
            .extend(messages);
    }
    errors
}

/// One field's messages, for a field component's `errors`.
pub fn errors_for(errors: RwSignal<FieldErrors>, field: &'static str) -> Signal<Vec<String>> {
    Signal::derive(move || errors.with(|errors| errors.get(field).cloned().unwrap_or_default()))
}
