CREATE TABLE rooms (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    number TEXT,
    category TEXT,
    one_way BOOLEAN NOT NULL,
    round_trip BOOLEAN NOT NULL,
    default_minutes INTEGER NOT NULL,
    max_minutes INTEGER NOT NULL,
    capacity INTEGER,
    restricted_now BOOLEAN NOT NULL,
    restricted_future BOOLEAN NOT NULL,
    end_requires_code BOOLEAN NOT NULL,
    enabled BOOLEAN NOT NULL,
    -- The rotating room code is derived from this and the time, so every instance agrees.
    code_secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX rooms_school_name ON rooms (school_id, name);

CREATE TABLE room_teachers (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    teacher_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (room_id, teacher_id)
);
CREATE INDEX room_teachers_teacher ON room_teachers (teacher_id);

-- A teacher's 4-digit PIN, hashed, for ending passes in their rooms.
ALTER TABLE users ADD COLUMN pin_hash TEXT;
