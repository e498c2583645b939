#!/usr/bin/env bash
# Flower, behind HTTP basic auth. Flower reads FLOWER_BASIC_AUTH (user:password)
# from the environment itself, which keeps the password out of the process list.
set -o errexit -o pipefail -o nounset

: "${FLOWER_BASIC_AUTH:?FLOWER_BASIC_AUTH must be set to user:password}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec celery --app server_config flower \
  --address=0.0.0.0 \
  --port="${FLOWER_PORT:-5555}" \
  "$@"
