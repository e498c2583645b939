#!/usr/bin/env bash
# `make test-containers`: the real docker-compose.yml, built and run.
#   1. a Docker engine (installs docker.io and starts dockerd when it can; stops only a dockerd
#      it started), compose, and BuildKit;
#   2. stand-in base and service images built from Debian (no registry is needed), then our own
#      images on them (images.sh);
#   3. docker-compose.yml + compose.test.yml up, every healthcheck green, then test-complete.sh,
#      test-celery.sh and test-dual-access.sh with STACK=compose;
#   4. container behaviour (behaviour.sh): non-root, restarts, logs on stdout, SIGTERM, sizes;
#   5. `down -v` and our images removed. The Debian bases and stand-ins stay as a cache.
# One PASS/FAIL line per check; exits non-zero on any failure. Timings and image sizes go to
# var/containers/report.txt.
# BUILD_CA_BUNDLE: CA bundle for pip/npm inside the builds [the system bundle, if present];
# set it empty to build without one.

set -o errexit -o pipefail -o nounset

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${HERE}/../.." && pwd)
STATE_DIR=${ROOT}/var/containers
REPORT=${STATE_DIR}/report.txt
mkdir -p "${STATE_DIR}"
cd "${ROOT}"

# shellcheck source=tests/containers/engine.sh
source "${HERE}/engine.sh"
# shellcheck source=tests/containers/images.sh
source "${HERE}/images.sh"

if [[ -z ${BUILD_CA_BUNDLE+set} && -s /etc/ssl/certs/ca-certificates.crt ]]; then
  BUILD_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
fi
BUILD_CA_BUNDLE=${BUILD_CA_BUNDLE:-}
HEALTHY_TIMEOUT=${HEALTHY_TIMEOUT:-480}
FAILURES=0
STARTED=${SECONDS}
: >"${REPORT}"

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILURES=$((FAILURES + 1)); }
step() { printf '\n=== %s (%ss)\n' "$*" "$((SECONDS - STARTED))"; }
note() { echo "$*" | tee -a "${REPORT}"; }
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# ---- the test stack's settings: generated secrets, loopback ports of their own -----------

export COMPOSE_PROJECT_NAME=weather-containers-test
export COMPOSE_PATH_SEPARATOR=:
export COMPOSE_FILE=${ROOT}/docker-compose.yml:${HERE}/compose.test.yml
DJANGO_SECRET_KEY=$(secret)$(secret)
POSTGRES_ADMIN_PASSWORD=$(secret)
POSTGRES_PASSWORD=$(secret)
POSTGRES_MONITOR_PASSWORD=$(secret)
RABBITMQ_ADMIN_PASSWORD=$(secret)
RABBITMQ_USER=weather
RABBITMQ_PASSWORD=$(secret)
RABBITMQ_MONITOR_PASSWORD=$(secret)
RABBITMQ_ADMIN_USER="admin"
RABBITMQ_MONITOR_USER=weather-monitor
REDIS_PASSWORD=$(secret)
FLOWER_BASIC_AUTH=ci:$(secret)
OPS_API_TOKEN=ci-$(secret)
DJANGO_SUPERUSER_USERNAME=ci-admin
DJANGO_SUPERUSER_PASSWORD=$(secret)
GRAFANA_ADMIN_PASSWORD=$(secret)
DJANGO_ALLOWED_HOSTS=localhost
export DJANGO_SECRET_KEY POSTGRES_ADMIN_PASSWORD POSTGRES_PASSWORD POSTGRES_MONITOR_PASSWORD \
  RABBITMQ_ADMIN_USER RABBITMQ_ADMIN_PASSWORD RABBITMQ_USER RABBITMQ_PASSWORD \
  RABBITMQ_MONITOR_USER RABBITMQ_MONITOR_PASSWORD REDIS_PASSWORD \
  FLOWER_BASIC_AUTH OPS_API_TOKEN DJANGO_SUPERUSER_USERNAME DJANGO_SUPERUSER_PASSWORD \
  GRAFANA_ADMIN_PASSWORD DJANGO_ALLOWED_HOSTS
# Host ports apart from `make run` and the e2e stack. The compose file binds the API and Flower
# to 127.0.0.1 itself; the SPA's and nginx's *_HOST_PORT carry the address.
API_PORT=${CONTAINERS_API_PORT:-28000}
SPA_PORT=${CONTAINERS_SPA_PORT:-24173}
NGINX_PORT=${CONTAINERS_NGINX_PORT:-28080}
FLOWER_PORT=${CONTAINERS_FLOWER_PORT:-25555}
export WEB_HOST_PORT=${API_PORT} SPA_HOST_PORT=127.0.0.1:${SPA_PORT} \
  NGINX_HOST_PORT=127.0.0.1:${NGINX_PORT} FLOWER_HOST_PORT=${FLOWER_PORT} \
  RABBITMQ_MGMT_HOST_PORT=${CONTAINERS_RABBITMQ_MGMT_PORT:-28672} \
  RABBITMQ_HOST_PORT=${CONTAINERS_RABBITMQ_PORT:-28673} \
  POSTGRES_HOST_PORT=${CONTAINERS_POSTGRES_PORT:-28432}
