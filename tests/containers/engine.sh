# shellcheck shell=bash disable=SC2034 # BUILD is used by images.sh
# Sourced by tests/containers/run.sh: a Docker engine, a compose command and a BuildKit build
# command, installed and started when missing (as root on Debian), stopped again only if
# started here.

ENGINE_STARTED_PID=""

# One clear line and a non-zero exit: CI must not skip this silently.
no_engine() {
  echo "FAIL test-containers: no usable Docker engine: $*" >&2
  exit 1
}

can_install() {
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1
}

apt_install() {
  echo "installing $* (Debian packages) ..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "$@" >/dev/null; }; then
    no_engine "apt-get install $* failed"
  fi
}

ensure_engine() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
    missing+=(docker-compose)
  fi
  # The three stack scripts call the stack with curl and read its JSON with jq.
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  if ((${#missing[@]})); then
    if docker info >/dev/null 2>&1 && [[ ${missing[*]} == docker.io ]]; then
      : # a remote or rootless engine answers: no local dockerd needed
    elif can_install; then
      apt_install "${missing[@]}"
    else
      no_engine "missing ${missing[*]} and cannot install them (needs root and apt-get)"
    fi
  fi
  if ! docker info >/dev/null 2>&1; then
    if ! command -v dockerd >/dev/null 2>&1 || [[ $(id -u) != 0 ]]; then
      no_engine "no daemon answers and this user cannot start dockerd"
    fi
    mkdir -p "${STATE_DIR}"
    echo "starting dockerd (log: ${STATE_DIR}/dockerd.log) ..."
    setsid dockerd --storage-driver overlay2 >"${STATE_DIR}/dockerd.log" 2>&1 &
    ENGINE_STARTED_PID=$!
    local _
    for _ in $(seq 60); do
      docker info >/dev/null 2>&1 && break
      kill -0 "${ENGINE_STARTED_PID}" 2>/dev/null || break
      sleep 0.5
    done
    if ! docker info >/dev/null 2>&1; then
      tail -n 5 "${STATE_DIR}/dockerd.log" >&2
      stop_engine
      no_engine "dockerd did not start (see ${STATE_DIR}/dockerd.log)"
    fi
  fi
  choose_build_command
}

# Stops the daemon only if this run started it.
stop_engine() {
  [[ -n ${ENGINE_STARTED_PID} ]] || return 0
  echo "stopping the dockerd started by this run (pid ${ENGINE_STARTED_PID}) ..."
  kill -TERM "${ENGINE_STARTED_PID}" 2>/dev/null || true
  local _
  for _ in $(seq 60); do
    kill -0 "${ENGINE_STARTED_PID}" 2>/dev/null || break
    sleep 0.5
  done
  ENGINE_STARTED_PID=""
}

# BuildKit is needed for the CA build secret. Docker 23+ clients build with BuildKit through
# the buildx plugin; older clients (Debian's docker.io 20.10) have it built in behind
# DOCKER_BUILDKIT=1. Without either there is no honest way to pass the secret: stop.
BUILD=()
choose_build_command() {
  local candidate major
  while read -r candidate; do
    if "${candidate}" buildx version >/dev/null 2>&1; then
      BUILD=("${candidate}" buildx build --load)
      return
    fi
    major=$("${candidate}" version --format '{{.Client.Version}}' 2>/dev/null | cut -d. -f1)
    if [[ ${major} =~ ^[0-9]+$ ]] && ((major < 23)); then
      BUILD=(env DOCKER_BUILDKIT=1 "${candidate}" build)
      return
    fi
  done < <(type -ap docker)
  no_engine "no docker client that builds with BuildKit (install the buildx plugin)"
}

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose --project-directory "${ROOT}" "$@"
  else
    docker-compose --project-directory "${ROOT}" "$@"
  fi
}

compose_version() {
  if docker compose version >/dev/null 2>&1; then
    docker compose version --short
  else
    docker-compose version --short
  fi
}
