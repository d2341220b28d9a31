-- Lowercase "first last email identifier", so a search is one LIKE over one column.
ALTER TABLE users ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE users SET search_key = lower(
    first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(school_identifier, '')
);
-- Account lists walk these in name order and filter on the index alone (a covering index):
-- a search that matches few accounts reads no table rows but the page it returns.
DROP INDEX users_school_role_name;
CREATE INDEX users_list_by_role ON users (school_id, role, last_name, first_name, id, status, search_key);
CREATE INDEX users_list ON users (school_id, last_name, first_name, id, role, status, search_key);
