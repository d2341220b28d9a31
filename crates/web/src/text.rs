//! Upper and lower case through the browser's own Unicode tables: Rust's `to_lowercase` and
//! `to_uppercase` would put a copy of theirs (some 20 KiB) in the wasm.
use js_sys::JsString;

pub fn lowercase(text: &str) -> String {
    JsString::from(text).to_lower_case().into()
}

pub fn uppercase(text: &str) -> String {
    JsString::from(text).to_upper_case().into()
}
