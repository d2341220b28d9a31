DROP TABLE event_tickets;
ALTER TABLE passes DROP COLUMN turn_expires_at;
