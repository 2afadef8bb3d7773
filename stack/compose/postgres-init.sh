#!/usr/bin/env bash
# Run once by the postgres image's entrypoint (docker-compose.yml mounts it into
# /docker-entrypoint-initdb.d), against the temporary socket-only server of a fresh data folder.
# Does what the native stack's postgres service does after it is ready (src/stack/services/postgres.ts):
# the legacy databases with their demo rows, the Debezium login, one publication per captured table,
# and the database Apicurio Registry keeps its schemas in.
set -euo pipefail

psql_as_admin() {
  psql -v ON_ERROR_STOP=1 --no-password --username "$POSTGRES_USER" "$@"
}

# load_legacy_db <database> <schema and rows> <captured table>
load_legacy_db() {
  local db="$1" ddl="$2" table="$3"
  psql_as_admin --dbname postgres -c "CREATE DATABASE ${db}"
  psql_as_admin --dbname "$db" -f "$ddl"
  psql_as_admin --dbname "$db" -f /stack-sql/postgres-cdc.sql
  psql_as_admin --dbname "$db" -c "CREATE PUBLICATION dbz_${db} FOR TABLE ${table}"
}

load_legacy_db billing /legacy/billing.postgres.sql accounts
load_legacy_db oms /legacy/oms.postgres.sql orders
psql_as_admin --dbname postgres -c "CREATE DATABASE registry"

# The image's pg_hba.conf admits remote logins to "all" databases, which excludes replication
# connections; Debezium's pgoutput stream from the connect container needs one.
echo 'host replication all all scram-sha-256' >>"$PGDATA/pg_hba.conf"
