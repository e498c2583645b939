"""RabbitMQ's consumer timeout against our longest task.

RabbitMQ closes the channel of a consumer that holds a message unacknowledged longer than its
consumer_timeout (30 min by default) and delivers the message again. With late
acknowledgement a task holds its message for its whole run, so a run longer than the timeout
would be cut off and start over, again and again. The test runs database maintenance longer
than the timeout of a RabbitMQ node of its own, whose timeout is a few seconds.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from weather.models import MaintenanceReport, WeatherSearch
from weather.testing import processes
from weather.testing.rabbit import PrivateRabbit
from weather.tests.celery_worker import broker_url, wait_until
from weather.worker import names

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

# RabbitMQ's default consumer_timeout, which compose's rabbitmq.conf keeps.
RABBITMQ_CONSUMER_TIMEOUT_S = 30 * 60
SHORT_TIMEOUT_S = 3


@pytest.fixture(scope="module")
def rabbit_with_a_short_timeout():
    if shutil.which("rabbitmq-server") is None:
        pytest.skip("needs the rabbitmq-server binary")
    # Not under pytest's temporary folder, which the rabbitmq user may not enter.
    root = Path(tempfile.mkdtemp(prefix="consumer-timeout-"))
    # The consumer timeout checked twice a second (RabbitMQ checks it once a minute by default).
    rabbit = PrivateRabbit(
        root,
        f"consumer-timeout-{uuid.uuid4().hex[:8]}",
        config=f"consumer_timeout = {SHORT_TIMEOUT_S * 1000}\n",
        advanced="[{rabbit, [{channel_tick_interval, 500}]}].\n",
    )
    try:
        rabbit.start()
        yield rabbit
    finally:
        rabbit.stop()
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def searches_locked():
    """Holds a lock on the searches table that every read waits for, from another session:
    maintenance, which reads it, runs until the block ends."""
    settings = connection.settings_dict
    other = psycopg2.connect(processes.database_url(settings))
    try:
        with other.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {WeatherSearch._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        yield
    finally:
        other.rollback()
        other.close()


def test_a_maintenance_run_longer_than_the_consumer_timeout_runs_once(
    rabbit_with_a_short_timeout, start_worker, private_queue
):
    from server_config.celery import app

    rabbit = rabbit_with_a_short_timeout
    with broker_url(rabbit.url):
        worker = start_worker([private_queue], env={"CELERY_BROKER_URL": rabbit.url})
        with searches_locked():
            app.send_task(names.DATABASE_MAINTENANCE, queue=private_queue)
            wait_until(lambda: "received" in worker.log_tail(200), timeout=15)
            time.sleep(SHORT_TIMEOUT_S * 3)  # the run goes on, well past the timeout
        wait_until(MaintenanceReport.objects.exists, timeout=30)
        time.sleep(SHORT_TIMEOUT_S)  # a redelivered message would run again meanwhile
    log = worker.log_tail(500)
    assert "PRECONDITION_FAILED" not in log
    assert log.count(f"Task {names.DATABASE_MAINTENANCE}[") == 2  # received, then succeeded
    assert MaintenanceReport.objects.count() == 1


def test_no_late_acknowledged_task_outlasts_the_consumer_timeout():
    """Any other task holds its message while it runs: its time limit must end it first."""
    from server_config.celery import app
    from weather.worker import tasks  # noqa: F401  (registers the tasks)

    for name in names.ALL:
        task = app.tasks[name]
        if task.acks_late:
            assert task.time_limit < RABBITMQ_CONSUMER_TIMEOUT_S, name
