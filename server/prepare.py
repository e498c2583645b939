"""Prepare the native stack, then run the Procfile with honcho: what `make run` runs.

    .venv/bin/python server/prepare.py

1. Settings: OFFLINE=1 picks server_config.settings.offline (the fake Open-Meteo, sample data
   kept apart). Loading them reads `.env`, the one place it is parsed, into this process's
   environment, which honcho hands on to every process (honcho's own .env reading is off).
2. PostgreSQL, Redis and RabbitMQ are probed with their clients. One that does not answer is
   named with how to start it, and replaced, loudly, by its embedded stand-in.
3. The database is created if missing, server/release.sh migrates, the SPA is built if needed
   and given this deployment's config.js, nginx's configuration is rendered, the ops token
   and Flower's login are generated when not set.
4. honcho starts the processes; Ctrl-C stops them all, and so does any one of them exiting.
   The `ready` process prints STACK READY once every part answers (server/ready.py).

Metrics: each role's processes share theirs in var/metrics-<WEB_PORT>/<role>/, the worker
serves its own on CELERY_METRICS_PORT, and Prometheus, when installed, scrapes them and
RabbitMQ (server/monitoring_config.py).

The stack's own knobs (environment or .env): WEB_PORT, SPA_PORT, NGINX_PORT, FLOWER_PORT,
FAKE_OPEN_METEO_PORT, CELERY_METRICS_PORT, PROMETHEUS_PORT, OFFLINE, RUN_BEAT, RUN_FLOWER,
RUN_NGINX, RUN_PROMETHEUS, STACK_READY_TIMEOUT; mail goes to the local sink on EMAIL_PORT (messages
in MAIL_SINK_DIR, var/mail/) unless EMAIL_HOST names a relay.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
FRONTEND = ROOT / "frontend"
BIN = Path(sys.executable).parent
env = os.environ


def say(line: str) -> None:
    print(f"prepare | {line}", flush=True)


def shout(lines: list[str]) -> None:
    """A message that must not be missed: framed."""
    bar = "!" * 78
    for line in [bar, *(f"!!! {line}" for line in lines), bar]:
        say(line)


def flag(name: str, default: bool = False) -> bool:
    value = env.get(name, "").strip().lower()
    return default if not value else value not in {"0", "false", "no", "off"}


def port(name: str, default: int) -> int:
    return int(env.setdefault(name, str(default)))


# --- The services, or their embedded stand-ins -----------------------------------------------


def ensure_database(database: dict) -> str:
    """Creates the PostgreSQL database if it does not exist yet; raises if the server is down."""
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(
        dbname="postgres",
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        connect_timeout=3,
    )
    connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
    name = database["NAME"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone():
                return f"database {name} exists"
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return f"created database {name}"
    finally:
        connection.close()


def ping_redis(url: str) -> str:
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    return f"answers at {url.split('@')[-1]}"


def ping_broker(url: str) -> str:
    from kombu import Connection

    with Connection(url, connect_timeout=2) as connection:
        connection.ensure_connection(max_retries=1)
        return f"answers at {connection.as_uri().split('@')[-1]}"


def check_services(settings) -> list[str]:
    """Probes each service the settings name; switches the unreachable ones to their
    embedded stand-in (in this environment, so every process gets it). Returns their names."""
    database = settings.DATABASES["default"]
    results_url = settings.CELERY_RESULT_BACKEND.rpartition("+")[2]  # without our backend class
    pg_versions = sorted(p.name for p in Path("/etc/postgresql").glob("*"))
    services = [
        ("PostgreSQL", database["ENGINE"].endswith("postgresql"), lambda: ensure_database(database),
         f"pg_ctlcluster {(pg_versions or ['<version>'])[-1]} main start",
         "DATABASE_URL", f"sqlite:///{VAR / 'weather.sqlite3'}", "SQLite in var/"),
        ("RabbitMQ", settings.CELERY_BROKER_URL.startswith("amqp"),
         lambda: ping_broker(settings.CELERY_BROKER_URL), "rabbitmq-server -detached",
         "CELERY_BROKER_URL", "filesystem://", "a folder broker in var/broker/"),
        ("Redis (cache)", settings.REDIS_URL.startswith("redis"),
         lambda: ping_redis(settings.REDIS_URL), "redis-server --daemonize yes",
         "REDIS_URL", "locmem://", "a local-memory cache in each process"),
        ("Redis (task results)", results_url.startswith("redis"),
         lambda: ping_redis(results_url), "redis-server --daemonize yes",
         "CELERY_RESULT_BACKEND", f"file://{VAR / 'results'}", "result files in var/results/"),
    ]  # fmt: skip
    embedded = []
    for label, networked, probe, hint, variable, fallback, what in services:
        if not networked:
            say(f"{label}: embedded ({variable})")
            continue
        try:
            say(f"{label}: {probe()}")
        except Exception as exc:  # any failure to answer means "not there"
            shout([
                f"{label} does NOT answer ({variable}): {str(exc).strip().splitlines()[0]}",
                f"Start it with:  {hint}",
                f"Falling back to the EMBEDDED mode for it: {what}.",
                "Fine for trying the app; not how it runs in production.",
            ])  # fmt: skip
            env[variable] = fallback
            embedded.append(label)
    (VAR / "results").mkdir(parents=True, exist_ok=True)
    return embedded


# --- What the processes need ------------------------------------------------------------------


def run(argv: list, cwd: Path = ROOT, **options) -> None:
    say("$ " + " ".join(str(a) for a in argv))
    if subprocess.run(argv, cwd=cwd, env=env, check=False, **options).returncode:  # noqa: S603
        sys.exit(f"prepare | failed: {' '.join(str(a) for a in argv)}")


def prepare_spa(spa_port: int, api_origin: str) -> Path:
    """var/spa-<port>/: the build, rebuilt when a source is newer, with this deployment's
    config.js (the API on its own origin: the SPA on SPA_PORT calls it across origins)."""
    dist = FRONTEND / "dist"
    sources = [FRONTEND / "index.html", *FRONTEND.joinpath("src").rglob("*")]
    sources += FRONTEND.joinpath("public").rglob("*")
    built = (dist / "index.html").stat().st_mtime if (dist / "index.html").exists() else 0
    if any(p.stat().st_mtime > built for p in sources if p.is_file()):
        run(["npm", "run", "build"], cwd=FRONTEND)
    root = VAR / f"spa-{spa_port}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(dist, root)
    config = f"window.__WEATHER_CONFIG__ = {{ apiBaseUrl: {json.dumps(api_origin)} }};\n"
    (root / "config.js").write_text(config)
    return root


def prepare_nginx(nginx_bin: str, nginx_port: int, web_port: int, spa_root: Path, settings):
    from server.nginx_config import NGINX_SRC, write_native_config

    conf_dir = VAR / f"nginx-{nginx_port}"  # one per stack: two may run side by side
    static_root = Path(settings.STATIC_ROOT)
    site = {
        "NGINX_PORT": str(nginx_port),
        "SPA_ROOT": str(spa_root),
        "DJANGO_UPSTREAM": f"127.0.0.1:{web_port}",
        "DJANGO_STATIC_ROOT": str(static_root),
        "NGINX_SNIPPETS": str(NGINX_SRC / "snippets"),
        "NGINX_API_RATE": env.get("NGINX_API_RATE", "20r/s"),
        "NGINX_API_BURST": env.get("NGINX_API_BURST", "40"),
        "NGINX_CLIENT_MAX_BODY_SIZE": env.get("NGINX_CLIENT_MAX_BODY_SIZE", "1m"),
        "NGINX_API_CACHE": env.get("NGINX_API_CACHE", "on"),
        "NGINX_CACHE_MAX_SIZE": env.get("NGINX_CACHE_MAX_SIZE", "256m"),
    }
    served = [spa_root, static_root, NGINX_SRC / "snippets"]
    main = write_native_config(conf_dir, nginx_bin, site, served)
    # On a pipe: nginx opens /dev/stdout for its access log, which fails on a socket.
    check = [nginx_bin, "-t", "-q", "-p", f"{conf_dir}/", "-c", main, "-e", "stderr"]
    run(check, stdout=subprocess.PIPE)
    env.update(NGINX_BIN=nginx_bin, NGINX_DIR=str(conf_dir))


def secret(variable: str, file: str, generate) -> str:
    """The variable's value, generated when empty; saved in var/<file> for the test scripts."""
    if not env.get(variable, "").strip():
        env[variable] = generate()
        say(f"generated {variable} (saved in var/{file})")
    path = VAR / file
    path.unlink(missing_ok=True)
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
        handle.write(env[variable].split(",")[0] + "\n")
    return env[variable]


