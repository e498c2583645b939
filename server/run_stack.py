#!/usr/bin/env python3
"""Run the whole Weather App on this machine, in the foreground.

    .venv/bin/python server/run_stack.py        (what `make run` does)

Checks PostgreSQL, RabbitMQ and Redis; a dependency that is not reachable is
replaced by an embedded stand-in (SQLite, a folder broker, a local-memory cache)
and the runner says so loudly. Then it migrates, collects static files, creates
the admin user when asked to, builds the SPA when there is no build, and starts:

    web      gunicorn (the API, the admin)            WEB_PORT            8000
    worker   celery worker
    beat     celery beat                              RUN_BEAT=0 skips it
    flower   Celery monitoring, basic auth            FLOWER_PORT         5555
    spa      vite preview of the built SPA            SPA_PORT            4173
    nginx    SPA + API on one origin (if installed)   NGINX_PORT   80 as root, else 8080
    fake-om  fake Open-Meteo (OFFLINE=1 only)         FAKE_OPEN_METEO_PORT 8090

Logs of all of them come out here, prefixed with the name. Once every part
answers, the runner prints one line "STACK READY" and a table of URLs. Ctrl-C
(or SIGTERM) stops everything; if any part dies on its own, the runner stops
the rest and exits non-zero.

Environment knobs: WEB_PORT, SPA_PORT, NGINX_PORT, FLOWER_PORT,
FAKE_OPEN_METEO_PORT, OFFLINE, RUN_FLOWER, RUN_BEAT, RUN_NGINX, SPA_DIST,
STACK_READY_TIMEOUT (s, default 180), STOP_GRACE (s, default 10).
Everything else in the environment (and in .env) reaches the processes as is.

Standard library only: this file runs before anything else is known to work.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import secrets
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
FRONTEND = ROOT / "frontend"
NGINX_SRC = ROOT / "nginx"
PYTHON = sys.executable

# ----------------------------------------------------------------------------------------
# Output: one line per event, "name | text", coloured on a terminal.
# ----------------------------------------------------------------------------------------

COLORS = {
    "stack": "1",
    "setup": "1;37",
    "web": "32",
    "worker": "33",
    "beat": "35",
    "flower": "36",
    "spa": "34",
    "nginx": "37",
    "fake-om": "90",
}
WIDTH = max(len(name) for name in COLORS)
USE_COLOR = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
_out_lock = threading.Lock()


def _write(text: str) -> None:
    with _out_lock:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            pass


def log(name: str, line: str) -> None:
    prefix = f"{name:<{WIDTH}} |"
    if USE_COLOR:
        prefix = f"\033[{COLORS.get(name, '0')}m{prefix}\033[0m"
    _write(f"{prefix} {line}\n")


def say(line: str) -> None:
    log("stack", line)


def shout(lines: list[str]) -> None:
    """A message that must not be missed: framed, and red on a terminal."""
    bar = "!" * 78
    body = [bar, *(f"!!! {line}" for line in lines), bar]
    for line in body:
        log("stack", f"\033[1;31m{line}\033[0m" if USE_COLOR else line)


def plain(line: str = "") -> None:
    _write(line + "\n")


class StackError(Exception):
    """A problem that stops the runner with a message and a non-zero exit."""


# ----------------------------------------------------------------------------------------
# Configuration
# ----------------------------------------------------------------------------------------


def env_flag(env: dict[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}


def env_int(env: dict[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise StackError(f"{name} must be a number, got {value!r}") from exc


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of .env, the way Django's settings read them (environment wins)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def find_nginx() -> str | None:
    # Debian installs nginx in /usr/sbin, which is not on every user's PATH.
    found = shutil.which("nginx")
    if found is None and os.access("/usr/sbin/nginx", os.X_OK):
        found = "/usr/sbin/nginx"
    return found


class Config:
    def __init__(self) -> None:
        env = dict(os.environ)
        for key, value in read_dotenv(ROOT / ".env").items():
            env.setdefault(key, value)
        self.is_root = os.geteuid() == 0

        self.web_port = env_int(env, "WEB_PORT", 8000)
        self.spa_port = env_int(env, "SPA_PORT", 4173)
        self.flower_port = env_int(env, "FLOWER_PORT", 5555)
        self.fake_om_port = env_int(env, "FAKE_OPEN_METEO_PORT", 8090)
        self.nginx_port = env_int(env, "NGINX_PORT", 80 if self.is_root else 8080)
        self.offline = env_flag(env, "OFFLINE", False)
        self.run_flower = env_flag(env, "RUN_FLOWER", True)
        self.run_beat = env_flag(env, "RUN_BEAT", True)
        self.nginx_bin = find_nginx() if env_flag(env, "RUN_NGINX", True) else None
        self.spa_dist_given = bool(env.get("SPA_DIST"))
        self.spa_dist = (
            Path(env["SPA_DIST"]).resolve() if self.spa_dist_given else FRONTEND / "dist"
        )
        self.ready_timeout = env_int(env, "STACK_READY_TIMEOUT", 180)
        self.stop_grace = env_int(env, "STOP_GRACE", 10)

        env.setdefault("DJANGO_SETTINGS_MODULE", "server_config.settings.local")
        env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/weather")
        env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
        env.setdefault("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
        env.setdefault("CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/1")
        env.setdefault("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        env.setdefault(
            "CORS_ALLOWED_ORIGINS",
            f"http://localhost:{self.spa_port},http://127.0.0.1:{self.spa_port}",
        )
        env.setdefault("DJANGO_STATIC_ROOT", str(ROOT / "staticfiles"))
        env["WEB_PORT"] = str(self.web_port)
        env["GUNICORN_BIND"] = f"0.0.0.0:{self.web_port}"
        env["PYTHONUNBUFFERED"] = "1"
        if self.offline:
            base = f"http://127.0.0.1:{self.fake_om_port}/v1"
            env["OPEN_METEO_FORECAST_URL"] = base
            env["OPEN_METEO_GEOCODING_URL"] = base
            env["WEATHER_SAMPLE_DATA"] = "1"
        self.worker_name = f"stack{self.web_port}@{socket.gethostname()}"
        self.env = env


# ----------------------------------------------------------------------------------------
# Dependencies: reachable, or replaced by the embedded stand-in
# ----------------------------------------------------------------------------------------


def tcp_reachable(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def unix_reachable(path: str, timeout: float = 1.0) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(path)
            return True
    except OSError:
        return False


NETWORK_SCHEMES = {
    "postgres": 5432,
    "postgresql": 5432,
    "pgsql": 5432,
    "postgis": 5432,
    "amqp": 5672,
    "pyamqp": 5672,
    "amqps": 5671,
    "redis": 6379,
    "rediss": 6379,
}


def endpoint(url: str) -> tuple[str, int] | None:
    """(host, port) a URL connects to, or None for an embedded/unknown scheme."""
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in NETWORK_SCHEMES:
        return None
    try:
        port = parts.port or NETWORK_SCHEMES[scheme]
    except ValueError:
        port = NETWORK_SCHEMES[scheme]
    return parts.hostname or "", port


def reachable(url: str) -> bool:
    target = endpoint(url)
    if target is None:
        return True
    host, port = target
    if not host or host.startswith("/") or host.startswith("%2f"):
        # PostgreSQL over its Unix socket.
        folder = urllib.parse.unquote(host) or "/var/run/postgresql"
        return unix_reachable(f"{folder}/.s.PGSQL.{port}")
    return tcp_reachable(host, port)


def describe(url: str) -> str:
    target = endpoint(url)
    if target is None:
        return url.split("://", 1)[0] + "://"
    host, port = target
    return f"{host or 'local socket'}:{port}"


def postgres_start_hint() -> str:
    conf = Path("/etc/postgresql")
    versions = sorted(p.name for p in conf.iterdir()) if conf.is_dir() else []
    version = versions[-1] if versions else "<version>"
    return (
        f"pg_ctlcluster {version} main start   (or: docker compose up -d db, then "
        "DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5435/weather)"
    )


def check_dependencies(cfg: Config) -> list[str]:
    """Replace every unreachable dependency by its embedded stand-in. Returns the notes."""
    env = cfg.env
    embedded: list[str] = []
    VAR.mkdir(exist_ok=True)

    checks = [
        (
            "PostgreSQL",
            "DATABASE_URL",
            postgres_start_hint(),
            {"DATABASE_URL": f"sqlite:///{VAR / 'weather.sqlite3'}"},
            "SQLite in var/weather.sqlite3",
        ),
        (
            "RabbitMQ",
            "CELERY_BROKER_URL",
            "rabbitmq-server -detached",
            {"CELERY_BROKER_URL": "filesystem://"},
            "a folder broker in var/broker/",
        ),
        (
            "Redis (cache)",
            "REDIS_URL",
            "redis-server --daemonize yes",
            {"REDIS_URL": "locmem://"},
            "a local-memory cache in each process",
        ),
        (
            "Redis (Celery results)",
            "CELERY_RESULT_BACKEND",
            "redis-server --daemonize yes",
            {"CELERY_RESULT_BACKEND": f"file://{VAR / 'results'}"},
            "result files in var/results/",
        ),
    ]
    for label, var, hint, fallback, what in checks:
        url = env[var]
        if endpoint(url) is None:
            say(f"{label}: {var} is {url.split('://', 1)[0]}:// (embedded)")
            continue
        if reachable(url):
            say(f"{label}: reachable at {describe(url)}")
            continue
        shout(
            [
                f"{label} is NOT reachable at {describe(url)} ({var}).",
                f"Start it with:  {hint}",
                f"Falling back to the EMBEDDED mode for it: {what}.",
                "Fine for trying the app; not how it runs in production.",
            ]
        )
        env.update(fallback)
        embedded.append(label)
    if env["CELERY_RESULT_BACKEND"].startswith("file://"):
        Path(urllib.parse.urlsplit(env["CELERY_RESULT_BACKEND"]).path).mkdir(
            parents=True, exist_ok=True
        )
    if env["DATABASE_URL"].startswith("sqlite:"):
        VAR.mkdir(exist_ok=True)
    return embedded


CREATE_DATABASE = r"""
import os, sys, urllib.parse
import psycopg2
from psycopg2 import sql

