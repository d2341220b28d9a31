//! Wire enums are stored as the same snake_case text they have in JSON.
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ApiError;

pub fn to_text<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

pub fn from_text<T: DeserializeOwned>(column: &str, text: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
        ApiError::internal(anyhow::anyhow!("{column} holds an unknown value {text:?}"))
    })
}
