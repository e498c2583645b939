#!/bin/sh
# The rabbitmq container's entry point in compose: writes the definitions rabbitmq.conf loads
# (load_definitions), then hands over to the image's own entrypoint. Three users:
#   RABBITMQ_ADMIN_USER    operators (management UI): tag administrator;
#   RABBITMQ_USER          the app (web, worker, beat, Flower's Celery connection): no tag, so
#                          no management API at all, and rights on RABBITMQ_VHOST only;
#   RABBITMQ_MONITOR_USER  Flower's broker page (the management API's queue list): tag
#                          monitoring, read-only, and no right to publish or consume.
# Generated here at each start, not kept in the repository, because the passwords come from
# .env. RabbitMQ hashes a plain `password` on import, so the image needs no hashing tool, and
# a password changed in .env takes effect at the next restart.
set -eu

: "${RABBITMQ_ADMIN_USER:?}" "${RABBITMQ_ADMIN_PASSWORD:?}" "${RABBITMQ_USER:?}" \
  "${RABBITMQ_PASSWORD:?}" "${RABBITMQ_MONITOR_USER:?}" "${RABBITMQ_MONITOR_PASSWORD:?}" \
  "${RABBITMQ_VHOST:?}"
# Written into JSON as they are: refuse what would need escaping (.env asks for URL-safe ones).
for value in "${RABBITMQ_ADMIN_USER}" "${RABBITMQ_ADMIN_PASSWORD}" "${RABBITMQ_USER}" \
  "${RABBITMQ_PASSWORD}" "${RABBITMQ_MONITOR_USER}" "${RABBITMQ_MONITOR_PASSWORD}" "${RABBITMQ_VHOST}"; do
  case ${value} in
    *[\"\\]*)
      echo "start.sh: RabbitMQ names and passwords must not contain \" or \\" >&2
      exit 64
      ;;
  esac
done

definitions=/etc/rabbitmq/definitions.json
umask 077
cat >"${definitions}" <<JSON
{
  "users": [
    {"name": "${RABBITMQ_ADMIN_USER}", "password": "${RABBITMQ_ADMIN_PASSWORD}", "tags": "administrator"},
    {"name": "${RABBITMQ_USER}", "password": "${RABBITMQ_PASSWORD}", "tags": ""},
    {"name": "${RABBITMQ_MONITOR_USER}", "password": "${RABBITMQ_MONITOR_PASSWORD}", "tags": "monitoring"}
  ],
  "vhosts": [{"name": "${RABBITMQ_VHOST}"}],
  "permissions": [
    {"user": "${RABBITMQ_ADMIN_USER}", "vhost": "${RABBITMQ_VHOST}", "configure": ".*", "write": ".*", "read": ".*"},
    {"user": "${RABBITMQ_USER}", "vhost": "${RABBITMQ_VHOST}", "configure": ".*", "write": ".*", "read": ".*"},
    {"user": "${RABBITMQ_MONITOR_USER}", "vhost": "${RABBITMQ_VHOST}", "configure": "^$", "write": "^$", "read": "^$"}
  ]
}
JSON
chown rabbitmq:rabbitmq "${definitions}"
exec docker-entrypoint.sh "$@"
