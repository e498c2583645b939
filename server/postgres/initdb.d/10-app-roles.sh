#!/usr/bin/env bash
# The roles the stack connects as, created once by the postgres image on the first start of an
# empty data volume (it runs every *.sh in /docker-entrypoint-initdb.d, where compose mounts
# this folder) as the superuser POSTGRES_USER, the operators' admin role, against POSTGRES_DB:
#   APP_DB_USER      web, worker, beat and Flower: logs in and owns POSTGRES_DB, so Django's
#                    migrations create and alter its tables (PostgreSQL 15+ gives a database's
#                    owner the public schema), and nothing more: no superuser, CREATEDB,
#                    CREATEROLE, replication or row-level-security bypass;
#   MONITOR_DB_USER  postgres-exporter: the built-in pg_monitor role (statistics views,
#                    settings, sizes), and no right on the app's tables.
# Passwords reach psql through \getenv (PostgreSQL 15+), never on a command line.
set -o errexit -o nounset -o pipefail

: "${APP_DB_USER:?}" "${APP_DB_PASSWORD:?}" "${MONITOR_DB_USER:?}" "${MONITOR_DB_PASSWORD:?}"
for role in "${APP_DB_USER}" "${MONITOR_DB_USER}"; do
  if [[ ${role} == "${POSTGRES_USER}" ]]; then
    echo "10-app-roles.sh: ${role} is the admin role too; give the app and the exporter roles of their own" >&2
    exit 1
  fi
done

psql --no-psqlrc --set ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB}" <<'SQL'
\getenv db POSTGRES_DB
\getenv app_user APP_DB_USER
\getenv app_password APP_DB_PASSWORD
\getenv monitor_user MONITOR_DB_USER
\getenv monitor_password MONITOR_DB_PASSWORD
CREATE ROLE :"app_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'app_password';
ALTER DATABASE :"db" OWNER TO :"app_user";
CREATE ROLE :"monitor_user" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'monitor_password' IN ROLE pg_monitor;
SQL
echo "10-app-roles.sh: created ${APP_DB_USER} (owner of ${POSTGRES_DB}) and ${MONITOR_DB_USER} (pg_monitor)"
