"""The native stack's `ready` process (Procfile): once every part answers, it prints
STACK READY and the URLs, and writes var/stack-<WEB_PORT>.env, where test-complete.sh,
test-celery.sh and test-dual-access.sh find the stack (server/stack-checks.sh). The file goes
when the stack stops. A part that does not answer within STACK_READY_TIMEOUT seconds
(180) makes this process exit 1, and honcho then stops the whole stack.

Everything comes from the environment server/prepare.py set.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
env = os.environ


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own URLs)
            return response.status == 200
    except OSError:
        return False


def worker_answers(name_variable: str = "CELERY_WORKER_NAME") -> bool:
    from server_config.celery import app

    return bool(app.control.ping(destination=[env[name_variable]], timeout=1))


def listening(number: str) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", int(number))) == 0


def parts(running: list[str]) -> tuple[dict, list[tuple[str, str]], dict[str, str]]:
    """(probe of each running part, rows of the URL table, URLs for the test scripts)."""
    api = f"http://localhost:{env['WEB_PORT']}"
    spa = f"http://localhost:{env['SPA_PORT']}"
    probes = {
        "web": lambda: answers(f"{api}/api/v1/health/"),
        "worker": worker_answers,
        "refresh worker": lambda: worker_answers("CELERY_REFRESH_WORKER_NAME"),
        "spa": lambda: answers(f"{spa}/"),
    }
    rows = [("API", f"{api}/api/v1/"), ("API docs", f"{api}/api/v1/docs/")]
    rows += [("Admin", f"{api}/admin/"), ("SPA", f"{spa}/")]
    urls = {"API_URL": api, "SPA_URL": spa}
    if "nginx" in running:
        port = env["NGINX_PORT"]
        origin = "http://localhost" + ("" if port == "80" else f":{port}")
        probes["nginx"] = lambda: answers(f"{origin}/") and answers(f"{origin}/api/v1/health/")
        rows.append(("Nginx (SPA + API)", f"{origin}/"))
        urls["NGINX_URL"] = origin
    if "flower" in running:
        flower = f"http://localhost:{env['FLOWER_PORT']}"
        probes["flower"] = lambda: answers(f"{flower}/healthcheck")
        user = env["FLOWER_BASIC_AUTH"].split(":", 1)[0]
        rows.append(("Flower", f"{flower}/  (user {user}, password in var/flower-auth)"))
        urls["FLOWER_URL"] = flower
    worker_metrics = f"http://127.0.0.1:{env['CELERY_METRICS_PORT']}/metrics"
    probes["worker metrics"] = lambda: answers(worker_metrics)
    rows.append(("Metrics", f"{api}/metrics  (worker: {worker_metrics})"))
    urls["WORKER_METRICS_URL"] = worker_metrics
    if "prometheus" in running:
        prometheus = f"http://localhost:{env['PROMETHEUS_PORT']}"
        probes["prometheus"] = lambda: answers(f"{prometheus}/-/ready")
        rows.append(("Prometheus", f"{prometheus}/  (alerts: {prometheus}/alerts)"))
        urls["PROMETHEUS_URL"] = prometheus
    if "mail" in running:
        probes["mail"] = lambda: listening(env["MAIL_SINK_PORT"])
        kept = f"kept in {env['MAIL_SINK_DIR']}"
        rows.append(("Mail sink", f"smtp://127.0.0.1:{env['MAIL_SINK_PORT']}  ({kept})"))
    if "fake_open_meteo" in running:
        probes["fake_open_meteo"] = lambda: listening(env["FAKE_OPEN_METEO_PORT"])
        rows.append(("Fake Open-Meteo", f"http://127.0.0.1:{env['FAKE_OPEN_METEO_PORT']}/v1"))
    return probes, rows, urls


def wait_until_ready(probes: dict) -> None:
    deadline = time.monotonic() + int(env.get("STACK_READY_TIMEOUT") or 180)
    pending = dict(probes)
    while pending:
        for name, probe in list(pending.items()):
            if probe():
                print(f"{name} is ready", flush=True)
                del pending[name]
        if pending and time.monotonic() > deadline:
            sys.exit(f"not ready in time: {', '.join(pending)}; stopping the stack")
        time.sleep(0.5)


def stack_env_lines(urls: dict[str, str]) -> list[str]:
    from django.conf import settings

    values = {
        "STACK_PID": env["STACK_PID"],
        "WORKER_NODENAME": env["CELERY_WORKER_NAME"],
        **urls,
        **{key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL") if key in env},
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND.rpartition("+")[2],
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_PROCESSING_QUEUE": settings.CELERY_PROCESSING_QUEUE,
        "CELERY_MAINTENANCE_QUEUE": settings.CELERY_MAINTENANCE_QUEUE,
        "CELERY_REFRESH_QUEUE": settings.CELERY_REFRESH_QUEUE,
    }
    return [f"{key}={shlex.quote(value)}" for key, value in values.items()]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    probes, rows, urls = parts(env["STACK_PROCESSES"].split(","))
    wait_until_ready(probes)
    path = ROOT / "var" / f"stack-{env['WEB_PORT']}.env"
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
        file.write("\n".join(stack_env_lines(urls)) + "\n")
    try:
        print("STACK READY")
        width = max(len(label) for label, _ in rows)
        for label, url in rows:
            print(f"  {label:<{width}}  {url}")
        if env.get("STACK_EMBEDDED"):
            print(f"  EMBEDDED MODE for: {env['STACK_EMBEDDED']} (see the warnings above)")
        print("  Ctrl-C stops everything.", flush=True)
        signal.pause()
    finally:
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
