-- Indexes are built CONCURRENTLY, so the migration runs outside a transaction and
-- writes to the tables go on while the index is built.
-- Up
CREATE INDEX CONCURRENTLY idx_tasks_project_id ON tasks (project_id);
CREATE INDEX CONCURRENTLY idx_projects_created_at ON projects (created_at);
-- Down
DROP INDEX CONCURRENTLY IF EXISTS idx_projects_created_at;
DROP INDEX CONCURRENTLY IF EXISTS idx_tasks_project_id;
