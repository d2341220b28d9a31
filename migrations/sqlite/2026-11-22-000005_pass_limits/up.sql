-- Passes a student may start per day (in the school's time zone); NULL for no limit.
ALTER TABLE schools ADD COLUMN pass_limit_per_day INTEGER;
ALTER TABLE schools ADD COLUMN pass_limit_count_staff_created BOOLEAN NOT NULL DEFAULT FALSE;
-- Passes to these rooms neither count nor are limited (the nurse, the office).
CREATE TABLE pass_limit_excluded_rooms (
    room_id TEXT PRIMARY KEY NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE
);
CREATE INDEX pass_limit_excluded_rooms_school ON pass_limit_excluded_rooms (school_id);
-- A student's own limit, instead of the school's.
ALTER TABLE users ADD COLUMN pass_limit_per_day INTEGER;
-- Staff started this pass past the student's limit, on purpose.
ALTER TABLE passes ADD COLUMN limit_override BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX passes_student_started ON passes (student_id, started_at);
