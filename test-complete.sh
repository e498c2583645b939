#!/usr/bin/env bash
# Check a running Weather App stack from the outside, one line per check:
#   PASS <check>            or            FAIL <check>: <reason>
# (SKIP <check>: <reason> when a part is deliberately not running.) Exits non-zero
# when any check fails. Read-only apart from one search it creates; safe to repeat.
#
# Works against `make run` (server/prepare.py and the Procfile) and against `docker compose up`.
# URLs (defaults in brackets):
#   API_URL [http://localhost:8000]   SPA_URL [http://localhost:4173]
#   NGINX_URL [http://localhost]      FLOWER_URL [http://localhost:5555]
#   RABBITMQ_MGMT_URL [http://localhost:15672]
# Credentials: RABBITMQ_MGMT_USER / RABBITMQ_MGMT_PASSWORD for the management API [compose:
# Flower's monitoring user; else RABBITMQ_USER / RABBITMQ_PASSWORD, guest/guest], FLOWER_BASIC_AUTH
# (user:password), OPS_API_TOKEN (optional: also runs a system task through the API).
# When a stack started by `make run` is running, its ports, broker and
# database come from var/stack-<port>.env, and Flower's login from var/flower-auth.
# STACK=native|compose forces how the worker and the beat schedule are inspected.
# SEARCH_TIMEOUT (s, default 30) bounds the wait for the worker to process a search.
# Metrics: WORKER_METRICS_URL and PROMETHEUS_URL (set by the native stack; checks that need
# them are skipped without); DASHBOARD_WAIT (s, default 180) bounds the wait for every
# dashboard query to return data.

set -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=server/stack-env.sh
source "${ROOT}/server/stack-env.sh"

SEARCH_TIMEOUT=${SEARCH_TIMEOUT:-30}
FAILURES=0
TMP=$(mktemp -d)
trap 'rm -rf "${TMP}"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILURES=$((FAILURES + 1)); }
skip() { echo "SKIP $1: $2"; }

# ---- checks -------------------------------------------------------------------------------

check_api_health() {
  local name="api health (${API_URL}/api/v1/health/)"
  http GET "${API_URL}/api/v1/health/"
  if [[ ${CODE} != 200 ]]; then
    fail "${name}" "$(describe_failure)"
  elif [[ $(json '.status') != ok ]]; then
    fail "${name}" "status is not ok: $(body_excerpt)"
  else
    pass "${name} (sample_data=$(json '.sample_data'))"
  fi
}

check_api_readiness() {
  local name="api readiness: database, broker, cache"
  http GET "${API_URL}/api/v1/health/ready/"
  if [[ ${CODE} == 000 ]]; then
    fail "${name}" "$(describe_failure)"
    return
  fi
  local bad
  bad=$(json '[.checks // {} | {database, broker, cache} | to_entries[] | select(.value.status != "ok") | .key] | join(",")')
  if [[ ${CODE} == 200 && -z ${bad} && $(json '.status') == ok ]]; then
    pass "${name}"
  else
    fail "${name}" "HTTP ${CODE}, not ok: ${bad:-?} ($(body_excerpt))"
  fi
}

check_worker_ping() {
  local name="celery worker answers ping"
  local out
  case "$(stack_mode)" in
    compose)
      out=$(compose exec -T celery celery --app server_config inspect ping --timeout 10 2>&1) ;;
    native)
      if [[ ! -x ${ROOT}/.venv/bin/celery ]]; then
        fail "${name}" "no .venv/bin/celery to ask the broker with (run make install)"
        return
      fi
      local dest=()
      [[ -n ${WORKER_NODENAME:-} ]] && dest=(--destination "${WORKER_NODENAME}")
      out=$(cd "${ROOT}" && timeout 60 .venv/bin/celery --app server_config inspect ping \
        "${dest[@]}" --timeout 10 2>&1) ;;
  esac
  if grep -q "pong" <<<"${out}"; then
    pass "${name} ($(grep -c pong <<<"${out}") worker(s))"
  else
    fail "${name}" "$(tail -n 3 <<<"${out}" | tr '\n' ' ')"
  fi
}

