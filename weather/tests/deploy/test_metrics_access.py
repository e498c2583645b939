"""Who reads /metrics without the ops token: loopback and the configured Prometheus address
only, never a whole private range; and where the API listens (server/gunicorn.conf.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
PROMETHEUS = "172.30.87.250"


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["127.0.0.1", "::1"])
def test_metrics_answer_loopback_without_a_token(client, address):
    assert client.get("/metrics", REMOTE_ADDR=address).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "172.30.87.1",  # compose: the host's own requests to a published port
        "10.0.0.5",
        "192.168.1.20",  # the LAN, when the native API listened on every interface
        "172.17.0.1",
        "fd00::5",
    ],
)
def test_metrics_refuse_private_addresses_without_a_token(client, address, ops_token):
    response = client.get("/metrics", REMOTE_ADDR=address)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    token = client.get("/metrics", REMOTE_ADDR=address, HTTP_AUTHORIZATION=f"Bearer {ops_token}")
    assert token.status_code == 200


@pytest.mark.django_db
def test_metrics_answer_the_configured_prometheus_address(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128", f"{PROMETHEUS}/32"]
    assert client.get("/metrics", REMOTE_ADDR=PROMETHEUS).status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="172.30.87.1").status_code == 403


def gunicorn_bind(**env: str) -> str:
    """gunicorn's bind as server/gunicorn.conf.py sets it, in a fresh process."""
    code = "import runpy, sys; print(runpy.run_path(sys.argv[1])['bind'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"GUNICORN_BIND", "WEB_HOST"}}
    result = subprocess.run(
        [sys.executable, "-c", code, str(REPO / "server" / "gunicorn.conf.py")],
        env={**clean, "WEB_PORT": "8000", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_the_native_api_listens_on_loopback_unless_told_otherwise():
    assert gunicorn_bind() == "127.0.0.1:8000"
    assert gunicorn_bind(WEB_HOST="0.0.0.0") == "0.0.0.0:8000"
    assert gunicorn_bind(GUNICORN_BIND="10.0.0.2:9000") == "10.0.0.2:9000"
