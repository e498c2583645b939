# shellcheck shell=bash
# Sourced by tests/containers/run.sh: how the containers of the running test stack behave
# (non-root, logs, restarts, stops, what the images carry). Uses pass/fail/note, the helpers
# of stack.sh and the URLs and secrets set by run.sh.

# Dependants first, so that each stop below is a clean one.
STOP_ORDER=(nginx frontend flower beat refresh-worker celery api web fake-open-meteo redis rabbitmq db)

# The host pids of a container's own process tree (PID 1 and its descendants; `docker exec`
# processes such as healthchecks are not part of it).
process_tree() {
  local root
  root=$(docker inspect --format '{{.State.Pid}}' "$(cid "$1")")
  ps -e -o pid=,ppid= | awk -v root="${root}" '
    { parent[$1] = $2 }
    END {
      for (pid in parent) {
        p = pid
        while (p != "" && p != 0 && p != root) p = parent[p]
        if (p == root) print pid
      }
    }'
}

check_migrations_once() {
  local service count total=0 where=""
  for service in $(services); do
    count=$(docker logs "$(cid "${service}")" 2>&1 | grep -c 'Applying weather\.0001' || true)
    if ((count > 0)); then
      total=$((total + count))
      where+="${service} "
    fi
  done
  if ((total == 1)) && [[ ${where} == "web " ]]; then
    pass "migrations ran once, in the web container"
  else
    fail "migrations ran once, in the web container" "applied ${total} time(s), in: ${where:-none}"
  fi
}

