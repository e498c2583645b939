#!/usr/bin/env bash
# The Celery worker. It consumes the processing and maintenance queues (bulk refreshes have a
# worker of their own: start-refresh-worker.sh), unless given --queues; extra arguments go to
# `celery worker`. With CELERY_METRICS_PORT set, it serves its Prometheus metrics on that port.
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=server/metrics-dir.sh
source server/metrics-dir.sh worker
queues=$(python -m weather.worker.names --queues processing,maintenance)
# A later --queues in "$@" wins over this one.
exec celery --app server_config worker \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}" \
  --queues "${queues}" \
  ${CELERY_WORKER_NAME:+--hostname "${CELERY_WORKER_NAME}"} \
  "$@"
