#!/bin/sh
# Creates the application's database and role on first start of the postgres
# container. The official postgres image runs files in
# /docker-entrypoint-initdb.d only when the data directory is empty, so this
# runs once per volume; to re-run it, remove the volume
# (`docker compose down -v`) or execute it by hand.
#
# Temporal's own databases (temporal, temporal_visibility) are created by
# temporalio/auto-setup, not here.
#
# Note: the image sources (rather than executes) this file if it is not
# executable, so it avoids `exit` and `set -u`.
set -e

ENGINE_DB_NAME="${ENGINE_DB_NAME:-engine}"
ENGINE_DB_USER="${ENGINE_DB_USER:-engine}"
ENGINE_DB_PASSWORD="${ENGINE_DB_PASSWORD:-engine}"

echo "init: ensuring role '${ENGINE_DB_USER}' and database '${ENGINE_DB_NAME}'"

psql -v ON_ERROR_STOP=1 \
  --username "${POSTGRES_USER}" \
  --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v engine_db="${ENGINE_DB_NAME}" \
  -v engine_user="${ENGINE_DB_USER}" \
  -v engine_password="${ENGINE_DB_PASSWORD}" <<'EOSQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'engine_user', :'engine_password')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'engine_user')
\gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'engine_db', :'engine_user')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'engine_db')
\gexec

SELECT format('GRANT ALL PRIVILEGES ON DATABASE %I TO %I', :'engine_db', :'engine_user')
\gexec
EOSQL
