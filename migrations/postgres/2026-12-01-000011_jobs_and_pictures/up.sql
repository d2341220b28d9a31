-- Long work that survives a restart (DESIGN section 8). A worker holds a job while its lease
-- lasts and renews it; a job whose lease ran out is taken again, by any instance.
CREATE TABLE jobs (
    id TEXT PRIMARY KEY NOT NULL,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT NOT NULL DEFAULT 0,
    -- JSON: the kind's result, once succeeded.
    result TEXT,
    error_code TEXT,
    error_message TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    lease_owner TEXT,
    lease_expires_at TIMESTAMP,
    -- Times a worker took it; past the limit, a job taken again is failed as interrupted.
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_school_kind_created ON jobs (school_id, kind, created_at, id);
CREATE INDEX jobs_state ON jobs (state, created_at);

-- The files of an upload, kept in the database so that any instance can process them, in
-- chunks so that no request or worker holds a whole file in memory. Chunks are written as they
-- arrive, before their job exists; those of an upload that never finished are swept. A job's
-- files are deleted when it finishes (originals are not kept).
CREATE TABLE upload_chunks (
    upload_id TEXT NOT NULL,
    part INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    bytes BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (upload_id, part, seq)
);
CREATE INDEX upload_chunks_created ON upload_chunks (created_at);

-- The parts of a job's upload: which form field, the file's name and size.
CREATE TABLE job_files (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    field TEXT NOT NULL,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    PRIMARY KEY (job_id, part)
);

-- A student's processed picture (320x400 at most, re-encoded, no metadata). In the database so
-- that every instance serves it and a backup holds it.
CREATE TABLE profile_pictures (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    school_id TEXT NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    bytes BYTEA NOT NULL,
    -- Changes with every new picture: the ETag, and the version in picture_url.
    version TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX profile_pictures_school ON profile_pictures (school_id);

-- Summaries name a picture's URL without reading the picture.
ALTER TABLE users ADD COLUMN picture_version TEXT;
