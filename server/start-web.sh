#!/usr/bin/env bash
# The API: the release steps (unless WEB_RELEASE=0), then gunicorn. Extra arguments go to
# gunicorn. Everything else comes from the environment (server/gunicorn.conf.py).
set -o errexit -o pipefail -o nounset

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=server/metrics-dir.sh
source server/metrics-dir.sh web
if [[ "${WEB_RELEASE:-1}" != 0 ]]; then
  server/release.sh
fi
exec gunicorn --config server/gunicorn.conf.py server_config.wsgi:application "$@"
