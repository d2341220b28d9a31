-- Students of one enabled group may not be out of class at the same time.
CREATE TABLE encounter_groups (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    notes TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX encounter_groups_school ON encounter_groups (school_id);

CREATE TABLE encounter_group_members (
    group_id TEXT NOT NULL REFERENCES encounter_groups (id) ON DELETE CASCADE,
    student_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, student_id)
);
CREATE INDEX encounter_group_members_student ON encounter_group_members (student_id);

-- Every pass refused because another member was out.
CREATE TABLE encounter_prevented (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    group_id TEXT REFERENCES encounter_groups (id) ON DELETE SET NULL,
    student_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    other_student_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX encounter_prevented_school ON encounter_prevented (school_id, created_at);
CREATE INDEX encounter_prevented_student ON encounter_prevented (student_id);
CREATE INDEX encounter_prevented_other ON encounter_prevented (other_student_id);