def vapid_keys() -> None:
    """Web Push's VAPID key pair when none is set: made once and kept in var/vapid-keys.json,
    so the browsers' push subscriptions stay valid from one run to the next."""
    if env.get("VAPID_PRIVATE_KEY", "").strip() and env.get("VAPID_PUBLIC_KEY", "").strip():
        return
    argv = [BIN / "python", ROOT / "manage.py", "generate_vapid_keys"]
    argv += ["--file", VAR / "vapid-keys.json"]
    found = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if found.returncode:
        sys.exit(f"prepare | failed: generate_vapid_keys: {found.stderr.strip()}")
    for line in found.stdout.splitlines():
        name, _, value = line.partition("=")
        env[name] = value
    say("VAPID keys for Web Push from var/vapid-keys.json")


def plan_monitoring(processes: list[str], ports: dict[str, int]) -> None:
    """Metrics folders and the worker's metrics port; Prometheus when it is installed (and
    RUN_PROMETHEUS is not off)."""
    # Every process of the stack writes its metrics under here (the start scripts give the web
    # and worker roles their own folder each, emptied at their start): left-overs go now.
    metrics_dir = Path(
        env.setdefault("PROMETHEUS_MULTIPROC_DIR", str(VAR / f"metrics-{ports['web']}"))
    )
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(parents=True)
    ports["worker metrics"] = port("CELERY_METRICS_PORT", 9808)
    if not flag("RUN_PROMETHEUS", True):
        return
    binary = shutil.which("prometheus")
    if not binary:
        say("Prometheus is not installed: no metrics history, graphs or alerts")
        say("  install it with:  sudo apt-get install prometheus  (then run make run again)")
        return
    ports["prometheus"] = port("PROMETHEUS_PORT", 9090)
    processes.append("prometheus")
    env["PROMETHEUS_BIN"] = binary


