-- GIN indexes for FerretDB 1.24 on PostgreSQL, kept in step with FerretDB's own indexes.
--
-- FerretDB pushes an equality filter down as `_jsonb->'field' @> '"value"'` (`_jsonb #> '{a,b}' @> ...`
-- for a dotted field). The btree indexes FerretDB creates for `_id` and for createIndex cannot serve
-- `@>`, so every such query scanned the whole table. A GIN index on the same expression can. For
-- every btree index FerretDB creates on `(_jsonb -> 'field')` (or `((_jsonb -> 'a') -> 'b')`), this
-- adds one single-column GIN index per key field, and drops it again when no btree index needs it.
-- FerretDB's connections must plan each execution afresh (plan_cache_mode=force_custom_plan, set by
-- the stack on FerretDB's URL): a generic plan sees `_jsonb->$1` and matches no index.
--
-- Applied by the stack (src/stack/services/ferretdb-gin.ts) to database `ferretdb` at every
-- stack:up, then `CALL csv_stack.backfill()`. Idempotent. Nothing here is needed on a real MongoDB.

CREATE SCHEMA IF NOT EXISTS csv_stack;
COMMENT ON SCHEMA csv_stack IS 'customer-state-view stack: GIN indexes for FerretDB (not a FerretDB database: it has no metadata table)';

