use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `ok` when the server can reach its database.
    pub status: String,
    pub version: String,
    /// `sqlite` or `postgres`.
    pub database: String,
}
