DROP INDEX passes_state;
DROP INDEX passes_school_state;
CREATE INDEX passes_school_state ON passes (school_id, state);
DROP INDEX passes_student_state;
