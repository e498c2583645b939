"""Fixtures: the fake Open-Meteo (in this process or on a port), a schema-checking API client,
what a test watches (the app's log, a webhook receiver, the mail sink, another database
session), gunicorn processes."""

from __future__ import annotations

import copy
import gzip
import io
import json
import logging
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import psycopg2
import pytest
import requests
import responses
from django.core.cache import cache
from django.db.backends.signals import connection_created
from drf_spectacular.generators import SchemaGenerator
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from rest_framework.test import APIClient

from weather.infra import process_state
from weather.infra.log_redaction import RedactSecretsFilter
from weather.testing import fake_open_meteo as fake_open_meteo_module
from weather.testing import processes
from weather.testing.fake_open_meteo import FakeOpenMeteoServer, FakeState, FaultPlan
from weather.testing.mail_sink import MailSink
from weather.testing.processes import database_url
from weather.testing.webhook_receiver import WebhookReceiver

pytest_plugins = ["weather.tests.celery_worker"]  # real Celery worker fixtures


# --- The outside world ----------------------------------------------------------------------


class FakeOpenMeteo:
    """Test-side handle on the fake: faults, weather overrides, call counts."""

    def __init__(self, state: FakeState, base_url: str):
        self.state = state
        self.base_url = base_url

    @property
    def calls(self) -> dict[str, int]:
        with self.state.lock:
            return dict(self.state.calls)

    def fail(
        self, mode="status", *, endpoint="all", status=503, delay=0.0, count=None, retry_after=None
    ) -> None:
        plan = FaultPlan(mode, status=status, delay=delay, retry_after=retry_after, count=count)
        self.state.add_fault(endpoint, plan)

    def set_weather(self, city_id: int, **values) -> None:
        with self.state.lock:
            self.state.overrides[city_id] = values

    def set_latency(self, seconds: float) -> None:
        with self.state.lock:
            self.state.latency = seconds

    def require_api_key(self, key: str) -> None:
        with self.state.lock:
            self.state.api_key = key


# Never resolved: with `fake_open_meteo`, Open-Meteo is answered inside this process.
IN_PROCESS_BASE_URL = "http://open-meteo.test/v1"


def _answer_in_process(state: FakeState):
    """A `responses` callback that answers as the fake server would, timeouts included."""

    def reply(request):
        url = urlsplit(request.url)
        params = {k: ",".join(v) for k, v in parse_qs(url.query).items()}
        answer = fake_open_meteo_module.answer(state, url.path, params)
        timeout = request.req_kwargs.get("timeout")
        read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
        if read_timeout is not None and answer.delay >= read_timeout:
            time.sleep(read_timeout)
            raise requests.ReadTimeout(f"no answer within {read_timeout} s")
        time.sleep(answer.delay)
        return (
            answer.status,
            {"Content-Type": answer.content_type, **answer.headers},
            answer.encoded(),
        )

    return reply


@pytest.fixture
def fake_open_meteo(settings) -> Iterator[FakeOpenMeteo]:
    """Open-Meteo for upstream calls made by this process: the fake's answers and faults,
    replayed at the HTTP layer by `responses` (no port, no thread)."""
    state = FakeState()
    settings.OPEN_METEO_FORECAST_URL = IN_PROCESS_BASE_URL
    settings.OPEN_METEO_GEOCODING_URL = IN_PROCESS_BASE_URL
    settings.OPEN_METEO_AIR_QUALITY_URL = IN_PROCESS_BASE_URL
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(re.compile(r"^https?://(127\.0\.0\.1|localhost)[:/]"))  # our own servers
        mock.add_callback(
            responses.GET,
            re.compile(re.escape(IN_PROCESS_BASE_URL) + "/"),
            callback=_answer_in_process(state),
            content_type=None,
        )
        yield FakeOpenMeteo(state, IN_PROCESS_BASE_URL)


def serve_fake_open_meteo() -> Iterator[FakeOpenMeteoServer]:
    """The fake on a free port, served by a thread of this process until the fixture ends."""
    server = FakeOpenMeteoServer(port=0)
    server.start_in_thread()
    yield server
    server.shutdown()
    server.server_close()


# One for the whole suite: the session worker and the gunicorns of the tests call it.
_fake_server = pytest.fixture(scope="session", name="_fake_server")(serve_fake_open_meteo)


@pytest.fixture
def fake_open_meteo_server(_fake_server, settings) -> FakeOpenMeteo:
    """The fake on a real port, for upstream calls made by other processes (gunicorn)."""
    _fake_server.state.reset()
    settings.OPEN_METEO_FORECAST_URL = _fake_server.base_url
    settings.OPEN_METEO_GEOCODING_URL = _fake_server.base_url
    settings.OPEN_METEO_AIR_QUALITY_URL = _fake_server.base_url
    return FakeOpenMeteo(_fake_server.state, _fake_server.base_url)


def _let_workers_lose_deadlocks(sender, connection, **kwargs) -> None:
    """A worker still processing a test's search can deadlock with the test's database flush
    (TRUNCATE). PostgreSQL ends the transaction that checks first, after its
    deadlock_timeout (1 s): this process checks later, so the worker's task is the one ended
    (and retried), never the flush."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET deadlock_timeout = '10s'")


connection_created.connect(_let_workers_lose_deadlocks)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts cold. A real process only ever empties its in-process memos (cachetools
    objects, the last readiness round) by expiry and size; a test's rows and Redis entries
    vanish at once, so everything the process keeps for itself must too."""
    cache.clear()
    process_state.reset()


