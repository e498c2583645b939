#!/usr/bin/env bash
# Check the Celery side of a running Weather App stack from the outside, one line per check:
#   PASS <check>            or            FAIL <check>: <reason>
# Exits non-zero when any check fails. Creates one search and runs one test task; safe to
# repeat.
#
# Works against `make run` (server/prepare.py and the Procfile) and against `docker compose up`.
# URLs (defaults in brackets): API_URL [http://localhost:8000],
#   RABBITMQ_MGMT_URL [http://localhost:15672]
# Credentials: RABBITMQ_MGMT_USER / RABBITMQ_MGMT_PASSWORD for the management API [compose:
# Flower's monitoring user; else RABBITMQ_USER / RABBITMQ_PASSWORD, guest/guest]; OPS_API_TOKEN, from the
# environment, else from var/ops-token (written by `make run`), else from the compose web
# service's environment. The test
# task can only be queued through the API with it.
# TASK_TIMEOUT (s, default 30) bounds each wait for the worker.

set -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -z ${OPS_API_TOKEN:-} && -r ${ROOT}/var/ops-token ]]; then
  OPS_API_TOKEN=$(head -n 1 "${ROOT}/var/ops-token")
fi
# shellcheck source=server/stack-env.sh
source "${ROOT}/server/stack-env.sh"

TASK_TIMEOUT=${TASK_TIMEOUT:-30}
PROCESSING_QUEUE=${CELERY_PROCESSING_QUEUE:-weather.processing}
MAINTENANCE_QUEUE=${CELERY_MAINTENANCE_QUEUE:-weather.maintenance}
TASKS=(
  weather.test_celery_task
  weather.async_weather_processing
  weather.cleanup_old_searches
  weather.weekly_weather_report
  weather.requeue_unprocessed_searches
)
FAILURES=0
TMP=$(mktemp -d)
trap 'rm -rf "${TMP}"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILURES=$((FAILURES + 1)); }

# celery_cli ARGS...: the celery command line where the worker's broker is reachable.
celery_cli() {
  case "$(stack_mode)" in
    compose) compose exec -T celery celery --app server_config "$@" 2>&1 ;;
    native)
      if [[ ! -x ${ROOT}/.venv/bin/celery ]]; then
        echo "no .venv/bin/celery (run make install)"
        return 1
      fi
      (cd "${ROOT}" && timeout 60 .venv/bin/celery --app server_config "$@" 2>&1) ;;
  esac
}

destination() {
  [[ -n ${WORKER_NODENAME:-} ]] && echo "--destination=${WORKER_NODENAME}"
}

# ---- checks -------------------------------------------------------------------------------

check_ping() {
  local name="celery worker answers ping" out
  # shellcheck disable=SC2046
  out=$(celery_cli inspect ping $(destination) --timeout 10)
  if grep -q "pong" <<<"${out}"; then
    pass "${name} ($(grep -c pong <<<"${out}") worker(s))"
  else
    fail "${name}" "$(tail -n 3 <<<"${out}" | tr '\n' ' ')"
  fi
}

