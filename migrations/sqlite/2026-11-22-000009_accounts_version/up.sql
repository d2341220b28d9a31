-- Moves on every change to who is in a school and how they are listed, so an instance can keep
-- a school's accounts in memory for searching and know, with one read, whether its copy is
-- current (users/search_cache.rs). Triggers keep it, so no way of writing users can forget.
ALTER TABLE schools ADD COLUMN accounts_version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER users_inserted_move_accounts_version AFTER INSERT ON users
WHEN NEW.school_id IS NOT NULL
BEGIN
    UPDATE schools SET accounts_version = accounts_version + 1 WHERE id = NEW.school_id;
END;

CREATE TRIGGER users_deleted_move_accounts_version AFTER DELETE ON users
WHEN OLD.school_id IS NOT NULL
BEGIN
    UPDATE schools SET accounts_version = accounts_version + 1 WHERE id = OLD.school_id;
END;

CREATE TRIGGER users_updated_move_accounts_version
AFTER UPDATE OF school_id, role, status, first_name, last_name, search_key ON users
BEGIN
    UPDATE schools SET accounts_version = accounts_version + 1
    WHERE id IN (OLD.school_id, NEW.school_id);
END;
