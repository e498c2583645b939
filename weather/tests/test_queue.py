"""The producer side, in this process: publishing with the broker down, the broker check, the
re-queue sweep. (test_tasks.py runs the sweep through a real worker.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from weather import queue, tasks
from weather.tests.factories import WeatherSearchFactory

pytestmark = pytest.mark.django_db


# --- Publishing -----------------------------------------------------------------------------


@pytest.mark.celery
def test_publishing_with_the_broker_down_fails_fast_and_pauses(settings):
    from weather.tests.celery_worker import broker_url

    search = WeatherSearchFactory()
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        started = timezone.now()
        assert queue.queue_search(search.id, search.task_id) is False
        assert (timezone.now() - started).total_seconds() < 1.5
        assert queue.publishing_paused()
        started = timezone.now()
        assert queue.publish(search.id, search.task_id) is False  # paused: not even tried
        assert (timezone.now() - started).total_seconds() < 0.5
    search.refresh_from_db()
    assert (search.queued_at, search.publish_attempts) == (None, 1)
    assert not queue.publishing_paused()


@pytest.mark.celery
def test_broker_check_is_bounded_when_the_broker_is_down():
    from weather.tests.celery_worker import broker_url

    assert queue.check_broker()["status"] == "ok"
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        check = queue.check_broker()
    assert check["status"] == "down"
    assert check["latency_ms"] < 1500
    assert "refused" in check["error"].lower()


# --- The sweep ------------------------------------------------------------------------------


@pytest.fixture
def published(monkeypatch):
    """Records what the sweep publishes instead of sending it."""
    sent = []
    monkeypatch.setattr(queue, "queue_depth", lambda queue: 0)

    def fake_apply_async(args, task_id, **options):
        sent.append((args[0], task_id))

    monkeypatch.setattr(tasks.async_weather_processing, "apply_async", fake_apply_async)
    return sent


def test_sweep_requeues_lost_and_never_published_searches_only(published, settings):
    now = timezone.now()
    old = now - dt.timedelta(minutes=10)
    never = WeatherSearchFactory(created_at=old)
    lost = WeatherSearchFactory(
        created_at=old, queued_at=now - dt.timedelta(seconds=300), publish_attempts=1
    )
    just_created = WeatherSearchFactory(created_at=now)
    recently_published = WeatherSearchFactory(
        created_at=old, queued_at=now - dt.timedelta(seconds=30), publish_attempts=1
    )
    done = WeatherSearchFactory(created_at=old, processing_status="processed")
    failed = WeatherSearchFactory(created_at=old, processing_status="failed")

    summary = queue.requeue_unprocessed_searches()

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
    monkeypatch.setattr(queue, "queue_depth", lambda queue: 250)
    old = timezone.now() - dt.timedelta(minutes=10)
    never = WeatherSearchFactory(created_at=old)
    WeatherSearchFactory(created_at=old, queued_at=old, publish_attempts=1)
    assert queue.requeue_unprocessed_searches()["requeued"] == 1
    assert published == [(never.id, never.task_id)]


def test_sweep_gives_up_after_the_maximum_attempts(published, settings):
    settings.REQUEUE_MAX_ATTEMPTS = 3
    old = timezone.now() - dt.timedelta(minutes=10)
    hopeless = WeatherSearchFactory(created_at=old, queued_at=old, publish_attempts=3)
    assert queue.requeue_unprocessed_searches() == {"requeued": 0, "gave_up": 1, "backlog": 0}
    hopeless.refresh_from_db()
    assert hopeless.processing_status == "failed"
    assert "gave up" in hopeless.processing_error
    assert published == []
