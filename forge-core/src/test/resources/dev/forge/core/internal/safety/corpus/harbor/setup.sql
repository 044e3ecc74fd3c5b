-- golang-migrate's own table, which Harbor's files extend
CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
