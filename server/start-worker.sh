#!/usr/bin/env bash
# The Celery worker. It consumes the queues the settings declare (processing and
# maintenance) unless given --queues; extra arguments go to `celery worker`. With
# CELERY_METRICS_PORT set, it serves its Prometheus metrics on that port.
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=server/metrics-dir.sh
source server/metrics-dir.sh worker
exec celery --app server_config worker \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}" \
  ${CELERY_WORKER_NAME:+--hostname "${CELERY_WORKER_NAME}"} \
  "$@"
