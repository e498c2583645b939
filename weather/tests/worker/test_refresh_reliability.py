"""Bulk refreshes that always end, on a queue of their own, started with one message: a pool
process killed mid-chunk, a retry the broker refuses, the deadline's sweep, searches never
waiting behind chunks, the admin's cap and fan-out. Real workers and the real broker."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import time

import pytest
from celery.result import AsyncResult
from django.urls import reverse
from django.utils import timezone

from server_config.celery import app
from weather.infra import publishing
from weather.jobs import bulk
from weather.models import BulkRefresh, Location
from weather.tests.celery_worker import wait_until
from weather.tests.jobs.test_bulk import many_locations
from weather.worker import queue, tasks

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def refresh_worker(settings, private_queue, start_worker, fake_open_meteo_server):
    """Starts a refresh worker of its own on a private refresh queue (one pool process), which
    this process then publishes refreshes to."""
    settings.CELERY_REFRESH_QUEUE = private_queue

    def start(**env):
        return start_worker(
            [private_queue],
            env={
                "CELERY_REFRESH_QUEUE": private_queue,
                "OPEN_METEO_FORECAST_URL": fake_open_meteo_server.base_url,
                "OPEN_METEO_GEOCODING_URL": fake_open_meteo_server.base_url,
                **env,
            },
        )

    return start


def pool_pids(worker) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(worker.process.pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in out.split()]


def reasons(refresh_id) -> set[str]:
    return set(BulkRefresh.objects.get(pk=refresh_id).failures.values())


# --- A refresh always ends ------------------------------------------------------------------


def test_a_chunk_whose_pool_process_is_killed_fails_its_places(
    settings, fake_open_meteo_server, refresh_worker
):
    settings.BULK_REFRESH_CHUNK_SIZE = 5
    ids = many_locations(10)
    worker = refresh_worker()
    # Upstream hangs (each attempt times out after 1 s): the first chunk is mid-call when its
    # pool process dies.
    fake_open_meteo_server.fail("slow", endpoint="forecast", delay=3)
    refresh = queue.start_bulk_refresh(ids)
    wait_until(lambda: fake_open_meteo_server.calls["forecast"] >= 1, timeout=20)
    os.kill(pool_pids(worker)[0], signal.SIGKILL)
    fake_open_meteo_server.state.reset()

    # Its message was acknowledged (no redelivery); the second chunk still runs.
    done = wait_until(
        lambda: (r := BulkRefresh.objects.get(pk=refresh.pk)).status == "finished" and r,
        timeout=30,
    )
    assert reasons(refresh.pk) == {"WorkerLostError"}
    assert set(done.failures) == {str(p) for p in ids[:5]}
    assert done.done == 5


def test_a_retry_the_broker_refuses_fails_the_chunks_places(
    settings, private_queue, fake_open_meteo_server, refresh_worker
):
    # Classic queues: a retry goes straight back to the queue (no delayed-delivery exchange),
    # where the policy below refuses it. Retries would go on for minutes.
    settings.BULK_REFRESH_CHUNK_SIZE = 10
    ids = many_locations(10)
    refresh_worker(CELERY_QUEUE_TYPE="classic", BULK_REFRESH_MAX_RETRIES="20")
    publishing._broker().declared.add(private_queue)  # the worker declared it (classic)
    fake_open_meteo_server.set_latency(0.3)
    fake_open_meteo_server.fail(endpoint="forecast", status=503)
    policy = f"refuse-{private_queue}"
    refresh = queue.start_bulk_refresh(ids)
    try:
        wait_until(lambda: fake_open_meteo_server.calls["forecast"] >= 1, timeout=20)
        subprocess.run(
            ["rabbitmqctl", "set_policy", "--apply-to", "queues", policy,
             f"^{private_queue}$", '{"max-length": 0, "overflow": "reject-publish"}'],
            check=True, capture_output=True, timeout=30,
        )  # fmt: skip
        done = wait_until(
            lambda: (r := BulkRefresh.objects.get(pk=refresh.pk)).status == "finished" and r,
            timeout=30,
        )
    finally:
        subprocess.run(["rabbitmqctl", "clear_policy", policy], capture_output=True, timeout=30)
    assert done.done == 0 and len(done.failures) == 10
    # The chunk's own error, recorded by the task (not Celery's Reject, after the fact).
    (why,) = reasons(refresh.pk)
    assert "Reject" not in why and "Open-Meteo" in why


def test_the_sweep_finishes_a_refresh_past_its_deadline(settings):
    ids = many_locations(4)
    late = bulk.new_refresh(ids)  # its messages lost: nothing will run it
    BulkRefresh.record(late.pk, {ids[0]: "ok"})
    BulkRefresh.objects.filter(pk=late.pk).update(
        deadline_at=timezone.now() - dt.timedelta(seconds=1)
    )
    on_time = bulk.new_refresh(ids)

    summary = tasks.requeue_unprocessed_searches()
    assert summary["refreshes_past_deadline"] == 1
    late.refresh_from_db()
    assert late.status == "finished" and late.done == 1
    assert late.failures == {str(p): bulk.PAST_DEADLINE for p in ids[1:]}
    assert BulkRefresh.objects.get(pk=on_time.pk).status == "queued"


def test_a_refresh_has_a_deadline_per_chunk_and_shows_it(api, settings):
    settings.BULK_REFRESH_CHUNK_SIZE = 2
    settings.BULK_REFRESH_DEADLINE_S, settings.BULK_REFRESH_CHUNK_DEADLINE_S = 60, 10
    before = timezone.now()
    refresh = bulk.new_refresh(many_locations(5))  # 3 chunks
    assert refresh.deadline_at - before >= dt.timedelta(seconds=90)
    assert refresh.deadline_at - before < dt.timedelta(seconds=92)
    body = api.get(f"/api/v1/tasks/{refresh.pk}/").json()
    assert body["progress"]["deadline_at"] == refresh.deadline_at.isoformat().replace("+00:00", "Z")


# --- Refreshes have their own queue ---------------------------------------------------------


def test_searches_never_wait_behind_refresh_chunks(
    settings, fake_open_meteo_server, celery_worker, refresh_worker
):
    settings.BULK_REFRESH_CHUNK_SIZE = 5
    refresh_worker()
    # Upstream hangs: each chunk holds a pool process about 3 s (three attempts of 1 s).
    fake_open_meteo_server.fail("slow", endpoint="forecast", delay=3)
    refresh = queue.start_bulk_refresh(many_locations(20))
    wait_until(lambda: fake_open_meteo_server.calls["forecast"] >= 1, timeout=20)

    began = time.monotonic()
    task_id = queue.queue_test_task("beside a refresh", 0)
    AsyncResult(task_id, app=app).get(timeout=10)
    # The session worker (processing and maintenance) took the check at once.
    assert time.monotonic() - began < 1.5
    assert BulkRefresh.objects.get(pk=refresh.pk).status in ("queued", "running")
    fake_open_meteo_server.state.reset()
    wait_until(lambda: BulkRefresh.objects.get(pk=refresh.pk).status == "finished", timeout=60)


def test_the_chunk_task_has_a_rate_limit():
    assert tasks.bulk_refresh_chunk.rate_limit  # BULK_REFRESH_RATE_LIMIT


# --- The admin's action ---------------------------------------------------------------------


def refresh_every_location() -> dict:
    """The admin's form: the refresh action on every location."""
    pks = list(Location.objects.values_list("pk", flat=True))
    return {"action": "refresh_forecasts", "_selected_action": pks}


