-- Schools, accounts, permissions, assistants and refresh tokens.
-- Times are UTC, stored as TIMESTAMP without zone; ids are UUIDv7 text.
CREATE TABLE schools (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    default_pass_minutes INTEGER NOT NULL,
    overtime_buffer_minutes INTEGER NOT NULL,
    hallway_capacity INTEGER,
    profile_pictures_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    emergency_active BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL,
    -- NULL for parents, who belong to no school.
    school_id TEXT REFERENCES schools (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    -- lower(email): sign-in names no school, so an email is unique in the whole installation.
    email_key TEXT,
    school_identifier TEXT,
    grade TEXT,
    password_hash TEXT,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    source TEXT NOT NULL,
    activated_at TIMESTAMP,
    hide_profile_pictures BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email_key);
CREATE UNIQUE INDEX users_school_identifier ON users (school_id, school_identifier);
CREATE INDEX users_school_role_name ON users (school_id, role, last_name, first_name);

CREATE TABLE user_permissions (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (user_id, permission)
);

-- An assistant acts for the teachers named here.
CREATE TABLE assistant_teachers (
    assistant_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    teacher_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (assistant_id, teacher_id)
);
CREATE INDEX assistant_teachers_teacher ON assistant_teachers (teacher_id);

-- Refresh tokens are stored as SHA-256 hashes. A family is one sign-in and its rotations.
CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expires ON refresh_tokens (expires_at);
