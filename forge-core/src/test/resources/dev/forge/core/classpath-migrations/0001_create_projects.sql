-- Up
CREATE TABLE projects (id uuid PRIMARY KEY, name text NOT NULL);
-- Down
DROP TABLE projects;
