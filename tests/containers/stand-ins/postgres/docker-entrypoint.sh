#!/bin/sh
# What the official image's entrypoint does for `postgres`: as root, own the data folder and
# step down to the postgres user; on an empty data folder, create the cluster, the role
# (POSTGRES_USER, with POSTGRES_PASSWORD) and the database (POSTGRES_DB); then exec the server.
set -eu

if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "${PGDATA}"
  chown postgres:postgres "${PGDATA}"
  chmod 700 "${PGDATA}"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-}" = postgres ] && [ ! -s "${PGDATA}/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-${user}}
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD}" >"${pwfile}"
  initdb --username="${user}" --pwfile="${pwfile}" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 -D "${PGDATA}"
  rm -f "${pwfile}"
  echo "host all all all scram-sha-256" >>"${PGDATA}/pg_hba.conf"
  echo "listen_addresses = '*'" >>"${PGDATA}/postgresql.conf"
  if [ "${db}" != postgres ]; then
    echo "CREATE DATABASE \"${db}\" OWNER \"${user}\";" | postgres --single -D "${PGDATA}" postgres >/dev/null
  fi
  echo "stand-in entrypoint: created role ${user} and database ${db}"
fi
exec "$@"
