"""Our own processes as tests and benchmarks start them: the roles of the Procfile.

The Procfile is the one definition of each process: `make run` runs it with honcho, the
containers run the same start scripts, and here a role's command line is read from it, so a
test's gunicorn or worker is started exactly as in production, plus a few extra arguments.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import requests
from honcho.environ import parse_procfile

REPO_ROOT = Path(__file__).resolve().parents[2]


def database_url(settings_dict: dict) -> str:
    """The DATABASE_URL of a Django database's settings, for another process or session."""
    user = quote(settings_dict.get("USER") or "postgres")
    password = settings_dict.get("PASSWORD")
    auth = f"{user}:{quote(password)}" if password else user
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{settings_dict['NAME']}"


def role_command(role: str, *args: str) -> list[str]:
    """The Procfile's command line of `role` (web, worker, beat, flower), plus `args`."""
    procfile = parse_procfile((REPO_ROOT / "Procfile").read_text())
    return [*shlex.split(procfile.processes[role]), *args]


def start_role(
    role: str, env: dict[str, str], *args: str, netns: str | None = None, **popen_options
) -> subprocess.Popen:
    """Starts a role with the whole environment `env`, inside the network namespace `netns`
    when given. The start scripts call python, celery and gunicorn: this interpreter's come
    first on PATH."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', os.defpath)}"
    inside = ["ip", "netns", "exec", netns] if netns else []
    return subprocess.Popen(  # noqa: S603 (our own Procfile)
        [*inside, *role_command(role, *args)], cwd=REPO_ROOT, env={**env, "PATH": path},
        **popen_options,
    )  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_web(env: dict[str, str], *args: str, **popen_options) -> tuple[subprocess.Popen, str]:
    """The web role (gunicorn, production configuration, no release steps) on a free port;
    returns it and its URL as soon as it listens (its workers may still be booting)."""
    port = free_port()
    process = start_role(
        "web",
        {
            **env,
            "WEB_RELEASE": "0",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_CONTROL_SOCKET": f"/tmp/gunicorn-{port}.ctl",  # noqa: S108 (ours alone)
        },
        "--access-logfile",
        "/dev/null",
        *args,
        **popen_options,
    )
    deadline = time.monotonic() + 30
    while not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("gunicorn did not listen within 30 s")
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}"


def start_gunicorn(env: dict[str, str], **popen_options) -> tuple[subprocess.Popen, str]:
    """The web role on a free port; returns it and its URL once the API answers."""
    process, base = start_web(env, **popen_options)
    try:
        wait_for_api(base, process)
    except RuntimeError:
        process.kill()
        raise
    return process, base


def wait_for_api(base: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            requests.get(f"{base}/api/v1/health/", timeout=2)
            return
        except requests.RequestException:
            if process.poll() is not None:
                raise RuntimeError("gunicorn exited during start-up") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {timeout:g} s") from None
            time.sleep(0.1)


def load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    """A fresh process loading the settings `module` as every process does at start (gunicorn,
    a worker, manage.py), with this environment but for its DJANGO_ variables, plus `env`:
    how a test sees a setting refused at start (exit status, message on stderr)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
        cwd=REPO_ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def open_meteo_settings_line(code: str, **env: str) -> str:
    """The last line `code` prints in a fresh process set up with the base settings, with
    this environment but for its OPEN_METEO_ variables, plus `env`: how a test sees what the
    Open-Meteo settings become from the environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPEN_METEO_")}
    out = subprocess.run(  # noqa: S603 (this interpreter, our own code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "server_config.settings.base", **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.splitlines()[-1]
