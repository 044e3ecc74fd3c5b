-- Up
CREATE TABLE users (id uuid PRIMARY KEY, email varchar(200) NOT NULL);
-- Down
DROP TABLE users;
