-- Up
CREATE TABLE projects (
    id uuid PRIMARY KEY,
    name varchar(200) NOT NULL,
    description text,
    owner_id uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Down
DROP TABLE projects;
