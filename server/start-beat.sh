#!/usr/bin/env bash
# Celery beat: exactly one runs. The schedule lives in the database
# (django-celery-beat), so the container keeps no state.
set -o errexit -o pipefail -o nounset

cd /app
exec celery --app server_config beat \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}" \
  --scheduler django_celery_beat.schedulers:DatabaseScheduler \
  --pidfile=
