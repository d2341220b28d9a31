//! Enums that cross the wire and are stored as text, declared once with their names: the JSON
//! name, the stored name and the displayed name are the same snake_case text.
//!
//! With the `diesel` feature (the server's), each also maps to a `Text` column, so rows hold
//! the enum and a query says `.eq(PassState::Active)`.

/// `text_enum!(Name { Variant = "variant", … })`, with doc comments on the enum and variants.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the stored/wire name; `None` for anything else.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.as_str().to_sql(out)
            }
        }

        #[cfg(feature = "diesel")]
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                Self::parse(&text).ok_or_else(|| {
                    format!("{} has no value {text:?}", stringify!($name)).into()
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::passes::{EndedReason, PassState};
    use crate::rooms::TravelType;
    use crate::user::{AccountSource, AccountStatus, Permission, Role};

    /// The stored name (`as_str`) is the JSON name: `rename_all` and the declared text agree.
    fn same_names<T: serde::Serialize + Copy>(all: &[T], name: impl Fn(T) -> &'static str) {
        for value in all {
            let wire = serde_json::to_value(value).expect("serializes");
            assert_eq!(wire.as_str(), Some(name(*value)));
        }
    }

    #[test]
    fn every_stored_name_is_the_json_name() {
        same_names(Role::ALL, Role::as_str);
        same_names(AccountStatus::ALL, AccountStatus::as_str);
        same_names(AccountSource::ALL, AccountSource::as_str);
        same_names(Permission::ALL, Permission::as_str);
        same_names(PassState::ALL, PassState::as_str);
        same_names(EndedReason::ALL, EndedReason::as_str);
        same_names(TravelType::ALL, TravelType::as_str);
    }
}
