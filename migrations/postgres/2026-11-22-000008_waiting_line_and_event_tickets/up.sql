-- A waiting pass whose turn has come must start before this time, or the place goes to the next.
ALTER TABLE passes ADD COLUMN turn_expires_at TIMESTAMP;

-- Single-use tickets for the live hallway stream (EventSource cannot send headers). Stored, not
-- kept in memory, so a ticket from one instance opens a stream on another.
CREATE TABLE event_tickets (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX event_tickets_user ON event_tickets (user_id);
CREATE INDEX event_tickets_expires ON event_tickets (expires_at);
