"""The one counter (weather.infra.counters) and the limits built on it, against the real Redis,
a Redis that loses keys at the worst moment, and no Redis at all."""

import contextlib
import socket
import threading
import time

import pytest
import redis
from django.core.cache import cache

from weather.api.throttles import SearchThrottle
from weather.infra import counters
from weather.infra.counters import Counter
from weather.jobs import bulk
from weather.providers import breaker, budget
from weather.testing.concurrency import run_together
from weather.tests.factories import LocationFactory, LocationStatisticsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["redis", "redis_unreachable", "embedded_cache"])
def any_cache(request):
    if request.param != "redis":
        request.getfixturevalue(request.param)
    return request.param


def test_concurrent_takers_never_pass_the_limit(any_cache):
    def taker() -> int:
        counter = Counter("k:concurrent", window_s=60, limit=50)
        return sum(counters.take([counter]).granted for _ in range(20))

    assert sum(run_together([taker] * 8)) == 50
    assert counters.read(["k:concurrent"]) == [50]


def test_a_refused_take_counts_nothing_and_says_when_the_window_ends(any_cache):
    both = [Counter("k:short", window_s=60, limit=5), Counter("k:long", window_s=3600, limit=9)]
    assert counters.take(both, 4).counts == (4, 4)
    refused = counters.take(both, 2)
    assert (refused.granted, refused.full, refused.counts) == (False, 0, (4, 4))
    assert 55 < refused.retry_after <= 60
    assert counters.read(["k:short", "k:long", "k:unused"]) == [4, 4, 0]


def test_a_window_ends_and_counting_starts_again(any_cache):
    assert counters.count("k:window", window_s=1) == 1
    assert counters.count("k:window", window_s=1) == 2
    time.sleep(1.1)
    assert counters.count("k:window", window_s=1) == 1
    counters.reset("k:window")
    assert counters.read(["k:window"]) == [0]


# --- A key that expires between two steps ----------------------------------------------------


class KeyLosingProxy:
    """A TCP proxy in front of Redis that deletes the keys containing `fragment` just before
    each command that names them, except the first: a key expiring at the worst moment."""

    def __init__(self, upstream_url: str, fragment: bytes):
        self.upstream = redis.Redis.from_url(upstream_url)
        self.fragment = fragment
        self.mentions = 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        pool = self.upstream.connection_pool.connection_kwargs
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection((pool["host"], pool["port"]))
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, source, target, from_client):
        while chunk := source.recv(65536):
            if from_client and self.fragment in chunk:
                self.mentions += 1
                if self.mentions > 1:
                    doomed = self.upstream.keys(b"*" + self.fragment + b"*")
                    if doomed:
                        self.upstream.delete(*doomed)
            target.sendall(chunk)
        target.close()

    def close(self):
        # Shut down first: closing alone leaves the accepting thread blocked on a listener.
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


def test_the_admin_login_limiter_survives_its_key_expiring_between_steps(client, settings):
    upstream = settings.CACHES["default"]["LOCATION"]
    proxy = KeyLosingProxy(upstream, b"admin-login:")
    db = redis.Redis.from_url(upstream).connection_pool.connection_kwargs.get("db", 0)
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/{db}",
        }
    }
    settings.ADMIN_LOGIN_ATTEMPTS_PER_MINUTE = 3
    attempt = {"username": "ops", "password": "guess"}
    try:
        for _ in range(3):
            response = client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.7")
            assert response.status_code == 200  # the login form again, never a 500
        assert proxy.mentions >= 3
        assert not cache.degraded  # Redis answered all along
    finally:
        proxy.close()


# --- With Redis unreachable, every limit still holds (per process) --------------------------


def test_without_redis_the_search_throttle_holds(
    redis_unreachable, api, fake_open_meteo, monkeypatch
):
    monkeypatch.setitem(SearchThrottle.THROTTLE_RATES, "search", "3/min")
    for _ in range(3):
        assert api.get("/api/v1/weather/", {"city": "Paris"}).status_code == 200
    refused = api.get("/api/v1/weather/", {"city": "Paris"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert cache.degraded


def test_without_redis_each_process_spends_only_its_share_of_the_budget(
    redis_unreachable, settings
):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 10
    settings.OPEN_METEO_BUDGET_PROCESSES = 2  # each process alone may spend 10 / 2
    budget.spend(5)
    with pytest.raises(budget.BudgetExhausted) as refused:
        budget.spend(1)
    assert refused.value.window == "minute"
    assert 0 < refused.value.retry_after <= 60
    assert budget.usage()["minute"] == {"used": 5, "limit": 10}
    assert cache.degraded


def test_without_redis_background_work_spends_nothing(redis_unreachable, settings):
    settings.OPEN_METEO_BUDGET_PROCESSES = 1
    with budget.background(), pytest.raises(budget.BudgetExhausted):
        budget.spend(1)
    budget.spend(1)  # an interactive search still may
    assert budget.usage()["minute"]["used"] == 1


def test_background_work_leaves_the_interactive_share_of_every_window(settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 100
    settings.OPEN_METEO_BUDGET_PER_HOUR = 10
    settings.OPEN_METEO_BUDGET_INTERACTIVE_SHARE = 0.5
    with budget.background():
        budget.spend(5)
        with pytest.raises(budget.BudgetExhausted) as refused:
            budget.spend(1)
    assert refused.value.window == "hour"
    budget.spend(5)  # the reserved half is still there for searches
    with pytest.raises(budget.BudgetExhausted):
        budget.spend(1)
    assert budget.usage()["hour"]["used"] == 10


def test_interactive_spending_past_the_share_stops_background_work(settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 10
    settings.OPEN_METEO_BUDGET_INTERACTIVE_SHARE = 0.5
    budget.spend(6)
    with budget.background(), pytest.raises(budget.BudgetExhausted):
        budget.spend(1)


def test_warming_stops_short_of_the_interactive_share(fake_open_meteo, settings):
    settings.OPEN_METEO_BUDGET_PER_MINUTE = 4
    settings.OPEN_METEO_BUDGET_INTERACTIVE_SHARE = 0.5  # background may spend 2 a minute
    for place, searches in (({"berlin": True}, 50), ({"yakutsk": True}, 20), ({}, 10)):
        LocationStatisticsFactory(location=LocationFactory(**place), search_count=searches)
    summary = bulk.warm_popular_places(top=3, ahead_s=60)
    assert summary["failed"] == 3  # one batch of three would pass the background share
    assert sum(fake_open_meteo.calls.values()) == 0
    budget.spend(4)  # searches still have the whole minute


def test_without_redis_the_circuit_opens_and_closes(redis_unreachable, settings):
    settings.OPEN_METEO_BREAKER_FAILURES = 2
    settings.OPEN_METEO_BREAKER_COOLDOWN_S = 60
    breaker.record_failure()
    assert breaker.state() == {"circuit": "closed"}
    breaker.record_failure()
    assert breaker.state()["circuit"] == "open"
    with pytest.raises(breaker.CircuitOpen):
        breaker.before_call()
    breaker.record_success()
    assert breaker.state() == {"circuit": "closed"}
    breaker.record_failure()  # counting starts again from zero
    assert breaker.state() == {"circuit": "closed"}
    assert cache.degraded


def test_without_redis_admin_logins_are_still_limited(redis_unreachable, client, settings):
    settings.ADMIN_LOGIN_ATTEMPTS_PER_MINUTE = 2
    attempt = {"username": "ops", "password": "guess"}
    for _ in range(2):
        assert client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.7").status_code == 200
    assert client.post("/admin/login/", attempt, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert cache.degraded
