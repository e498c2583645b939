#!/usr/bin/env bash
# The refresh worker: a Celery worker of its own for bulk refreshes (the refresh queue alone),
# so that their chunks never hold the pool processes that process searches. One pool process
# unless CELERY_REFRESH_CONCURRENCY says otherwise; the chunk task's rate limit
# (BULK_REFRESH_RATE_LIMIT) holds per worker. Metrics on CELERY_REFRESH_METRICS_PORT, if set.
# Extra arguments go to `celery worker`.
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=server/metrics-dir.sh
source server/metrics-dir.sh refresh
export CELERY_METRICS_PORT="${CELERY_REFRESH_METRICS_PORT:-}"
queues=$(python -m weather.worker.names --queues refresh)
exec celery --app server_config worker \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}" \
  --queues "${queues}" \
  --concurrency "${CELERY_REFRESH_CONCURRENCY:-1}" \
  --hostname "${CELERY_REFRESH_WORKER_NAME:-refresh@%h}" \
  "$@"
