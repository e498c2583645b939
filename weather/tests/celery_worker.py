"""Fixtures for tests that run a real Celery worker process against the real RabbitMQ.

Loaded by conftest.py (`pytest_plugins`). No eager mode: tasks travel through the broker,
are deserialized by a worker subprocess and write to the test database, as in production.

Isolation from any other stack on the same RabbitMQ: this session's queues have their own
names (test-<random>.processing / .maintenance / .refresh), set in this process and in the
environment of every subprocess (workers, gunicorn) before any test runs, and deleted at the
end. The workers use the pytest-django test database, so tests that use them must commit
their rows:
`@pytest.mark.django_db(transaction=True)`.

The session's queues are quorum queues (TEST_CELERY_QUEUE_TYPE=classic for the other kind):
fresh names, so RabbitMQ has no classic queue of that name to refuse the quorum declaration.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from weather.testing.processes import database_url, start_role

SESSION_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
PROCESSING_QUEUE = f"{SESSION_PREFIX}.processing"
MAINTENANCE_QUEUE = f"{SESSION_PREFIX}.maintenance"
REFRESH_QUEUE = f"{SESSION_PREFIX}.refresh"
SESSION_QUEUES = (PROCESSING_QUEUE, MAINTENANCE_QUEUE, REFRESH_QUEUE)
QUEUE_TYPE = os.environ.get("TEST_CELERY_QUEUE_TYPE", "quorum")
_extra_queues: set[str] = set()


def pytest_configure(config):
    """Points this session (and its subprocesses) at its own queues."""
    from django.conf import settings

    from server_config.celery import app
    from server_config.settings.celery_queues import celery_queue_settings

    os.environ["CELERY_PROCESSING_QUEUE"] = PROCESSING_QUEUE
    os.environ["CELERY_MAINTENANCE_QUEUE"] = MAINTENANCE_QUEUE
    os.environ["CELERY_REFRESH_QUEUE"] = REFRESH_QUEUE
    os.environ["CELERY_QUEUE_TYPE"] = QUEUE_TYPE
    queues = celery_queue_settings(
        PROCESSING_QUEUE, MAINTENANCE_QUEUE, QUEUE_TYPE, refresh=REFRESH_QUEUE
    )
    settings.CELERY_QUEUE_TYPE = QUEUE_TYPE
    settings.CELERY_PROCESSING_QUEUE = PROCESSING_QUEUE
    settings.CELERY_MAINTENANCE_QUEUE = MAINTENANCE_QUEUE
    settings.CELERY_REFRESH_QUEUE = REFRESH_QUEUE
    for name, value in queues.items():
        setattr(settings, name, value)
    app.conf.update(
        task_queues=queues["CELERY_TASK_QUEUES"],
        task_default_queue=queues["CELERY_TASK_DEFAULT_QUEUE"],
        task_default_queue_type=queues["CELERY_TASK_DEFAULT_QUEUE_TYPE"],
        task_create_missing_queue_type=queues["CELERY_TASK_CREATE_MISSING_QUEUE_TYPE"],
        task_create_missing_queue_exchange_type=queues[
            "CELERY_TASK_CREATE_MISSING_QUEUE_EXCHANGE_TYPE"
        ],
        task_routes=queues["CELERY_TASK_ROUTES"],
    )


def pytest_unconfigure(config):
    """Deletes this session's queues and exchanges from RabbitMQ."""
    from server_config.celery import app

    with contextlib.suppress(Exception), app.connection_for_write() as conn:
        channel = conn.default_channel
        for name in (*SESSION_QUEUES, *_extra_queues):
            channel.queue_delete(name)
            channel.exchange_delete(name)


