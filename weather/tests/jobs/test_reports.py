"""The weekly report and its period; the beat schedules that run it and the other tasks."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest

from weather.jobs import reports
from weather.models import WeatherReport
from weather.tests.factories import LocationFactory, WeatherSearchFactory

pytestmark = pytest.mark.django_db


# --- Weekly report --------------------------------------------------------------------------


def test_report_period_is_the_last_complete_week():
    wednesday = dt.datetime(2026, 11, 25, 15, 30, tzinfo=dt.UTC)
    assert reports.report_period(wednesday) == (
        dt.datetime(2026, 11, 16, tzinfo=dt.UTC),
        dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
    )


def test_weekly_report_summarises_the_week_once_per_period():
    now = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
    start, _ = reports.report_period(now)
    paris = LocationFactory()
    berlin = LocationFactory(berlin=True)
    for hours, location, temperature in [(1, paris, 8.0), (2, paris, 12.0), (3, berlin, -2.0)]:
        WeatherSearchFactory(
            location=location,
            temperature_c=temperature,
            created_at=start + dt.timedelta(hours=hours),
        )
    WeatherSearchFactory(
        location=paris, temperature_c=30.0, created_at=start - dt.timedelta(hours=1)
    )  # before

    report = reports.weekly_weather_report(now)
    again = reports.weekly_weather_report(now)

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
