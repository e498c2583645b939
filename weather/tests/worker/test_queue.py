"""The producer side, in this process against the real RabbitMQ: publishing with the broker
down, the broker check, the re-queue sweep. (test_tasks.py runs the sweep on a real worker.)"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from weather.models import WeatherSearch
from weather.testing.sockets import FreezingProxy
from weather.tests.factories import WeatherSearchFactory
from weather.worker import queue

pytestmark = [pytest.mark.celery, pytest.mark.django_db]


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
def test_broker_check_is_bounded_when_the_broker_is_down(caplog):
    from weather.tests.celery_worker import broker_url

    assert queue.check_broker()["status"] == "ok"
    with broker_url("amqp://guest:guest@127.0.0.1:1//"):
        check = queue.check_broker()
    assert check["status"] == "down"
    assert check["latency_ms"] < 1500
    assert check["error"] == "OperationalError"  # the kind only, for anyone to see
    assert "refused" in caplog.text.lower()  # the why, for the operator's log


@pytest.mark.celery
def test_publishing_and_the_broker_check_fail_over_to_a_live_node(settings):
    """A cluster's nodes in CELERY_BROKER_URL: with the first one down, the next one takes
    the message and the broker counts as up."""
    from server_config.celery import app
    from weather.tests.celery_worker import broker_url

    search = WeatherSearchFactory()
    # Closed ports no other test uses: kombu shares connection pools between URLs with the
    # same first node, whatever the alternates.
    with broker_url(f"amqp://guest:guest@127.0.0.1:3//;{app.conf.broker_url}"):
        assert queue.check_broker()["status"] == "ok"
        assert queue.queue_search(search.id, search.task_id) is True
        assert not queue.publishing_paused()
    with broker_url("amqp://guest:guest@127.0.0.1:4//;amqp://guest:guest@127.0.0.1:5//"):
        assert queue.check_broker()["status"] == "down"


def test_only_the_first_publish_declares_the_queue_even_on_a_fresh_connection(
    private_queue, settings
):
    """A fresh broker gets its queue from the first publish; later publishes never declare
    it, not even on a new connection (as after a failover to another node), since a node
    that cannot reach a quorum queue's leader does not answer a declaration."""
    from amqp.exceptions import NotFound
    from kombu import pools

    from server_config.celery import app
    from weather.tests.celery_worker import wait_until

    settings.CELERY_PROCESSING_QUEUE = private_queue  # where searches are routed
    first, second = WeatherSearchFactory(), WeatherSearchFactory()
    assert queue.queue_search(first.id, first.task_id)
    wait_until(lambda: queue.queue_depth(private_queue) == 1)  # declared, then published
    with app.connection_for_write() as conn:
        conn.default_channel.queue_delete(private_queue)
    pools.reset()  # every pooled connection closed: the next publish opens a new one
    app._pool = None
    app.amqp._producer_pool = None

    # RabbitMQ confirms a message that no queue takes; the sweep publishes it again.
    assert queue.queue_search(second.id, second.task_id)
    with pytest.raises(NotFound), app.connection_for_write() as conn:
        conn.default_channel.queue_declare(queue=private_queue, passive=True)


# --- The sweep ------------------------------------------------------------------------------


@pytest.fixture
def held_messages(private_queue, settings):
    """Routes processing messages to a queue of their own that no worker consumes, and reads
    them back from RabbitMQ as (search id, task id) pairs, in the order they were sent."""
    from server_config.celery import app

    # Where searches are routed, and where the sweep looks for a backlog.
    settings.CELERY_PROCESSING_QUEUE = private_queue

    def read() -> list[tuple[int, str]]:
        sent = []
        # Declared as the app declares a missing queue (quorum or classic, as configured).
        declared = app.amqp.queues[private_queue]
        with app.connection_for_write() as conn, conn.SimpleQueue(declared) as held:
            while True:
                try:
                    message = held.get(timeout=0.5)
                except held.Empty:
                    return sent
                sent.append((message.payload[0][0], message.headers["id"]))
                message.ack()

    read()  # declares the queue before anything is published to it
    return read


def test_sweep_requeues_lost_and_never_published_searches_only(held_messages):
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
    WeatherSearchFactory(created_at=old, processing_status="processed")
    WeatherSearchFactory(created_at=old, processing_status="failed")

    summary = queue.requeue_unprocessed_searches()

    assert summary == {"requeued": 2, "gave_up": 0, "backlog": 0}
    assert sorted(held_messages()) == sorted([(never.id, never.task_id), (lost.id, lost.task_id)])
    for search in (never, lost):
        search.refresh_from_db()
        assert search.queued_at >= now
    assert never.publish_attempts == 1 and lost.publish_attempts == 2
    for search in (just_created, recently_published):
        assert WeatherSearch.objects.get(pk=search.pk).queued_at == search.queued_at


def test_sweep_leaves_published_searches_alone_while_the_queue_has_a_backlog(held_messages):
    waiting = WeatherSearchFactory()
    assert queue.queue_search(waiting.id, waiting.task_id)  # a real backlog of one
    old = timezone.now() - dt.timedelta(minutes=10)
    never = WeatherSearchFactory(created_at=old)
    WeatherSearchFactory(created_at=old, queued_at=old, publish_attempts=1)

    assert queue.requeue_unprocessed_searches() == {"requeued": 1, "gave_up": 0, "backlog": 1}
    assert held_messages() == [(waiting.id, waiting.task_id), (never.id, never.task_id)]


def test_sweep_gives_up_after_the_maximum_attempts(held_messages, settings):
    settings.REQUEUE_MAX_ATTEMPTS = 3
    old = timezone.now() - dt.timedelta(minutes=10)
    hopeless = WeatherSearchFactory(created_at=old, queued_at=old, publish_attempts=3)
    assert queue.requeue_unprocessed_searches() == {"requeued": 0, "gave_up": 1, "backlog": 0}
    hopeless.refresh_from_db()
    assert hopeless.processing_status == "failed"
    assert "gave up" in hopeless.processing_error
    assert held_messages() == []


@pytest.mark.celery
def test_a_broker_gone_silent_mid_connection_fails_the_publish_within_the_deadline(settings):
    from weather.tests.celery_worker import broker_url

    proxy = FreezingProxy()
    first, second = WeatherSearchFactory(), WeatherSearchFactory()
    # A cluster's two nodes: failing over to the second closes the silent connection politely.
    with broker_url(f"amqp://guest:guest@127.0.0.1:{proxy.port}//;{settings.CELERY_BROKER_URL}"):
        assert queue.queue_search(first.id, first.task_id) is True  # connected and declared
        proxy.frozen.set()
        started = time.monotonic()
        assert queue.queue_search(second.id, second.task_id) is False
        waited = time.monotonic() - started
        proxy.frozen.clear()  # lets the abandoned publish finish in the background
    assert waited < settings.CELERY_PUBLISH_DEADLINE_S + 1
    second.refresh_from_db()
    assert second.queued_at is None  # pending: the sweep publishes it again
