DROP TRIGGER users_inserted_move_accounts_version ON users;
DROP TRIGGER users_deleted_move_accounts_version ON users;
DROP TRIGGER users_updated_move_accounts_version ON users;
DROP FUNCTION move_accounts_version();
ALTER TABLE schools DROP COLUMN accounts_version;
