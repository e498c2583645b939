"""The processing services, run in this process: rules, statistics, idempotence, the sweep,
cleanup, the weekly report. (test_tasks.py runs them through a real worker.)"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from weather import processing, tasks
from weather.models import (
    Location,
    LocationStatistics,
    Notification,
    WeatherReport,
    WeatherSearch,
)
from weather.providers import ProviderUnavailable
from weather.tests.forecast_rows import daily, hourly

pytestmark = pytest.mark.django_db


def make_location(geonames_id: int = 2988507, name: str = "Paris") -> Location:
    location, _ = Location.objects.get_or_create(
        geonames_id=geonames_id,
        defaults={
            "name": name,
            "country": "France",
            "latitude": 48.85,
            "longitude": 2.35,
            "timezone": "Europe/Paris",
        },
    )
    return location


def make_search(
    location=None,
    *,
    temperature=8.0,
    humidity=80.0,
    wind=12.0,
    created_at=None,
    forecast=None,
    **fields,
) -> WeatherSearch:
    return WeatherSearch.objects.create(
        query="Paris",
        location=location or make_location(),
        temperature_c=temperature,
        relative_humidity_pct=humidity,
        wind_speed_kmh=wind,
        precipitation_mm=0.0,
        created_at=created_at or timezone.now(),
        forecast=forecast
        if forecast is not None
        else {"hourly": hourly([temperature] * 48), "daily": daily()},
        task_id=str(uuid.uuid4()),
        **fields,
    )


# --- Processing a search --------------------------------------------------------------------


def test_processing_marks_the_search_processed_with_the_documented_result():
    search = make_search(
        temperature=1.0,
        forecast={"hourly": hourly([1.0] * 24 + [-2.5] * 24), "daily": daily(low=-3, high=4)},
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
        }
    ]
    assert list(Notification.objects.values_list("kind", flat=True)) == ["frost"]


def test_processing_the_same_search_twice_counts_it_once():
    search = make_search(temperature=-1.0)
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
    location = make_location()
    now = timezone.now()
    temps = [4.0, 10.0, None, 7.0]
    searches = [
        make_search(location, temperature=t, created_at=now - dt.timedelta(hours=10 - i))
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
    location = make_location()
    processing.process_search(make_search(location, temperature=2.0).id)
    later = make_search(location, temperature=9.0)
    result = processing.process_search(later.id)["result"]
    assert result["analysis"]["compared_to_history"] == "warmer"
    assert result["statistics"]["temperature_avg"] == 5.5


def test_a_deleted_search_is_reported_gone():
    with pytest.raises(processing.SearchGone):
        processing.process_search(987654321)


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_of_one_search_count_it_once():
    search = make_search(temperature=-1.0)
    outcomes, errors = [], []

    def run():
        try:
            outcomes.append(processing.process_search(search.id)["status"])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["already_processed"] * 3 + ["processed"]
    assert LocationStatistics.objects.get(location=search.location).search_count == 1
    assert Notification.objects.filter(search=search).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_searches_of_one_location_are_all_counted():
    location = make_location()
    searches = [make_search(location, temperature=float(t)) for t in range(6)]

    def run(search_id):
        try:
            processing.process_search(search_id)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(s.id,)) for s in searches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stats = LocationStatistics.objects.get(location=location)
    assert (stats.search_count, stats.temperature_sum_c) == (6, 15.0)
    assert (stats.temperature_min_c, stats.temperature_max_c) == (0.0, 5.0)


def test_plain_values_are_analysed_without_storing_anything():
    result = processing.process_values({"city": "Paris", "temperature": 20, "description": "Sunny"})
    assert result["city"] == "Paris"
    assert result["analysis"]["comfort"] == "comfortable"
    assert result["analysis"]["compared_to_history"] == "first"
    assert result["notifications"] == []
    assert not WeatherSearch.objects.exists()
    hot = processing.process_values({"city": "Phoenix", "temperature": 41, "wind_speed": 80})
    assert hot["analysis"]["flags"] == ["heat", "strong_wind"]


# --- The task wrapper -----------------------------------------------------------------------


def test_processing_task_retries_only_transient_errors():
    task = tasks.async_weather_processing
    assert set(task.autoretry_for) >= {ProviderUnavailable, OperationalError}
    assert task.retry_backoff and task.retry_jitter and task.max_retries == 5
    assert task.acks_late is True or task.app.conf.task_acks_late is True
    assert (task.soft_time_limit, task.time_limit) == (20, 30)


def test_a_permanent_error_marks_the_search_failed(monkeypatch):
    search = make_search()

    def broken(search_id):
        raise ValueError("forecast is unreadable")

    monkeypatch.setattr(processing, "process_search", broken)
    with pytest.raises(ValueError):
        tasks.async_weather_processing.run(search.id)
    search.refresh_from_db()
    assert search.processing_status == "failed"
    assert search.processing_error == "ValueError: forecast is unreadable"


def test_every_task_has_an_explicit_name():
    names = {
        tasks.test_celery_task.name,
        tasks.async_weather_processing.name,
        tasks.cleanup_old_searches.name,
        tasks.weekly_weather_report.name,
        tasks.requeue_unprocessed_searches.name,
    }
    assert names == {
        "weather.test_celery_task",
        "weather.async_weather_processing",
        "weather.cleanup_old_searches",
        "weather.weekly_weather_report",
        "weather.requeue_unprocessed_searches",
    }


# --- Webhook --------------------------------------------------------------------------------


@pytest.fixture
def webhook(settings):
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NOTIFY_WEBHOOK_URL = f"http://127.0.0.1:{server.server_address[1]}/hook"
    yield received
    server.shutdown()


def test_notifications_are_posted_to_the_webhook_once(webhook):
    search = make_search(temperature=-5.0)
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
    search = make_search(temperature=-5.0)
    assert processing.process_search(search.id)["status"] == "processed"
    assert Notification.objects.get(search=search).webhook_delivered_at is None
    settings.NOTIFY_WEBHOOK_URL = url
    processing.process_search(search.id)
    assert len(webhook) == 1


# --- Publishing -----------------------------------------------------------------------------


@pytest.mark.celery
def test_publishing_with_the_broker_down_fails_fast_and_pauses(settings):
    from weather.tests.celery_worker import broker_url

    search = make_search()
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        started = timezone.now()
        assert processing.queue_processing(search.id, search.task_id) is False
        assert (timezone.now() - started).total_seconds() < 1.5
        assert processing.publishing_paused()
        assert processing.queue_processing(search.id, search.task_id) is False  # no retry
    search.refresh_from_db()
    assert (search.queued_at, search.publish_attempts) == (None, 1)
    assert not processing.publishing_paused()


@pytest.mark.celery
def test_broker_check_is_bounded_when_the_broker_is_down():
    from weather.tests.celery_worker import broker_url

    assert processing.check_broker()["status"] == "ok"
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        check = processing.check_broker()
    assert check["status"] == "down"
    assert check["latency_ms"] < 1500
    assert "refused" in check["error"].lower()


# --- The sweep ------------------------------------------------------------------------------


@pytest.fixture
def published(monkeypatch):
    """Records what the sweep publishes instead of sending it."""
    sent = []
    monkeypatch.setattr(processing, "queue_depth", lambda queue: 0)

    def fake_apply_async(args, task_id, **options):
        sent.append((args[0], task_id))

    monkeypatch.setattr(tasks.async_weather_processing, "apply_async", fake_apply_async)
    return sent


def test_sweep_requeues_lost_and_never_published_searches_only(published, settings):
    now = timezone.now()
    old = now - dt.timedelta(minutes=10)
    never = make_search(created_at=old)
    lost = make_search(
        created_at=old, queued_at=now - dt.timedelta(seconds=300), publish_attempts=1
    )
    just_created = make_search(created_at=now)
    recently_published = make_search(
        created_at=old, queued_at=now - dt.timedelta(seconds=30), publish_attempts=1
    )
    done = make_search(created_at=old, processing_status="processed")
    failed = make_search(created_at=old, processing_status="failed")

    summary = processing.requeue_unprocessed_searches()

    assert summary == {"requeued": 2, "gave_up": 0, "backlog": 0}
    assert sorted(published) == sorted([(never.id, never.task_id), (lost.id, lost.task_id)])
    for search in (never, lost):
        search.refresh_from_db()
        assert search.queued_at >= now
    assert never.publish_attempts == 1 and lost.publish_attempts == 2
    untouched = (just_created, recently_published, done, failed)
    assert not any(s.id in dict(published) for s in untouched)


def test_sweep_leaves_published_searches_alone_while_the_queue_has_a_backlog(
    published, monkeypatch
):
    monkeypatch.setattr(processing, "queue_depth", lambda queue: 250)
    old = timezone.now() - dt.timedelta(minutes=10)
    never = make_search(created_at=old)
    make_search(created_at=old, queued_at=old, publish_attempts=1)
    assert processing.requeue_unprocessed_searches()["requeued"] == 1
    assert published == [(never.id, never.task_id)]


def test_sweep_gives_up_after_the_maximum_attempts(published, settings):
    settings.REQUEUE_MAX_ATTEMPTS = 3
    old = timezone.now() - dt.timedelta(minutes=10)
    hopeless = make_search(created_at=old, queued_at=old, publish_attempts=3)
    assert processing.requeue_unprocessed_searches() == {"requeued": 0, "gave_up": 1, "backlog": 0}
    hopeless.refresh_from_db()
    assert hopeless.processing_status == "failed"
    assert "gave up" in hopeless.processing_error
    assert published == []


# --- Cleanup --------------------------------------------------------------------------------


def test_cleanup_deletes_exactly_the_expired_searches_and_their_notifications(settings):
    settings.SEARCH_RETENTION_DAYS = 30
    now = timezone.now()
    expired = [make_search(created_at=now - dt.timedelta(days=30, minutes=1 + i)) for i in range(5)]
    kept = [
        make_search(created_at=now - dt.timedelta(days=29, hours=23)),
        make_search(created_at=now),
    ]
    for search in expired[:2] + kept[:1]:
        Notification.objects.create(
            search=search,
            location=search.location,
            kind="frost",
            severity="warning",
            message="Frost",
        )

    deleted = processing.cleanup_old_searches(batch_size=2)  # three batches: 2, 2, 1

    assert deleted == 5
    assert set(WeatherSearch.objects.values_list("id", flat=True)) == {s.id for s in kept}
    assert list(Notification.objects.values_list("search_id", flat=True)) == [kept[0].id]
    assert processing.cleanup_old_searches() == 0


# --- Weekly report --------------------------------------------------------------------------


def test_report_period_is_the_last_complete_week():
    wednesday = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)
    assert processing.report_period(wednesday) == (
        dt.datetime(2026, 11, 16, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
    )


def test_weekly_report_summarises_the_week_once_per_period():
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    start, _ = processing.report_period(now)
    paris = make_location()
    berlin = make_location(2950159, "Berlin")
    for hours, location, temperature in [(1, paris, 8.0), (2, paris, 12.0), (3, berlin, -2.0)]:
        make_search(location, temperature=temperature, created_at=start + dt.timedelta(hours=hours))
    make_search(paris, temperature=30.0, created_at=start - dt.timedelta(hours=1))  # before

    report = processing.weekly_weather_report(now)
    again = processing.weekly_weather_report(now)

    assert WeatherReport.objects.count() == 1 and again.pk == report.pk
    summary = report.summary
    assert (summary["searches"], summary["locations"]) == (3, 2)
    assert summary["top_cities"][0] == {
        "location_id": 2988507,
        "name": "Paris",
        "country": "France",
        "searches": 2,
    }
    assert summary["temperature"] == {"min": -2.0, "avg": 6.0, "max": 12.0}
    assert summary["extremes"]["warmest"]["value"] == 12.0
    assert summary["extremes"]["coldest"]["name"] == "Berlin"
    assert summary["processing"] == {"pending": 3, "processed": 0, "failed": 0}


# --- Beat schedules -------------------------------------------------------------------------


def test_beat_schedules_exist_and_the_migration_can_run_again():
    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module("weather.migrations.0002_beat_schedules")
    migration.create_schedules(apps, None)  # idempotent: nothing duplicated
    schedules = {t.task: t for t in PeriodicTask.objects.filter(enabled=True)}
    assert str(schedules["weather.cleanup_old_searches"].crontab).startswith("15 3 * * *")
    assert str(schedules["weather.weekly_weather_report"].crontab).startswith("30 0 * * 1")
    sweep = schedules["weather.requeue_unprocessed_searches"]
    assert (sweep.interval.every, sweep.interval.period) == (1, "minutes")
    assert PeriodicTask.objects.filter(task="weather.cleanup_old_searches").count() == 1
