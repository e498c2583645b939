"""Fixtures: the fake Open-Meteo server, a schema-checking API client, gunicorn processes."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
import requests
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from rest_framework.test import APIClient

from weather import caching, services
from weather.testing import processes
from weather.testing.fake_open_meteo import FakeOpenMeteoServer

pytest_plugins = ["weather.tests.celery_worker"]  # real Celery worker fixtures


# --- The outside world ----------------------------------------------------------------------


class FakeOpenMeteo:
    """Test-side handle on the fake server: faults, weather overrides, call counts."""

    def __init__(self, server: FakeOpenMeteoServer):
        self.server = server
        self.base_url = server.base_url

    @property
    def calls(self) -> dict[str, int]:
        with self.server.state.lock:
            return dict(self.server.state.calls)

    def fail(
        self, mode="status", *, endpoint="all", status=503, delay=0.0, count=None, retry_after=None
    ) -> None:
        requests.post(
            f"{self.base_url.removesuffix('/v1')}/__fake__/faults",
            json={
                "mode": mode,
                "endpoint": endpoint,
                "status": status,
                "delay": delay,
                "count": count,
                "retry_after": retry_after,
            },
            timeout=2,
        ).raise_for_status()

    def set_weather(self, city_id: int, **values) -> None:
        with self.server.state.lock:
            self.server.state.overrides[city_id] = values

    def set_latency(self, seconds: float) -> None:
        with self.server.state.lock:
            self.server.state.latency = seconds


@pytest.fixture(scope="session")
def _fake_server():
    server = FakeOpenMeteoServer(port=0)
    server.start_in_thread()
    yield server
    server.shutdown()


@pytest.fixture
def fake_open_meteo(_fake_server, settings) -> FakeOpenMeteo:
    _fake_server.state.reset()
    settings.OPEN_METEO_FORECAST_URL = _fake_server.base_url
    settings.OPEN_METEO_GEOCODING_URL = _fake_server.base_url
    return FakeOpenMeteo(_fake_server)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts cold. A real process only ever empties its in-process memos (cachetools
    objects) by expiry and size; a test's rows and Redis entries vanish at once, so the memos
    in front of them must too."""
    cache.clear()
    caching.local_entries.clear()
    services.known_locations.clear()


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
            response.wsgi_request.path.startswith("/api/v1/")
            and "/schema/" not in response.wsgi_request.path
            and "/docs/" not in response.wsgi_request.path
        ):
            self.spec.validate_response(
                DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
            )
        return response


@pytest.fixture
def api(openapi_spec) -> SchemaCheckingClient:
    client = SchemaCheckingClient()
    client.spec = openapi_spec
    return client


# --- Real gunicorn processes ---------------------------------------------------------------


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


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
