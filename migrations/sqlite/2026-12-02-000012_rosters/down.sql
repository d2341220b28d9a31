DROP TABLE roster_imports;
DROP TABLE oneroster_connections;
DROP TABLE import_changes;
DROP INDEX users_import_key;
ALTER TABLE users DROP COLUMN external_id;
ALTER TABLE users DROP COLUMN import_source;
