ALTER TABLE users DROP COLUMN pin_hash;
DROP TABLE room_teachers;
DROP TABLE rooms;
