DROP INDEX users_list;
DROP INDEX users_list_by_role;
CREATE INDEX users_school_role_name ON users (school_id, role, last_name, first_name);
ALTER TABLE users DROP COLUMN search_key;
