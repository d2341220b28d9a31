-- Moves on every change to who is in a school and how they are listed, so an instance can keep
-- a school's accounts in memory for searching and know, with one read, whether its copy is
-- current (users/search_cache.rs). Triggers keep it, so no way of writing users can forget.
-- Once per statement, not per row: a bulk change of 5,000 accounts moves it once, instead of
-- updating one schools row 5,000 times in one transaction.
ALTER TABLE schools ADD COLUMN accounts_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION move_accounts_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schools SET accounts_version = accounts_version + 1
    WHERE id IN (SELECT school_id FROM changed_users WHERE school_id IS NOT NULL);
    RETURN NULL;
END
$$;

CREATE TRIGGER users_inserted_move_accounts_version AFTER INSERT ON users
REFERENCING NEW TABLE AS changed_users
FOR EACH STATEMENT EXECUTE FUNCTION move_accounts_version();

CREATE TRIGGER users_deleted_move_accounts_version AFTER DELETE ON users
REFERENCING OLD TABLE AS changed_users
FOR EACH STATEMENT EXECUTE FUNCTION move_accounts_version();

-- PostgreSQL cannot combine a transition table with a column list, so every update of users
-- moves it, PIN and password changes included; that only costs the next search one reload.
CREATE TRIGGER users_updated_move_accounts_version AFTER UPDATE ON users
REFERENCING NEW TABLE AS changed_users
FOR EACH STATEMENT EXECUTE FUNCTION move_accounts_version();
