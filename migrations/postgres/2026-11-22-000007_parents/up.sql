-- Parents link themselves to students with the student's invite code.
-- Codes of students that existed before this migration are filled in at start-up (random codes
-- need the application's generator, which retries on the rare clash with the unique index).
ALTER TABLE users ADD COLUMN invite_code TEXT;
CREATE UNIQUE INDEX users_invite_code ON users (invite_code);

CREATE TABLE parent_students (
    parent_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    student_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (parent_id, student_id)
);
CREATE INDEX parent_students_student ON parent_students (student_id);
