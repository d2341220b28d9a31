DROP TABLE parent_students;
DROP INDEX users_invite_code;
ALTER TABLE users DROP COLUMN invite_code;
