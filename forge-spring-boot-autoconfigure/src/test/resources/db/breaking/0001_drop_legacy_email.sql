-- Up
ALTER TABLE users DROP COLUMN legacy_email;
-- Down
ALTER TABLE users ADD COLUMN legacy_email text;