export CORS_ALLOWED_ORIGINS=http://127.0.0.1:${SPA_PORT},http://localhost:${SPA_PORT}
export CSRF_TRUSTED_ORIGINS=http://127.0.0.1:${NGINX_PORT},http://localhost:${NGINX_PORT}
export SPA_API_ORIGINS="http://127.0.0.1:${API_PORT} http://localhost:${API_PORT}"
export SPA_API_BASE_URL=http://127.0.0.1:${API_PORT}
# Where the three scripts find the stack.
export STACK=compose API_URL=http://127.0.0.1:${API_PORT} SPA_URL=http://127.0.0.1:${SPA_PORT} \
  NGINX_URL=http://127.0.0.1:${NGINX_PORT} FLOWER_URL=http://127.0.0.1:${FLOWER_PORT} \
  RABBITMQ_MGMT_URL=http://127.0.0.1:${RABBITMQ_MGMT_HOST_PORT}

# shellcheck source=tests/containers/stack.sh
source "${HERE}/stack.sh"
# shellcheck source=tests/containers/behaviour.sh
source "${HERE}/behaviour.sh"

# ---- cleanup, whatever happens ------------------------------------------------------------

cleanup() {
  local status=$?
  set +o errexit
  if [[ -n ${COMPOSE_UP:-} ]]; then
    if ((FAILURES > 0 || status != 0)); then
      compose logs --no-color --tail 40 >"${STATE_DIR}/compose-logs.txt" 2>&1
      echo "last log lines of every service: ${STATE_DIR}/compose-logs.txt"
    fi
    compose down --volumes --remove-orphans --timeout 30 >/dev/null 2>&1
    check_nothing_left
  fi
  if docker info >/dev/null 2>&1; then
    docker image rm weather-test/app-server:latest weather-test/app-nginx:latest \
      weather-test/fake-open-meteo:latest >/dev/null 2>&1
    docker image prune --force --filter label=org.weather-app.test=stand-in >/dev/null 2>&1
  fi
  stop_engine
  note "total: $((SECONDS - STARTED))s"
  if ((FAILURES > 0)); then
    echo "${FAILURES} container check(s) failed"
    status=1
  fi
  exit "${status}"
}
trap cleanup EXIT

# ---- 1. engine ----------------------------------------------------------------------------

step "Docker engine"
ensure_engine
note "engine: $(docker version --format 'dockerd {{.Server.Version}}'), compose: $(compose_version), build: ${BUILD[*]}"

# ---- 2. images ----------------------------------------------------------------------------

step "Images"
started=${SECONDS}
ensure_debootstrap
# Both at once: each spends most of its time waiting for the mirror.
ensure_debian_base bookworm &
bookworm=$!
ensure_debian_base trixie &
trixie=$!
wait "${bookworm}"
wait "${trixie}"
note "Debian bases ready in $((SECONDS - started))s"
started=${SECONDS}
build_stand_ins
note "stand-ins ready in $((SECONDS - started))s"
started=${SECONDS}
build_app_images
note "our images built in $((SECONDS - started))s (CA secret: ${BUILD_CA_BUNDLE:-none})"

# ---- 3. the stack up, healthy, and the three scripts ---------------------------------------

step "Stack up"
compose down --volumes --remove-orphans >/dev/null 2>&1 || true # a run that was interrupted
COMPOSE_UP=1
started=${SECONDS}
compose up --detach --no-build >"${STATE_DIR}/compose-up.log" 2>&1 \
  || { cat "${STATE_DIR}/compose-up.log"; fail "compose up" "see above"; exit 1; }
if wait_all_healthy "${HEALTHY_TIMEOUT}"; then
  note "time to healthy: $((SECONDS - started))s (every service, from compose up)"
  pass "every service is healthy ($(default_services | wc -l) services; the monitoring profile is not started)"
else
  fail "every service is healthy" "${UNHEALTHY} after ${HEALTHY_TIMEOUT}s"
  exit 1
fi
check_published_ports

step "Stack checks (STACK=compose)"
for script in test-complete.sh test-celery.sh test-dual-access.sh; do
  echo "--- ${script}"
  if bash "${ROOT}/${script}"; then
    pass "${script} against the compose stack"
  else
    fail "${script} against the compose stack" "see its FAIL lines above"
  fi
done

# ---- 4. container behaviour ----------------------------------------------------------------

step "Container behaviour"
check_migrations_once
check_logs_on_stdout
check_non_root
check_images_ship_no_tests
check_restart_web
check_restart_worker
check_restart_beat
check_db_roles
check_rabbitmq_users
check_scale_web
check_scale_worker
check_sigterm
report_image_sizes

step "Down"
