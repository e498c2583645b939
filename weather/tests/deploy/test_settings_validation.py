"""Numeric settings are checked when the settings load (server_config/settings/validation.py):
a bad value stops every process at start with a message naming it."""

from __future__ import annotations

import math
import subprocess

import pytest
from django.conf import settings

from server_config.settings import validation
from weather.testing import processes


def load_settings(**env: str) -> subprocess.CompletedProcess:
    """A fresh process loading the test settings, as gunicorn, a worker or manage.py does."""
    return processes.load_settings("server_config.settings.test", **env)


def test_a_chunk_size_above_50_stops_the_process_at_start_with_its_name():
    result = load_settings(BULK_REFRESH_CHUNK_SIZE="51")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "BULK_REFRESH_CHUNK_SIZE=51: must be at least 1 and at most 50" in result.stderr


def test_every_bad_value_is_named_at_once():
    result = load_settings(
        SEARCH_RETENTION_DAYS="0", OPEN_METEO_READ_TIMEOUT_S="-1", THROTTLE_SEARCH_RATE="lots"
    )
    assert result.returncode != 0
    for name in ("SEARCH_RETENTION_DAYS=0", "OPEN_METEO_READ_TIMEOUT_S=-1.0", "'lots'"):
        assert name in result.stderr


def test_the_settings_as_shipped_pass():
    assert validation.problems({k: getattr(settings, k) for k in dir(settings)}) == []
    assert load_settings().returncode == 0


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BULK_REFRESH_CHUNK_SIZE", 0),
        ("BULK_REFRESH_CHUNK_SIZE", 51),
        ("CLEANUP_BATCH_SIZE", 0),  # by its ending: a size is at least 1
        ("NOTIFY_WEBHOOK_TIMEOUT_S", 0.0),  # a timeout is positive
        ("CELERY_PUBLISH_DEADLINE_S", 0.0),
        ("REQUEUE_MAX_ATTEMPTS", 0),
        ("CELERY_WORKER_CONCURRENCY", 0),
        ("SOME_NEW_LIMIT", -1),  # any number: not negative
        ("FORECAST_CACHE_TTL_S", math.inf),
        ("OPEN_METEO_BACKOFF_S", math.nan),
    ],
)
def test_out_of_range_values_are_found(name, value):
    [problem] = validation.problems({name: value})
    assert problem.startswith(f"{name}={value!r}: must be")


def test_values_that_must_be_in_order_are_checked():
    found = validation.problems({"FORECAST_CACHE_TTL_S": 900, "FORECAST_STALE_TTL_S": 600})
    assert found == ["FORECAST_CACHE_TTL_S=900 must not be more than FORECAST_STALE_TTL_S=600"]


def test_flags_text_and_lower_case_names_are_left_alone():
    assert validation.problems({"DEBUG": False, "SECRET_KEY": "-", "_private": -1}) == []
