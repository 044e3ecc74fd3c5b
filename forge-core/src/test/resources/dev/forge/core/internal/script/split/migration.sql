-- Migration: 0003_20240115_103000_add_project_description
-- Generated: 2024-01-15T10:30:00Z
-- forge:no-transaction

-- Up
SET lock_timeout = '10s';
ALTER TABLE "Projects" ADD COLUMN "description;text" text DEFAULT E'n/a\'s;';
CREATE INDEX CONCURRENTLY projects_description_idx ON "Projects" (("description;text"::text));
COMMENT ON COLUMN "Projects"."description;text" IS 'Free text; may contain ''quotes''';
CREATE RULE projects_log AS ON UPDATE TO "Projects"
  DO ALSO (INSERT INTO audit VALUES (OLD.id, 'u;'); NOTIFY projects);
SELECT 'projects'::regclass, U&'\00e9;' , $$;$$;;
-- Down
DROP INDEX CONCURRENTLY IF EXISTS projects_description_idx;
ALTER TABLE "Projects" DROP COLUMN "description;text"