check_system_task() {
  local name="system task through the API runs on the worker"
  if [[ -z ${OPS_API_TOKEN:-} ]]; then
    skip "${name}" "OPS_API_TOKEN not set"
    return
  fi
  http POST "${API_URL}/api/v1/tasks/test/" -H "Authorization: Bearer ${OPS_API_TOKEN}" \
    -H "Content-Type: application/json" --data '{"message": "test-complete", "duration": 0}'
  if [[ ${CODE} != 202 ]]; then
    fail "${name}" "POST /api/v1/tasks/test/ answered ${CODE}: $(body_excerpt)"
    return
  fi
  local status_url state="" deadline=$((SECONDS + SEARCH_TIMEOUT))
  status_url=$(json '.status_url')
  while ((SECONDS < deadline)); do
    http GET "${API_URL}${status_url}"
    state=$(json '.state')
    [[ ${state} == SUCCESS || ${state} == FAILURE ]] && break
    sleep 0.5
  done
  if [[ ${state} == SUCCESS ]]; then
    pass "${name}"
  else
    fail "${name}" "task state ${state:-unknown} after ${SEARCH_TIMEOUT}s"
  fi
}

check_beat_schedule() {
  local name="beat schedule has cleanup_old_searches and weekly_weather_report"
  local code out
  code='from django_celery_beat.models import PeriodicTask
for t in PeriodicTask.objects.filter(enabled=True):
    print("task", t.name, t.task)'
  case "$(stack_mode)" in
    compose)
      out=$(compose exec -T web python manage.py shell -c "${code}" 2>&1) ;;
    native)
      if [[ ! -x ${ROOT}/.venv/bin/python ]]; then
        fail "${name}" "no .venv/bin/python to read the schedule with (run make install)"
        return
      fi
      out=$(cd "${ROOT}" && timeout 60 .venv/bin/python manage.py shell -c "${code}" 2>&1) ;;
  esac
  local missing=()
  for task in cleanup_old_searches weekly_weather_report; do
    grep -q "^task .*${task}" <<<"${out}" || missing+=("${task}")
  done
  if ((${#missing[@]} == 0)); then
    pass "${name}"
  elif ! grep -q "^task " <<<"${out}" && grep -qi "error\|traceback" <<<"${out}"; then
    fail "${name}" "$(tail -n 2 <<<"${out}" | tr '\n' ' ')"
  else
    fail "${name}" "not scheduled (enabled): ${missing[*]}"
  fi
}

check_rabbitmq() {
  local name="rabbitmq management api lists the queues"
  if [[ ${CELERY_BROKER_URL:-} == filesystem://* ]]; then
    skip "${name}" "the stack runs with the embedded folder broker"
    return
  fi
  http GET "${RABBITMQ_MGMT_URL}/api/queues" -u "${RABBITMQ_MGMT_USER}:${RABBITMQ_MGMT_PASSWORD}"
  if [[ ${CODE} != 200 ]]; then
    fail "${name}" "$(describe_failure)"
    return
  fi
  local names missing=()
  names=$(json '[.[].name] | join(" ")')
  for queue in "${CELERY_PROCESSING_QUEUE:-weather.processing}" \
    "${CELERY_MAINTENANCE_QUEUE:-weather.maintenance}"; do
    [[ " ${names} " == *" ${queue} "* ]] || missing+=("${queue}")
  done
  if ((${#missing[@]} == 0)); then
    pass "${name} ($(json 'length') queues)"
  else
    fail "${name}" "queue(s) missing: ${missing[*]}"
  fi
}

check_flower() {
  if [[ -z ${FLOWER_URL:-} ]]; then
    skip "flower" "not running in this stack (RUN_FLOWER=0)"
    return
  fi
  local name="flower requires basic auth"
  http GET "${FLOWER_URL}/"
  if [[ ${CODE} == 401 ]]; then
    pass "${name}"
  else
    fail "${name}" "without credentials: $(describe_failure)"
  fi
  name="flower dashboard with credentials"
  if [[ -z ${FLOWER_BASIC_AUTH:-} ]]; then
    fail "${name}" "no credentials: set FLOWER_BASIC_AUTH (user:password)"
    return
  fi
  http GET "${FLOWER_URL}/" -u "${FLOWER_BASIC_AUTH%%,*}"
  if [[ ${CODE} == 200 ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
    return
  fi
  name="flower sees a worker"
  http GET "${FLOWER_URL}/api/workers?refresh=1" -u "${FLOWER_BASIC_AUTH%%,*}"
  if [[ ${CODE} == 200 && $(json 'length') -ge 1 ]]; then
    pass "${name} ($(json 'keys | join(", ")'))"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_spa_direct() {
  local name="spa served on ${SPA_URL}"
  http GET "${SPA_URL}/"
  if [[ ${CODE} == 200 ]] && grep -qE 'id=["'\'']?root' "${TMP}/body"; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_nginx_spa() {
  local name="nginx serves the spa with no-cache index.html"
  http GET "${NGINX_URL}/"
  if [[ ${CODE} == 200 ]] && grep -qE 'id=["'\'']?root' "${TMP}/body" \
    && [[ $(header Cache-Control) == *no-cache* ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure), Cache-Control '$(header Cache-Control)'"
  fi
  cp "${TMP}/body" "${TMP}/index.html"

  name="nginx falls back to index.html for client routes"
  http GET "${NGINX_URL}/history/some/route"
  if [[ ${CODE} == 200 ]] && grep -qE 'id=["'\'']?root' "${TMP}/body"; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi

  name="nginx serves hashed assets as immutable"
  local asset
  asset=$(grep -o '/assets/[^"]*' "${TMP}/index.html" | head -n 1)
  if [[ -z ${asset} ]]; then
    fail "${name}" "index.html references no /assets/ file"
  else
    http GET "${NGINX_URL}${asset}"
    if [[ ${CODE} == 200 && $(header Cache-Control) == *immutable* ]]; then
      pass "${name}"
    else
      fail "${name}" "${asset}: $(describe_failure), Cache-Control '$(header Cache-Control)'"
    fi
  fi

  name="nginx config.js points the spa at its own origin"
  http GET "${NGINX_URL}/config.js"
  if [[ ${CODE} == 200 ]] && grep -q 'apiBaseUrl: ""' "${TMP}/body" \
    && [[ $(header Cache-Control) == *no-cache* ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure), Cache-Control '$(header Cache-Control)'"
  fi
}

check_nginx_api() {
  local name="api through nginx"
  http GET "${NGINX_URL}/api/v1/health/"
  if [[ ${CODE} == 200 && $(json '.status') == ok ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_admin() {
  local name="admin login page through nginx"
  http GET "${NGINX_URL}/admin/login/"
  if [[ ${CODE} == 200 ]] && grep -q csrfmiddlewaretoken "${TMP}/body"; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi
  name="admin static files through nginx"
  http GET "${NGINX_URL}/static/admin/css/base.css"
  if [[ ${CODE} == 200 && $(header Content-Type) == text/css* ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure)"
  fi
}

check_search_end_to_end() {
  local name="search through nginx is processed by the worker"
  http POST "${NGINX_URL}/api/v1/searches/" -H "Content-Type: application/json" \
    --data '{"city": "Paris"}'
  if [[ ${CODE} != 201 ]]; then
    fail "${name}" "POST /api/v1/searches/: $(describe_failure)"
    return
  fi
  local id status="" deadline=$((SECONDS + SEARCH_TIMEOUT))
  id=$(json '.id')
  while ((SECONDS < deadline)); do
    http GET "${NGINX_URL}/api/v1/searches/${id}/"
    status=$(json '.processing.status')
    [[ ${status} == processed || ${status} == failed ]] && break
    sleep 0.5
  done
  if [[ ${status} == processed ]]; then
    pass "${name} (search ${id}, comfort $(json '.processing.result.analysis.comfort'))"
  else
    fail "${name}" "search ${id} is ${status:-unknown} after ${SEARCH_TIMEOUT}s"
  fi
}

check_weather_read() {
  local name="weather read through nginx is cacheable and records nothing"
  local before after etag cache_control
  http GET "${NGINX_URL}/api/v1/searches/?page=1"
  before=$(json '.count')
  # Compressed, as browsers ask: nginx's gzip then weakens the ETag, which must still match.
  http GET "${NGINX_URL}/api/v1/weather/?city=Paris" --compressed
  etag=$(header ETag)
  cache_control=$(header Cache-Control)
  if [[ ${CODE} != 200 || -z ${etag} || ${cache_control} != max-age=* ]]; then
    fail "${name}" "$(describe_failure), ETag '${etag}', Cache-Control '${cache_control}'"
    return
  fi
  http GET "${NGINX_URL}/api/v1/weather/?city=Paris" --compressed -H "If-None-Match: ${etag}"
  if [[ ${CODE} != 304 ]]; then
    fail "${name}" "If-None-Match ${etag}: $(describe_failure)"
    return
  fi
  http GET "${NGINX_URL}/api/v1/searches/?page=1"
  after=$(json '.count')
  if [[ -n ${before} && ${before} == "${after}" ]]; then
    pass "${name} (${cache_control}, 304 on ETag ${etag})"
  else
    fail "${name}" "stored searches went from '${before}' to '${after}'"
  fi
}

# ---- metrics and Prometheus ---------------------------------------------------------------

check_metrics_endpoint() {
  local name="metrics: ${API_URL}/metrics answers here, refused through a proxy and nginx"
  http GET "${API_URL}/metrics"
  if [[ ${CODE} != 200 ]] || ! grep -q '^weather_http_requests_total' "${TMP}/body"; then
    fail "${name}" "direct: $(describe_failure)"
    return
  fi
  # A forwarded request is refused: nothing reaches the metrics through a proxy. Natively this
  # runs from 127.0.0.1, nginx's own address, so the header is believed. A compose stack believes
  # it only from the nginx container: from here it is dropped, and this host is internal.
  http GET "${API_URL}/metrics" -H "X-Forwarded-For: 203.0.113.9"
  if [[ $(stack_mode) == compose ]]; then
    if [[ ${CODE} != 200 ]]; then
      fail "${name}" "a forwarded-for header from outside the proxy is not ignored: $(describe_failure)"
      return
    fi
  elif [[ ${CODE} != 403 || $(json '.error.code') != permission_denied ]]; then
    fail "${name}" "as if proxied: $(describe_failure)"
    return
  fi
  http GET "${NGINX_URL}/metrics"
  if [[ ${CODE} != 404 && ${CODE} != 403 ]]; then
    fail "${name}" "through nginx: $(describe_failure)"
    return
  fi
  pass "${name}"
}

# The sum of a metric's samples in an exposition file ($2, default the last body).
metric_sum() {
  awk -v name="$1" '$1 == name || index($1, name "{") == 1 {sum += $NF} END {print sum + 0}' \
    "${2:-${TMP}/body}"
}

check_metrics_count_a_search() {
  local name="metrics: a search moves weather_searches_processed_total"
  if [[ -z ${WORKER_METRICS_URL:-} ]]; then
    skip "${name}" "WORKER_METRICS_URL not set (the native stack sets it)"
    return
  fi
  http GET "${WORKER_METRICS_URL}"
  local before after="" deadline=$((SECONDS + SEARCH_TIMEOUT))
  before=$(metric_sum weather_searches_processed_total)
  http POST "${API_URL}/api/v1/searches/" -H "Content-Type: application/json" \
    --data '{"city": "Berlin"}'
  if [[ ${CODE} != 201 ]]; then
    fail "${name}" "POST /api/v1/searches/: $(describe_failure)"
    return
  fi
  while ((SECONDS < deadline)); do
    http GET "${WORKER_METRICS_URL}"
    after=$(metric_sum weather_searches_processed_total)
    ((after > before)) && break
    sleep 0.5
  done
  if ((after > before)); then
    pass "${name} (${before} -> ${after})"
  else
    fail "${name}" "still ${after:-unknown} after ${SEARCH_TIMEOUT}s"
  fi
}

check_prometheus_targets() {
  local name="prometheus: every scraped target is up"
  if [[ -z ${PROMETHEUS_URL:-} ]]; then
    skip "${name}" "PROMETHEUS_URL not set (make run sets it when Prometheus is installed)"
    return
  fi
  local down="" jobs="" deadline=$((SECONDS + 60))
  while ((SECONDS < deadline)); do
    http GET "${PROMETHEUS_URL}/api/v1/targets?state=active"
    jobs=$(json '[.data.activeTargets[].labels.job] | join(",")')
    down=$(json '[.data.activeTargets[] | select(.health != "up") | "\(.labels.job) (\(.lastError))"] | join(", ")')
    [[ ${CODE} == 200 && -n ${jobs} && -z ${down} ]] && break
    sleep 2
  done
  if [[ ${CODE} == 200 && -n ${jobs} && -z ${down} ]]; then
    pass "${name} (${jobs})"
  else
    fail "${name}" "${down:-$(describe_failure)}"
  fi
}

check_dashboard_queries() {
  local name="prometheus: every dashboard query parses and returns data"
  if [[ -z ${PROMETHEUS_URL:-} ]]; then
    skip "${name}" "PROMETHEUS_URL not set"
    return
  fi
  local out
  if out=$(python3 "${ROOT}/monitoring/check_dashboards.py" --prometheus "${PROMETHEUS_URL}" \
    --wait "${DASHBOARD_WAIT:-180}" 2>&1); then
    pass "${name} ($(grep -c '^PASS' <<<"${out}") queries)"
  else
    fail "${name}" "$(grep -v '^PASS' <<<"${out}" | tr '\n' ';')"
  fi
}

check_security_headers() {
  local path missing
  for path in / /config.js /api/v1/health/ /api/v1/no-such-endpoint/ /assets/no-such-file.js; do
    http GET "${NGINX_URL}${path}"
    missing=()
    [[ $(header Content-Security-Policy) == *"default-src 'self'"*"frame-ancestors 'none'"* ]] \
      || missing+=("Content-Security-Policy")
    [[ $(header X-Content-Type-Options) == nosniff ]] || missing+=("X-Content-Type-Options")
    [[ $(header X-Frame-Options) == DENY ]] || missing+=("X-Frame-Options")
    [[ -n $(header Referrer-Policy) ]] || missing+=("Referrer-Policy")
    [[ $(header Server) != *[0-9]* ]] || missing+=("Server without version")
    if [[ ${CODE} == 000 ]]; then
      fail "security headers on ${path}" "$(describe_failure)"
    elif ((${#missing[@]} == 0)); then
      pass "security headers on ${path} (HTTP ${CODE})"
    else
      fail "security headers on ${path} (HTTP ${CODE})" "missing or wrong: ${missing[*]}"
    fi
  done
}

check_rate_limit() {
  # Last: it leaves this client throttled on /api/ for a second or two.
  local name="nginx rate limit answers 429 in the api error shape"
  curl -s --max-time 30 --parallel --parallel-max 50 -o "${TMP}/burst_#1" \
    -w '%{http_code}\n' "${NGINX_URL}/api/v1/health/?burst=[1-150]" >"${TMP}/codes" 2>/dev/null
  local throttled
  throttled=$(grep -c '^429$' "${TMP}/codes")
  if ((throttled == 0)); then
    fail "${name}" "150 parallel requests, none throttled"
  elif grep -qE '"code": ?"throttled"' "${TMP}"/burst_*; then
    pass "${name} (${throttled}/150 throttled)"
  else
    fail "${name}" "429 without the error shape: $(grep -L '"status"' "${TMP}"/burst_* | head -n 1 | xargs head -c 200)"
  fi
  sleep 2
}

# ---- run ------------------------------------------------------------------------------------

echo "Checking the stack: API ${API_URL}, SPA ${SPA_URL}, nginx ${NGINX_URL} ($(stack_mode))"
check_api_health
check_api_readiness
check_worker_ping
check_system_task
check_beat_schedule
check_rabbitmq
check_flower
check_spa_direct
check_nginx_spa
check_nginx_api
check_admin
check_weather_read
check_search_end_to_end
check_metrics_endpoint
check_metrics_count_a_search
check_prometheus_targets
check_dashboard_queries
check_security_headers
check_rate_limit

if ((FAILURES > 0)); then
  echo "${FAILURES} check(s) failed"
  exit 1
fi
echo "All checks passed"
