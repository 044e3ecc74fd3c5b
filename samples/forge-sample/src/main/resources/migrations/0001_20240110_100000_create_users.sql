-- Up
CREATE TABLE users (
    id uuid PRIMARY KEY,
    email varchar(320) NOT NULL UNIQUE,
    name varchar(200) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Down
DROP TABLE users;
