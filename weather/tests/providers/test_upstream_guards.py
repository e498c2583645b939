"""The Open-Meteo budget and circuit breaker, against real Redis and the fake upstream."""

import pytest

from weather.api.throttles import SearchThrottle
from weather.infra.client_identity import client_key
from weather.providers import breaker, budget
from weather.testing.concurrency import run_together

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_budget(settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 5
    settings.OPEN_METEO_BUDGET_PER_HOUR = 8
    settings.OPEN_METEO_BUDGET_PER_DAY = 100


def test_the_budget_refuses_the_call_past_its_minute_limit(small_budget):
    budget.spend(3)
    budget.spend(2)
    with pytest.raises(budget.BudgetExhausted) as refused:
        budget.spend(1)
    assert refused.value.window == "minute"
    assert 0 < refused.value.retry_after <= 60
    assert budget.usage()["minute"] == {"used": 5, "limit": 5}  # the refused call took nothing


def test_the_budget_spends_nothing_when_any_window_is_full(small_budget, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 100
    budget.spend(8)
    with pytest.raises(budget.BudgetExhausted) as refused:
        budget.spend(1)
    assert refused.value.window == "hour"
    assert budget.usage()["minute"]["used"] == 8


def test_concurrent_spenders_never_overspend(settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 50

    def spender() -> int:
        granted = 0
        for _ in range(20):
            try:
                budget.spend(1)
                granted += 1
            except budget.BudgetExhausted:
                pass
        return granted

    assert sum(run_together([spender] * 8)) == 50
    assert budget.usage()["minute"]["used"] == 50


def test_a_spent_budget_is_a_503_with_retry_after_and_no_upstream_call(
    api, fake_open_meteo, settings
):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 0
    response = api.get("/api/v1/weather/", {"city": "Paris"})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "upstream_budget_exhausted"
    assert int(response["Retry-After"]) >= 1
    assert sum(fake_open_meteo.calls.values()) == 0


def test_the_circuit_opens_after_a_storm_and_fails_fast(api, fake_open_meteo, settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 3
    settings.OPEN_METEO_MAX_RETRIES = 0
    fake_open_meteo.fail(status=429)
    for city in ("Paris", "Berlin", "Madrid"):
        assert api.get("/api/v1/weather/", {"city": city}).status_code == 503
    calls = sum(fake_open_meteo.calls.values())
    assert calls == 3
    fast = api.get("/api/v1/weather/", {"city": "Rome"})
    assert fast.status_code == 503
    assert int(fast["Retry-After"]) >= 1
    assert sum(fake_open_meteo.calls.values()) == calls  # open: no call went out
    ready = api.get("/api/v1/health/ready/")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["upstream"]["circuit"] == "open"


def test_an_open_circuit_serves_the_stale_forecast(api, fake_open_meteo, settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 1
    settings.OPEN_METEO_MAX_RETRIES = 0
    settings.FORECAST_CACHE_TTL_S = 0  # every entry is stale at once, but kept
    assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    fake_open_meteo.fail(status=503)
    stale = api.get("/api/v1/weather/", {"city": "Paris"})
    assert stale.status_code == 200
    assert stale.json()["stale"] is True
    assert breaker.state()["circuit"] == "open"
    calls = sum(fake_open_meteo.calls.values())
    assert api.get("/api/v1/weather/", {"city": "Paris"}).json()["stale"] is True
    assert sum(fake_open_meteo.calls.values()) == calls


def test_after_the_cooldown_one_probe_closes_the_circuit(fake_open_meteo, settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 1
    settings.OPEN_METEO_BREAKER_COOLDOWN_S = 0
    breaker.record_failure()
    assert breaker.state()["circuit"] == "half_open"
    breaker.before_call()  # this caller probes
    with pytest.raises(breaker.CircuitOpen):
        breaker.before_call()  # the others wait for the probe
    breaker.record_success()
    assert breaker.state() == {"circuit": "closed"}
    breaker.before_call()


def test_a_failed_probe_opens_the_circuit_again(settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 1
    settings.OPEN_METEO_BREAKER_COOLDOWN_S = 0
    breaker.record_failure()
    breaker.before_call()
    settings.OPEN_METEO_BREAKER_COOLDOWN_S = 60
    breaker.record_failure()
    assert breaker.state()["circuit"] == "open"
    with pytest.raises(breaker.CircuitOpen):
        breaker.before_call()


def test_a_long_retry_after_keeps_the_circuit_open_that_long(settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 1
    breaker.record_failure(retry_after=3600)
    assert breaker.state()["retry_after"] > 3000


def test_an_unknown_location_id_costs_one_upstream_call(api, fake_open_meteo):
    for _ in range(3):
        response = api.get("/api/v1/weather/", {"location_id": 999_999_999})
        assert response.status_code == 404
    assert sum(fake_open_meteo.calls.values()) == 1


def test_ipv6_clients_are_throttled_per_64(api, fake_open_meteo, monkeypatch):
    monkeypatch.setitem(SearchThrottle.THROTTLE_RATES, "search", "3/min")

    def weather(address):
        return api.get("/api/v1/weather/", {"city": "Paris"}, REMOTE_ADDR=address)

    for host in range(1, 4):  # a fresh address in one /64 for every request
        assert weather(f"2001:db8:1:2::{host}").status_code == 200
    assert weather("2001:db8:1:2:ffff::9").status_code == 429
    assert weather("2001:db8:1:3::1").status_code == 200  # the next /64 is someone else


def test_an_ipv4_mapped_address_counts_as_its_ipv4_client():
    assert client_key("::ffff:192.0.2.7") == "192.0.2.7"
    assert client_key("192.0.2.7") == "192.0.2.7"
    assert client_key("2001:db8::1") == "2001:db8::/64"
