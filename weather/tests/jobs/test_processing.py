"""Processing a stored search, run in this process: statistics, idempotence, concurrency,
plain values, the webhook. (test_tasks.py runs it through a real worker.)"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.utils import timezone

from weather.jobs import processing
from weather.models import (
    LocationStatistics,
    Notification,
    WeatherSearch,
)
from weather.testing.concurrency import run_together
from weather.tests.factories import LocationFactory, WeatherSearchFactory, daily_rows, hourly_rows

pytestmark = pytest.mark.django_db


# --- Processing a search --------------------------------------------------------------------


def test_processing_marks_the_search_processed_with_the_documented_result():
    search = WeatherSearchFactory(
        temperature_c=1.0,
        forecast={
            "hourly": hourly_rows([1.0] * 24 + [-2.5] * 24),
            "daily": daily_rows(low=-3, high=4),
        },
    )
    outcome = processing.process_search(search.id)
    search.refresh_from_db()
    assert outcome["status"] == "processed"
    assert search.processing_status == "processed"
    assert search.processed_at is not None
    result = search.processing_result
    assert set(result) == {"statistics", "analysis", "notifications"}
    assert result["statistics"] == {
        "search_count": 1,
        "temperature_min": 1.0,
        "temperature_avg": 1.0,
        "temperature_max": 1.0,
        "first_searched_at": search.created_at.isoformat().replace("+00:00", "Z"),
        "last_searched_at": search.created_at.isoformat().replace("+00:00", "Z"),
    }
    assert result["analysis"] == {
        "comfort": "cold",
        "flags": ["frost"],
        "compared_to_today": "within",
        "compared_to_history": "first",
        "trend": {"direction": "cooling", "delta": -3.5},
    }
    assert result["notifications"] == [
        {
            "kind": "frost",
            "severity": "warning",
            "message": "Frost expected in Paris from 2026-11-30 17:00: down to -3.0 °C.",
            # The values the message says, to word it for any language and unit system.
            "wording": "frost",
            "quantity": "temperature",
            "peak": -3.0,
            "peak_at": "2026-11-29",
            "first": "2026-11-30 17:00",
            "place": "Paris",
        }
    ]
    notification = Notification.objects.get()
    assert notification.kind == "frost"
    assert notification.details["wording"] == "frost"
    assert notification.details["peak"] == -3.0


def test_processing_the_same_search_twice_counts_it_once():
    search = WeatherSearchFactory(temperature_c=-1.0)
    first = processing.process_search(search.id)
    second = processing.process_search(search.id)
    assert second == {
        "search_id": search.id,
        "status": "already_processed",
        "result": first["result"],
    }
    assert LocationStatistics.objects.get(location=search.location).search_count == 1
    assert Notification.objects.filter(search=search).count() == 1


def test_statistics_aggregate_every_search_of_a_location():
    location = LocationFactory()
    now = timezone.now()
    temps = [4.0, 10.0, None, 7.0]
    searches = [
        WeatherSearchFactory(
            location=location, temperature_c=t, created_at=now - dt.timedelta(hours=10 - i)
        )
        for i, t in enumerate(temps)
    ]
    for search in reversed(searches):  # processing order does not matter
        processing.process_search(search.id)
    stats = LocationStatistics.objects.get(location=location)
    assert (stats.search_count, stats.temperature_count) == (4, 3)
    assert (stats.temperature_min_c, stats.temperature_max_c) == (4.0, 10.0)
    assert stats.temperature_avg_c == pytest.approx(7.0)
    assert stats.first_searched_at == searches[0].created_at
    assert stats.last_searched_at == searches[-1].created_at


def test_history_comparison_uses_the_searches_before_this_one():
    location = LocationFactory()
    processing.process_search(WeatherSearchFactory(location=location, temperature_c=2.0).id)
    later = WeatherSearchFactory(location=location, temperature_c=9.0)
    result = processing.process_search(later.id)["result"]
    assert result["analysis"]["compared_to_history"] == "warmer"
    assert result["statistics"]["temperature_avg"] == 5.5


def test_a_deleted_search_is_reported_gone():
    with pytest.raises(processing.SearchGone):
        processing.process_search(987654321)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_of_one_search_count_it_once():
    search = WeatherSearchFactory(temperature_c=-1.0)
    outcomes = run_together([partial(processing.process_search, search.id)] * 4)
    assert sorted(o["status"] for o in outcomes) == ["already_processed"] * 3 + ["processed"]
    assert LocationStatistics.objects.get(location=search.location).search_count == 1
    assert Notification.objects.filter(search=search).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_searches_of_one_location_are_all_counted():
    location = LocationFactory()
    searches = [WeatherSearchFactory(location=location, temperature_c=float(t)) for t in range(6)]
    run_together([partial(processing.process_search, s.id) for s in searches])
    stats = LocationStatistics.objects.get(location=location)
    assert (stats.search_count, stats.temperature_sum_c) == (6, 15.0)
    assert (stats.temperature_min_c, stats.temperature_max_c) == (0.0, 5.0)


def test_plain_values_are_analysed_without_storing_anything():
    result = processing.analyse_values({"city": "Paris", "temperature": 20, "description": "Sunny"})
    assert result["city"] == "Paris"
    assert result["analysis"]["comfort"] == "comfortable"
    assert result["analysis"]["compared_to_history"] == "first"
    assert result["notifications"] == []
    assert not WeatherSearch.objects.exists()
    hot = processing.analyse_values({"city": "Phoenix", "temperature": 41, "wind_speed": 80})
    assert hot["analysis"]["flags"] == ["heat", "strong_wind"]


# --- Webhook --------------------------------------------------------------------------------


@pytest.fixture
def webhook(settings, webhook_receiver):
    """The bodies the processing POSTs to the operator's webhook."""
    settings.NOTIFY_WEBHOOK_URL = webhook_receiver.url
    return webhook_receiver.received


def test_notifications_are_posted_to_the_webhook_once(webhook):
    search = WeatherSearchFactory(temperature_c=-5.0)
    processing.process_search(search.id)
    processing.process_search(search.id)  # a redelivery: nothing left to deliver
    assert len(webhook) == 1
    assert webhook[0]["search_id"] == search.id
    assert webhook[0]["location"] == {"id": 2988507, "name": "Paris", "country": "France"}
    assert [n["kind"] for n in webhook[0]["notifications"]] == ["frost"]
    assert Notification.objects.get(search=search).webhook_delivered_at is not None


def test_a_failing_webhook_never_fails_processing_and_is_retried_on_redelivery(settings, webhook):
    url = settings.NOTIFY_WEBHOOK_URL
    settings.NOTIFY_WEBHOOK_URL = "http://127.0.0.1:9/hook"  # nothing listens there
    settings.NOTIFY_WEBHOOK_TIMEOUT_S = 0.5
    search = WeatherSearchFactory(temperature_c=-5.0)
    assert processing.process_search(search.id)["status"] == "processed"
    assert Notification.objects.get(search=search).webhook_delivered_at is None
    settings.NOTIFY_WEBHOOK_URL = url
    processing.process_search(search.id)
    assert len(webhook) == 1
