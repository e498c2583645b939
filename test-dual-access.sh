#!/usr/bin/env bash
# The two ways a browser reaches the API, checked from the outside:
#   1. the SPA on its own port (SPA_URL, :4173) calls the API's origin (API_URL, :8000)
#      cross-origin, so the API must grant CORS to that origin, and only to it;
#   2. through nginx (NGINX_URL) the SPA and the API share one origin: no CORS needed.
# One line per check (PASS <check> / FAIL <check>: <reason>); non-zero exit on a failure.
# Safe to repeat (it creates one search through nginx). Helpers: server/stack-checks.sh.
#
# URLs: API_URL [http://localhost:8000], SPA_URL [http://localhost:4173],
# NGINX_URL [http://localhost]; var/stack-<port>.env (written by `make run`) supplies the
# ports of a native run. SPA_ORIGINS: the origins that must be allowed [the SPA_URL
# origin and its 127.0.0.1/localhost twin]. EXPECT_CORS_CREDENTIALS=0 when the API is
# meant to refuse credentials (CORS_ALLOW_CREDENTIALS=false); by default the SPA sends its
# session cookie to the allow-listed origins, so the API must allow credentials to them.

set -o nounset -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=server/stack-checks.sh
source "${ROOT}/server/stack-checks.sh"

EXPECT_CORS_CREDENTIALS=${EXPECT_CORS_CREDENTIALS:-1}
FOREIGN_ORIGINS=("https://evil.example" "null")

origin_of() { # scheme://host[:port] of a URL
  sed -E 's#^([a-z]+://[^/]+).*#\1#' <<<"$1"
}

if [[ -z ${SPA_ORIGINS:-} ]]; then
  spa_origin=$(origin_of "${SPA_URL}")
  SPA_ORIGINS="${spa_origin}"
  case "${spa_origin}" in
    *://localhost:*) SPA_ORIGINS+=" ${spa_origin/localhost/127.0.0.1}" ;;
    *://127.0.0.1:*) SPA_ORIGINS+=" ${spa_origin/127.0.0.1/localhost}" ;;
  esac
fi
NGINX_ORIGIN=$(origin_of "${NGINX_URL}")

# The credentials header must be "true" when credentials are meant to be used, else absent.
credentials_problem() {
  local value
  value=$(header Access-Control-Allow-Credentials)
  if [[ ${EXPECT_CORS_CREDENTIALS} == 1 ]]; then
    [[ ${value} == true ]] || echo "Access-Control-Allow-Credentials is '${value}', expected true"
  elif [[ -n ${value} ]]; then
    echo "Access-Control-Allow-Credentials: ${value} although the SPA sends no credentials"
  fi
}

# ---- 1. cross-origin: SPA on its own port -> API --------------------------------------------

check_allowed_origin() {
  local origin=$1 name problem acao
  name="preflight from ${origin} to ${API_URL} is allowed"
  http OPTIONS "${API_URL}/api/v1/searches/" -H "Origin: ${origin}" \
    -H "Access-Control-Request-Method: POST" -H "Access-Control-Request-Headers: content-type"
  acao=$(header Access-Control-Allow-Origin)
  problem=""
  if [[ ${CODE} != 200 && ${CODE} != 204 ]]; then
    problem="$(describe_failure)"
  elif [[ ${acao} != "${origin}" ]]; then
    problem="Access-Control-Allow-Origin is '${acao}'"
  elif [[ ,$(header Access-Control-Allow-Methods | tr -d ' ' | tr '[:lower:]' '[:upper:]'), != *,POST,* ]]; then
    problem="Access-Control-Allow-Methods '$(header Access-Control-Allow-Methods)' lacks POST"
  elif [[ ,$(header Access-Control-Allow-Headers | tr -d ' ' | tr '[:upper:]' '[:lower:]'), != *,content-type,* ]]; then
    problem="Access-Control-Allow-Headers '$(header Access-Control-Allow-Headers)' lacks content-type"
  else
    problem=$(credentials_problem)
  fi
  verdict "${name}" "${problem}"

  local path
  for path in /api/v1/health/ /api/v1/searches/; do
    name="GET ${path} from ${origin} is allowed"
    http GET "${API_URL}${path}" -H "Origin: ${origin}"
    acao=$(header Access-Control-Allow-Origin)
    problem=""
    if [[ ${CODE} != 200 ]]; then
      problem="$(describe_failure)"
    elif [[ ${acao} != "${origin}" ]]; then
      problem="Access-Control-Allow-Origin is '${acao}'"
    elif [[ $(header Vary | tr '[:upper:]' '[:lower:]') != *origin* ]]; then
      problem="no 'Vary: Origin' (caches could serve one origin's answer to another)"
    else
      problem=$(credentials_problem)
    fi
    verdict "${name}" "${problem}"
  done
}

check_foreign_origin() {
  local origin=$1 base=$2 label=$3 name acao
  name="preflight from ${origin} to ${label} gets no CORS permission"
  http OPTIONS "${base}/api/v1/searches/" -H "Origin: ${origin}" \
    -H "Access-Control-Request-Method: POST" -H "Access-Control-Request-Headers: content-type"
  acao=$(header Access-Control-Allow-Origin)
  if [[ ${CODE} == 000 ]]; then
    fail "${name}" "$(describe_failure)"
  elif [[ -n ${acao} ]]; then
    fail "${name}" "Access-Control-Allow-Origin: ${acao}"
  elif [[ -n $(header Access-Control-Allow-Credentials) ]]; then
    fail "${name}" "Access-Control-Allow-Credentials: $(header Access-Control-Allow-Credentials)"
  else
    pass "${name}"
  fi

  name="GET from ${origin} to ${label} gets no CORS permission"
  http GET "${base}/api/v1/health/" -H "Origin: ${origin}"
  acao=$(header Access-Control-Allow-Origin)
  if [[ ${CODE} == 000 ]]; then
    fail "${name}" "$(describe_failure)"
  elif [[ -n ${acao} ]]; then
    fail "${name}" "Access-Control-Allow-Origin: ${acao}"
  else
    pass "${name}"
  fi
}

