//! PATCH bodies: each field is a [`Patch`], absent for "leave as it is", present to set it.
//! A field that may be cleared is a `Patch<Option<T>>`, where `null` sets `None`; a field that
//! may not refuses `null`, since `T` does.
//!
//! [`patch_body!`] declares a body: it gives each field the serde and OpenAPI attributes it
//! needs, so that a field is one line (and its validation).
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// Absent from the body: leave the value as it is.
    #[default]
    Keep,
    /// Present: the new value (`Set(None)` clears a nullable field).
    Set(T),
}

impl<T> Patch<T> {
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// The new value, when there is one.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Patch::Keep => None,
            Patch::Set(value) => Some(value),
        }
    }

    pub fn into_set(self) -> Option<T> {
        match self {
            Patch::Keep => None,
            Patch::Set(value) => Some(value),
        }
    }

    pub fn map<U>(self, change: impl FnOnce(T) -> U) -> Patch<U> {
        match self {
            Patch::Keep => Patch::Keep,
            Patch::Set(value) => Patch::Set(change(value)),
        }
    }

    /// Writes the new value into `field`, or leaves it.
    pub fn apply(self, field: &mut T) {
        if let Patch::Set(value) = self {
            *field = value;
        }
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some` sets, `None` keeps: for bodies built from "what changed".
    fn from(changed: Option<T>) -> Self {
        changed.map_or(Patch::Keep, Patch::Set)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Patch::Set)
    }
}

/// `Keep` is never written: [`patch_body!`] skips it. Written anyway (outside a body), it is an
/// error rather than a `null`, which would clear a nullable field.
impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            Patch::Keep => Err(serde::ser::Error::custom(
                "a kept PATCH field has no value to write; declare the body with patch_body!",
            )),
        }
    }
}

impl<T: validator::ValidateLength<u64>> validator::ValidateLength<u64> for Patch<T> {
    fn length(&self) -> Option<u64> {
        self.as_set().and_then(T::length)
    }
}

impl<N, T: validator::ValidateRange<N>> validator::ValidateRange<N> for Patch<T> {
    fn greater_than(&self, max: N) -> Option<bool> {
        self.as_set().and_then(|value| value.greater_than(max))
    }

    fn less_than(&self, min: N) -> Option<bool> {
        self.as_set().and_then(|value| value.less_than(min))
    }
}

/// Declares a PATCH body whose fields are all `Patch<T>`:
///
/// ```ignore
/// patch_body! {
///     /// `PATCH /school`.
///     #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
///     #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
///     #[serde(deny_unknown_fields)]
///     pub struct SchoolPatch {
///         #[validate(length(min = 1, max = 120))]
///         pub name: Patch<String>,
///         pub hallway_capacity: Patch<Option<i32>>,
///     }
/// }
/// ```
///
/// The spec shows each field as its inner type: `T`, or `T` or `null` for `Option<T>`.
#[macro_export]
macro_rules! patch_body {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: Patch<$inner:ty>,)+
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$field_meta])*
                // Per field, not on the struct: utoipa would print every field's `default`.
                #[serde(default, skip_serializing_if = "Patch::is_keep")]
                #[cfg_attr(feature = "openapi", schema(value_type = $inner))]
                pub $field: Patch<$inner>,
            )+
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use validator::Validate;

    use super::Patch;

    patch_body! {
        #[derive(Debug, Default, PartialEq, Serialize, Deserialize, Validate)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(deny_unknown_fields)]
        pub struct Example {
            #[validate(length(min = 1, max = 3))]
            pub name: Patch<String>,
            #[validate(range(min = 1))]
            pub cap: Patch<Option<i32>>,
        }
    }

    fn read(json: &str) -> Result<Example, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn absent_keeps_null_clears_a_nullable_field_and_is_refused_elsewhere() {
        let kept = read("{}").expect("empty body");
        assert_eq!(kept, Example::default());
        let set = read(r#"{"name":"Ann","cap":null}"#).expect("body");
        assert_eq!(set.name, Patch::Set("Ann".to_owned()));
        assert_eq!(set.cap, Patch::Set(None));
        assert!(read(r#"{"name":null}"#).is_err());
        assert!(read(r#"{"other":1}"#).is_err());
    }

    #[test]
    fn only_set_fields_are_written() {
        let body = Example {
            cap: Patch::Set(None),
            ..Example::default()
        };
        assert_eq!(
            serde_json::to_string(&body).expect("json"),
            r#"{"cap":null}"#
        );
        assert_eq!(
            serde_json::to_string(&Example::default()).expect("json"),
            "{}"
        );
    }

    #[test]
    fn validation_applies_to_set_values_only() {
        assert!(read("{}").expect("body").validate().is_ok());
        assert!(read(r#"{"name":"Anna"}"#)
            .expect("body")
            .validate()
            .is_err());
        assert!(read(r#"{"cap":0}"#).expect("body").validate().is_err());
        assert!(read(r#"{"cap":null}"#).expect("body").validate().is_ok());
        assert!(read(r#"{"cap":2,"name":"Al"}"#)
            .expect("body")
            .validate()
            .is_ok());
    }
}
