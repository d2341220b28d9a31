//! Dates and times shown in the school's time zone, formatted by the browser's
//! `Intl.DateTimeFormat` (the browser already carries the time zone data; shipping it in the
//! wasm would cost hundreds of kilobytes).

use chrono::{DateTime, Utc};
use js_sys::{Array, Date, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The browser's clock. (`Utc::now()` needs an OS clock, which wasm32-unknown-unknown lacks.)
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(Date::now() as i64).unwrap_or_default()
}

/// How much of a moment to show.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    /// "Saturday, November 22, 2025"
    Day,
    /// "Nov 22, 2025, 7:40 AM"
    DateTime,
    /// "7:40 AM"
    Time,
}

/// Formats `at` in `time_zone` (an IANA name) in the reader's locale. An unknown zone falls
/// back to the browser's own, rather than failing the page.
pub fn format_in_zone(at: DateTime<Utc>, time_zone: &str, style: Style) -> String {
    let date = Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    formatter(Some(time_zone), style)
        .or_else(|| formatter(None, style))
        .and_then(|format| format.call1(&JsValue::UNDEFINED, &date).ok())
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| at.to_rfc3339())
}

/// Whether the browser knows `time_zone` as an IANA time zone name.
pub fn is_known_time_zone(time_zone: &str) -> bool {
    !time_zone.is_empty() && formatter(Some(time_zone), Style::Day).is_some()
}

/// Every time zone the browser knows, for suggestions in a form.
pub fn known_time_zones() -> Vec<String> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let supported_values_of = intl
        .as_ref()
        .and_then(|intl| Reflect::get(intl, &"supportedValuesOf".into()).ok())
        .and_then(|value| value.dyn_into::<Function>().ok());
    let (Some(intl), Some(supported_values_of)) = (intl, supported_values_of) else {
        return Vec::new();
    };
    supported_values_of
        .call1(&intl, &"timeZone".into())
        .ok()
        .and_then(|zones| zones.dyn_into::<Array>().ok())
        .map(|zones| zones.iter().filter_map(|zone| zone.as_string()).collect())
        .unwrap_or_default()
}

/// `new Intl.DateTimeFormat(undefined, options).format`, or `None` when the browser throws
/// (an unknown time zone throws a RangeError).
fn formatter(time_zone: Option<&str>, style: Style) -> Option<Function> {
    let options = Object::new();
    let set = |key: &str, value: &str| Reflect::set(&options, &key.into(), &value.into()).ok();
    match style {
        Style::Day => set("dateStyle", "full"),
        Style::DateTime => {
            set("dateStyle", "medium");
            set("timeStyle", "short")
        }
        Style::Time => set("timeStyle", "short"),
    };
    if let Some(time_zone) = time_zone {
        set("timeZone", time_zone);
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor = Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let arguments = Array::of2(&JsValue::UNDEFINED, &options);
    let format = Reflect::construct(&constructor, &arguments).ok()?;
    Reflect::get(&format, &"format".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}