def messages_ready(name: str) -> int:
    return queue.queue_stats(name)[0]


def test_the_admin_action_publishes_one_message_and_a_worker_fans_it_out(
    admin_client, settings, private_queue, refresh_worker
):
    settings.BULK_REFRESH_CHUNK_SIZE = 2
    many_locations(9)  # 5 chunks
    response = admin_client.post(
        reverse("admin:weather_location_changelist"),
        refresh_every_location(),
    )
    assert response.status_code == 302
    refresh = BulkRefresh.objects.get()
    wait_until(lambda: messages_ready(private_queue) == 1, timeout=5)
    assert refresh.chunks_published == 0

    refresh_worker()
    done = wait_until(
        lambda: (r := BulkRefresh.objects.get(pk=refresh.pk)).status == "finished" and r,
        timeout=30,
    )
    assert done.done == 9 and done.chunks_published == 5


def test_a_fan_out_delivered_again_publishes_no_chunk_twice(settings, private_queue):
    settings.CELERY_REFRESH_QUEUE = private_queue
    settings.BULK_REFRESH_CHUNK_SIZE = 2
    refresh = bulk.new_refresh(many_locations(9))  # 5 chunks
    BulkRefresh.objects.filter(pk=refresh.pk).update(chunks_published=2)  # a run cut short

    assert queue.publish_refresh_chunks(str(refresh.pk)) == 3
    assert queue.publish_refresh_chunks(str(refresh.pk)) == 0  # delivered once more
    wait_until(lambda: messages_ready(private_queue) == 3, timeout=5)
    with contextlib.suppress(Exception), app.connection_for_write() as conn:
        conn.default_channel.queue_purge(private_queue)


def test_the_admin_action_keeps_to_the_operators_cap(admin_client, settings):
    settings.BULK_REFRESH_MAX_PLACES = 2
    many_locations(3)
    response = admin_client.post(
        reverse("admin:weather_location_changelist"),
        refresh_every_location(),
        follow=True,
    )
    assert "At most 2 places per refresh." in response.content.decode()
    assert not BulkRefresh.objects.exists()


# --- The admin page's polling ---------------------------------------------------------------

POLL_HARNESS = r"""
const fs = require('fs');
const [script, deadline, answers] = process.argv.slice(1);
const delays = [];
let asked = 0;
const bar = { dataset: { refreshStatusUrl: '/status' } };
global.document = {
  readyState: 'complete',
  querySelector: () => bar,
  getElementById: () => ({}),
};
global.setTimeout = (fn, ms) => { delays.push(ms); if (delays.length < 40) fn(); };
global.fetch = () => {
  asked += 1;
  const state = asked >= Number(answers) ? 'SUCCESS' : 'STARTED';
  const progress = { total: 2, done: 0, failed: [], deadline_at: deadline };
  return Promise.resolve({ json: () => ({ state, progress }) });
};
eval(fs.readFileSync(script, 'utf8'));
setImmediate(function wait(n = 0) {
  if (n < 200) return setImmediate(wait, n + 1);
  console.log(JSON.stringify({ asked, delays }));
});
"""


def admin_polls(deadline: str, answers: int) -> dict:
    """Runs the admin's progress script in node against a status that ends after `answers`."""
    import json
    import shutil

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    from django.conf import settings as django_settings

    script = django_settings.BASE_DIR / "weather" / "static" / "weather" / "bulk-progress.js"
    out = subprocess.run(
        [node, "-e", POLL_HARNESS, "--", str(script), deadline, str(answers)],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_the_admin_page_polls_less_and_less_often():
    far = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    polled = admin_polls(far, answers=8)
    assert polled["asked"] == 8
    assert polled["delays"] == [500, 1000, 2000, 4000, 5000, 5000, 5000]


def test_the_admin_page_stops_polling_after_the_deadline():
    polled = admin_polls("2000-01-01T00:00:00Z", answers=1000)
    assert polled == {"asked": 1, "delays": []}