def wait_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.05):
    """Calls `predicate` until it returns something truthy, and returns that."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


class WorkerProcess:
    """The Procfile's worker role as a subprocess in its own process group."""

    def __init__(
        self,
        log_dir: Path,
        queues: list[str],
        *,
        concurrency: int = 2,
        env: dict[str, str] | None = None,
        preexec_fn: Callable[[], None] | None = None,
    ):
        from django.db import connection

        self.name = f"{SESSION_PREFIX}-{uuid.uuid4().hex[:6]}@localhost"
        self.queues = queues
        self.log_path = log_dir / f"{self.name.split('@')[0]}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "server_config.settings.test",
            "DATABASE_URL": database_url(connection.settings_dict),
            "CELERY_PROCESSING_QUEUE": PROCESSING_QUEUE,
            "CELERY_MAINTENANCE_QUEUE": MAINTENANCE_QUEUE,
            "CELERY_REFRESH_QUEUE": REFRESH_QUEUE,
            "CELERY_QUEUE_TYPE": QUEUE_TYPE,
            "CELERY_WORKER_CONCURRENCY": str(concurrency),
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.preexec_fn = preexec_fn  # run in the child before exec, e.g. to set rlimits
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> WorkerProcess:
        from server_config.celery import app

        with open(self.log_path, "ab") as log:
            self.process = start_role(
                "worker",
                self.env,
                "--hostname",
                self.name,
                "--queues",
                ",".join(self.queues),
                "--without-gossip",
                "--without-mingle",
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=self.preexec_fn,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited during start-up:\n{self.log_tail()}")
            if app.control.ping(destination=[self.name], timeout=0.5):
                return self
        self.kill()
        raise RuntimeError(f"worker did not answer a ping within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def kill(self) -> None:
        """SIGKILL to the worker and its pool processes, as an OOM killer would do."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Warm shutdown (finishes running tasks); SIGKILL if it takes too long."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=15)
        # Pool processes that outlived their parent, if any.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


@pytest.fixture(scope="session")
def celery_worker(
    django_db_setup, django_db_blocker, tmp_path_factory, _fake_server
) -> Iterator[WorkerProcess]:
    """One worker for the session, consuming this session's three queues (in production the
    refresh queue has a worker of its own); its Open-Meteo is the session's fake server (bulk
    refreshes call it).

    Its read timeout is well above the latency tests inject to make progress visible (up to
    0.5 s). The fake answers from this process, which the test keeps busy polling: on a loaded
    machine, the test settings' 1 s (for the timeouts tested in-process or on workers of
    their own) timed such an answer out, the chunk was retried and its call counted twice."""
    upstream = {
        "OPEN_METEO_FORECAST_URL": _fake_server.base_url,
        "OPEN_METEO_GEOCODING_URL": _fake_server.base_url,
        "TEST_OPEN_METEO_READ_TIMEOUT_S": "10",
    }
    with django_db_blocker.unblock():
        worker = WorkerProcess(
            tmp_path_factory.mktemp("celery"), list(SESSION_QUEUES), env=upstream
        ).start()
    yield worker
    worker.stop()


@pytest.fixture
def start_worker(tmp_path) -> Iterator[Callable[..., WorkerProcess]]:
    """Starts extra workers (own queues, own environment); all are stopped after the test."""
    workers: list[WorkerProcess] = []

    def start(
        queues: list[str],
        *,
        concurrency: int = 1,
        env: dict[str, str] | None = None,
        preexec_fn: Callable[[], None] | None = None,
    ) -> WorkerProcess:
        _extra_queues.update(q for q in queues if q not in SESSION_QUEUES)
        worker = WorkerProcess(
            tmp_path, queues, concurrency=concurrency, env=env, preexec_fn=preexec_fn
        )
        workers.append(worker)
        return worker.start()

    yield start
    for worker in workers:
        worker.stop()


@pytest.fixture
def private_queue() -> str:
    """A queue name of its own, for a test whose messages the session worker must not take."""
    name = f"{SESSION_PREFIX}.{uuid.uuid4().hex[:8]}"
    _extra_queues.add(name)
    return name


@contextlib.contextmanager
def broker_url(url: str) -> Iterator[None]:
    """Points this process's publishing (the web side) at another broker, e.g. a closed port."""
    from server_config.celery import app

    def drop_connections():
        # Only our references: kombu keeps one pool per broker URL and hands the real
        # broker's pool (still open) back when the URL is restored.
        app._pool = None
        app.amqp._producer_pool = None

    previous = app.conf.broker_url
    drop_connections()
    app.conf.broker_url = url
    try:
        yield
    finally:
        drop_connections()
        app.conf.broker_url = previous


@pytest.fixture
def ops_token(settings) -> str:
    settings.OPS_API_TOKEN = f"ops-{uuid.uuid4().hex}"
    return settings.OPS_API_TOKEN
