#!/bin/sh
# What the official image's entrypoint does for `rabbitmq-server`: the default user, password
# and vhost from the environment, the data folder owned by rabbitmq, the server as that user.
set -eu

if [ "${1:-}" = rabbitmq-server ] && [ "$(id -u)" = 0 ]; then
  {
    [ -z "${RABBITMQ_DEFAULT_USER:-}" ] || echo "default_user = ${RABBITMQ_DEFAULT_USER}"
    [ -z "${RABBITMQ_DEFAULT_PASS:-}" ] || echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
    [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST}"
  } >/etc/rabbitmq/rabbitmq.conf
  chown rabbitmq:rabbitmq /etc/rabbitmq/rabbitmq.conf
  chmod 600 /etc/rabbitmq/rabbitmq.conf
  mkdir -p /var/lib/rabbitmq
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec "$@"
