"""Reads anyone may ask for stay bounded: /stats/ counts at most the retention period (so
cycling `days` cannot miss its cache) and lists a bounded number of places, the history is
paged by cursor without COUNT(*), and both are throttled."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from weather.api.throttles import ReadThrottle
from weather.tests.factories import LocationFactory, WeatherSearchFactory

pytestmark = pytest.mark.django_db


def test_stats_count_at_most_the_retention_period_and_say_so(api, settings):
    settings.SEARCH_RETENTION_DAYS = 30
    assert api.get("/api/v1/stats/", {"days": 7}).json()["days"] == 7
    assert api.get("/api/v1/stats/", {"days": 3650}).json()["days"] == 30


def test_cycling_days_beyond_the_retention_period_is_answered_from_the_cache(
    api, settings, django_assert_num_queries
):
    settings.SEARCH_RETENTION_DAYS = 30
    assert api.get("/api/v1/stats/", {"days": 30}).status_code == 200
    with django_assert_num_queries(0):
        for days in (31, 90, 365, 999, 3650):
            assert api.get("/api/v1/stats/", {"days": days}).status_code == 200


def test_temperature_by_city_lists_the_most_searched_places_only(api):
    places = [LocationFactory(geonames_id=8_000_000 + n, name=f"Town {n:02}") for n in range(55)]
    for place in places[:50]:
        WeatherSearchFactory.create_batch(2, location=place)
    for place in places[50:]:
        WeatherSearchFactory(location=place)
    rows = api.get("/api/v1/stats/").json()["temperature_by_city"]
    assert len(rows) == 50
    assert [r["name"] for r in rows] == [f"Town {n:02}" for n in range(50)]  # by name


def test_a_history_page_runs_no_count(api, ops_token):
    WeatherSearchFactory.create_batch(25)  # no owner: an operator sees them all
    operator = {"HTTP_AUTHORIZATION": f"Bearer {ops_token}"}
    with CaptureQueriesContext(connection) as queries:
        first = api.get("/api/v1/searches/", **operator).json()
        assert first["next"]
        api.get(first["next"], **operator)
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert not [q["sql"] for q in queries if "OFFSET" in q["sql"].upper()]


@pytest.mark.parametrize("path", ["/api/v1/searches/", "/api/v1/stats/"])
def test_public_reads_are_throttled(api, monkeypatch, path):
    monkeypatch.setitem(ReadThrottle.THROTTLE_RATES, "read", "2/min")
    assert [api.get(path).status_code for _ in range(3)] == [200, 200, 429]
