#!/bin/sh
# What the official image's entrypoint does for `rabbitmq-server`: the data folder owned by
# rabbitmq, the server as that user, reading /etc/rabbitmq/rabbitmq.conf when one is mounted
# there (its load_definitions is the server's own business) and RABBITMQ_DEFAULT_USER, _PASS
# and _VHOST when set. Debian's 3.10 reads one file only: both go into one of the stand-in's.
set -eu

if [ "${1:-}" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
  config=/etc/rabbitmq/stand-in.conf
  {
    [ ! -f /etc/rabbitmq/rabbitmq.conf ] || cat /etc/rabbitmq/rabbitmq.conf
    [ -z "${RABBITMQ_DEFAULT_USER:-}" ] || echo "default_user = ${RABBITMQ_DEFAULT_USER}"
    [ -z "${RABBITMQ_DEFAULT_PASS:-}" ] || echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
    [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST}"
  } >"${config}"
  chown rabbitmq:rabbitmq "${config}"
  chmod 600 "${config}"
  mkdir -p /var/lib/rabbitmq
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  export RABBITMQ_CONFIG_FILE="${config}"
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec "$@"
