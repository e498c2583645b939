"""Single flight, stale fallback and the in-process memos, against the real Redis (and the
embedded local-memory cache of the fallback mode)."""

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from weather.infra import caching
from weather.models import Location
from weather.providers import Place, ProviderTimeout
from weather.services import searches as services

TOKYO = Place(id=1850147, name="Tokyo", latitude=35.6895, longitude=139.69171)


class Boom(Exception):
    pass


def slow_counted_fetch(calls: list, value="fetched", seconds=0.3):
    def fetch():
        calls.append(threading.get_ident())
        time.sleep(seconds)
        return value

    return fetch


def cached(key, fetch, **overrides):
    options = {
        "fresh_s": 60,
        "keep_s": 600,
        "wait_s": 5,
        "lock_s": 10,
        "stale_on": (Boom,),
        "wait_timeout": lambda: Boom("waited too long"),
        **overrides,
    }
    return caching.get_or_fetch(key, fetch, **options)


@pytest.mark.parametrize("backend", ["redis", "embedded_cache", "redis_unreachable"])
def test_concurrent_callers_share_one_fetch(request, backend):
    if backend != "redis":
        request.getfixturevalue(backend)  # both fall back on the locks of this process
    calls: list = []
    fetch = slow_counted_fetch(calls)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda _: cached("k:shared", fetch).value, range(10)))
    assert results == ["fetched"] * 10
    assert len(calls) == 1


def test_an_error_the_caller_did_not_name_is_not_served_stale():
    assert cached("k:bug", lambda: "first").value == "first"

    def broken():
        raise ValueError("a bug, not an outage")

    with pytest.raises(ValueError):
        cached("k:bug", broken, fresh_s=0)


def test_a_named_error_is_answered_with_the_kept_copy():
    assert cached("k:stale", lambda: "first").value == "first"

    def outage():
        raise Boom("upstream down")

    answer = cached("k:stale", outage, fresh_s=0)
    assert (answer.value, answer.stale) == ("first", True)


def test_the_lock_outlives_the_providers_retries(fake_open_meteo, settings):
    # One attempt may take 0.5 s, but the leader retries twice with backoff (1.5-3 s in all).
    # A lock sized for one attempt would expire meanwhile and let a second caller fetch too.
    settings.OPEN_METEO_CONNECT_TIMEOUT_S = 0.2
    settings.OPEN_METEO_READ_TIMEOUT_S = 0.3
    settings.OPEN_METEO_MAX_RETRIES = 2
    settings.OPEN_METEO_BACKOFF_S = 0.5
    fake_open_meteo.fail(endpoint="forecast", status=503, count=2)

    def second_caller():
        time.sleep(1.2)
        # Giving up on waiting for the leader is fine, as long as it does not fetch itself.
        with contextlib.suppress(ProviderTimeout):
            services.get_forecast(TOKYO)

    with ThreadPoolExecutor(max_workers=2) as pool:
        leader = pool.submit(services.get_forecast, TOKYO)
        pool.submit(second_caller).result()
        assert leader.result().stale is False
    assert fake_open_meteo.calls["forecast"] == 3  # the leader's three attempts, nobody else's


@pytest.mark.django_db(transaction=True)
def test_a_remembered_location_deleted_meanwhile_is_written_again(
    api, fake_open_meteo, settings, private_queue
):
    # No worker processes these searches: one would add rows that refer to the location
    # while it is being deleted (or while the test's database is flushed).
    settings.CELERY_PROCESSING_QUEUE = private_queue
    assert api.post("/api/v1/searches/", {"city": "Paris"}, format="json").status_code == 201
    Location.objects.all().delete()  # an admin removes the row this process remembers
    response = api.post("/api/v1/searches/", {"city": "Paris"}, format="json")
    assert response.status_code == 201
    assert Location.objects.filter(geonames_id=2988507).count() == 1


def test_a_caller_right_after_a_failed_fetch_shares_the_failure():
    def outage():
        raise Boom("upstream down")

    with pytest.raises(Boom):
        cached("k:outage", outage)
    calls: list = []
    with pytest.raises(Boom):  # within seconds: not worth another upstream call
        cached("k:outage", slow_counted_fetch(calls, seconds=0))
    assert calls == []