-- The field path of an index key expression FerretDB writes, e.g. {status,value} for
-- `((_jsonb -> 'status'::text) -> 'value'::text)`; null for any other expression.
CREATE OR REPLACE FUNCTION csv_stack.field_path(expr text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT AS $fn$
  WITH parts AS (
    SELECT array_agg(replace(m[1], '''''', '''') ORDER BY n) AS p
    FROM regexp_matches(expr, $re$ -> '((?:[^']|'')*)'::text\)$re$, 'g') WITH ORDINALITY AS t(m, n)
  )
  SELECT p FROM parts
  WHERE p IS NOT NULL
    -- the whole expression is that chain and nothing else
    AND expr = repeat('(', cardinality(p)) || '_jsonb' || (
      SELECT string_agg(' -> ' || quote_literal(f) || '::text)', '' ORDER BY i)
      FROM unnest(p) WITH ORDINALITY AS u(f, i)
    )
$fn$;

-- The expression FerretDB's pushed-down filter uses for that path, as PostgreSQL prints it once the
-- parameter is bound: `_jsonb -> 'f'` at the top level, `_jsonb #> '{a,b}'::text[]` below.
CREATE OR REPLACE FUNCTION csv_stack.gin_expression(path text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT CASE WHEN cardinality(path) = 1
    THEN format('(_jsonb -> %L::text)', path[1])
    ELSE format('(_jsonb #> %L::text[])', path::text)
  END
$fn$;

-- Deterministic, at most 60 bytes, unique per table and path, and never like FerretDB's own names
-- (which end in `_idx`), so FerretDB never picks a name we hold.
CREATE OR REPLACE FUNCTION csv_stack.gin_name(tbl text, path text[]) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $fn$
  SELECT format('%s_%s_%s_gin',
    left(tbl, 30),
    left(regexp_replace(lower(array_to_string(path, '_')), '[^a-z0-9]+', '_', 'g'), 16),
    left(md5(tbl || '|' || array_to_string(path, chr(31))), 8))
$fn$;

-- A table FerretDB keeps a collection in (its per-database metadata table excluded).
CREATE OR REPLACE FUNCTION csv_stack.is_collection(tbl oid) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT EXISTS (
    SELECT 1 FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = '_jsonb' AND NOT a.attisdropped
    WHERE c.oid = tbl AND c.relkind = 'r' AND c.relname <> '_ferretdb_database_metadata'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'csv_stack')
  )
$fn$;

-- The GIN indexes a table should have: one per distinct field path among its btree index keys.
CREATE OR REPLACE FUNCTION csv_stack.wanted_gin(tbl oid) RETURNS TABLE (name text, expression text)
LANGUAGE sql STABLE AS $fn$
  SELECT DISTINCT csv_stack.gin_name(t.relname, p), csv_stack.gin_expression(p)
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
  JOIN pg_class t ON t.oid = i.indrelid
  CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) AS k
  CROSS JOIN LATERAL csv_stack.field_path(pg_get_indexdef(i.indexrelid, k, true)) AS p
  WHERE i.indrelid = tbl AND i.indkey[k - 1] = 0 AND p IS NOT NULL
$fn$;

-- Our GIN indexes on a table (recognised by access method and name).
CREATE OR REPLACE FUNCTION csv_stack.existing_gin(tbl oid) RETURNS TABLE (name text)
LANGUAGE sql STABLE AS $fn$
  SELECT ic.relname::text
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'gin'
  WHERE i.indrelid = tbl AND ic.relname LIKE '%\_gin'
$fn$;

-- Creates the missing GIN indexes of a collection's table and drops those no btree index needs any
-- more. Returns how many it created. fastupdate=off: with the pending list on, every lookup also
-- scans up to 4 MB of not yet merged entries after a bulk load, so point lookups would again grow.
CREATE OR REPLACE FUNCTION csv_stack.sync_gin(tbl oid) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  created integer := 0;
  schema_name text;
BEGIN
  IF NOT csv_stack.is_collection(tbl) THEN
    RETURN 0;
  END IF;
  SELECT n.nspname INTO schema_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = tbl;
  FOR r IN SELECT w.name, w.expression FROM csv_stack.wanted_gin(tbl) w
           WHERE w.name NOT IN (SELECT e.name FROM csv_stack.existing_gin(tbl) e) LOOP
    BEGIN
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s) WITH (fastupdate = off)',
                     r.name, tbl::regclass, r.expression);
      EXECUTE format('COMMENT ON INDEX %I.%I IS %L', schema_name, r.name,
                     'csv_stack: serves FerretDB equality pushdown on ' || r.expression);
      created := created + 1;
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- created by a concurrent sync of the same table: same name, same definition
    END;
  END LOOP;
  FOR r IN SELECT e.name FROM csv_stack.existing_gin(tbl) e
           WHERE e.name NOT IN (SELECT w.name FROM csv_stack.wanted_gin(tbl) w) LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', schema_name, r.name);
  END LOOP;
  RETURN created;
END
$fn$;

-- After CREATE INDEX: FerretDB's unique `_id` index of each new collection and every createIndex.
-- Our own GIN indexes are not btree, so creating them does not recurse. Never fails FerretDB's
-- statement: a problem here costs speed, not correctness, so it is a warning in the server log.
CREATE OR REPLACE FUNCTION csv_stack.on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT i.indrelid
           FROM pg_event_trigger_ddl_commands() d
           JOIN pg_index i ON i.indexrelid = d.objid
           JOIN pg_class ic ON ic.oid = i.indexrelid
           JOIN pg_am am ON am.oid = ic.relam AND am.amname = 'btree'
           WHERE d.object_type = 'index' LOOP
    BEGIN
      PERFORM csv_stack.sync_gin(r.indrelid);
    EXCEPTION WHEN others THEN
      RAISE WARNING 'csv_stack: GIN indexes of % not created: %', r.indrelid::regclass, SQLERRM;
    END;
  END LOOP;
END
$fn$;

-- After DROP INDEX (dropIndexes): the table of a dropped index is not reported, so every collection
-- of that schema drops its GIN indexes that no btree index needs any more. Our own drops are skipped.
CREATE OR REPLACE FUNCTION csv_stack.on_drop_index() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT c.oid
           FROM pg_class c
           WHERE c.relkind = 'r' AND c.relnamespace IN (
             SELECT to_regnamespace(d.schema_name) FROM pg_event_trigger_dropped_objects() d
             WHERE d.object_type = 'index' AND d.object_name NOT LIKE '%\_gin') LOOP
    BEGIN
      PERFORM csv_stack.sync_gin(r.oid);
    EXCEPTION WHEN others THEN
      RAISE WARNING 'csv_stack: GIN indexes of % not checked: %', r.oid::regclass, SQLERRM;
    END;
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS csv_stack_gin_on_create;
CREATE EVENT TRIGGER csv_stack_gin_on_create ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION csv_stack.on_create_index();

DROP EVENT TRIGGER IF EXISTS csv_stack_gin_on_drop;
CREATE EVENT TRIGGER csv_stack_gin_on_drop ON sql_drop
  WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION csv_stack.on_drop_index();

-- Every collection that exists: those created before these triggers (an existing .stack), or while
-- they were missing. One table per transaction, so locks are short.
CREATE OR REPLACE PROCEDURE csv_stack.backfill(INOUT created integer DEFAULT 0)
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
BEGIN
  created := 0;
  FOR r IN SELECT c.oid FROM pg_class c WHERE c.relkind = 'r' AND csv_stack.is_collection(c.oid) ORDER BY c.oid LOOP
    BEGIN
      created := created + csv_stack.sync_gin(r.oid);
    EXCEPTION WHEN others THEN
      RAISE WARNING 'csv_stack: GIN indexes of % not created: %', r.oid::regclass, SQLERRM;
    END;
    COMMIT;
  END LOOP;
END
$fn$;
