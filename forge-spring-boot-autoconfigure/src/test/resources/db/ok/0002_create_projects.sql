-- Up
CREATE TABLE projects (id uuid PRIMARY KEY, name varchar(200) NOT NULL, owner_id uuid NOT NULL REFERENCES users (id));
-- Down
DROP TABLE projects;
