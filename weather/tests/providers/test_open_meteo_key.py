"""A commercial Open-Meteo plan: OPEN_METEO_API_KEY goes with every call, and nowhere else."""

import json
import logging

import pytest
from django_redis import get_redis_connection

from weather.providers import open_meteo, open_meteo_batch
from weather.testing.processes import open_meteo_settings_line

pytestmark = pytest.mark.django_db

KEY = "om-test-key-5f3a9c"  # made up


@pytest.fixture
def keyed(settings):
    settings.OPEN_METEO_API_KEY = KEY
    return KEY


def test_with_a_key_every_call_carries_it(api, fake_open_meteo, keyed):
    fake_open_meteo.require_api_key(keyed)
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 200
    search = api.post("/api/v1/searches/", {"city": "Berlin"}, format="json")
    assert search.status_code == 201
    assert len(open_meteo_batch.get_forecasts([(48.85, 2.35), (52.52, 13.41)])) == 2
    assert open_meteo.get_place(2988507) is not None  # geocoding by id
    calls = fake_open_meteo.calls
    assert calls["geocoding"] >= 3 and calls["forecast"] >= 2


def test_a_customer_host_refuses_calls_without_the_key(api, fake_open_meteo, settings):
    settings.OPEN_METEO_API_KEY = ""
    fake_open_meteo.require_api_key(KEY)
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 502
    assert "API key" in response.json()["error"]["message"]


def _without_key(text: str) -> None:
    assert KEY not in text


def test_the_key_is_masked_in_every_log_line(api, fake_open_meteo_server, keyed, app_log, caplog):
    """Over a real port, urllib3 logs each URL with its query string at DEBUG."""
    fake_open_meteo_server.require_api_key(keyed)
    caplog.set_level(logging.DEBUG, logger="urllib3")
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    printed = app_log.text
    assert "apikey=[redacted]" in printed
    _without_key(printed)
    _without_key(caplog.text)


def test_an_unreachable_host_neither_logs_nor_answers_the_key(api, keyed, settings, app_log):
    # Nothing listens on port 9: the connection error quotes the URL, query string and all.
    settings.OPEN_METEO_GEOCODING_URL = "http://127.0.0.1:9/v1"
    settings.OPEN_METEO_MAX_RETRIES = 0
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code in (502, 503)
    _without_key(response.content.decode())
    printed = app_log.text
    assert "cannot reach" in printed and "[redacted]" in printed
    _without_key(printed)


def test_a_traceback_quoting_the_key_is_masked(keyed, app_log):
    try:
        raise RuntimeError(f"GET /v1/forecast?latitude=1&apikey={keyed} failed")
    except RuntimeError:
        logging.getLogger("weather").exception("upstream call failed")
    printed = app_log.text
    assert "Traceback" in printed and "apikey=[redacted]" in printed
    _without_key(printed)


def test_the_key_is_in_no_metric_and_no_cache_key(api, client, fake_open_meteo, keyed):
    fake_open_meteo.require_api_key(keyed)
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    _without_key(client.get("/metrics").content.decode())
    cache_keys = [key.decode() for key in get_redis_connection("default").keys("*")]
    assert cache_keys  # the forecast and the place were cached
    _without_key(" ".join(cache_keys))


def _open_meteo_settings(**env) -> dict:
    """The settings a fresh process reads from this environment."""
    code = (
        "import json; from django.conf import settings; print(json.dumps("
        "[settings.OPEN_METEO_API_KEY, settings.OPEN_METEO_FORECAST_URL,"
        " settings.OPEN_METEO_GEOCODING_URL]))"
    )
    key, forecast, geocoding = json.loads(open_meteo_settings_line(code, **env))
    return {"key": key, "forecast": forecast, "geocoding": geocoding}


def test_a_key_switches_the_default_hosts_to_the_customer_ones():
    assert _open_meteo_settings() == {
        "key": "",
        "forecast": "https://api.open-meteo.com/v1",
        "geocoding": "https://geocoding-api.open-meteo.com/v1",
    }
    # Empty is unset, as compose passes it; a URL that is set wins.
    assert _open_meteo_settings(OPEN_METEO_API_KEY=KEY, OPEN_METEO_FORECAST_URL="") == {
        "key": KEY,
        "forecast": "https://customer-api.open-meteo.com/v1",
        "geocoding": "https://customer-geocoding-api.open-meteo.com/v1",
    }
    mirror = "https://open-meteo.example.com/v1"
    assert _open_meteo_settings(OPEN_METEO_API_KEY=KEY, OPEN_METEO_GEOCODING_URL=mirror) == {
        "key": KEY,
        "forecast": "https://customer-api.open-meteo.com/v1",
        "geocoding": mirror,
    }
