//! `schema.rs` (hand-kept) must match what the migrations create, on both backends.
use std::collections::BTreeMap;

use diesel::sql_types::{Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};
use hallpass_api::db::DbConn;

use crate::on_both_backends;
use crate::support::TestApp;

on_both_backends!(schema_rs_matches_the_migrations);

const SCHEMA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/db/schema.rs"));

/// table -> column -> (normalised type, nullable)
type Columns = BTreeMap<String, BTreeMap<String, (String, bool)>>;

fn declared() -> Columns {
    let mut tables = Columns::new();
    let mut current: Option<String> = None;
    for line in SCHEMA.lines().map(str::trim) {
        if let Some(name) = line
            .strip_suffix('{')
            .and_then(|l| l.split_whitespace().next())
        {
            if line.contains('(') {
                current = Some(name.to_owned());
                tables.entry(name.to_owned()).or_default();
            }
        } else if let (Some(table), Some((column, ty))) = (&current, line.split_once(" -> ")) {
            let ty = ty.trim_end_matches(',');
            let (ty, nullable) = match ty
                .strip_prefix("Nullable<")
                .and_then(|t| t.strip_suffix('>'))
            {
                Some(inner) => (inner, true),
                None => (ty, false),
            };
            tables
                .get_mut(table)
                .expect("table")
                .insert(column.to_owned(), (ty.to_lowercase(), nullable));
        } else if line == "}" {
            current = None;
        }
    }
    tables
}

#[derive(QueryableByName)]
struct Column {
    #[diesel(sql_type = Text)]
    table_name: String,
    #[diesel(sql_type = Text)]
    column_name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Integer)]
    nullable: i32,
}

fn normalise(sql_type: &str) -> String {
    match sql_type.to_lowercase().as_str() {
        "text" => "text",
        "integer" => "integer",
        "boolean" => "bool",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "blob" | "bytea" => "binary",
        other => other,
    }
    .to_owned()
}

fn actual(conn: &mut DbConn) -> Columns {
    let sql = match conn {
        DbConn::Sqlite(_) => {
            "SELECT m.name AS table_name, p.name AS column_name, p.type AS data_type, \
             CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 0 ELSE 1 END AS nullable \
             FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__diesel%'"
        }
        DbConn::Postgres(_) => {
            "SELECT table_name::text, column_name::text, data_type::text, \
             CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable \
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '__diesel%'"
        }
    };
    let rows: Vec<Column> = diesel::sql_query(sql).load(conn).expect("columns");
    let mut tables = Columns::new();
    for row in rows {
        tables.entry(row.table_name).or_default().insert(
            row.column_name,
            (normalise(&row.data_type), row.nullable == 1),
        );
    }
    tables
}

async fn schema_rs_matches_the_migrations(app: TestApp) {
    let actual = app
        .db
        .run_blocking(|conn| Ok(actual(conn)))
        .expect("read the schema");
    assert_eq!(declared(), actual);
}
