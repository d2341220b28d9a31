CREATE TABLE passes (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    student_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Rooms with passes cannot be deleted (history would lose its places): disable them.
    origin_room_id TEXT NOT NULL REFERENCES rooms (id),
    destination_room_id TEXT NOT NULL REFERENCES rooms (id),
    travel_type TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    state TEXT NOT NULL,
    start_at TIMESTAMP,
    started_at TIMESTAMP,
    expected_end_at TIMESTAMP,
    ended_at TIMESTAMP,
    ended_reason TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    approved_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    message TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX passes_school_state ON passes (school_id, state);
CREATE INDEX passes_school_created ON passes (school_id, created_at, id);
CREATE INDEX passes_student ON passes (student_id, created_at);
CREATE INDEX passes_origin ON passes (origin_room_id, state);
CREATE INDEX passes_destination ON passes (destination_room_id, state);
CREATE INDEX passes_created_by ON passes (created_by);
CREATE INDEX passes_approved_by ON passes (approved_by);
