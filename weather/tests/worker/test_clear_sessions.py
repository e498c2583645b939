"""Expired browser sessions are deleted daily by a beat schedule (what `clearsessions` does),
by the real worker; live sessions stay."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from weather.worker import names

pytestmark = pytest.mark.django_db(transaction=True)


def new_session(**data) -> str:
    session = SessionStore()
    session.update(data)
    session.create()
    return session.session_key


def test_the_worker_deletes_expired_sessions_and_keeps_live_ones(celery_worker):
    from server_config.celery import app

    live = new_session(visitor_id="5b0e1c8e-57f4-4a44-9c5e-5d1f6a9e2c11")
    expired = new_session()
    yesterday = timezone.now() - dt.timedelta(days=1)
    Session.objects.filter(session_key=expired).update(expire_date=yesterday)

    assert app.send_task(names.CLEAR_EXPIRED_SESSIONS).get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert SessionStore(live)["visitor_id"] == "5b0e1c8e-57f4-4a44-9c5e-5d1f6a9e2c11"


def test_beat_runs_it_every_day():
    migration = importlib.import_module("weather.migrations.0017_clear_sessions_schedule")
    migration.create_schedule(apps, None)  # this test's database may have been emptied
    scheduled = PeriodicTask.objects.get(task=names.CLEAR_EXPIRED_SESSIONS)
    assert scheduled.enabled
    crontab = scheduled.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("45", "3", "*")
    assert names.ROLES[names.CLEAR_EXPIRED_SESSIONS] == names.MAINTENANCE
