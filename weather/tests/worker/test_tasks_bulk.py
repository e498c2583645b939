"""Bulk refreshes through the real broker and worker: progress seen while the chunks run,
multi-location batching counted by the fake Open-Meteo (on a real port: the worker calls it),
an outage mid-refresh, cancel, and the admin's entry point."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from weather.infra import caching
from weather.models import BulkRefresh, Location
from weather.tests.celery_worker import wait_until
from weather.tests.factories import LocationFactory, LocationStatisticsFactory
from weather.tests.jobs.test_bulk import finished, many_locations, status
from weather.worker import queue, tasks

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

# --- Through the real broker and worker -----------------------------------------------------


def test_a_refresh_through_the_worker_batches_and_shows_its_progress(
    api, settings, fake_open_meteo_server, celery_worker, ops_token
):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {ops_token}")  # any places: an operator
    settings.BULK_REFRESH_CHUNK_SIZE = 10
    ids = many_locations(40)
    fake_open_meteo_server.set_latency(0.4)  # each chunk's call takes a while: progress is visible
    response = api.post("/api/v1/refreshes/", {"location_ids": ids}, format="json")
    assert response.status_code == 202
    task_id = response.json()["task_id"]
    assert response.json() == {
        "task_id": task_id,
        "status_url": f"/api/v1/tasks/{task_id}/",
        "total": 40,
    }

    seen = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        body = status(api, task_id)
        seen.add((body["state"], body["progress"]["done"]))
        if body["state"] == "SUCCESS":
            break
        time.sleep(0.05)
    assert body["state"] == "SUCCESS"
    assert body["progress"]["done"] == 40 and body["progress"]["failed"] == []
    assert body["progress"]["started_at"] and body["progress"]["finished_at"]
    assert any(state == "STARTED" and 0 < done < 40 for state, done in seen), seen
    # 40 places, 10 per call.
    assert fake_open_meteo_server.calls["forecast"] == 4
    assert fake_open_meteo_server.calls["forecast_locations"] == 40


def test_an_upstream_outage_mid_refresh_is_retried_and_a_rejection_reported_per_place(
    api, settings, fake_open_meteo_server, celery_worker
):
    settings.BULK_REFRESH_CHUNK_SIZE = 10
    ids = many_locations(30)
    # The first call fails all its attempts (a 503 outage): its chunk is retried later.
    fake_open_meteo_server.fail(
        endpoint="forecast", status=503, count=settings.OPEN_METEO_MAX_RETRIES + 1
    )
    refresh = queue.start_bulk_refresh(ids)
    body = finished(api, str(refresh.id))
    assert body["progress"]["done"] == 30
    assert fake_open_meteo_server.calls["forecast"] == 3 + settings.OPEN_METEO_MAX_RETRIES + 1

    # A rejected call (400) is not retried: its ten places fail with the reason, the rest are done.
    fake_open_meteo_server.fail(endpoint="forecast", status=400, count=1)
    again = queue.start_bulk_refresh(ids)
    body = finished(api, str(again.id))
    assert body["progress"]["done"] == 20
    failed = body["progress"]["failed"]
    assert len(failed) == 10 and all("rejected" in f["reason"] for f in failed)
    assert {f["name"] for f in failed} <= {f"Town {i}" for i in range(30)}


def test_a_cancelled_refresh_stops_cleanly(
    api, settings, fake_open_meteo_server, celery_worker, ops_token
):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {ops_token}")  # any places: an operator
    settings.BULK_REFRESH_CHUNK_SIZE = 5
    ids = many_locations(45)
    fake_open_meteo_server.set_latency(0.5)
    task_id = api.post("/api/v1/refreshes/", {"location_ids": ids}, format="json").json()["task_id"]
    wait_until(lambda: status(api, task_id)["progress"]["done"] > 0, timeout=20)
    response = api.post(f"/api/v1/refreshes/{task_id}/cancel/")
    assert response.status_code == 200
    assert response.json()["state"] == "CANCELLED"

    # The chunks in flight finish; the others skip their places. Nothing runs after that.
    time.sleep(2)
    settled = status(api, task_id)["progress"]["done"]
    calls = fake_open_meteo_server.calls["forecast"]
    time.sleep(1.5)
    body = status(api, task_id)
    assert body["state"] == "CANCELLED"
    assert body["progress"]["done"] == settled < 45
    assert fake_open_meteo_server.calls["forecast"] == calls < 9
    # Cancelling again is harmless.
    assert api.post(f"/api/v1/refreshes/{task_id}/cancel/").json()["state"] == "CANCELLED"


# --- The admin ------------------------------------------------------------------------------


def test_the_admin_action_starts_a_refresh_and_shows_its_progress_bar(
    admin_client, fake_open_meteo_server, celery_worker
):
    LocationFactory(berlin=True)
    LocationFactory(yakutsk=True)
    response = admin_client.post(
        reverse("admin:weather_location_changelist"),
        {
            "action": "refresh_forecasts",
            "_selected_action": list(Location.objects.values_list("pk", flat=True)),
        },
    )
    refresh = BulkRefresh.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:weather_bulkrefresh_change", args=[refresh.pk])
    page = admin_client.get(response["Location"]).content.decode()
    assert f'data-refresh-status-url="/api/v1/tasks/{refresh.pk}/"' in page
    assert "weather/bulk-progress.js" in page
    wait_until(lambda: BulkRefresh.objects.get().status == "finished", timeout=20)
    assert BulkRefresh.objects.get().done == 2


def test_the_worker_keeps_the_most_searched_places_warm(fake_open_meteo_server, celery_worker):
    for trait, searches in (("berlin", 50), ("yakutsk", 20)):
        LocationStatisticsFactory(location=LocationFactory(**{trait: True}), search_count=searches)
    summary = tasks.warm_popular_places.delay().get(timeout=20)
    assert summary["warmed"] == 2 and summary["upstream_calls"] == 1
    assert fake_open_meteo_server.calls["forecast_locations"] == 2
    assert caching.read(caching.forecast_key(62.03, 129.73)).value["timezone"] == "Asia/Yakutsk"
