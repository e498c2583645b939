#!/usr/bin/env bash
# Check the Celery side of a running Weather App stack from the outside, one line per check:
#   PASS <check>            or            FAIL <check>: <reason>
# The worker answers, has every task of weather.worker.names registered, runs the system task
# and processes a search; the beat schedule; RabbitMQ's durable queues with consumers.
# Exits non-zero when any check fails. Creates one search and runs one test task; safe to
# repeat.
#
# Works against `make run` (server/prepare.py and the Procfile) and against `docker compose up`
# (STACK=native|compose forces which). URLs (defaults in brackets): API_URL
# [http://localhost:8000], RABBITMQ_MGMT_URL [http://localhost:15672].
# Credentials: RABBITMQ_MGMT_USER / RABBITMQ_MGMT_PASSWORD for the management API [compose:
# Flower's monitoring user; else RABBITMQ_USER / RABBITMQ_PASSWORD, guest/guest]; OPS_API_TOKEN,
# from the environment, else from var/ops-token (written by `make run`), else from the compose
# web service's environment. The test task can only be queued through the API with it.
# TASK_TIMEOUT (s, default 30) bounds each wait for the worker. See server/stack-checks.sh.

set -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=server/stack-checks.sh
source "${ROOT}/server/stack-checks.sh"

PROCESSING_QUEUE=${CELERY_PROCESSING_QUEUE:-weather.processing}
MAINTENANCE_QUEUE=${CELERY_MAINTENANCE_QUEUE:-weather.maintenance}
REFRESH_QUEUE=${CELERY_REFRESH_QUEUE:-weather.refresh}

# celery ARGS...: the celery command line where the worker's broker is reachable.
celery_cli() {
  app celery celery --app server_config "$@" 2>&1
}

# --destination of the stack's own worker, when the stack file names it.
destination() {
  [[ -n ${WORKER_NODENAME:-} ]] && echo "--destination=${WORKER_NODENAME}"
}

