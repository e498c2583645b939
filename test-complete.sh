#!/usr/bin/env bash
# Check a running Weather App stack from the outside, one line per check:
#   PASS <check>            or            FAIL <check>: <reason>
# (SKIP <check>: <reason> when a part is deliberately not running.) Exits non-zero
# when any check fails. Read-only apart from one search it creates; safe to repeat.
# The API, its readiness, Flower, the SPA, nginx (SPA, API, admin, caching, security headers,
# rate limit), metrics and Prometheus. The worker, its tasks, the beat schedule and the queues
# are test-celery.sh's checks; CORS and nginx's same-origin config.js test-dual-access.sh's.
#
# Works against `make run` (server/prepare.py and the Procfile) and against `docker compose up`.
# URLs (defaults in brackets):
#   API_URL [http://localhost:8000]   SPA_URL [http://localhost:4173]
#   NGINX_URL [http://localhost]      FLOWER_URL [http://localhost:5555]
# Credentials: FLOWER_BASIC_AUTH (user:password). When a stack started by `make run` is
# running, its ports come from var/stack-<port>.env, and Flower's login from var/flower-auth.
# STACK=native|compose forces which kind of stack it is. TASK_TIMEOUT (s, default 30) bounds
# the wait for the worker to count a search (server/stack-checks.sh).
# Metrics: WORKER_METRICS_URL and PROMETHEUS_URL (set by the native stack; checks that need
# them are skipped without); DASHBOARD_WAIT (s, default 180) bounds the wait for every
# dashboard query to return data.

set -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=server/stack-checks.sh
source "${ROOT}/server/stack-checks.sh"

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
    pass "${name} ($(json '[.checks | to_entries[] | select(.value.latency_ms != null) | "\(.key) \(.value.latency_ms) ms"] | join(", ")'))"
  else
    fail "${name}" "HTTP ${CODE}, not ok: ${bad:-?} ($(body_excerpt))"
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

check_weather_read() {
  local name="weather read through nginx is cacheable and records nothing"
  local before after etag cache_control
  # The newest stored search, as an operator sees it (searches belong to their visitors).
  local operator=(-H "Authorization: Bearer ${OPS_API_TOKEN:-}")
  http GET "${NGINX_URL}/api/v1/searches/" "${operator[@]}"
  before=$(json '.results[0].id // "none"')
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
  http GET "${NGINX_URL}/api/v1/searches/" "${operator[@]}"
  after=$(json '.results[0].id // "none"')
  if [[ -n ${before} && ${before} == "${after}" ]]; then
    pass "${name} (${cache_control}, 304 on ETag ${etag})"
  else
    fail "${name}" "the newest stored search went from '${before}' to '${after}'"
  fi
}

# ---- metrics and Prometheus ---------------------------------------------------------------

check_metrics_endpoint() {
  local name="metrics: ${API_URL}/metrics answers here, refused through a proxy and nginx"
  local auth=()
  # Compose answers loopback and Prometheus's address without the token; this host comes
  # from the network's gateway, so it is refused, then shows the ops token.
  if [[ $(stack_mode) == compose ]]; then
    http GET "${API_URL}/metrics"
    if [[ ${CODE} != 403 ]]; then
      fail "${name}" "from the host without the ops token: $(describe_failure)"
      return
    fi
    auth=(-H "Authorization: Bearer ${OPS_API_TOKEN:-}")
  fi
  http GET "${API_URL}/metrics" "${auth[@]}"
  if [[ ${CODE} != 200 ]] || ! grep -q '^weather_http_requests_total' "${TMP}/body"; then
    fail "${name}" "direct: $(describe_failure)"
    return
  fi
  # A forwarded request is refused: nothing reaches the metrics through a proxy. Natively this
  # runs from 127.0.0.1, nginx's own address, so the header is believed. A compose stack believes
  # it only from the nginx container: from here it is dropped (and the token is shown).
  http GET "${API_URL}/metrics" -H "X-Forwarded-For: 203.0.113.9" "${auth[@]}"
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

# processed_more_than N: the worker's weather_searches_processed_total (in PROCESSED) is over N.
processed_more_than() {
  http GET "${WORKER_METRICS_URL}"
  PROCESSED=$(metric_sum weather_searches_processed_total)
  ((PROCESSED > $1))
}

check_metrics_count_a_search() {
  local name="metrics: a search moves weather_searches_processed_total"
  if [[ -z ${WORKER_METRICS_URL:-} ]]; then
    skip "${name}" "WORKER_METRICS_URL not set (the native stack sets it)"
    return
  fi
  local before
  http GET "${WORKER_METRICS_URL}"
  before=$(metric_sum weather_searches_processed_total)
  http POST "${API_URL}/api/v1/searches/" -H "Content-Type: application/json" \
    --data '{"city": "Berlin"}'
  if [[ ${CODE} != 201 ]]; then
    fail "${name}" "POST /api/v1/searches/: $(describe_failure)"
    return
  fi
  PROCESSED=""
  if wait_until "${TASK_TIMEOUT}" 0.5 processed_more_than "${before}"; then
    pass "${name} (${before} -> ${PROCESSED})"
  else
    fail "${name}" "still ${PROCESSED:-unknown} after ${TASK_TIMEOUT}s"
  fi
}

# Prometheus's active targets (jobs in JOBS, those down in DOWN) are all up.
targets_up() {
  http GET "${PROMETHEUS_URL}/api/v1/targets?state=active"
  JOBS=$(json '[.data.activeTargets[].labels.job] | join(",")')
  DOWN=$(json '[.data.activeTargets[] | select(.health != "up") | "\(.labels.job) (\(.lastError))"] | join(", ")')
  [[ ${CODE} == 200 && -n ${JOBS} && -z ${DOWN} ]]
}

check_prometheus_targets() {
  local name="prometheus: every scraped target is up"
  if [[ -z ${PROMETHEUS_URL:-} ]]; then
    skip "${name}" "PROMETHEUS_URL not set (make run sets it when Prometheus is installed)"
    return
  fi
  DOWN="" JOBS=""
  if wait_until 60 2 targets_up; then
    pass "${name} (${JOBS})"
  else
    fail "${name}" "${DOWN:-$(describe_failure)}"
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
echo "(the worker, tasks and queues: test-celery.sh; CORS and same-origin: test-dual-access.sh)"
check_api_health
check_api_readiness
check_flower
check_spa_direct
check_nginx_spa
check_nginx_api
check_admin
check_weather_read
check_metrics_endpoint
check_metrics_count_a_search
check_prometheus_targets
check_dashboard_queries
check_security_headers
check_rate_limit
finish "checks"