check_spa_config() {
  # config.js names the API origin ("" = same origin); without one (null) the SPA calls its
  # own origin; the SPA container without SPA_API_BASE_URL says port 8000 of the page's own
  # host (location.protocol + ...). Either way it must be API_URL's.
  local name
  name="SPA on ${SPA_URL} calls the API at $(origin_of "${API_URL}")"
  http GET "${SPA_URL}/config.js"
  if [[ ${CODE} != 200 ]]; then
    fail "${name}" "config.js: $(describe_failure)"
    return
  fi
  local value effective spa_origin
  value=$(sed -nE 's/.*apiBaseUrl: *(null|"[^"]*"|location\.protocol [^}]*":8000").*/\1/p' \
    "${TMP}/body" | head -n 1)
  spa_origin=$(origin_of "${SPA_URL}")
  case "${value}" in
    null | '""') effective=${spa_origin} ;;
    location.*) effective="${spa_origin%:*}:8000" ;;
    '"'*) effective=${value//\"/} ;;
    *)
      fail "${name}" "no apiBaseUrl in config.js: $(body_excerpt)"
      return ;;
  esac
  if [[ ${effective%/} == "$(origin_of "${API_URL}")" ]]; then
    pass "${name} (apiBaseUrl: ${value})"
  else
    fail "${name}" "apiBaseUrl: ${value} makes it call ${effective}"
  fi
}

check_accounts_api() {
  # allauth's JSON API (/_allauth/) is reached like /api/: across origins from the SPA's
  # allow-listed origins, with credentials; on nginx's own origin; never from a cached copy.
  local origin=$1 name problem
  name="accounts API (/_allauth/) allows ${origin} with credentials"
  http GET "${API_URL}/_allauth/browser/v1/config" -H "Origin: ${origin}"
  problem=""
  if [[ ${CODE} != 200 ]]; then
    problem="$(describe_failure)"
  elif [[ $(header Access-Control-Allow-Origin) != "${origin}" ]]; then
    problem="Access-Control-Allow-Origin is '$(header Access-Control-Allow-Origin)'"
  else
    problem=$(credentials_problem)
  fi
  verdict "${name}" "${problem}"
}

check_accounts_through_nginx() {
  local name="accounts API (/_allauth/) through nginx, not cached"
  http GET "${NGINX_URL}/_allauth/browser/v1/auth/session" -H "Origin: ${NGINX_ORIGIN}"
  if [[ ${CODE} == 401 ]] && grep -q '"is_authenticated": *false' "${TMP}/body" \
    && [[ -z $(header X-Cache-Status) ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure), X-Cache-Status '$(header X-Cache-Status)'"
  fi
}

# ---- 2. same origin through nginx ---------------------------------------------------------

check_nginx_same_origin() {
  # (A GET without Origin through nginx is test-complete.sh's "api through nginx".)
  local name="nginx config.js makes the SPA call its own origin, revalidated"
  http GET "${NGINX_URL}/config.js"
  if [[ ${CODE} == 200 ]] && grep -q 'apiBaseUrl: ""' "${TMP}/body" \
    && [[ $(header Cache-Control) == *no-cache* ]]; then
    pass "${name}"
  else
    fail "${name}" "$(describe_failure), Cache-Control '$(header Cache-Control)'"
  fi

  name="GET through nginx from its own origin ${NGINX_ORIGIN}"
  http GET "${NGINX_URL}/api/v1/searches/?page=1" -H "Origin: ${NGINX_ORIGIN}"
  if [[ ${CODE} == 200 ]]; then pass "${name}"; else fail "${name}" "$(describe_failure)"; fi

  # A browser sends Origin on a same-origin POST: neither CORS nor CSRF may refuse it.
  name="POST through nginx from its own origin ${NGINX_ORIGIN}"
  http POST "${NGINX_URL}/api/v1/searches/" -H "Origin: ${NGINX_ORIGIN}" \
    -H "Content-Type: application/json" --data '{"city": "Paris"}'
  if [[ ${CODE} == 201 ]]; then pass "${name}"; else fail "${name}" "$(describe_failure)"; fi
}

# ---- run ------------------------------------------------------------------------------------

echo "Dual access: SPA ${SPA_URL} -> API ${API_URL} (CORS), and nginx ${NGINX_URL} (same origin)"
for origin in ${SPA_ORIGINS}; do
  check_allowed_origin "${origin}"
  check_accounts_api "${origin}"
done
for origin in "${FOREIGN_ORIGINS[@]}"; do
  check_foreign_origin "${origin}" "${API_URL}" "${API_URL}"
done
check_spa_config
check_nginx_same_origin
check_accounts_through_nginx
for origin in "${FOREIGN_ORIGINS[@]}"; do
  check_foreign_origin "${origin}" "${NGINX_URL}" "nginx"
done
finish "checks"