check_registered() {
  local name="worker has the five tasks registered" out missing=()
  # shellcheck disable=SC2046
  out=$(celery_cli inspect registered $(destination) --timeout 10)
  for task in "${TASKS[@]}"; do
    grep -q -- "${task}\b" <<<"${out}" || missing+=("${task}")
  done
  if ((${#missing[@]} == 0)); then
    pass "${name}"
  else
    fail "${name}" "not registered: ${missing[*]} ($(tail -n 2 <<<"${out}" | tr '\n' ' '))"
  fi
}

check_stats() {
  local name="worker stats: pool and prefetch" out
  # shellcheck disable=SC2046
  out=$(celery_cli inspect stats $(destination) --timeout 10 --json)
  local summary
  summary=$(python3 -c '
import json, sys
text = sys.stdin.read()
data = json.loads(text[text.index("{"):])
for node, stats in data.items():
    concurrency, prefetch = stats["pool"]["max-concurrency"], stats["prefetch_count"]
    print(f"{node}: concurrency {concurrency}, prefetch {prefetch}")
' <<<"${out}" 2>/dev/null)
  if [[ -n ${summary} ]]; then
    pass "${name} ($(tr '\n' ';' <<<"${summary}" | sed 's/;$//'))"
  else
    fail "${name}" "$(tail -n 2 <<<"${out}" | tr '\n' ' ')"
  fi
}

# wait_for_task STATUS_URL: polls the task status endpoint; sets STATE (and the body).
wait_for_task() {
  local deadline=$((SECONDS + TASK_TIMEOUT))
  STATE=""
  while ((SECONDS < deadline)); do
    http GET "${API_URL}$1"
    STATE=$(json '.state')
    [[ ${STATE} == SUCCESS || ${STATE} == FAILURE ]] && return
    sleep 0.3
  done
}

check_test_task() {
  local name="test_celery_task through the API reaches SUCCESS"
  if [[ -z ${OPS_API_TOKEN:-} ]]; then
    fail "${name}" "no operator token: set OPS_API_TOKEN (make run writes var/ops-token)"
    return
  fi
  http POST "${API_URL}/api/v1/tasks/test/" -H "Authorization: Bearer ${OPS_API_TOKEN}" \
    -H "Content-Type: application/json" --data '{"message": "test-celery", "duration": 1}'
  if [[ ${CODE} != 202 ]]; then
    fail "${name}" "POST /api/v1/tasks/test/ answered $(describe_failure)"
    return
  fi
  wait_for_task "$(json '.status_url')"
  if [[ ${STATE} == SUCCESS && $(json '.result.message') == test-celery ]]; then
    pass "${name} (worker $(json '.result.worker'), $(json '.result.duration') s)"
  else
    fail "${name}" "state ${STATE:-unknown} after ${TASK_TIMEOUT}s: $(body_excerpt)"
  fi
}

check_operator_only() {
  local name="test task refuses anonymous callers (401)"
  http POST "${API_URL}/api/v1/tasks/test/" -H "Content-Type: application/json" --data '{}'
  if [[ ${CODE} == 401 && $(json '.error.code') == not_authenticated ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_search_processed() {
  local name="a weather search is processed by the worker"
  http POST "${API_URL}/api/v1/searches/" -H "Content-Type: application/json" \
    --data '{"city": "Paris"}'
  if [[ ${CODE} != 201 ]]; then
    fail "${name}" "POST /api/v1/searches/ answered $(describe_failure)"
    return
  fi
  local id status_url status="" deadline=$((SECONDS + TASK_TIMEOUT))
  id=$(json '.id')
  status_url=$(json '.processing.status_url')
  while ((SECONDS < deadline)); do
    http GET "${API_URL}/api/v1/searches/${id}/"
    status=$(json '.processing.status')
    [[ ${status} == processed || ${status} == failed ]] && break
    sleep 0.3
  done
  if [[ ${status} != processed ]]; then
    fail "${name}" "search ${id} is ${status:-unknown} after ${TASK_TIMEOUT}s"
    return
  fi
  pass "${name} (search ${id}: comfort $(json '.processing.result.analysis.comfort'), $(json '.processing.result.statistics.search_count') searches of this city)"
  name="task status endpoint reports the search's task"
  wait_for_task "${status_url}"
  if [[ ${STATE} == SUCCESS && $(json '.result.search_id') == "${id}" ]]; then
    pass "${name} (${status_url})"
  else
    fail "${name}" "state ${STATE:-unknown}: $(body_excerpt)"
  fi
}

check_lists() {
  local path
  for path in notifications reports; do
    http GET "${API_URL}/api/v1/${path}/"
    if [[ ${CODE} == 200 && -n $(json '.count') ]]; then
      pass "GET /api/v1/${path}/ is a paginated list ($(json '.count') items)"
    else
      fail "GET /api/v1/${path}/ is a paginated list" "$(describe_failure)"
    fi
  done
}

check_broker_readiness() {
  local name="readiness reports the broker ok"
  http GET "${API_URL}/api/v1/health/ready/"
  if [[ $(json '.checks.broker.status') == ok ]]; then
    pass "${name} ($(json '.checks.broker.latency_ms') ms)"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_rabbitmq_queues() {
  local name="rabbitmq management api lists the durable queues with consumers"
  if [[ ${CELERY_BROKER_URL:-} == filesystem://* ]]; then
    fail "${name}" "the stack runs with the embedded folder broker, not RabbitMQ"
    return
  fi
  http GET "${RABBITMQ_MGMT_URL}/api/queues" -u "${RABBITMQ_MGMT_USER}:${RABBITMQ_MGMT_PASSWORD}"
  if [[ ${CODE} != 200 ]]; then
    fail "${name}" "$(describe_failure)"
    return
  fi
  local queue problems=()
  for queue in "${PROCESSING_QUEUE}" "${MAINTENANCE_QUEUE}"; do
    local found durable consumers
    found=$(json "first(.[] | select(.name == \"${queue}\") | \"\\(.durable) \\(.consumers // 0)\")")
    if [[ -z ${found} ]]; then
      problems+=("${queue} missing")
      continue
    fi
    read -r durable consumers <<<"${found}"
    [[ ${durable} == true ]] || problems+=("${queue} not durable")
    ((consumers >= 1)) || problems+=("${queue} has no consumer")
  done
  if ((${#problems[@]} == 0)); then
    pass "${name} (${PROCESSING_QUEUE}, ${MAINTENANCE_QUEUE})"
  else
    fail "${name}" "${problems[*]}"
  fi
}

check_ping
check_registered
check_stats
check_operator_only
check_test_task
check_search_processed
check_lists
check_broker_readiness
check_rabbitmq_queues

if ((FAILURES > 0)); then
  echo "${FAILURES} check(s) failed"
  exit 1
fi
echo "all Celery checks passed"
