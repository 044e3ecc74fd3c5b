-- Migration: 0005_20261127_085002_add_project_word_count
-- Generated: 2026-11-27T08:50:02Z

-- Up
ALTER TABLE projects ADD COLUMN word_count INTEGER;

-- Down
ALTER TABLE projects DROP COLUMN word_count;
