# shellcheck shell=bash
# Sourced by tests/containers/run.sh: the containers of the test project, their health, and
# what the stack exposes. Uses pass/fail from run.sh.

PROJECT_FILTER=(--filter "label=com.docker.compose.project=${COMPOSE_PROJECT_NAME}")

# The container id of a service (the first one, there is one of each).
cid() {
  docker ps --all --quiet "${PROJECT_FILTER[@]}" \
    --filter "label=com.docker.compose.service=$1" | head -n 1
}

services() {
  docker ps --all "${PROJECT_FILTER[@]}" --format '{{.Label "com.docker.compose.service"}}' | sort
}

health_of() {
  local id
  id=$(cid "$1")
  if [[ -z ${id} ]]; then
    echo missing
    return
  fi
  docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}' "${id}"
}

# The services `compose up` starts: those of the configuration without `profiles:` (the
# monitoring profile is opt-in). compose 1.29 has no `config --profiles`, so the normalised
# configuration is read: service names at two spaces under `services:`, their keys at four.
default_services() {
  compose config | awk '
    /^services:/ { in_services = 1; next }
    in_services && /^[^ ]/ { in_services = 0 }
    in_services && /^  [A-Za-z0-9_.-]+:$/ { name = substr($1, 1, length($1) - 1); names[++n] = name; next }
    in_services && /^    profiles:/ { optional[name] = 1 }
    END { for (i = 1; i <= n; i++) if (!(names[i] in optional)) print names[i] }'
}

# wait_all_healthy SECONDS: every service `compose up` starts is healthy; sets UNHEALTHY.
wait_all_healthy() {
  local deadline=$((SECONDS + $1)) service state expected
  mapfile -t expected < <(default_services)
  while true; do
    UNHEALTHY=""
    for service in "${expected[@]}"; do
      state=$(health_of "${service}")
      [[ ${state} == healthy ]] || UNHEALTHY+="${service}=${state} "
    done
    [[ -z ${UNHEALTHY} ]] && return 0
    ((SECONDS < deadline)) || return 1
    for service in "${expected[@]}"; do
      if [[ -n $(cid "${service}") ]] && (($(restart_count "${service}") >= 3)); then
        UNHEALTHY="${service} restarted $(restart_count "${service}") times; ${UNHEALTHY}"
        return 1
      fi
    done
    sleep 1
  done
}

restart_count() {
  docker inspect --format '{{.RestartCount}}' "$(cid "$1")"
}

# ---- checks -------------------------------------------------------------------------------

check_published_ports() {
  local bad
  bad=$(docker ps "${PROJECT_FILTER[@]}" --format '{{.Names}} {{.Ports}}' | tr ',' '\n' \
    | grep -E -- '->' | grep -vE '(^| )127\.0\.0\.1:[0-9]+->' || true)
  if [[ -z ${bad} ]]; then
    pass "only loopback ports are published ($(docker ps "${PROJECT_FILTER[@]}" --format '{{.Ports}}' | grep -oE '127\.0\.0\.1:[0-9]+' | sort -u | tr '\n' ' '))"
  else
    fail "only loopback ports are published" "${bad}"
  fi
  local networks
  networks=$(docker network ls "${PROJECT_FILTER[@]}" --format '{{.Name}}={{.Driver}}' | tr '\n' ' ')
  if [[ -n ${networks} && ${networks} != *=[!b]* ]]; then
    pass "the stack runs on compose's own bridge network (${networks% })"
  else
    fail "the stack runs on compose's own bridge network" "networks: ${networks:-none}"
  fi
}


check_nothing_left() {
  local left
  left=$(
    docker ps --all --quiet "${PROJECT_FILTER[@]}"
    docker volume ls --quiet "${PROJECT_FILTER[@]}"
    docker network ls --quiet "${PROJECT_FILTER[@]}"
  )
  if [[ -z ${left} ]]; then
    pass "down -v leaves no container, volume or network of the test project"
  else
    fail "down -v leaves no container, volume or network of the test project" "$(echo "${left}" | wc -l) left"
  fi
}
