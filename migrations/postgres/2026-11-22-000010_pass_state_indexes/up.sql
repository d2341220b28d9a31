-- Each of these queries used to walk passes that could not match, a cost that grew all year.
-- "Is this student out or in line?" (every start) and "is another member of the group out?"
-- (encounter prevention) walked every pass the student ever made.
CREATE INDEX passes_student_state ON passes (student_id, state);
-- The waiting line (read on every pass change) is a school's passes in one state in order of
-- creation. With (school_id, state) beside (school_id, created_at, id), SQLite chose the
-- latter to skip the sort and walked every pass the school ever made.
DROP INDEX passes_school_state;
CREATE INDEX passes_school_state ON passes (school_id, state, created_at, id);
-- The expiry sweep (every 5 s) and the schools with a line look across schools by state; they
-- scanned the whole table.
CREATE INDEX passes_state ON passes (state, school_id);
