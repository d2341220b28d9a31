DROP INDEX passes_student_started;
ALTER TABLE passes DROP COLUMN limit_override;
ALTER TABLE users DROP COLUMN pass_limit_per_day;
DROP TABLE pass_limit_excluded_rooms;
ALTER TABLE schools DROP COLUMN pass_limit_count_staff_created;
ALTER TABLE schools DROP COLUMN pass_limit_per_day;
