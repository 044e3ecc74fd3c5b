-- Indexes are built CONCURRENTLY, so the migration runs outside a transaction and
-- writes to the tables go on while the index is built.
-- Up
CREATE INDEX CONCURRENTLY tasks_project_id_idx ON tasks (project_id);
CREATE INDEX CONCURRENTLY projects_created_at_idx ON projects (created_at);
-- Down
DROP INDEX CONCURRENTLY IF EXISTS projects_created_at_idx;
DROP INDEX CONCURRENTLY IF EXISTS tasks_project_id_idx;
