#!/usr/bin/env bash
# The Celery worker, consuming the processing and maintenance queues.
set -o errexit -o pipefail -o nounset

cd /app
exec celery --app server_config worker \
  --queues "${CELERY_PROCESSING_QUEUE:-weather.processing},${CELERY_MAINTENANCE_QUEUE:-weather.maintenance}" \
  --loglevel "${CELERY_LOG_LEVEL:-INFO}"
