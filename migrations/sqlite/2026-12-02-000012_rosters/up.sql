-- Rosters (DESIGN section 10). An imported account keeps the key its source knows it by
-- (OneRoster's sourcedId; a spreadsheet's school identifier, else its email) and which source
-- that is, so that a full sync can tell who left that source.
ALTER TABLE users ADD COLUMN import_source TEXT;
ALTER TABLE users ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX users_import_key ON users (school_id, import_source, external_id)
    WHERE external_id IS NOT NULL;

-- A preview's rows, one per account it would create, change, archive or restore, skip, or a
-- row it could not read; `data` is JSON (the fields, or old → new for a change).
CREATE TABLE import_changes (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    user_id TEXT,
    external_id TEXT,
    file TEXT,
    line BIGINT,
    data TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
);
CREATE INDEX import_changes_kind ON import_changes (job_id, kind, seq);

-- A school's OneRoster REST connection. The secret is stored for the pulls and never shown.
CREATE TABLE oneroster_connections (
    school_id TEXT PRIMARY KEY NOT NULL REFERENCES schools (id) ON DELETE CASCADE,
    base_url TEXT NOT NULL,
    token_url TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    org_sourced_id TEXT,
    every_minutes INTEGER,
    mode TEXT NOT NULL,
    auto_apply BOOLEAN NOT NULL DEFAULT FALSE,
    last_job_id TEXT REFERENCES jobs (id) ON DELETE SET NULL,
    last_sync_at TIMESTAMP,
    next_sync_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX oneroster_connections_next ON oneroster_connections (next_sync_at);

-- What an import was asked to do (the job row holds how far it got).
CREATE TABLE roster_imports (
    job_id TEXT PRIMARY KEY NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    format TEXT,
    role TEXT,
    mode TEXT NOT NULL,
    org TEXT,
    strict BOOLEAN NOT NULL DEFAULT FALSE,
    file_name TEXT,
    -- A pull from the school's OneRoster server rather than an upload.
    pulled BOOLEAN NOT NULL DEFAULT FALSE,
    auto_apply BOOLEAN NOT NULL DEFAULT FALSE,
    applied_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    applied_at TIMESTAMP
);
