-- Lowercase "first last email identifier", so a search is one LIKE over one column.
ALTER TABLE users ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
UPDATE users SET search_key = lower(
    first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(school_identifier, '')
);
-- The account list without a role filter, in name order.
CREATE INDEX users_school_name ON users (school_id, last_name, first_name, id);
