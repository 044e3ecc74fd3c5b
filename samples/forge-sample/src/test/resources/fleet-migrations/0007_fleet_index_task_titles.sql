-- Up
CREATE INDEX CONCURRENTLY tasks_title_idx ON tasks (project_id, title);
-- Down
DROP INDEX CONCURRENTLY IF EXISTS tasks_title_idx;
