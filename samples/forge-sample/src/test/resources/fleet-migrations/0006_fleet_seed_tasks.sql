-- Enough tasks that the index of the next file takes a noticeable time to build, while
-- the other nodes of the fleet wait for the migration lock.
-- Up
INSERT INTO users (id, email, name)
VALUES ('00000000-0000-0000-0000-00000000f1ee', 'fleet@example.com', 'Fleet');
INSERT INTO projects (id, name, owner_id)
VALUES ('00000000-0000-0000-0000-00000000f1e7', 'Fleet', '00000000-0000-0000-0000-00000000f1ee');
INSERT INTO tasks (id, project_id, title, done)
SELECT gen_random_uuid(), '00000000-0000-0000-0000-00000000f1e7', 'Task ' || md5(i::text), i % 3 = 0
FROM generate_series(1, 200000) AS i;
-- Down
DELETE FROM projects WHERE id = '00000000-0000-0000-0000-00000000f1e7';
DELETE FROM users WHERE id = '00000000-0000-0000-0000-00000000f1ee';
