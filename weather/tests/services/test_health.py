"""Readiness under a flood of anonymous probes: one round of checks per process and window,
over connections the process keeps; and the web workers' warm-up, which opens them."""

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from server_config.celery import app
from weather.services import health
from weather.testing import processes
from weather.testing.concurrency import run_together
from weather.testing.processes import database_url
from weather.worker import queue

pytestmark = pytest.mark.django_db


def test_many_probes_within_the_window_cost_one_round_of_checks(api, settings):
    settings.READINESS_CACHE_S = 60  # a window no slow machine outlasts
    with CaptureQueriesContext(connection) as queries:
        answers = [api.get("/api/v1/health/ready/") for _ in range(30)]
    assert {answer.status_code for answer in answers} == {200}
    assert [q["sql"] for q in queries if q["sql"] == "SELECT 1"] == ["SELECT 1"]
    assert len({answer.content for answer in answers}) == 1  # the same round, latencies and all


def test_concurrent_callers_wait_for_the_round_in_flight(settings):
    settings.READINESS_CACHE_S = 60
    results = run_together([health.readiness] * 12, timeout=30)
    # One round: each round makes an answer of its own, and every caller got the same one.
    assert all(result is results[0] for result in results)
    assert health.readiness() is results[0]  # the round kept for the window


def test_without_the_window_each_probe_checks(api, settings):
    settings.READINESS_CACHE_S = 0
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert api.get("/api/v1/health/ready/").status_code == 200
    assert [q["sql"] for q in queries if q["sql"] == "SELECT 1"] == ["SELECT 1"] * 3


def test_after_the_window_a_changed_dependency_shows_within_about_a_second(api, settings):
    settings.READINESS_CACHE_S = 1
    assert api.get("/api/v1/health/ready/").json()["checks"]["cache"]["status"] == "ok"
    changed = time.monotonic()
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    seen = api.get("/api/v1/health/ready/")
    assert seen.json()["checks"]["cache"]["status"] == "ok"  # the round before the change
    while seen.json()["checks"]["cache"]["status"] == "ok" and time.monotonic() - changed < 5:
        time.sleep(0.05)
        seen = api.get("/api/v1/health/ready/")
    assert time.monotonic() - changed < 1.5
    assert seen.status_code == 200
    assert seen.json()["status"] == "degraded"
    assert seen.json()["checks"]["cache"]["status"] == "degraded"
    # Anyone may ask: no address, port or exception message of Redis.
    assert not re.search(r"127\.0\.0\.1|redis:|refused|111", seen.content.decode())


def _pooled_broker_socket() -> tuple[str, int] | None:
    """The local address of the broker connection the pool hands out next (it is LIFO: the
    one the last check used), or None when that connection is not open."""
    with app.pool.acquire(block=True, timeout=1) as conn:
        return conn.connection.sock.getsockname() if conn.connected else None


def test_the_broker_check_reuses_a_pooled_connection():
    assert queue.check_broker()["status"] == "ok"
    first = _pooled_broker_socket()
    assert first is not None
    for _ in range(10):
        assert queue.check_broker()["status"] == "ok"
    assert _pooled_broker_socket() == first  # no new connection per probe


def test_a_pooled_broker_connection_that_died_unseen_is_not_reported_down():
    assert queue.check_broker()["status"] == "ok"
    with app.pool.acquire(block=True, timeout=1) as conn:
        dead = conn.connection.sock.getsockname()
        conn.connection.sock.shutdown(socket.SHUT_RDWR)  # as a broker restart leaves it
    assert queue.check_broker()["status"] == "ok"
    assert queue.check_broker()["status"] == "ok"
    assert _pooled_broker_socket() not in (None, dead)  # replaced in the pool


# --- The web workers' warm-up ---------------------------------------------------------------


def _established(pid: int, port: int) -> int:
    """TCP connections of process `pid` to local `port` (PostgreSQL, Redis, RabbitMQ)."""
    lines = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( dport = :{port} )"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    return sum(f"pid={pid}," in line for line in lines)


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


@pytest.mark.django_db(transaction=True)
def test_the_warm_up_connects_each_thread_before_traffic():
    threads = 3
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server_config.settings.test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_LOG_LEVEL": "warning",
    }
    # Listening is not serving: no request reaches the worker in this test.
    web, _base = processes.start_web(env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = _workers(web.pid)
            if workers and _established(workers[0], 5432) >= threads:
                break
            time.sleep(0.1)
        (worker,) = workers
        time.sleep(0.5)  # every thread is done: none opens more
        assert _established(worker, 5432) == threads  # one database connection per thread
        assert _established(worker, 6379) >= 1  # the cache's pool
        assert _established(worker, 5672) >= 1  # the broker pool
    finally:
        web.terminate()
        web.wait(timeout=30)
