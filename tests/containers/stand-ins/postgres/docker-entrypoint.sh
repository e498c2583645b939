#!/bin/sh
# What the official image's entrypoint does for `postgres`: as root, own the data folder and
# step down to the postgres user; on an empty data folder, create the cluster with the
# superuser POSTGRES_USER (password POSTGRES_PASSWORD) and the database POSTGRES_DB, run the
# scripts of /docker-entrypoint-initdb.d in name order against a server that listens on its
# socket only (*.sh executed when executable, sourced otherwise; *.sql run with psql as the
# superuser against POSTGRES_DB); then exec the server.
set -eu

if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "${PGDATA}"
  chown postgres:postgres "${PGDATA}"
  chmod 700 "${PGDATA}"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-}" = postgres ] && [ ! -s "${PGDATA}/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  POSTGRES_USER=${POSTGRES_USER:-postgres}
  POSTGRES_DB=${POSTGRES_DB:-${POSTGRES_USER}}
  export POSTGRES_USER POSTGRES_DB
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD}" >"${pwfile}"
  initdb --username="${POSTGRES_USER}" --pwfile="${pwfile}" --auth-local=trust \
    --auth-host=scram-sha-256 --encoding=UTF8 -D "${PGDATA}"
  rm -f "${pwfile}"
  echo "host all all all scram-sha-256" >>"${PGDATA}/pg_hba.conf"
  echo "listen_addresses = '*'" >>"${PGDATA}/postgresql.conf"

  pg_ctl -D "${PGDATA}" -o "-c listen_addresses=''" -w start
  psql="psql --no-psqlrc --set ON_ERROR_STOP=1 --username ${POSTGRES_USER}"
  if [ "${POSTGRES_DB}" != postgres ]; then
    printf 'CREATE DATABASE "%s";\n' "${POSTGRES_DB}" | ${psql} --dbname postgres >/dev/null
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "${f}" in
      *.sh)
        if [ -x "${f}" ]; then
          echo "stand-in entrypoint: running ${f}"
          "${f}"
        else
          echo "stand-in entrypoint: sourcing ${f}"
          # shellcheck disable=SC1090 # the scripts are the deployment's own
          . "${f}"
        fi
        ;;
      *.sql)
        echo "stand-in entrypoint: running ${f}"
        ${psql} --dbname "${POSTGRES_DB}" -f "${f}"
        ;;
      *) [ -e "${f}" ] && echo "stand-in entrypoint: ignoring ${f}" ;;
    esac
  done
  pg_ctl -D "${PGDATA}" -m fast -w stop
  echo "stand-in entrypoint: created superuser ${POSTGRES_USER} and database ${POSTGRES_DB}"
fi
exec "$@"
