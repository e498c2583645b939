# shellcheck shell=bash
# Shared by test-complete.sh and test-dual-access.sh (sourced, not run): where the
# stack is, which credentials to use, and small curl/JSON helpers.
#
# Precedence for every setting: the environment, then var/stack-<port>.env (written by
# server/ready.py while the stack runs, <port> being the API's: that of API_URL, else 8000),
# then .env, then the local defaults. STACK_ENV_FILE=/dev/null ignores the stack file.

: "${ROOT:?ROOT must be set before sourcing stack-env.sh}"
MAX_TIME=${MAX_TIME:-10}

# KEY=VALUE lines of a file -> variables, only for keys not set already.
# $2 (optional) is a space-separated allowlist of keys.
_load_env_file() {
  local file=$1 allow=${2:-} line key value
  [[ -r ${file} ]] || return 1
  while IFS= read -r line || [[ -n ${line} ]]; do
    [[ ${line} =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[2]}
    value=${BASH_REMATCH[3]}
    [[ -n ${allow} && " ${allow} " != *" ${key} "* ]] && continue
    [[ -n ${!key+set} ]] && continue
    if [[ ${value} =~ ^\'(.*)\'$ || ${value} =~ ^\"(.*)\"$ ]]; then
      value=${BASH_REMATCH[1]}
    fi
    # shlex.quote() of a value with a quote in it: 'a'"'"'b' -> a'b
    value=${value//\'\"\'\"\'/\'}
    printf -v "${key}" '%s' "${value}"
    export "${key?}"
  done <"${file}"
}

_api_port=8000
if [[ ${API_URL:-} =~ ^[a-z]+://[^/:]+:([0-9]+) ]]; then
  _api_port=${BASH_REMATCH[1]}
elif [[ -n ${API_URL:-} ]]; then
  _api_port=none
fi
STACK_ENV_FILE=${STACK_ENV_FILE:-${ROOT}/var/stack-${_api_port}.env}
RUN_STACK_RUNNING=0
if _load_env_file "${STACK_ENV_FILE}"; then
  RUN_STACK_RUNNING=1
  if [[ -n ${STACK_PID:-} ]] && ! kill -0 "${STACK_PID}" 2>/dev/null; then
    echo "note: ${STACK_ENV_FILE} is left over from a stack that is gone (pid ${STACK_PID})" >&2
  fi
  # The runner's generated Flower login, unless one was given.
  if [[ -z ${FLOWER_BASIC_AUTH:-} && -r ${ROOT}/var/flower-auth ]]; then
    FLOWER_BASIC_AUTH=$(head -n 1 "${ROOT}/var/flower-auth")
  fi
  # RabbitMQ management accepts the broker's own user.
  if [[ -z ${RABBITMQ_USER:-} && ${CELERY_BROKER_URL:-} =~ ^amqps?://([^:@/]+):([^@/]*)@ ]]; then
    RABBITMQ_USER=${BASH_REMATCH[1]}
    RABBITMQ_PASSWORD=${BASH_REMATCH[2]}
  fi
fi
_load_env_file "${ROOT}/.env" \
  "RABBITMQ_USER RABBITMQ_PASSWORD FLOWER_BASIC_AUTH OPS_API_TOKEN CELERY_PROCESSING_QUEUE CELERY_MAINTENANCE_QUEUE" \
  || true
if [[ ${RUN_STACK_RUNNING} == 0 && -z ${FLOWER_BASIC_AUTH:-} && -r ${ROOT}/var/flower-auth ]]; then
  FLOWER_BASIC_AUTH=$(head -n 1 "${ROOT}/var/flower-auth")
fi

API_URL=${API_URL:-http://localhost:8000}
SPA_URL=${SPA_URL:-http://localhost:4173}
NGINX_URL=${NGINX_URL:-http://localhost}
RABBITMQ_MGMT_URL=${RABBITMQ_MGMT_URL:-http://localhost:15672}
RABBITMQ_USER=${RABBITMQ_USER:-guest}
RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:-guest}
if [[ ${RUN_STACK_RUNNING} == 0 ]]; then
  FLOWER_URL=${FLOWER_URL:-http://localhost:5555}
fi
API_URL=${API_URL%/} SPA_URL=${SPA_URL%/} NGINX_URL=${NGINX_URL%/}
RABBITMQ_MGMT_URL=${RABBITMQ_MGMT_URL%/}
[[ -n ${FLOWER_URL:-} ]] && FLOWER_URL=${FLOWER_URL%/}

# ---- docker compose or the native run ----------------------------------------------------

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose --project-directory "${ROOT}" "$@"
  else
    docker-compose --project-directory "${ROOT}" "$@"
  fi
}

# How to reach the worker and the database from here: STACK=native|compose, or guessed.
if [[ -z ${STACK:-} ]]; then
  if [[ ${RUN_STACK_RUNNING} == 1 ]]; then
    STACK=native
  elif command -v docker >/dev/null 2>&1 && [[ -n $(compose ps -q celery 2>/dev/null) ]]; then
    STACK=compose
  else
    STACK=native
  fi
fi
stack_mode() { echo "${STACK}"; }

# ---- HTTP and JSON -----------------------------------------------------------------------

# http METHOD URL [curl options...]: sets CODE; body in $TMP/body, headers in $TMP/headers.
http() {
  local method=$1 url=$2
  shift 2
  local args=(-sS --max-time "${MAX_TIME}" -o "${TMP}/body" -D "${TMP}/headers" -w '%{http_code}')
  [[ ${method} == GET ]] || args+=(-X "${method}")
  : >"${TMP}/body"
  : >"${TMP}/headers"
  CODE=$(curl "${args[@]}" "$@" "${url}" 2>"${TMP}/curl-error")
  [[ -n ${CODE} ]] || CODE=000
}

# The last value of a response header (case-insensitive name), without the CR.
header() {
  grep -i "^$1:" "${TMP}/headers" | tail -n 1 | cut -d: -f2- | sed -e 's/^[[:space:]]*//' -e 's/\r$//'
}

# json FILTER: a jq filter on the JSON body, printed raw; empty if null or not JSON.
json() {
  jq -r "(${1}) | select(. != null)" "${TMP}/body" 2>/dev/null || true
}

body_excerpt() {
  head -c 160 "${TMP}/body" | tr '\n\r' '  '
}

describe_failure() {
  if [[ ${CODE} == 000 ]]; then
    echo "no answer ($(head -n 1 "${TMP}/curl-error" | sed 's/^curl: //'))"
  else
    echo "HTTP ${CODE}: $(body_excerpt)"
  fi
}