url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
name = urllib.parse.unquote(url.path.lstrip("/")) or "postgres"
params = dict(urllib.parse.parse_qsl(url.query))
params.update(
    host=urllib.parse.unquote(url.hostname or "") or None,
    port=url.port or 5432,
    user=urllib.parse.unquote(url.username) if url.username else None,
    password=urllib.parse.unquote(url.password) if url.password else None,
    connect_timeout=3,
)
conn = None
for maintenance_db in ("postgres", "template1"):
    try:
        conn = psycopg2.connect(dbname=maintenance_db, **params)
        break
    except psycopg2.OperationalError as exc:
        error = exc
if conn is None:
    sys.exit(f"cannot connect to PostgreSQL to create {name!r}: {error}")
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    if cur.fetchone():
        print(f"database {name!r} exists")
    else:
        cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"created database {name!r}")
conn.close()
"""


# ----------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------

_stop_requested = threading.Event()
_stop_signal: list[int] = []


def _on_signal(signum, _frame) -> None:
    if not _stop_requested.is_set():
        _stop_signal.append(signum)
    _stop_requested.set()


class Child:
    """One long-running process in its own process group, its output prefixed."""

    def __init__(
        self,
        name: str,
        argv: list[str],
        env: dict[str, str],
        cwd: Path = ROOT,
        label: str | None = None,
    ):
        self.name, self.argv, self.env, self.cwd = name, argv, env, cwd
        self.label = label or " ".join(shlex.quote(a) for a in argv)
        self.proc: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> None:
        log(self.name, f"$ {self.label}")
        self.proc = subprocess.Popen(  # noqa: S603 (our own command lines)
            self.argv,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: Ctrl-C reaches us, we stop them
        )
        self._reader = threading.Thread(target=self._pump, daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for raw in iter(self.proc.stdout.readline, b""):
            log(self.name, raw.decode("utf-8", "replace").rstrip("\r\n"))

    def poll(self) -> int | None:
        return None if self.proc is None else self.proc.poll()

    def signal_group(self, signum: int) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signum)

    def group_alive(self) -> bool:
        if self.proc is None:
            return False
        try:
            os.killpg(self.proc.pid, 0)
            return True
        except (ProcessLookupError, PermissionError):
            return False

    def drain(self, timeout: float = 2.0) -> None:
        if self._reader is not None:
            self._reader.join(timeout)


def exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def run_step(
    name: str, argv: list[str], env: dict[str, str], cwd: Path = ROOT, label: str | None = None
) -> None:
    """Run a setup command to completion, output prefixed; stop on Ctrl-C; fail loudly."""
    step = Child(name, argv, env, cwd, label)
    step.start()
    while step.poll() is None:
        if _stop_requested.wait(0.2):
            step.signal_group(signal.SIGTERM)
            try:
                step.proc.wait(10)  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                step.signal_group(signal.SIGKILL)
            raise StackError("stopped during setup")
    step.drain()
    code = step.poll()
    if code != 0:
        raise StackError(f"`{step.label}` failed ({exit_reason(code)})")


def stop_all(children: list[Child], grace: int) -> None:
    running = [c for c in children if c.poll() is None]
    if running:
        say(f"stopping {', '.join(c.name for c in running)} ...")
    for child in reversed(children):
        child.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(c.poll() is None for c in children):
        time.sleep(0.1)
    for child in children:
        if child.poll() is None or child.group_alive():
            if child.poll() is None:
                say(f"{child.name} did not stop within {grace}s: killing it")
            child.signal_group(signal.SIGKILL)
    for child in children:
        if child.proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.proc.wait(5)
            child.drain()


# ----------------------------------------------------------------------------------------
# Readiness probes
# ----------------------------------------------------------------------------------------


def http_ok(url: str, headers: dict[str, str] | None = None, timeout: float = 2.0) -> bool:
    # Only ever our own http://127.0.0.1 URLs.
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


class WorkerPing:
    """`celery inspect ping` for our worker, run in the background so probes stay fast."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.proc: subprocess.Popen[bytes] | None = None
        self.ok = False

    def __call__(self) -> bool:
        if self.ok:
            return True
        if self.proc is not None:
            code = self.proc.poll()
            if code is None:
                return False
            out = self.proc.stdout.read().decode("utf-8", "replace") if self.proc.stdout else ""
            self.proc = None
            if code == 0 and "pong" in out:
                self.ok = True
                return True
        self.proc = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "celery",
                "-A",
                "server_config",
                "inspect",
                "ping",
                "-d",
                self.cfg.worker_name,
                "--timeout",
                "2",
            ],
            cwd=ROOT,
            env=self.cfg.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return False

    def cancel(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def port_in_use(port: int) -> bool:
    return tcp_reachable("127.0.0.1", port, timeout=0.5)


# ----------------------------------------------------------------------------------------
# Setup steps
# ----------------------------------------------------------------------------------------


def ensure_database(cfg: Config) -> None:
    url = cfg.env["DATABASE_URL"]
    if urllib.parse.urlsplit(url).scheme.lower() in {"postgres", "postgresql", "pgsql", "postgis"}:
        run_step(
            "setup",
            [PYTHON, "-c", CREATE_DATABASE],
            cfg.env,
            label="create the database if missing",
        )


def ensure_spa_build(cfg: Config) -> None:
    index = cfg.spa_dist / "index.html"
    vite = FRONTEND / "node_modules" / ".bin" / "vite"
    needs_build = not index.is_file()
    if needs_build and cfg.spa_dist_given:
        raise StackError(f"SPA_DIST={cfg.spa_dist} has no index.html")
    if needs_build or not vite.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise StackError("npm is not installed: install Node.js 20+ to build and serve the SPA")
        lock = FRONTEND / "package-lock.json"
        stamp = FRONTEND / "node_modules" / ".package-lock.json"
        if not vite.exists() or (
            lock.exists() and stamp.exists() and lock.stat().st_mtime > stamp.stat().st_mtime
        ):
            run_step("setup", [npm, "ci", "--no-audit", "--no-fund"], cfg.env, FRONTEND)
        if needs_build:
            run_step("setup", [npm, "run", "build"], cfg.env, FRONTEND)
        return
    if not cfg.spa_dist_given:
        built = index.stat().st_mtime
        sources = [FRONTEND / "index.html", FRONTEND / "package.json"]
        for folder in (FRONTEND / "src", FRONTEND / "public"):
            if folder.is_dir():
                sources.extend(p for p in folder.rglob("*") if p.is_file())
        if any(p.exists() and p.stat().st_mtime > built for p in sources):
            say(
                "note: frontend/dist is older than the SPA sources; "
                "run `npm run build` in frontend/ (or delete frontend/dist) to rebuild"
            )


def nginx_settings(nginx_bin: str) -> tuple[str, bool]:
    """(mime.types path, whether `-e stderr` is supported) for this nginx."""
    result = subprocess.run(  # noqa: S603
        [nginx_bin, "-V"], capture_output=True, text=True, check=False
    )
    info = result.stdout + result.stderr
    match = re.search(r"--conf-path=(\S+)", info)
    mime = Path(match.group(1)).parent / "mime.types" if match else Path("/etc/nginx/mime.types")
    version = re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", info)
    has_e = bool(version) and tuple(int(v) for v in version.groups()) >= (1, 19, 5)
    return str(mime), has_e


MINIMAL_MIME_TYPES = """types {
    text/html html; text/css css; application/javascript js mjs; application/json json;
    image/svg+xml svg; image/png png; image/x-icon ico; image/webp webp; font/woff2 woff2;
    application/manifest+json webmanifest; text/plain txt;
}
"""


def render(template: Path, values: dict[str, str]) -> str:
    text = template.read_text(encoding="utf-8")
    text = re.sub(r"\$\{([A-Z][A-Z0-9_]*)\}", lambda m: values.get(m.group(1), m.group(0)), text)
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        leftover = re.search(r"\$\{[A-Z][A-Z0-9_]*\}", code)
        if leftover:
            raise StackError(f"{template}:{number}: no value for {leftover.group(0)}")
    return text


def readable_by_others(path: Path) -> bool:
    path = path.resolve()
    try:
        if any(not d.stat().st_mode & stat.S_IXOTH for d in [*path.parents, path]):
            return False
        return bool(path.stat().st_mode & stat.S_IROTH)
    except OSError:
        return False


def nginx_worker_ids(paths: list[Path]) -> tuple[int, int]:
    """Who nginx's workers run as when started by root: nobody if it can read what they
    serve, otherwise the owner of the checkout."""
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        nobody = None
    if nobody is not None and all(readable_by_others(p) for p in paths):
        return nobody.pw_uid, nobody.pw_gid
    info = ROOT.stat()
    return info.st_uid, info.st_gid


def write_nginx_config(cfg: Config) -> list[str]:
    """Generate var/nginx/ and return nginx's command line."""
    assert cfg.nginx_bin is not None
    conf_dir = VAR / f"nginx-{cfg.nginx_port}"  # one per stack: two may run side by side
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (conf_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    mime, has_e = nginx_settings(cfg.nginx_bin)
    if not Path(mime).is_file():
        (conf_dir / "mime.types").write_text(MINIMAL_MIME_TYPES, encoding="utf-8")
        mime = str(conf_dir / "mime.types")
    static_root = Path(cfg.env["DJANGO_STATIC_ROOT"]).resolve()
    static_root.mkdir(parents=True, exist_ok=True)
    user_directive = ""
    if cfg.is_root:
        uid, gid = nginx_worker_ids([cfg.spa_dist, static_root, NGINX_SRC / "snippets"])
        user_directive = f"user {pwd.getpwuid(uid).pw_name} {grp.getgrgid(gid).gr_name};"
        for path in [conf_dir, conf_dir / "tmp", *conf_dir.joinpath("tmp").rglob("*")]:
            os.chown(path, uid, gid)
    values = {
        "NGINX_PORT": str(cfg.nginx_port),
        "SPA_ROOT": str(cfg.spa_dist),
        "DJANGO_UPSTREAM": f"127.0.0.1:{cfg.web_port}",
        "DJANGO_STATIC_ROOT": str(static_root),
        "NGINX_SNIPPETS": str(NGINX_SRC / "snippets"),
        "NGINX_API_RATE": cfg.env.get("NGINX_API_RATE", "20r/s"),
        "NGINX_API_BURST": cfg.env.get("NGINX_API_BURST", "40"),
        "NGINX_CLIENT_MAX_BODY_SIZE": cfg.env.get("NGINX_CLIENT_MAX_BODY_SIZE", "1m"),
        "NGINX_USER_DIRECTIVE": user_directive,
        "NGINX_VAR_DIR": str(conf_dir),
        "NGINX_MIME_TYPES": mime,
        "NGINX_SITE_CONF": str(conf_dir / "weather.conf"),
    }
    (conf_dir / "weather.conf").write_text(
        render(NGINX_SRC / "templates" / "default.conf.template", values), encoding="utf-8"
    )
    (conf_dir / "nginx.conf").write_text(
        render(NGINX_SRC / "nginx.native.conf.template", values), encoding="utf-8"
    )
    argv = [cfg.nginx_bin, "-p", f"{conf_dir}/", "-c", str(conf_dir / "nginx.conf")]
    if has_e:
        argv += ["-e", "stderr"]
    run_step("nginx", [*argv, "-t", "-q"], cfg.env)
    return [*argv, "-g", "daemon off;"]


def vite_bypass_lock(npx: str, env: dict[str, str]) -> list[str]:
    """Vite 8 allows one preview per project unless told otherwise; a dev stack and the
    end-to-end tests' stack may run side by side."""
    result = subprocess.run(  # noqa: S603
        [npx, "--no", "--", "vite", "preview", "--help"],
        cwd=FRONTEND,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return ["--bypass-lock"] if "--bypass-lock" in result.stdout else []


def gunicorn_control_socket(cfg: Config) -> list[str]:
    """Our own control socket path, so two stacks on one machine do not share one."""
    result = subprocess.run(  # noqa: S603
        [PYTHON, "-m", "gunicorn", "--help"], capture_output=True, text=True, check=False
    )
    if "--control-socket" not in result.stdout:
        return []
    return ["--control-socket", str(VAR / f"gunicorn-{cfg.web_port}.ctl")]


def write_secret(name: str, value: str) -> None:
    """var/<name>, readable by this user only, for the test scripts."""
    path = VAR / name
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")


def flower_credentials(cfg: Config) -> str:
    auth = cfg.env.get("FLOWER_BASIC_AUTH", "").strip()
    if not auth:
        auth = f"admin:{secrets.token_urlsafe(12)}"
        cfg.env["FLOWER_BASIC_AUTH"] = auth
        say(f"flower: generated login  {auth}  (saved in var/flower-auth)")
    write_secret("flower-auth", auth.split(",")[0])
    return auth


def ops_token(cfg: Config) -> None:
    """The bearer token of the operator endpoints (POST /api/v1/tasks/test/)."""
    if not cfg.env.get("OPS_API_TOKEN", "").strip():
        cfg.env["OPS_API_TOKEN"] = secrets.token_urlsafe(24)
        say("web: generated OPS_API_TOKEN (saved in var/ops-token)")
    write_secret("ops-token", cfg.env["OPS_API_TOKEN"])


STACK_ENV_KEYS = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "REDIS_URL",
)


def write_stack_env(cfg: Config, urls: dict[str, str]) -> Path:
    """var/stack-<WEB_PORT>.env: how to reach this stack, for test-complete.sh and friends."""
    lines = [f"STACK_PID={os.getpid()}", f"WORKER_NODENAME={cfg.worker_name}"]
    lines += [f"{key}={shlex.quote(value)}" for key, value in urls.items()]
    lines += [f"{key}={shlex.quote(cfg.env[key])}" for key in STACK_ENV_KEYS]
    path = stack_env_path(cfg)
    tmp = VAR / f".{path.name}.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    tmp.replace(path)
    return path


def stack_env_path(cfg: Config) -> Path:
    return VAR / f"stack-{cfg.web_port}.env"


def remove_stack_env(cfg: Config) -> None:
    path = stack_env_path(cfg)
    try:
        if f"STACK_PID={os.getpid()}\n" in path.read_text(encoding="utf-8"):
            path.unlink()
    except OSError:
        pass


# ----------------------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------------------


def main() -> int:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _on_signal)

    children: list[Child] = []
    ping: WorkerPing | None = None
    cfg: Config | None = None
    try:
        cfg = Config()
        env = cfg.env
        VAR.mkdir(exist_ok=True)
        say(f"Weather App stack in {ROOT} (settings {env['DJANGO_SETTINGS_MODULE']})")
        if cfg.offline:
            say(
                f"OFFLINE=1: Open-Meteo is the bundled fake on port {cfg.fake_om_port}, "
                "WEATHER_SAMPLE_DATA=1"
            )

        ports = {"web": cfg.web_port, "spa": cfg.spa_port}
        if cfg.run_flower:
            ports["flower"] = cfg.flower_port
        if cfg.nginx_bin:
            ports["nginx"] = cfg.nginx_port
        else:
            say(
                "nginx is not installed: skipping it (the SPA is still served on "
                f"port {cfg.spa_port})"
            )
        if cfg.offline:
            ports["fake-om"] = cfg.fake_om_port
        seen: dict[int, str] = {}
        for name, port in ports.items():
            if port in seen:
                raise StackError(f"{name} and {seen[port]} are both set to port {port}")
            seen[port] = name
            if port_in_use(port):
                raise StackError(
                    f"port {port} ({name}) is already in use; stop what runs "
                    f"there or choose another port"
                )

        embedded = check_dependencies(cfg)
        ensure_database(cfg)
        manage = [PYTHON, str(ROOT / "manage.py")]
        run_step("setup", [*manage, "migrate", "--noinput"], env)
        run_step("setup", [*manage, "collectstatic", "--noinput", "-v", "0"], env)
        if env.get("DJANGO_SUPERUSER_USERNAME") and env.get("DJANGO_SUPERUSER_PASSWORD"):
            run_step("setup", [*manage, "ensure_superuser"], env)
        ensure_spa_build(cfg)
        nginx_argv = write_nginx_config(cfg) if cfg.nginx_bin else None
        flower_auth = flower_credentials(cfg) if cfg.run_flower else ""
        ops_token(cfg)

        celery = [PYTHON, "-m", "celery", "-A", "server_config"]
        queues = ",".join(
            (
                env.get("CELERY_PROCESSING_QUEUE", "weather.processing"),
                env.get("CELERY_MAINTENANCE_QUEUE", "weather.maintenance"),
            )
        )
        plan: list[Child] = []
        if cfg.offline:
            plan.append(
                Child(
                    "fake-om",
                    [
                        PYTHON,
                        "-m",
                        "weather.testing.fake_open_meteo",
                        "--port",
                        str(cfg.fake_om_port),
                    ],
                    env,
                )
            )
        gunicorn = [PYTHON, "-m", "gunicorn", "-c", "server/gunicorn.conf.py"]
        gunicorn += ["--bind", f"0.0.0.0:{cfg.web_port}", *gunicorn_control_socket(cfg)]
        plan.append(Child("web", [*gunicorn, "server_config.wsgi:application"], env))
        plan.append(
            Child(
                "worker",
                [*celery, "worker", "-Q", queues, "-l", "INFO", "-n", cfg.worker_name],
                env,
            )
        )
        if cfg.run_beat:
            plan.append(
                Child(
                    "beat",
                    [
                        *celery,
                        "beat",
                        "-l",
                        "INFO",
                        "--scheduler",
                        "django_celery_beat.schedulers:DatabaseScheduler",
                        "-s",
                        str(VAR / f"celerybeat-schedule-{cfg.web_port}"),
                    ],
                    env,
                )
            )
        if cfg.run_flower:
            # Flower reads FLOWER_BASIC_AUTH from the environment: no password in `ps`.
            plan.append(Child("flower", [*celery, "flower", f"--port={cfg.flower_port}"], env))
        npx = shutil.which("npx") or "npx"
        vite = [npx, "--no", "--", "vite", "preview", "--host", "--port", str(cfg.spa_port)]
        vite += ["--strictPort", "--outDir", str(cfg.spa_dist), *vite_bypass_lock(npx, env)]
        plan.append(Child("spa", vite, env, FRONTEND))
        if nginx_argv:
            plan.append(Child("nginx", nginx_argv, env))

        for child in plan:
            if _stop_requested.is_set():
                break
            child.start()
            children.append(child)

        ping = WorkerPing(cfg)
        probes: dict[str, object] = {
            "web": lambda: http_ok(f"http://127.0.0.1:{cfg.web_port}/api/v1/health/"),
            "worker": ping,
            "spa": lambda: http_ok(f"http://127.0.0.1:{cfg.spa_port}/"),
        }
        if cfg.offline:
            probes["fake-om"] = lambda: tcp_reachable("127.0.0.1", cfg.fake_om_port)
        if cfg.run_flower:
            probes["flower"] = lambda: http_ok(f"http://127.0.0.1:{cfg.flower_port}/healthcheck")
        if nginx_argv:
            probes["nginx"] = lambda: (
                http_ok(f"http://127.0.0.1:{cfg.nginx_port}/")
                and http_ok(f"http://127.0.0.1:{cfg.nginx_port}/api/v1/health/")
            )

        pending = dict(probes)
        deadline = time.monotonic() + cfg.ready_timeout
        ready = False
        while True:
            if _stop_requested.is_set():
                break
            dead = next((c for c in children if c.poll() is not None), None)
            if dead is not None:
                dead.drain()
                shout(
                    [
                        f"{dead.name} EXITED UNEXPECTEDLY ({exit_reason(dead.poll())}).",
                        "Stopping the whole stack.",
                    ]
                )
                stop_all(children, cfg.stop_grace)
                return 1
            if not ready:
                for name, probe in list(pending.items()):
                    if probe():  # type: ignore[operator]
                        say(f"{name} is ready")
                        del pending[name]
                if not pending:
                    ready = True
                    urls = announce(cfg, embedded, flower_auth, bool(nginx_argv))
                    write_stack_env(cfg, urls)
                elif time.monotonic() > deadline:
                    shout(
                        [
                            f"Not ready after {cfg.ready_timeout}s: {', '.join(pending)}.",
                            "Stopping the whole stack.",
                        ]
                    )
                    stop_all(children, cfg.stop_grace)
                    return 1
            _stop_requested.wait(0.5 if not ready else 1.0)

        signame = signal.Signals(_stop_signal[0]).name if _stop_signal else "stop"
        say(f"{signame} received")
        stop_all(children, cfg.stop_grace)
        say("stopped")
        return 0
    except StackError as exc:
        shout([str(exc)])
        stop_all(children, 10)
        return 1
    except BaseException:
        stop_all(children, 10)
        raise
    finally:
        if ping is not None:
            ping.cancel()
        if cfg is not None:
            remove_stack_env(cfg)


def announce(cfg: Config, embedded: list[str], flower_auth: str, nginx: bool) -> dict[str, str]:
    urls = {
        "API_URL": f"http://localhost:{cfg.web_port}",
        "SPA_URL": f"http://localhost:{cfg.spa_port}",
    }
    rows = [
        ("API", f"http://localhost:{cfg.web_port}/api/v1/"),
        ("API docs", f"http://localhost:{cfg.web_port}/api/v1/docs/"),
        ("Admin", f"http://localhost:{cfg.web_port}/admin/"),
        ("SPA", f"http://localhost:{cfg.spa_port}/"),
    ]
    if nginx:
        origin = "http://localhost" + ("" if cfg.nginx_port == 80 else f":{cfg.nginx_port}")
        urls["NGINX_URL"] = origin
        rows.append(("Nginx (SPA + API)", f"{origin}/"))
    if cfg.run_flower:
        urls["FLOWER_URL"] = f"http://localhost:{cfg.flower_port}"
        user = flower_auth.split(",")[0].split(":", 1)[0]
        rows.append(
            (
                "Flower",
                f"http://localhost:{cfg.flower_port}/  (user {user}, password in var/flower-auth)",
            )
        )
    if cfg.offline:
        rows.append(("Fake Open-Meteo", f"http://127.0.0.1:{cfg.fake_om_port}/v1"))
    plain("STACK READY")
    width = max(len(label) for label, _ in rows)
    for label, url in rows:
        plain(f"  {label:<{width}}  {url}")
    if embedded:
        plain(f"  EMBEDDED MODE for: {', '.join(embedded)} (see the warnings above)")
    plain("  Ctrl-C stops everything.")
    return urls


if __name__ == "__main__":
    sys.exit(main())
