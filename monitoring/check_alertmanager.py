"""Proves the alert path: a real Alertmanager, run with monitoring/alertmanager/alertmanager.yml,
delivers an alert to the webhook receiver it names.

    python3 monitoring/check_alertmanager.py [--timeout SECONDS]

The config's NOTIFY_WEBHOOK_URL placeholder is replaced, as the compose service does, by the
URL of a local HTTP receiver this script starts. group_wait (30 s in the config, so that one
outage sends one message) is shortened to 1 s so the check finishes in seconds; the route,
receiver and grouping are the config's own. An alert is POSTed to Alertmanager's API and the
receiver must get it, grouped and labelled as sent. Standard library only; needs Debian's
prometheus-alertmanager (server/system-packages.sh). Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import json
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CONFIG = Path(__file__).resolve().parent / "alertmanager" / "alertmanager.yml"
PLACEHOLDER = "http://notify-webhook.invalid/"
ALERT_LABELS = {
    "alertname": "WorkerDown",
    "severity": "critical",
    "job": "weather-web",
    "queue": "weather.processing",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_receiver() -> tuple[ThreadingHTTPServer, queue.Queue]:
    """A webhook receiver on a free local port; each POSTed JSON body lands in the queue."""
    received: queue.Queue = queue.Queue()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received.put((self.path, json.loads(body)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def test_config(webhook_url: str) -> str:
    text = CONFIG.read_text()
    if PLACEHOLDER not in text:
        sys.exit(f"FAIL: {CONFIG.name} no longer holds the placeholder {PLACEHOLDER}")
    text = text.replace(PLACEHOLDER, webhook_url)
    return re.sub(r"(?m)^(\s*group_wait:).*$", r"\1 1s", text)


def wait_ready(base: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"FAIL: Alertmanager exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/-/ready", timeout=2) as answer:  # noqa: S310 (local)
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("FAIL: Alertmanager did not become ready")


def post_alert(base: str) -> None:
    alert = [{"labels": ALERT_LABELS, "annotations": {"summary": "check_alertmanager"}}]
    request = urllib.request.Request(  # noqa: S310 (local)
        f"{base}/api/v2/alerts",
        data=json.dumps(alert).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 (local)
        if answer.status != 200:
            sys.exit(f"FAIL: Alertmanager refused the alert: HTTP {answer.status}")


def check_delivery(path: str, payload: dict) -> list[str]:
    problems = []
    if path != "/notify":
        problems.append(f"posted to {path}, not the configured /notify")
    if payload.get("receiver") != "operators":
        problems.append(f"receiver {payload.get('receiver')!r}, expected 'operators'")
    if payload.get("status") != "firing":
        problems.append(f"status {payload.get('status')!r}, expected 'firing'")
    expected_group = {k: ALERT_LABELS[k] for k in ("alertname", "job")}
    if payload.get("groupLabels") != expected_group:
        problems.append(f"groupLabels {payload.get('groupLabels')}, expected {expected_group}")
    labels = [alert.get("labels") for alert in payload.get("alerts", [])]
    if labels != [ALERT_LABELS]:
        problems.append(f"alerts' labels {labels}, expected [{ALERT_LABELS}]")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    binary = shutil.which("prometheus-alertmanager") or shutil.which("alertmanager")
    if not binary:
        sys.exit("FAIL: no Alertmanager binary: sudo apt-get install prometheus-alertmanager")

    server, received = start_receiver()
    webhook_url = f"http://127.0.0.1:{server.server_address[1]}/notify"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + args.timeout
    with tempfile.TemporaryDirectory() as workdir:
        config = Path(workdir) / "alertmanager.yml"
        config.write_text(test_config(webhook_url))
        command = [
            binary,
            f"--config.file={config}",
            f"--storage.path={workdir}/data",
            f"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",  # one instance: no gossip port
        ]
        log = open(Path(workdir) / "alertmanager.log", "w+")  # noqa: SIM115 (read on failure)
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603 (ours)
        try:
            wait_ready(base, process, deadline)
            post_alert(base)
            try:
                path, payload = received.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                log.seek(0)
                print(log.read(), file=sys.stderr)
                print("FAIL: the webhook receiver got nothing", file=sys.stderr)
                return 1
        finally:
            process.terminate()
            process.wait(timeout=10)
            server.shutdown()
    problems = check_delivery(path, payload)
    for problem in problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not problems:
        print("Alertmanager delivered the alert to the webhook receiver")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
