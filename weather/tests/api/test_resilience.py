"""Upstream faults, caching, single flight, stale serving, throttling, database outages."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from weather.api.throttles import SearchThrottle
from weather.models import WeatherSearch
from weather.testing.sockets import SilentServer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fault", "status", "code"),
    [
        ({"mode": "slow", "delay": 3}, 504, "upstream_timeout"),
        ({"mode": "status", "status": 500}, 502, "upstream_error"),
        ({"mode": "status", "status": 503}, 502, "upstream_error"),
        ({"mode": "status", "status": 429}, 503, "upstream_unavailable"),
        ({"mode": "status", "status": 400}, 502, "upstream_error"),
        ({"mode": "garbage"}, 502, "upstream_error"),
    ],
)
def test_upstream_faults_become_clear_errors(api, fake_open_meteo, fault, status, code):
    fake_open_meteo.fail(endpoint="forecast", **fault)
    started = time.monotonic()
    response = api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert time.monotonic() - started < 5  # bounded by the timeouts, never a hang
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert "Open-Meteo" in error["message"]
    assert WeatherSearch.objects.count() == 0


def test_geocoding_outage_is_a_clear_error(api, fake_open_meteo):
    fake_open_meteo.fail(endpoint="geocoding", status=502)
    response = api.get("/api/v1/locations/", {"q": "Par"})
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "upstream_error"


def test_cached_forecast_and_geocoding_make_no_second_upstream_call(api, fake_open_meteo):
    api.get("/api/v1/weather/", {"city": "Paris"})
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}
    second = api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert second.status_code == 201
    assert fake_open_meteo.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}
    assert WeatherSearch.objects.count() == 1  # the search, not the read, is recorded


def test_forecast_is_fetched_again_once_the_ttl_expires(api, fake_open_meteo, settings):
    settings.FORECAST_CACHE_TTL_S = 0
    api.get("/api/v1/weather/", {"city": "Paris"})
    api.get("/api/v1/weather/", {"city": "Paris"})
    assert fake_open_meteo.calls["forecast"] == 2


def test_stale_forecast_is_served_when_upstream_fails(api, fake_open_meteo, settings):
    fresh = api.get("/api/v1/weather/", {"city": "Paris"}).json()
    settings.FORECAST_CACHE_TTL_S = 0  # everything cached is now stale
    fake_open_meteo.fail(endpoint="forecast", status=503)
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["stale"] is True
    assert body["current"] == fresh["current"]
    search = api.post("/api/v1/searches/", {"city": "Paris"}, format="json").json()
    assert search["stale"] is True
    assert WeatherSearch.objects.get(public_id=search["id"]).stale is True


def test_without_a_cached_copy_an_outage_is_an_error(api, fake_open_meteo):
    fake_open_meteo.fail(endpoint="forecast", status=503)
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 502


@pytest.mark.django_db(transaction=True)
def test_concurrent_cold_requests_make_one_upstream_call(fake_open_meteo_server, start_gunicorn):
    # Four gunicorn processes: the lock must hold across processes, not just threads.
    base = start_gunicorn(
        {
            "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
            "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        },
        workers=4,
    )
    fake_open_meteo_server.set_latency(0.3)  # keep the window for a duplicate call wide open
    with ThreadPoolExecutor(max_workers=50) as pool:
        responses = list(
            pool.map(
                lambda _: requests.post(
                    f"{base}/api/v1/searches/", json={"city": "Tokyo"}, timeout=30
                ),
                range(50),
            )
        )
    assert [r.status_code for r in responses] == [201] * 50, responses[0].text
    assert fake_open_meteo_server.calls == {"geocoding": 1, "forecast": 1, "forecast_locations": 1}
    assert WeatherSearch.objects.count() == 50
    assert {r.json()["current"]["temperature"] for r in responses} == {
        responses[0].json()["current"]["temperature"]
    }


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_during_an_outage_share_one_failure(fake_open_meteo, settings):
    from weather.providers import Place, ProviderUnavailable
    from weather.services import searches as services

    settings.OPEN_METEO_MAX_RETRIES = 0
    fake_open_meteo.set_latency(0.3)
    fake_open_meteo.fail(endpoint="forecast", status=503)
    place = Place(id=1850147, name="Tokyo", latitude=35.6895, longitude=139.69171)

    def fetch(_):
        try:
            services.get_forecast(place)
        except ProviderUnavailable:
            return "failed"
        return "ok"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(fetch, range(20)))
    assert outcomes == ["failed"] * 20
    assert fake_open_meteo.calls["forecast"] == 1


@pytest.fixture
def low_search_rate(monkeypatch):
    monkeypatch.setitem(SearchThrottle.THROTTLE_RATES, "search", "3/min")


def test_search_throttle_answers_429_with_retry_after(api, fake_open_meteo, low_search_rate):
    for _ in range(3):
        assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "throttled"
    assert error["retry_after"] == int(response["Retry-After"])
    # Reads of stored searches are not throttled.
    assert api.get("/api/v1/searches/").status_code == 200


def test_throttle_counts_the_client_behind_one_proxy(api, fake_open_meteo, low_search_rate):
    def search(forwarded_for):
        return api.get("/api/v1/weather/", {"city": "Paris"}, HTTP_X_FORWARDED_FOR=forwarded_for)

    # The proxy appends the real client address; what the client claims before it is ignored.
    for spoofed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert search(f"{spoofed}, 203.0.113.7").status_code == 200
    assert search("4.4.4.4, 203.0.113.7").status_code == 429
    assert search("198.51.100.9").status_code == 200  # another client has its own budget


def test_forwarded_for_is_ignored_from_outside_the_proxy(api, fake_open_meteo, low_search_rate):
    def search(forwarded_for):
        return api.get(
            "/api/v1/weather/",
            {"city": "Paris"},
            REMOTE_ADDR="198.51.100.20",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    # A client talking to gunicorn directly cannot pose as others to dodge its limit.
    for claimed in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        assert search(claimed).status_code == 200
    assert search("4.4.4.4").status_code == 429


def test_forwarded_proto_is_believed_from_the_proxy_only(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True

    def get(peer):
        return client.get("/api/v1/searches/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_PROTO="https")

    assert get("127.0.0.1").status_code == 200  # our proxy says the browser used HTTPS
    # Anyone else claiming HTTPS over plain HTTP is sent to HTTPS instead of being believed.
    response = get("198.51.100.20")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db(transaction=True)
def test_database_down_is_a_quick_503(start_gunicorn, fake_open_meteo_server):
    # 10.255.255.1 swallows packets, so this exercises the connect timeout, not a refusal.
    base = start_gunicorn(
        {
            "DATABASE_URL": "postgres://postgres@10.255.255.1:5432/weather",
            "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
            "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        }
    )
    for method, path in (
        ("post", "/api/v1/searches/"),
        ("get", "/api/v1/searches/"),
        ("get", "/api/v1/stats/"),
    ):
        started = time.monotonic()
        # A visitor's session: its history is read from the database (none: no query).
        response = requests.request(
            method,
            f"{base}{path}",
            json={"city": "Paris"},
            cookies={"sessionid": "s" * 32},
            timeout=10,
        )
        assert time.monotonic() - started < 3
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "database_unavailable"
    ready = requests.get(f"{base}/api/v1/health/ready/", timeout=10)
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"]["status"] == "down"
    assert ready.json()["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db(transaction=True)
def test_a_request_line_over_gunicorns_limit_is_a_json_414(start_gunicorn):
    base = start_gunicorn(workers=1)
    response = requests.get(f"{base}/api/v1/weather/", params={"city": "x" * 5000}, timeout=10)
    assert response.status_code == 414
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "uri_too_long"


@pytest.mark.django_db(transaction=True)
def test_with_redis_down_the_api_answers_from_memory_and_says_degraded(
    start_gunicorn, fake_open_meteo_server
):
    base = start_gunicorn(
        {
            "TEST_REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
            "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        },
        workers=1,
    )
    for _ in range(2):
        weather = requests.get(f"{base}/api/v1/weather/", params={"city": "Paris"}, timeout=10)
        assert weather.status_code == 200
    assert fake_open_meteo_server.calls["forecast"] == 1  # the second came from memory
    search = requests.post(f"{base}/api/v1/searches/", json={"city": "Paris"}, timeout=10)
    assert search.status_code == 201
    assert WeatherSearch.objects.filter(public_id=search.json()["id"]).exists()
    assert requests.get(f"{base}/api/v1/locations/", params={"q": "Par"}, timeout=10).ok
    ready = requests.get(f"{base}/api/v1/health/ready/", timeout=10)
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["cache"]["status"] == "degraded"


@pytest.mark.django_db(transaction=True)
def test_a_hanging_redis_costs_one_timeout_per_outage_window_not_one_per_request(
    start_gunicorn, fake_open_meteo_server
):
    silent = SilentServer()
    base = start_gunicorn(
        {
            "TEST_REDIS_URL": f"redis://127.0.0.1:{silent.port}/0",
            "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
            "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
        },
        workers=1,
    )
    before = silent.accepted
    # Throttle, budget and cache each reach for Redis on every search; each attempt would
    # hang for the socket timeout. Once one has failed, all of them leave Redis alone for a
    # few seconds.
    for _ in range(10):
        search = requests.post(f"{base}/api/v1/searches/", json={"city": "Paris"}, timeout=10)
        assert search.status_code == 201
    assert silent.accepted - before <= 3
