-- PL/pgSQL bodies: every ; inside a dollar quote belongs to the body.
CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now(); -- it's; fine
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION make_table(name text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  ddl text := format($q$CREATE TABLE %I (id int, note text DEFAULT 'a;b')$q$, name);
BEGIN
  /* nested /* comment; */ with 'quotes' */
  EXECUTE ddl;
  RAISE NOTICE 'created %; done', name;
END
$fn$;

DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'x$y') THEN
    PERFORM make_table('x$y');
  END IF;
END
$do$ LANGUAGE plpgsql;
SELECT make_table('z');
