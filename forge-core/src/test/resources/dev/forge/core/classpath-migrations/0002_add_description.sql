-- Up
ALTER TABLE projects ADD COLUMN description TEXT;
-- Down
ALTER TABLE projects DROP COLUMN description;
