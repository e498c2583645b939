"""Our own processes, started by the tests and the benchmarks: gunicorn on a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], **popen_options) -> tuple[subprocess.Popen, str]:
    """gunicorn with the production configuration on a free port; returns it and its URL once
    the API answers. `env` is the whole environment of the process."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "server/gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "server_config.wsgi:application",
        ],
        cwd=REPO_ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        **popen_options,
    )
    base = f"http://127.0.0.1:{port}"
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