# Every service writes its log to the container's output; a marker line proves it for each.
check_logs_on_stdout() {
  curl -s -o /dev/null "${NGINX_URL}/?log-check=nginx" || true
  curl -s -o /dev/null "${SPA_URL}/?log-check=frontend" || true
  sleep 1
  local service marker missing=()
  declare -A markers=(
    [web]='Listening at' [api]='Listening at' [celery]='ready\.' [refresh-worker]='ready\.' [beat]='beat: Starting' [flower]='Visit me at|Registered tasks'
    [nginx]='log-check=nginx' [frontend]='log-check=frontend'
    [db]='ready to accept connections' [rabbitmq]='[Ss]erver startup complete'
    [redis]='Ready to accept connections' [fake-open-meteo]='GET /'
  )
  for service in $(services); do
    marker=${markers[${service}]:-.}
    docker logs "$(cid "${service}")" 2>&1 | grep -E "${marker}" >/dev/null || missing+=("${service} (${marker})")
  done
  if ((${#missing[@]} == 0)); then
    pass "every service logs to the container output (docker logs): $(services | tr '\n' ' ')"
  else
    fail "every service logs to the container output" "no marker line from ${missing[*]}"
  fi
}

check_non_root() {
  local service pids uids
  for service in $(services); do
    mapfile -t pids < <(process_tree "${service}")
    uids=$(ps -o uid= -p "$(
      IFS=,
      echo "${pids[*]}"
    )" | sort -un | tr -d ' ' | tr '\n' ' ')
    if [[ -n ${uids} && " ${uids}" != *" 0 "* ]]; then
      pass "${service} runs as a non-root user (uid ${uids% }, ${#pids[@]} processes)"
    else
      fail "${service} runs as a non-root user" "uids of its processes: ${uids:-none}"
    fi
  done
}

# The production images carry neither the test suites, the fake upstream nor the CA secret.
check_images_ship_no_tests() {
  local leftovers
  leftovers=$(docker run --rm --entrypoint sh weather-test/app-server:latest -c \
    'for p in /app/weather/tests /app/weather/testing /app/tests /app/bench /run/secrets/ca; do
       [ -e "$p" ] && echo "$p"; done; true')
  if [[ -z ${leftovers} ]]; then
    pass "the server image ships no tests, fake upstream or CA secret"
  else
    fail "the server image ships no tests, fake upstream or CA secret" "found ${leftovers//$'\n'/ }"
  fi
  leftovers=$(docker run --rm --entrypoint sh weather-test/app-nginx:latest -c \
    'for p in /src /usr/share/nginx/html/node_modules /run/secrets/ca; do
       [ -e "$p" ] && echo "$p"; done; true')
  if [[ -z ${leftovers} ]]; then
    pass "the nginx image ships the built SPA only (no sources, node_modules or CA secret)"
  else
    fail "the nginx image ships the built SPA only" "found ${leftovers//$'\n'/ }"
  fi
  [[ -n ${BUILD_CA_BUNDLE} ]] || return 0
  local image found
  for image in weather-test/app-server:latest weather-test/app-nginx:latest; do
    found=$(docker save "${image}" | python3 "${HERE}/find-file-in-image.py" "${BUILD_CA_BUNDLE}")
    if [[ -z ${found} ]]; then
      pass "no layer of ${image} holds the CA bundle used to build it"
    else
      fail "no layer of ${image} holds the CA bundle used to build it" "${found}"
    fi
  done
}

# kill_main SERVICE: SIGKILL to the service's main process (the child of its init), as a crash.
kill_main() {
  local id init child
  id=$(cid "$1")
  init=$(docker inspect --format '{{.State.Pid}}' "${id}")
  child=$(ps -o pid= --ppid "${init}" | head -n 1 | tr -d ' ')
  kill -KILL "${child:-${init}}"
}

# wait_restarted SERVICE BEFORE SECONDS: the restart count went up and the service is healthy.
wait_restarted() {
  local deadline=$((SECONDS + $3))
  while ((SECONDS < deadline)); do
    if (($(restart_count "$1") > $2)) && [[ $(health_of "$1") == healthy ]]; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

post_search() { # post_search CITY -> prints the new search's id
  curl -sS --max-time 10 -X POST "${API_URL}/api/v1/searches/" -H 'Content-Type: application/json' \
    --data "{\"city\": \"$1\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}

search_status() {
  curl -sS --max-time 10 "${API_URL}/api/v1/searches/$1/" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["processing"]["status"])' 2>/dev/null
}

wait_processed() { # wait_processed ID SECONDS
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [[ $(search_status "$1") == processed ]] && return 0
    sleep 0.5
  done
  return 1
}

check_restart_web() {
  local name="web: killed, compose restarts it and the data is kept" id before started
  if ! id=$(post_search London) || ! wait_processed "${id}" 30; then
    fail "${name}" "could not record a processed search first"
    return
  fi
  before=$(restart_count web)
  started=${SECONDS}
  kill_main web
  if ! wait_restarted web "${before}" 120; then
    fail "${name}" "not healthy again within 120s (restarts: $(restart_count web))"
    return
  fi
  if [[ $(search_status "${id}") == processed ]]; then
    pass "${name} (healthy again in $((SECONDS - started))s, search ${id} still processed)"
    note "web restart after SIGKILL: healthy again in $((SECONDS - started))s"
  else
    fail "${name}" "search ${id} is '$(search_status "${id}")' after the restart"
  fi
}

# A search published while the worker is down waits in RabbitMQ and is processed once compose
# has brought the worker back.
check_restart_worker() {
  local name="worker: killed, compose restarts it and the queued search is processed" id before started
  before=$(restart_count celery)
  started=${SECONDS}
  kill_main celery
  if ! id=$(post_search Tokyo); then
    fail "${name}" "POST /api/v1/searches/ failed while the worker was down"
    return
  fi
  if ! wait_restarted celery "${before}" 120; then
    fail "${name}" "not healthy again within 120s (restarts: $(restart_count celery))"
    return
  fi
  if wait_processed "${id}" 60; then
    pass "${name} (search ${id}; healthy again in $((SECONDS - started))s)"
    note "worker restart after SIGKILL: healthy again and queued search processed in $((SECONDS - started))s"
  else
    fail "${name}" "search ${id} is '$(search_status "${id}")' 60s after the restart"
  fi
}

periodic_tasks() {
  compose exec -T web python manage.py shell -c \
    "from django_celery_beat.models import PeriodicTask; print(sorted(PeriodicTask.objects.values_list('name', flat=True)))" \
    2>/dev/null | tail -n 1
}

check_restart_beat() {
  local name="beat: killed, compose restarts it and the schedule is kept" before schedule started
  schedule=$(periodic_tasks)
  before=$(restart_count beat)
  started=${SECONDS}
  kill_main beat
  if ! wait_restarted beat "${before}" 120; then
    fail "${name}" "not healthy again within 120s (restarts: $(restart_count beat))"
    return
  fi
  local starts
  starts=$(docker logs "$(cid beat)" 2>&1 | grep -c 'beat: Starting' || true)
  if [[ $(periodic_tasks) == "${schedule}" && ${schedule} == \[\'* ]] && ((starts >= 2)); then
    pass "${name} (healthy again in $((SECONDS - started))s, ${starts} starts, schedule ${schedule})"
  else
    fail "${name}" "schedule before ${schedule:-?}, after $(periodic_tasks), ${starts} starts"
  fi
}

# docker stop sends each image's stop signal (SIGTERM for ours) and SIGKILLs after the grace
# period: a clean stop is one that ends before it, with no SIGKILL.
check_sigterm() {
  local service id grace signal started elapsed code
  for service in "${STOP_ORDER[@]}"; do
    id=$(cid "${service}")
    [[ -n ${id} ]] || continue
    grace=$(docker inspect --format '{{if .Config.StopTimeout}}{{.Config.StopTimeout}}{{else}}10{{end}}' "${id}")
    signal=$(docker inspect --format '{{if .Config.StopSignal}}{{.Config.StopSignal}}{{else}}SIGTERM{{end}}' "${id}")
    started=$(date +%s%N)
    docker stop "${id}" >/dev/null
    elapsed=$((($(date +%s%N) - started) / 1000000))
    code=$(docker inspect --format '{{.State.ExitCode}}' "${id}")
    if ((code != 137 && elapsed < grace * 1000)); then
      pass "${service} stops on ${signal} in ${elapsed} ms (grace ${grace}s, exit ${code})"
    else
      fail "${service} stops on ${signal} within ${grace}s" "took ${elapsed} ms, exit ${code}"
    fi
    note "stop ${service} (${signal}): ${elapsed} ms"
  done
}

# ---- least privilege: the app's PostgreSQL role and RabbitMQ user --------------------------

# What the app's own connection says about its role, and about the exporter's role.
db_roles() {
  compose exec -T -e MONITOR_ROLE="${POSTGRES_MONITOR_USER:-weather_monitor}" web \
    python manage.py shell -c "
import os
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute(
        'SELECT r.rolname, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication,'
        ' r.rolbypassrls, pg_get_userbyid(d.datdba) = current_user,'
        ' m.rolsuper, pg_has_role(m.oid, %s, %s)'
        ' FROM pg_roles r, pg_database d, pg_roles m WHERE r.rolname = current_user'
        ' AND d.datname = current_database() AND m.rolname = %s',
        ['pg_monitor', 'member', os.environ['MONITOR_ROLE']])
    print(*cursor.fetchone())
" 2>&1 | tail -n 1
}

check_db_roles() {
  local name="postgres: the app's role is no superuser and owns its database; the exporter's has pg_monitor"
  local roles
  roles=$(db_roles)
  if [[ ${roles} == "${POSTGRES_USER:-weather} False False False False False True False True" ]]; then
    pass "${name} (${roles})"
  else
    fail "${name}" "role super createdb createrole replication bypassrls owner, exporter super pg_monitor: ${roles}"
  fi
}

# mgmt_code USER:PASSWORD PATH [METHOD]: the management API's HTTP status for that user.
mgmt_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X "${3:-GET}" -u "$1" \
    -H 'Content-Type: application/json' "${RABBITMQ_MGMT_URL}$2"
}

mgmt_tags() { # mgmt_tags USER: the user's tags, as the administrator reads them
  curl -sS --max-time 10 -u "${RABBITMQ_ADMIN_USER}:${RABBITMQ_ADMIN_PASSWORD}" \
    "${RABBITMQ_MGMT_URL}/api/users/$1" | jq -r '.tags | if type == "array" then join(",") else . end'
}

# amqp_open VHOST: whether the app's broker URL, pointed at VHOST, opens a connection.
amqp_open() {
  compose exec -T -e CHECK_VHOST="$1" web python -c "
import os, kombu
url = os.environ['CELERY_BROKER_URL'].rsplit('/', 1)[0] + '/' + os.environ['CHECK_VHOST']
try:
    with kombu.Connection(url, connect_timeout=5) as connection:
        connection.connect()
    print('opened')
except Exception as error:
    print('refused', type(error).__name__)
" 2>&1 | tail -n 1
}

check_rabbitmq_users() {
  local name="rabbitmq: the app's user has no tag and no management API; admin and monitoring users apart"
  local admin=${RABBITMQ_ADMIN_USER}:${RABBITMQ_ADMIN_PASSWORD} app=${RABBITMQ_USER}:${RABBITMQ_PASSWORD}
  local monitor=${RABBITMQ_MONITOR_USER}:${RABBITMQ_MONITOR_PASSWORD} vhost=${RABBITMQ_VHOST:-weather}
  local problems=() code path tags
  tags=$(mgmt_tags "${RABBITMQ_USER}")
  [[ -z ${tags} ]] || problems+=("app user's tags '${tags}'")
  tags=$(mgmt_tags "${RABBITMQ_ADMIN_USER}")
  [[ ${tags} == administrator ]] || problems+=("admin's tags '${tags}'")
  tags=$(mgmt_tags "${RABBITMQ_MONITOR_USER}")
  [[ ${tags} == monitoring ]] || problems+=("monitoring user's tags '${tags}'")
  for path in /api/overview /api/users /api/definitions "/api/queues/${vhost}"; do
    code=$(mgmt_code "${app}" "${path}")
    [[ ${code} == 401 ]] || problems+=("app user GET ${path}: ${code}")
  done
  code=$(mgmt_code "${monitor}" "/api/queues/${vhost}")
  [[ ${code} == 200 ]] || problems+=("monitoring user GET /api/queues/${vhost}: ${code}")
  for path in /api/users /api/definitions; do
    code=$(mgmt_code "${monitor}" "${path}")
    [[ ${code} == 401 || ${code} == 403 ]] || problems+=("monitoring user GET ${path}: ${code}")
  done
  code=$(mgmt_code "${monitor}" /api/vhosts/weather-check-other PUT)
  [[ ${code} == 401 || ${code} == 403 ]] || problems+=("monitoring user PUT a vhost: ${code}")
  if ((${#problems[@]} == 0)); then
    pass "${name}"
  else
    fail "${name}" "${problems[*]}"
  fi

  # Without FLOWER_BROKER_API, Flower would ask the management API as the app's user: a 401,
  # logged, and an empty page.
  name="flower: its broker page lists the queues, read as the monitoring user"
  local queue=${CELERY_PROCESSING_QUEUE:-weather.processing} attempt found=""
  for attempt in 1 2 3; do
    if curl -sS --max-time 10 -u "${FLOWER_BASIC_AUTH%%,*}" "${FLOWER_URL}/broker" | grep -q "${queue}"; then
      found=yes
      break
    fi
    sleep 2
  done
  if [[ -n ${found} ]]; then
    pass "${name} (${queue})"
  else
    fail "${name}" "${FLOWER_URL}/broker does not name ${queue} (attempt ${attempt})"
  fi

  name="rabbitmq: the app's user opens its own vhost and no other"
  local own other
  mgmt_code "${admin}" /api/vhosts/weather-check-other PUT >/dev/null
  own=$(amqp_open "${vhost}")
  other=$(amqp_open weather-check-other)
  mgmt_code "${admin}" /api/vhosts/weather-check-other DELETE >/dev/null
  if [[ ${own} == opened && ${other} == refused* ]]; then
    pass "${name} (another vhost: ${other})"
  else
    fail "${name}" "own vhost: ${own}; another vhost: ${other}"
  fi
}

# ---- scaling: two web replicas behind nginx ----------------------------------------------

web_ids() {
  docker ps --quiet "${PROJECT_FILTER[@]}" --filter label=com.docker.compose.service=web
}

# wait_web_healthy COUNT SECONDS: COUNT web containers, every one healthy.
wait_web_healthy() {
  local deadline=$((SECONDS + $2)) ids id healthy
  while ((SECONDS < deadline)); do
    mapfile -t ids < <(web_ids)
    healthy=0
    for id in "${ids[@]}"; do
      [[ $(docker inspect --format '{{.State.Health.Status}}' "${id}") == healthy ]] && healthy=$((healthy + 1))
    done
    ((${#ids[@]} == $1 && healthy == $1)) && return 0
    sleep 1
  done
  return 1
}

# `--scale web=2`, nginx reloaded (it resolves web to its replicas when it loads its
# configuration), then requests through nginx with request ids of their own: each replica's
# access log must hold some of them.
check_scale_web() {
  local name="web scaled to 2: both replicas serve requests through nginx" started=${SECONDS}
  if ! compose up --detach --no-build --no-deps --no-recreate --scale web=2 web \
    >"${STATE_DIR}/compose-scale.log" 2>&1 || ! wait_web_healthy 2 120; then
    fail "${name}" "no two healthy web replicas within 120s: $(tail -n 3 "${STATE_DIR}/compose-scale.log" | tr '\n' ' ')"
    return
  fi
  note "web scaled to 2: both replicas healthy in $((SECONDS - started))s"
  compose exec -T nginx nginx -s reload >/dev/null 2>&1
  sleep 1
  local i id served=()
  for i in $(seq 10 29); do
    curl -s -o /dev/null --max-time 10 -H "X-Request-ID: 5ca1e000-0000-4000-8000-0000000000${i}" \
      "${NGINX_URL}/api/v1/health/" || true
  done
  for id in $(web_ids); do
    served+=("$(docker logs "${id}" 2>&1 | grep -c 'rid=5ca1e000-0000-4000-8000-' || true)")
  done
  if ((${#served[@]} == 2 && served[0] > 0 && served[1] > 0 && served[0] + served[1] == 20)); then
    pass "${name} (20 requests split ${served[0]}/${served[1]})"
  else
    fail "${name}" "requests served per replica: ${served[*]:-none}"
  fi
  compose up --detach --no-build --no-deps --scale web=1 web >>"${STATE_DIR}/compose-scale.log" 2>&1
  compose exec -T nginx nginx -s reload >/dev/null 2>&1
  note "web scale check (up to 2 and back to 1): $((SECONDS - started))s"
}

# consumers QUEUE: how many consumers RabbitMQ counts on the queue (the monitoring user reads it).
consumers() {
  curl -sS --max-time 10 -u "${RABBITMQ_MONITOR_USER}:${RABBITMQ_MONITOR_PASSWORD}" \
    "${RABBITMQ_MGMT_URL}/api/queues/${RABBITMQ_VHOST:-weather}/$1" | jq -r '.consumers // 0'
}

# `--scale celery=2`: the second worker consumes the processing queue beside the first.
check_scale_worker() {
  local name="worker scaled to 2: both consume the processing queue" started=${SECONDS}
  local queue=${CELERY_PROCESSING_QUEUE:-weather.processing} count=0 deadline
  compose up --detach --no-build --no-deps --no-recreate --scale celery=2 celery \
    >>"${STATE_DIR}/compose-scale.log" 2>&1
  deadline=$((SECONDS + 90))
  while ((SECONDS < deadline)); do
    count=$(consumers "${queue}")
    ((count >= 2)) && break
    sleep 1
  done
  if ((count == 2)); then
    pass "${name} (${count} consumers on ${queue} after $((SECONDS - started))s)"
  else
    fail "${name}" "${count} consumer(s) on ${queue} after $((SECONDS - started))s"
  fi
  compose up --detach --no-build --no-deps --scale celery=1 celery >>"${STATE_DIR}/compose-scale.log" 2>&1
  note "worker scale check (up to 2 and back to 1): $((SECONDS - started))s"
}

report_image_sizes() {
  local image
  for image in weather-test/app-server weather-test/app-nginx weather-test/fake-open-meteo \
    weather-test/python weather-test/node weather-test/nginx weather-test/postgres \
    weather-test/rabbitmq weather-test/redis weather-test/debian:bookworm weather-test/debian:trixie; do
    [[ ${image} == *:* ]] || image+=:latest
    note "image size ${image}: $(image_size_mb "${image}") MB"
  done
}
