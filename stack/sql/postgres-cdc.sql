-- Run as the admin in each legacy PostgreSQL database after its schema is loaded.
-- What a DBA grants Debezium: a replication login that may read the captured table, and a
-- publication listing exactly that table (publication.autocreate.mode=disabled in connectors/),
-- so the connector needs no ownership of legacy tables. :table is set by the caller.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cdc') THEN
    CREATE ROLE cdc LOGIN REPLICATION PASSWORD 'cdc';
  END IF;
END $$;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cdc;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cdc;