# wait_for_task STATUS_URL: polls the task status endpoint; sets STATE (and the body).
task_done() {
  http GET "${API_URL}$1"
  STATE=$(json '.state')
  [[ ${STATE} == SUCCESS || ${STATE} == FAILURE ]]
}
wait_for_task() {
  STATE=""
  wait_until "${TASK_TIMEOUT}" 0.3 task_done "$1"
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

# Every task of weather.worker.names (the one list of them), one line each.
check_registered() {
  local names out registered task extra
  if ! names=$(app celery python -m weather.worker.names 2>"${TMP}/names-error") \
    || ! grep -qE '^[a-z_]+(\.[a-z_]+)+$' <<<"${names}" \
    || grep -qvE '^[a-z_]+(\.[a-z_]+)+$' <<<"${names}"; then
    fail "the task names (python -m weather.worker.names)" \
      "no list of task names: $(cat "${TMP}/names-error" <(echo "${names}") | tail -n 3 | tr '\n' ' ')"
    return
  fi
  # shellcheck disable=SC2046
  out=$(celery_cli inspect registered $(destination) --timeout 10)
  registered=$(sed -nE 's/^[[:space:]]*\* ([^ ]+).*/\1/p' <<<"${out}" | sort -u)
  while read -r task; do
    if grep -qxF -- "${task}" <<<"${registered}"; then
      pass "worker has ${task} registered"
    else
      fail "worker has ${task} registered" "not among $(wc -w <<<"${registered}") registered: $(tail -n 2 <<<"${out}" | tr '\n' ' ')"
    fi
  done <<<"${names}"
  # A weather task missing from the list would go to the default queue and escape the metrics.
  extra=$(grep '^weather\.' <<<"${registered}" | grep -vxF -f <(echo "${names}"))
  if [[ -z ${extra} ]]; then
    pass "worker registers no weather task beyond weather.worker.names ($(wc -l <<<"${names}") tasks)"
  else
    fail "worker registers no weather task beyond weather.worker.names" "$(tr '\n' ' ' <<<"${extra}")"
  fi
}

check_stats() {
  local name="worker stats: pool and prefetch" out summary
  # shellcheck disable=SC2046
  out=$(celery_cli inspect stats $(destination) --timeout 10 --json)
  # The reply's JSON follows whatever celery printed before it.
  [[ ${out} == *"{"* ]] && out="{${out#*\{}"
  summary=$(jq -r <<<"${out}" \
    'to_entries[] | "\(.key): concurrency \(.value.pool["max-concurrency"] // error), prefetch \(.value.prefetch_count // error)"' \
    2>/dev/null)
  if [[ -n ${summary} ]]; then
    pass "${name} ($(tr '\n' ';' <<<"${summary}" | sed 's/;$//'))"
  else
    fail "${name}" "$(tail -n 2 <<<"${out}" | tr '\n' ' ')"
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

search_done() {
  http GET "${API_URL}/api/v1/searches/$1/"
  SEARCH_STATUS=$(json '.processing.status')
  [[ ${SEARCH_STATUS} == processed || ${SEARCH_STATUS} == failed ]]
}

check_search_processed() {
  local name="a weather search is processed by the worker"
  http POST "${API_URL}/api/v1/searches/" -H "Content-Type: application/json" \
    --data '{"city": "Paris"}'
  if [[ ${CODE} != 201 ]]; then
    fail "${name}" "POST /api/v1/searches/ answered $(describe_failure)"
    return
  fi
  local id status_url
  id=$(json '.id')
  status_url=$(json '.processing.status_url')
  SEARCH_STATUS=""
  wait_until "${TASK_TIMEOUT}" 0.3 search_done "${id}"
  if [[ ${SEARCH_STATUS} != processed ]]; then
    fail "${name}" "search ${id} is ${SEARCH_STATUS:-unknown} after ${TASK_TIMEOUT}s"
    return
  fi
  pass "${name} (search ${id}: comfort $(json '.processing.result.analysis.comfort'), $(json '.processing.result.statistics.search_count') searches of this city)"
  name="task status endpoint reports the search's task"
  wait_for_task "${status_url}"
  # The result names the search's row for operators only (the API addresses it by public id).
  if [[ ${STATE} == SUCCESS && $(json '.result.status') == processed ]]; then
    pass "${name} (${status_url})"
  else
    fail "${name}" "state ${STATE:-unknown}: $(body_excerpt)"
  fi
}

check_beat_schedule() {
  local name="beat schedule has cleanup_old_searches and weekly_weather_report"
  local code out missing=() task
  code='from django_celery_beat.models import PeriodicTask
for t in PeriodicTask.objects.filter(enabled=True):
    print("task", t.name, t.task)'
  out=$(app web python manage.py shell -c "${code}" 2>&1)
  for task in cleanup_old_searches weekly_weather_report; do
    grep -q "^task .*${task}" <<<"${out}" || missing+=("${task}")
  done
  if ((${#missing[@]} == 0)); then
    pass "${name}"
  elif ! grep -q "^task " <<<"${out}" && grep -qi "error\|traceback\|no \.venv" <<<"${out}"; then
    fail "${name}" "$(tail -n 2 <<<"${out}" | tr '\n' ' ')"
  else
    fail "${name}" "not scheduled (enabled): ${missing[*]}"
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
  local queue found durable consumers problems=()
  for queue in "${PROCESSING_QUEUE}" "${MAINTENANCE_QUEUE}" "${REFRESH_QUEUE}"; do
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
    pass "${name} (${PROCESSING_QUEUE}, ${MAINTENANCE_QUEUE}, ${REFRESH_QUEUE}; $(json 'length') queues)"
  else
    fail "${name}" "${problems[*]}"
  fi
}

echo "Checking Celery: worker ($(stack_mode)), API ${API_URL}, RabbitMQ ${RABBITMQ_MGMT_URL}"
check_ping
check_registered
check_stats
check_operator_only
check_test_task
check_search_processed
check_beat_schedule
check_lists
check_rabbitmq_queues
finish "Celery checks"
