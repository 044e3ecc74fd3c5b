-- Up
CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(255) NOT NULL);
-- Down
DROP TABLE customers;
