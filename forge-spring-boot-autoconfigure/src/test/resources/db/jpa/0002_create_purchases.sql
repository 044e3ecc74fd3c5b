-- Up
CREATE TABLE purchases (
    id bigint PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    total numeric(10, 2) NOT NULL
);
-- Down
DROP TABLE purchases;
