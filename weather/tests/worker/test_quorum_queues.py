"""Quorum queues for real: the session's queues are declared as quorum queues on the local
RabbitMQ (see celery_worker.py), a search goes through them, and a countdown (what a retry
uses) travels through RabbitMQ's delayed delivery exchanges and still arrives."""

from __future__ import annotations

import logging

import pytest
from amqp.exceptions import PreconditionFailed

from weather.models import WeatherSearch
from weather.tests.celery_worker import MAINTENANCE_QUEUE, PROCESSING_QUEUE, QUEUE_TYPE, wait_until
from weather.tests.factories import YAKUTSK

pytestmark = [
    pytest.mark.celery,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(QUEUE_TYPE != "quorum", reason="session runs on classic queues"),
]


@pytest.mark.parametrize("queue", [PROCESSING_QUEUE, MAINTENANCE_QUEUE])
def test_the_queues_are_quorum_queues(celery_worker, queue):
    from server_config.celery import app

    # RabbitMQ refuses a classic declaration of a queue that exists as a quorum queue.
    with (
        app.connection_for_write() as conn,
        pytest.raises(PreconditionFailed, match="x-queue-type"),
    ):
        conn.default_channel.queue_declare(
            queue=queue, durable=True, auto_delete=False, arguments={"x-queue-type": "classic"}
        )


def test_a_search_is_processed_through_the_quorum_queues(api, fake_open_meteo, celery_worker):
    fake_open_meteo.set_weather(YAKUTSK, temperature=-10)
    response = api.post("/api/v1/searches/", {"city": "Yakutsk"}, format="json")
    assert response.status_code == 201

    search = wait_until(
        lambda: WeatherSearch.objects.filter(
            public_id=response.json()["id"], processing_status="processed"
        ).first(),
        timeout=15,
    )
    assert search.processing_result["analysis"]["comfort"] == "freezing"


def test_a_countdown_goes_through_delayed_delivery_and_arrives(celery_worker, caplog):
    from weather.worker.tasks import test_celery_task

    with caplog.at_level(logging.WARNING, logger="celery"):
        delayed = test_celery_task.apply_async(("after a countdown",), {"duration": 0}, countdown=1)
    # A direct exchange would make Celery keep the message in the worker until its ETA.
    assert "native delayed delivery" not in caplog.text

    report = delayed.get(timeout=30)
    assert report["message"] == "after a countdown"
    assert report["worker"] == celery_worker.name
