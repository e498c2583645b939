#!/usr/bin/env bash
# Celery beat: exactly one runs. The scheduler is a setting (CELERY_BEAT_SCHEDULER: the
# schedules live in the database), so beat keeps no state of its own.
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec celery --app server_config beat \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}" \
  --pidfile= \
  "$@"
