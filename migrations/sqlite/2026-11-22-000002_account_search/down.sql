DROP INDEX users_school_name;
ALTER TABLE users DROP COLUMN search_key;
