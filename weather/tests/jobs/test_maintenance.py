"""Database maintenance: ANALYZE, statistics checked and repaired, orphans, sizes, one run at a
time (advisory lock), the report in the ops API, the command and the real worker."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from weather.jobs import maintenance
from weather.models import LocationStatistics, MaintenanceReport
from weather.testing.concurrency import run_together
from weather.tests.factories import (
    LocationFactory,
    LocationStatisticsFactory,
    NotificationFactory,
    WeatherSearchFactory,
)
from weather.worker import tasks


def processed(location, count: int, temperature: float = 10.0):
    return WeatherSearchFactory.create_batch(
        count, location=location, processing_status="processed", temperature_c=temperature
    )


@pytest.fixture
def lock_held_elsewhere(other_db_session):
    """The maintenance advisory lock, held by another database session."""
    with other_db_session.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [maintenance.ADVISORY_LOCK_KEY])


@pytest.mark.django_db(transaction=True)
def test_undercounted_or_missing_statistics_are_repaired_and_recorded():
    paris, berlin, yakutsk = (
        LocationFactory(),
        LocationFactory(berlin=True),
        LocationFactory(yakutsk=True),
    )
    processed(paris, 3, temperature=12.0)
    LocationStatisticsFactory(location=paris, search_count=1)  # a search was never counted
    processed(berlin, 2, temperature=4.0)  # no statistics row at all
    processed(yakutsk, 1)
    LocationStatisticsFactory(location=yakutsk, search_count=9)  # older searches expired: right
    WeatherSearchFactory(location=yakutsk)  # pending: not counted yet, rightly

    report = maintenance.run()
    repaired = report.report["statistics"]["repaired"]
    assert sorted(
        (r["location_id"], r["search_count_before"], r["search_count_after"]) for r in repaired
    ) == sorted([(paris.pk, 1, 3), (berlin.pk, 0, 2)])
    berlin_stats = LocationStatistics.objects.get(location=berlin)
    assert (berlin_stats.search_count, berlin_stats.temperature_count) == (2, 2)
    assert berlin_stats.temperature_avg_c == 4.0
    assert berlin_stats.temperature_min_c == berlin_stats.temperature_max_c == 4.0
    assert LocationStatistics.objects.get(location=yakutsk).search_count == 9
    # Nothing left to repair: a second run changes nothing.
    assert maintenance.run().report["statistics"]["repaired"] == []


@pytest.mark.django_db(transaction=True)
def test_the_report_has_analyze_orphans_and_sizes():
    search = WeatherSearchFactory(created_at=timezone.now() - dt.timedelta(days=2))
    NotificationFactory(search=search, location=LocationFactory(berlin=True))  # wrong location
    LocationFactory(yakutsk=True)  # never searched
    report = maintenance.run()
    body = report.report
    assert set(body["analyzed"].values()) == {"analyzed"}
    assert "weather_weathersearch" in body["analyzed"]
    orphans = body["orphans"]
    assert orphans["notifications_of_another_location"]["count"] == 1
    assert orphans["searches_pending_over_a_day"]["sample_ids"] == [search.pk]
    assert orphans["locations_never_searched"]["count"] == 1
    sizes = body["sizes"]["weather_weathersearch"]
    assert sizes["total_bytes"] >= sizes["table_bytes"] > 0
    assert "search_pending_idx" in sizes["indexes"]
    assert report.duration_ms >= 0 and report.finished_at >= report.started_at


@pytest.mark.django_db(transaction=True)
def test_a_second_run_at_the_same_time_skips(lock_held_elsewhere):
    assert maintenance.run() is None
    assert MaintenanceReport.objects.count() == 0
    with pytest.raises(CommandError, match="holds the lock"):
        call_command("run_maintenance")


@pytest.mark.django_db(transaction=True)
def test_two_runs_started_together_make_one_report():
    outcomes = run_together([maintenance.run] * 2)
    # Either one skipped, or the first finished before the second began: never at once.
    assert MaintenanceReport.objects.count() == sum(o is not None for o in outcomes) >= 1


@pytest.mark.django_db(transaction=True)
def test_maintenance_does_not_wait_for_a_lock_the_api_would_hold(other_db_session):
    """ANALYZE lets writes through; a table locked exclusively is skipped, not waited for."""
    with other_db_session.cursor() as cursor:  # held until the session closes
        cursor.execute("BEGIN; LOCK TABLE weather_notification IN ACCESS EXCLUSIVE MODE")
    analyzed = maintenance.analyze_hot_tables()
    assert analyzed["weather_notification"].startswith("skipped")
    assert analyzed["weather_weathersearch"] == "analyzed"


@pytest.mark.django_db
def test_the_command_prints_the_report_it_stored(capsys):
    LocationFactory(yakutsk=True)  # never searched: a finding to print
    call_command("run_maintenance")
    printed, summary = capsys.readouterr().out.strip().rsplit("\n", 1)
    stored = MaintenanceReport.objects.get()
    assert json.loads(printed) == stored.report
    assert stored.report["orphans"]["locations_never_searched"]["count"] == 1
    assert summary == f"Report {stored.id}: {stored.duration_ms} ms."


@pytest.mark.django_db
def test_the_last_report_is_in_the_ops_api(api, ops_token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ops_token}"}
    none = api.get("/api/v1/maintenance/latest/", **auth)
    assert none.status_code == 404 and none.json()["error"]["code"] == "not_found"
    maintenance.run()
    latest = maintenance.run()
    response = api.get("/api/v1/maintenance/latest/", **auth)
    assert response.status_code == 200
    assert response.json()["id"] == latest.id
    assert "sizes" in response.json()["report"]
    assert api.get("/api/v1/maintenance/latest/").status_code in (401, 403)


@pytest.mark.django_db
def test_the_weekly_schedule_is_in_beat_and_editable():
    task = PeriodicTask.objects.get(task="weather.database_maintenance")
    assert task.enabled and task.crontab.day_of_week == "0"
    warm = PeriodicTask.objects.get(task="weather.warm_popular_places")
    assert warm.interval.every == 1 and warm.interval.period == "minutes"


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_maintenance_and_skips_while_another_run_holds_the_lock(
    celery_worker, lock_held_elsewhere
):
    skipped = tasks.database_maintenance.delay().get(timeout=30)
    assert skipped == {"skipped": "another maintenance run holds the lock"}


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_maintenance(celery_worker):
    result = tasks.database_maintenance.delay().get(timeout=60)
    report = MaintenanceReport.objects.get(pk=result["report_id"])
    assert set(report.report) == {"analyzed", "statistics", "purged", "orphans", "sizes"}