def prepare_prometheus(ports: dict[str, int], settings) -> None:
    """var/prometheus-<port>/: the configuration scraping the API, the worker and RabbitMQ
    (when its rabbitmq_prometheus plugin answers), and the stored series."""
    from server.monitoring_config import write_native_config

    targets = {
        "weather-web": f"127.0.0.1:{ports['web']}",
        "weather-worker": f"127.0.0.1:{ports['worker metrics']}",
    }
    broker = settings.CELERY_BROKER_URL
    broker_host = urlsplit(broker).hostname or "127.0.0.1"
    if broker.startswith("amqp") and reachable(broker_host, 15692):
        targets["rabbitmq"] = f"{broker_host}:15692"
    elif broker.startswith("amqp"):
        say("RabbitMQ's metrics are off: rabbitmq-plugins enable rabbitmq_prometheus")
    conf_dir = VAR / f"prometheus-{ports['prometheus']}"
    write_native_config(conf_dir, targets)
    env["PROMETHEUS_DIR"] = str(conf_dir)
    say(f"Prometheus scrapes {', '.join(targets)}")


def reachable(host: str, number: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, number)) == 0


def port_in_use(number: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", number)) == 0


def plan_mail(processes: list[str], ports: dict[str, int], settings) -> None:
    """The local mail sink, where Django's mail goes unless EMAIL_HOST names a relay."""
    if settings.EMAIL_HOST not in ("127.0.0.1", "localhost", "::1"):
        say(f"mail goes to the relay {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: no local sink")
        return
    processes.append("mail")
    ports["mail"] = settings.EMAIL_PORT
    env["MAIL_SINK_PORT"] = str(settings.EMAIL_PORT)
    env.setdefault("MAIL_SINK_DIR", str(VAR / "mail"))


def plan(settings, offline: bool) -> tuple[list[str], dict[str, int], str | None]:
    """The Procfile processes to run, their ports (checked free) and nginx, if there is one."""
    nginx_bin = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")  # not on every PATH
    nginx_bin = nginx_bin if flag("RUN_NGINX", True) else None
    ports = {"web": port("WEB_PORT", 8000), "spa": port("SPA_PORT", 4173)}
    processes = ["web", "worker", "refresh", "spa"]
    if flag("RUN_BEAT", True):
        processes.append("beat")
    if flag("RUN_FLOWER", True):
        processes.append("flower")
        ports["flower"] = port("FLOWER_PORT", 5555)
    if nginx_bin:
        processes.append("nginx")
        ports["nginx"] = port("NGINX_PORT", 80 if os.geteuid() == 0 else 8080)
    else:
        say(f"nginx is not installed: skipping it (the SPA is still on port {ports['spa']})")
    if offline:
        processes.append("fake_open_meteo")
        ports["fake_open_meteo"] = port("FAKE_OPEN_METEO_PORT", settings.FAKE_OPEN_METEO_PORT)
        say(f"OFFLINE=1: Open-Meteo is the bundled fake on port {ports['fake_open_meteo']}")
    plan_mail(processes, ports, settings)
    plan_monitoring(processes, ports)
    busy = [f"{number} ({name})" for name, number in ports.items() if port_in_use(number)]
    if busy or len(set(ports.values())) < len(ports):
        sys.exit(f"prepare | ports taken or given twice: {', '.join(busy) or ports}")
    return processes, ports, nginx_bin


def main() -> None:
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    VAR.mkdir(exist_ok=True)
    offline = flag("OFFLINE")
    module = "offline" if offline else "local"
    env.setdefault("DJANGO_SETTINGS_MODULE", f"server_config.settings.{module}")
    from django.conf import settings

    say(f"Weather App in {ROOT}, settings {settings.SETTINGS_MODULE}")  # reads .env too
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"  # python, celery, gunicorn, honcho
    env["PYTHONUNBUFFERED"] = "1"
    processes, ports, nginx_bin = plan(settings, offline)
    env.setdefault(
        "CORS_ALLOWED_ORIGINS", f"http://localhost:{ports['spa']},http://127.0.0.1:{ports['spa']}"
    )
    embedded = check_services(settings)
    run([ROOT / "server" / "release.sh"])
    spa_root = prepare_spa(ports["spa"], f"http://localhost:{ports['web']}")
    if nginx_bin:
        prepare_nginx(nginx_bin, ports["nginx"], ports["web"], spa_root, settings)
    if "prometheus" in processes:
        prepare_prometheus(ports, settings)
    secret("OPS_API_TOKEN", "ops-token", lambda: secrets.token_urlsafe(24))
    vapid_keys()
    if "flower" in processes:
        secret("FLOWER_BASIC_AUTH", "flower-auth", lambda: f"admin:{secrets.token_urlsafe(12)}")

    env.update(
        SPA_ROOT=str(spa_root),
        WEB_RELEASE="0",  # done above, once, before beat and the worker start
        GUNICORN_CONTROL_SOCKET=str(VAR / f"gunicorn-{ports['web']}.ctl"),
        CELERY_WORKER_NAME=env.get("CELERY_WORKER_NAME")
        or f"stack{ports['web']}@{socket.gethostname()}",
        CELERY_REFRESH_WORKER_NAME=env.get("CELERY_REFRESH_WORKER_NAME")
        or f"refresh{ports['web']}@{socket.gethostname()}",
        STACK_PID=str(os.getpid()),  # honcho's, after the exec
        STACK_PROCESSES=",".join(processes),
        STACK_EMBEDDED=", ".join(embedded),
    )
    honcho = [str(BIN / "honcho"), "start", "--env", os.devnull, *processes, "ready"]
    if env.get("NO_COLOR"):
        honcho.insert(2, "--no-colour")
    say("$ " + " ".join(honcho))
    os.execv(honcho[0], honcho)  # noqa: S606 (honcho becomes this process)


if __name__ == "__main__":
    main()