@pytest.fixture
def redis_unreachable(settings):
    """The cache pointed at a port nobody listens on: every Redis call is refused, and the
    backend answers from this process's memory."""
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"}
    }


@pytest.fixture
def embedded_cache(settings):
    """The local-memory cache of a one-process run without Redis."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# --- Our API, checked against its own OpenAPI schema ---------------------------------------


@pytest.fixture(scope="session")
def openapi_spec() -> OpenAPI:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    # Round-trip through JSON so lazy strings and the like become plain values.
    return OpenAPI.from_dict(json.loads(json.dumps(schema, default=str)))


class SchemaCheckingClient(APIClient):
    """Every response to /api/v1/ must match the documented schema for its status code."""

    spec: OpenAPI

    def request(self, **kwargs):
        response = super().request(**kwargs)
        if (
            not response.streaming  # exports: checked by their own tests
            and response.wsgi_request.path.startswith("/api/v1/")
            and "/schema/" not in response.wsgi_request.path
            and "/docs/" not in response.wsgi_request.path
        ):
            self.spec.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(_read(response))
            )
        return response


def _read(response):
    """The response as a client reads it: decompressed, when the app compressed it."""
    if response.get("Content-Encoding") != "gzip":
        return response
    decompressed = copy.copy(response)
    decompressed.content = gzip.decompress(response.content)
    return decompressed


@pytest.fixture
def api(openapi_spec) -> SchemaCheckingClient:
    client = SchemaCheckingClient()
    client.spec = openapi_spec
    return client


# --- What a test watches ----------------------------------------------------------------------


class AppLog:
    """What the app's own log handler (settings.LOGGING) wrote: formatted lines with the
    request id, secrets redacted."""

    def __init__(self, stream: io.StringIO):
        self._stream = stream

    @property
    def text(self) -> str:
        return self._stream.getvalue()

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@pytest.fixture
def app_log() -> Iterator[AppLog]:
    (handler,) = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretsFilter) for f in handler.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield AppLog(stream)
    handler.setStream(previous)


@pytest.fixture
def start_webhook_receiver() -> Iterator[Callable[..., WebhookReceiver]]:
    """Starts local webhook endpoints (`status`, `location`: how they answer); all are closed
    after the test."""
    started: list[WebhookReceiver] = []

    def start(**answer) -> WebhookReceiver:
        started.append(WebhookReceiver(**answer))
        return started[-1]

    yield start
    for receiver in started:
        receiver.close()


@pytest.fixture
def webhook_receiver(start_webhook_receiver) -> WebhookReceiver:
    """A local webhook endpoint: point a setting or a worker at `.url`, read `.received`."""
    return start_webhook_receiver()


@pytest.fixture(scope="session")
def _mail_sink_process(tmp_path_factory) -> Iterator[MailSink]:
    with MailSink(tmp_path_factory.mktemp("mail")) as sink:
        yield sink


@pytest.fixture
def mail_sink(_mail_sink_process, settings) -> MailSink:
    """The local mail sink, a real SMTP server (server/mail-sink.py), emptied for this test;
    Django's SMTP backend sends to it. A worker or gunicorn started by the test gets it with
    `env={**mail_sink.environment}`."""
    sink = _mail_sink_process
    sink.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    return sink


@pytest.fixture
def other_db_session():
    """A second session on the test database (psycopg2, autocommit), e.g. to hold a lock the
    code under test must meet; closing it releases whatever it held."""
    from django.db import connection

    other = psycopg2.connect(database_url(connection.settings_dict))
    other.autocommit = True
    yield other
    other.close()


# --- Real gunicorn processes ---------------------------------------------------------------


@pytest.fixture
def start_gunicorn(request):
    """Starts gunicorn (production-like config, test settings) with extra environment."""
    started = []

    def start(env: dict[str, str] | None = None, workers: int = 2) -> str:
        from django.db import connection

        process, base = processes.start_gunicorn(
            {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "server_config.settings.test",
                "DATABASE_URL": database_url(connection.settings_dict),
                "GUNICORN_WORKERS": str(workers),
                "GUNICORN_LOG_LEVEL": "warning",
                # The test settings' 1 s upstream timeout is for in-process timeout tests; here
                # a loaded machine can take longer than that to answer, and callers waiting
                # for another's fetch give up after that timeout (a 503).
                "TEST_OPEN_METEO_READ_TIMEOUT_S": "10",
                **(env or {}),
            },
            stdout=subprocess.DEVNULL,
        )
        started.append(process)
        return base

    yield start
    for process in started:
        process.terminate()
    for process in started:
        process.wait(timeout=10)


# --- Operators ------------------------------------------------------------------------------


@pytest.fixture
def operator(django_user_model):
    """A signed-in user's account with operator rights: a member of the Operators group, as an
    admin grants them (not staff). The group is made again if an earlier test's flush emptied
    it (the permission itself comes back with every flush)."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Operators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="weather", codename="operate")
    )
    user = django_user_model.objects.create_user("operator", password="x")
    user.groups.add(group)
    return user
