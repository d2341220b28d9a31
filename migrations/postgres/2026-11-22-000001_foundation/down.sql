DROP TABLE refresh_tokens;
DROP TABLE assistant_teachers;
DROP TABLE user_permissions;
DROP TABLE users;
DROP TABLE schools;
