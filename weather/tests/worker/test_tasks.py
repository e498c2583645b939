"""Tasks through the real stack: RabbitMQ, a Celery worker subprocess, the test database.

No eager mode. The session's worker consumes this session's own queues; tests that must keep
a message away from it (the crash test) use a private queue and their own workers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from celery.result import AsyncResult
from django.db import connection, transaction
from django.utils import timezone

from weather.jobs import reports
from weather.models import LocationStatistics, Notification, WeatherReport, WeatherSearch
from weather.tests.celery_worker import broker_url, wait_until
from weather.tests.factories import (
    LocationStatisticsFactory,
    NotificationFactory,
    WeatherSearchFactory,
)
from weather.worker import names, queue, tasks

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True)]

YAKUTSK = 2013159
CLOSED_PORT_BROKER = "amqp://guest:guest@127.0.0.1:1//"


def processed(search_id: int | str, timeout: float = 15.0) -> WeatherSearch:
    """The search (by row id, or the API's public id) once processed."""
    by = {"pk": search_id} if isinstance(search_id, int) else {"public_id": search_id}
    return wait_until(
        lambda: WeatherSearch.objects.filter(**by, processing_status="processed").first(),
        timeout=timeout,
    )


@contextlib.contextmanager
def statistics_locked(location):
    """Holds the lock on the location's statistics row in a real transaction: a worker
    processing a search of this location waits inside its own transaction, holding the
    search's lock, until the block ends. A slow task without a sleep in the code."""
    LocationStatistics.objects.get_or_create(location=location)
    with transaction.atomic():
        LocationStatistics.objects.select_for_update().get(location=location)
        yield


def backend_waiting_for_a_lock(timeout: float = 10.0) -> int:
    """The process id of the database session (a worker's) blocked on our lock."""

    def waiting():
        with connection.cursor() as cursor:
            # Inside a transaction PostgreSQL answers from one snapshot unless told to drop it.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
            )
            row = cursor.fetchone()
        return row and row[0]

    return wait_until(waiting, timeout=timeout)


# --- Processing -----------------------------------------------------------------------------


def test_a_processed_search_reads_in_imperial_units_and_in_french(
    api, fake_open_meteo, celery_worker
):
    fake_open_meteo.set_weather(
        YAKUTSK, temperature=-10, wind_speed=80, precipitation_sum=30, trend_per_day=-3
    )
    created = api.post("/api/v1/searches/", {"city": "Yakutsk"}, format="json").json()
    stored = processed(created["id"]).processing_result
    url = f"/api/v1/searches/{created['id']}/"

    metric = api.get(url, {"units": "metric", "lang": "en"}).json()["processing"]["result"]
    imperial = api.get(url, {"units": "imperial", "lang": "fr"}).json()["processing"]["result"]

    stats, shown = stored["statistics"], imperial["statistics"]
    assert shown["temperature_min"] == round(stats["temperature_min"] * 9 / 5 + 32, 1)
    assert shown["temperature_avg"] == round(stats["temperature_avg"] * 9 / 5 + 32, 1)
    assert shown["temperature_max"] == round(stats["temperature_max"] * 9 / 5 + 32, 1)
    delta = stored["analysis"]["trend"]["delta"]
    assert delta < 0
    # A difference: scaled, never shifted by 32.
    assert imperial["analysis"]["trend"]["delta"] == round(delta * 9 / 5, 1)
    assert metric["analysis"]["trend"]["delta"] == delta

    messages = {n["kind"]: n["message"] for n in imperial["notifications"]}
    assert messages["frost"].startswith("Gel attendu à Yakutsk à partir de maintenant")
    assert messages["frost"].endswith(" °F.")
    assert messages["strong_wind"].startswith("Tempête attendue à Yakutsk")
    assert messages["strong_wind"].endswith(" mph.")
    assert messages["heavy_precipitation"].startswith("Fortes précipitations attendues")
    assert " in le " in messages["heavy_precipitation"]
    english = {n["kind"]: n["message"] for n in metric["notifications"]}
    assert english == {n["kind"]: n["message"] for n in stored["notifications"]}
    assert english["frost"].endswith(" °C.")


def test_search_from_the_api_is_processed_by_the_worker(api, fake_open_meteo, celery_worker):
    fake_open_meteo.set_weather(
        YAKUTSK, temperature=-10, wind_speed=80, precipitation_sum=30, trend_per_day=-3
    )
    response = api.post("/api/v1/searches/", {"city": "Yakutsk"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["processing"]["status"] == "pending"

    search = processed(body["id"])
    result = search.processing_result
    assert result["statistics"]["search_count"] == 1
    assert result["analysis"]["comfort"] == "freezing"
    assert set(result["analysis"]["flags"]) == {"frost", "strong_wind", "heavy_precipitation"}
    assert result["analysis"]["compared_to_history"] == "first"
    assert {n["kind"] for n in result["notifications"]} == set(result["analysis"]["flags"])

    detail = api.get(f"/api/v1/searches/{body['id']}/").json()
    assert detail["processing"]["status"] == "processed"
    presented = detail["processing"]["result"]
    assert presented["statistics"] == result["statistics"]
    assert presented["analysis"] == result["analysis"]
    assert presented["notifications"] == [
        {"kind": n["kind"], "severity": n["severity"], "message": n["message"]}
        for n in result["notifications"]
    ]
    status = api.get(body["processing"]["status_url"]).json()
    assert status["state"] == "SUCCESS"
    assert "search_id" not in status["result"]  # a row id: for operators only
    listed = api.get(f"/api/v1/notifications/?search_id={search.pk}").json()
    assert listed["count"] == 3
    assert listed["results"][0]["location"] == {
        "id": YAKUTSK,
        "name": "Yakutsk",
        "country": "Russia",
    }

    again = api.post("/api/v1/searches/", {"city": "Yakutsk"}, format="json").json()
    second = processed(again["id"]).processing_result
    assert second["statistics"]["search_count"] == 2
    assert second["analysis"]["compared_to_history"] == "typical"


def test_the_same_message_delivered_three_times_counts_the_search_once(celery_worker):
    search = WeatherSearchFactory(yakutsk_storm=True)
    results = [tasks.async_weather_processing.apply_async(args=[search.id]) for _ in range(3)]
    statuses = sorted(r.get(timeout=15)["status"] for r in results)
    assert statuses == ["already_processed", "already_processed", "processed"]
    assert LocationStatistics.objects.get(location=search.location).search_count == 1
    assert sorted(Notification.objects.filter(search=search).values_list("kind", flat=True)) == [
        "frost",
        "strong_wind",
    ]


def test_a_worker_killed_mid_task_loses_nothing_and_counts_once(start_worker, private_queue):
    search = WeatherSearchFactory(yakutsk_storm=True)
    slow = start_worker([private_queue])
    with statistics_locked(search.location):
        tasks.async_weather_processing.apply_async(
            args=[search.id], task_id=search.task_id, queue=private_queue
        )
        backend_waiting_for_a_lock()  # inside the transaction, holding the search's lock
        slow.kill()  # SIGKILL, worker and pool: the message was not acknowledged

    search.refresh_from_db()
    assert search.processing_status == "pending"  # the transaction died with the worker
    assert LocationStatistics.objects.get(location=search.location).search_count == 0

    start_worker([private_queue])  # the message is redelivered to the new worker
    search = processed(search.id)
    assert search.processing_result["statistics"]["search_count"] == 1
    assert LocationStatistics.objects.get(location=search.location).search_count == 1
    assert Notification.objects.filter(search=search).count() == 2


def test_a_killed_pool_process_fails_its_task_and_the_sweep_requeues_the_search(
    start_worker, private_queue, celery_worker
):
    """Only the pool process dies (OOM killer, segfault): the worker acknowledges the message
    and reports WorkerLostError, so a crash-looping message cannot take the workers down.
    The search is still pending; the sweep publishes it again once REQUEUE_AFTER_S passed."""
    from server_config.celery import app

    search = WeatherSearchFactory(yakutsk_storm=True)
    worker = start_worker([private_queue])
    with statistics_locked(search.location):
        tasks.async_weather_processing.apply_async(
            args=[search.id], task_id=search.task_id, queue=private_queue
        )
        backend_waiting_for_a_lock()
        [active] = app.control.inspect(destination=[worker.name], timeout=2).active()[worker.name]
        os.kill(active["worker_pid"], signal.SIGKILL)
        assert wait_until(lambda: AsyncResult(search.task_id).state == "FAILURE", timeout=10)

    assert "WorkerLostError" in repr(AsyncResult(search.task_id).result)
    search.refresh_from_db()
    assert search.processing_status == "pending"

    # REQUEUE_AFTER_S later, the sweep publishes it again, to the usual queue this time.
    WeatherSearch.objects.filter(pk=search.id).update(
        queued_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert queue.requeue_unprocessed_searches()["requeued"] == 1
    search = processed(search.id)
    assert search.publish_attempts == 1
    assert LocationStatistics.objects.get(location=search.location).search_count == 1


def test_the_documented_shell_calls_run_on_the_worker(celery_worker):
    """The two calls the README gives for a Django shell, exactly as written there."""
    from weather.worker.tasks import async_weather_processing, test_celery_task

    analysed = async_weather_processing.delay({'city': 'Paris', 'temperature': 20, 'description': 'Ensoleillé'})  # fmt: skip  # noqa: E501
    checked = test_celery_task.delay("Mon message de test")

    result = analysed.get(timeout=15)
    assert result["city"] == "Paris"
    assert result["description"] == "Ensoleillé"
    assert result["analysis"]["comfort"] == "comfortable"
    assert result["notifications"] == []
    assert not WeatherSearch.objects.exists()  # plain values: nothing stored
    report = checked.get(timeout=15)
    assert report["message"] == "Mon message de test"
    assert report["worker"] == celery_worker.name
    assert report["duration"] >= 2.0  # the default duration


def test_a_transient_database_error_is_retried_and_the_search_counted_once(celery_worker):
    """The worker's database session dies mid-task (a restart or failover does that):
    the task is retried on a fresh connection and the search is processed once."""
    search = WeatherSearchFactory(yakutsk_storm=True)
    with statistics_locked(search.location):
        tasks.async_weather_processing.apply_async(args=[search.id], task_id=search.task_id)
        pid = backend_waiting_for_a_lock()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    search = processed(search.id)
    assert AsyncResult(search.task_id).retries == 1
    assert AsyncResult(search.task_id).state == "SUCCESS"
    assert LocationStatistics.objects.get(location=search.location).search_count == 1


def test_a_permanent_error_fails_the_search_at_once_without_retries(celery_worker):
    """A database error that a retry cannot fix (here a counter that no longer fits its
    column) marks the search failed on the first run."""
    search = WeatherSearchFactory(yakutsk_storm=True)
    LocationStatisticsFactory(location=search.location, search_count=2**31 - 1)
    tasks.async_weather_processing.apply_async(args=[search.id], task_id=search.task_id)

    assert wait_until(lambda: AsyncResult(search.task_id).state == "FAILURE", timeout=15)
    assert AsyncResult(search.task_id).retries == 0
    search.refresh_from_db()
    assert search.processing_status == "failed"
    assert search.processing_error.startswith("DataError")
    assert LocationStatistics.objects.get(location=search.location).search_count == 2**31 - 1


# --- Broker outage --------------------------------------------------------------------------


def test_with_the_broker_down_a_search_is_stored_pending_then_requeued_by_the_sweep(
    api, fake_open_meteo, celery_worker
):
    with broker_url(CLOSED_PORT_BROKER):
        started = time.monotonic()
        response = api.post("/api/v1/searches/", {"city": "Yakutsk"}, format="json")
        elapsed = time.monotonic() - started
        assert response.status_code == 201
        assert elapsed < 2.0
        search_id = WeatherSearch.objects.get(public_id=response.json()["id"]).pk
        # The publish was tried (after the response, or during it) and failed.
        wait_until(
            lambda: WeatherSearch.objects.filter(
                pk=search_id, publish_attempts=1, queued_at__isnull=True
            ).exists(),
            timeout=5,
        )
    time.sleep(0.5)
    search = WeatherSearch.objects.get(pk=search_id)
    assert search.processing_status == "pending"

    # The broker is back. Time passes; beat runs the sweep, which publishes the search again.
    WeatherSearch.objects.filter(pk=search_id).update(
        created_at=timezone.now() - dt.timedelta(minutes=1)
    )
    summary = tasks.requeue_unprocessed_searches.delay().get(timeout=15)
    assert summary["requeued"] == 1
    search = processed(search_id)
    assert search.publish_attempts == 2
    assert api.get(f"/api/v1/tasks/{search.task_id}/").json()["state"] == "SUCCESS"


# --- Maintenance ----------------------------------------------------------------------------


def test_cleanup_task_deletes_exactly_the_old_searches(celery_worker, settings):
    now = timezone.now()
    old = [
        WeatherSearchFactory(yakutsk_storm=True, created_at=now - dt.timedelta(days=31 + i))
        for i in range(3)
    ]
    recent = [
        WeatherSearchFactory(yakutsk_storm=True, created_at=now - dt.timedelta(days=29)),
        WeatherSearchFactory(yakutsk_storm=True),
    ]
    for search in old[:1] + recent[:1]:
        NotificationFactory(search=search)

    assert tasks.cleanup_old_searches.delay().get(timeout=30) == 3
    assert set(WeatherSearch.objects.values_list("id", flat=True)) == {s.id for s in recent}
    assert list(Notification.objects.values_list("search_id", flat=True)) == [recent[0].id]


def test_weekly_report_task_stores_one_report_per_period(api, celery_worker):
    start, _ = reports.report_period()
    WeatherSearchFactory(
        yakutsk_storm=True, temperature_c=-20.0, created_at=start + dt.timedelta(days=1)
    )
    WeatherSearchFactory(
        yakutsk_storm=True, temperature_c=-25.0, created_at=start + dt.timedelta(days=2)
    )

    first = tasks.weekly_weather_report.delay().get(timeout=15)
    second = tasks.weekly_weather_report.delay().get(timeout=15)

    assert first["report_id"] == second["report_id"]
    assert first["searches"] == 2
    assert WeatherReport.objects.count() == 1
    listed = api.get("/api/v1/reports/").json()
    assert listed["count"] == 1
    assert listed["results"][0]["summary"]["extremes"]["coldest"]["value"] == -25.0


# --- Task status and the test task ----------------------------------------------------------


def test_test_task_runs_through_the_api_and_reports_its_states(api, ops_token, celery_worker):
    response = api.post(
        "/api/v1/tasks/test/",
        {"message": "ping", "duration": 1},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {ops_token}",
    )
    assert response.status_code == 202
    body = response.json()
    assert body["status_url"] == f"/api/v1/tasks/{body['task_id']}/"

    seen = set()

    def finished():
        status = api.get(body["status_url"]).json()
        seen.add(status["state"])
        return status if status["state"] in ("SUCCESS", "FAILURE") else None

    status = wait_until(finished, timeout=15)
    assert status["state"] == "SUCCESS", status
    assert "STARTED" in seen
    result = status["result"]
    assert result["task_id"] == body["task_id"]
    assert result["worker"] == celery_worker.name
    assert result["message"] == "ping"
    assert 1.0 <= result["duration"] < 2.0
    assert result["started_at"] < result["finished_at"]


def test_task_status_reports_a_failure_with_its_error(api, celery_worker):
    task_id = tasks.async_weather_processing.apply_async(args=["not-an-id"]).id
    status = wait_until(
        lambda: (s := api.get(f"/api/v1/tasks/{task_id}/").json())["state"] == "FAILURE" and s
    )
    assert status["error"] == "ValueError"  # the kind only: no message for anonymous callers
    assert status["result"] is None


def test_task_status_of_an_unknown_task_is_pending_and_a_bad_id_is_not_found(api):
    unknown = api.get(f"/api/v1/tasks/{uuid.uuid4()}/")
    assert unknown.status_code == 200
    assert unknown.json()["state"] == "PENDING"
    bad = api.get("/api/v1/tasks/no%20such%20id/")
    assert bad.status_code == 404
    assert bad.json()["error"]["code"] == "not_found"


def test_test_task_is_for_operators_only(api, ops_token, django_user_model, operator):
    url = "/api/v1/tasks/test/"
    payload = {"duration": 0}

    anonymous = api.post(url, payload, format="json")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    assert anonymous["WWW-Authenticate"] == "Bearer"

    wrong = api.post(url, payload, format="json", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.status_code == 401

    user = django_user_model.objects.create_user("visitor", password="x")
    api.force_login(user)
    assert api.post(url, payload, format="json").status_code == 403
    assert api.post(url, payload, format="json").json()["error"]["code"] == "permission_denied"

    user.is_staff = True  # the staff flag alone grants nothing here
    user.save()
    assert api.post(url, payload, format="json").status_code == 403

    api.force_login(operator)
    assert api.post(url, payload, format="json").status_code == 202
    api.logout()

    token = api.post(url, payload, format="json", HTTP_AUTHORIZATION=f"Bearer {ops_token}")
    assert token.status_code == 202


def test_test_task_answers_503_when_the_broker_is_down(api, ops_token):
    with broker_url(CLOSED_PORT_BROKER):
        started = time.monotonic()
        response = api.post(
            "/api/v1/tasks/test/",
            {"duration": 0},
            format="json",
            HTTP_AUTHORIZATION=f"Bearer {ops_token}",
        )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "service_unavailable"
    assert response.json()["error"]["message"].startswith("The task queue is unavailable")
    assert time.monotonic() - started < 2.0


def test_test_task_validates_its_input(api, ops_token):
    response = api.post(
        "/api/v1/tasks/test/",
        {"duration": 99, "message": 5},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {ops_token}",
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"duration", "message"}


def test_every_scheduled_task_runs_when_sent_by_its_name(celery_worker):
    """Beat and queued messages name tasks by string: each schedule's name reaches a task."""
    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    from server_config.celery import app

    migration = importlib.import_module("weather.migrations.0002_beat_schedules")
    migration.create_schedules(apps, None)  # this test's database was emptied before it
    names = sorted(PeriodicTask.objects.filter(enabled=True).values_list("task", flat=True))
    assert names == [
        "weather.cleanup_old_searches",
        "weather.requeue_unprocessed_searches",
        "weather.weekly_weather_report",
    ]
    results = {name: app.send_task(name).get(timeout=15) for name in names}
    assert results["weather.cleanup_old_searches"] == 0
    assert results["weather.requeue_unprocessed_searches"]["requeued"] == 0
    assert results["weather.weekly_weather_report"]["searches"] == 0

    search = WeatherSearchFactory(yakutsk_storm=True)
    sent = app.send_task("weather.async_weather_processing", args=[search.id])
    assert sent.get(timeout=15)["status"] == "processed"


def test_schedules_missed_while_beat_was_down_are_due_at_once_when_it_is_back():
    """Beat keeps each schedule's last run in the database: after an outage (beat, the broker
    or the database down for a night), each missed schedule runs once on the next tick, then
    keeps its rhythm, instead of waiting for its next slot."""
    from django.apps import apps
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import ModelEntry

    from server_config.celery import app

    migration = importlib.import_module("weather.migrations.0002_beat_schedules")
    migration.create_schedules(apps, None)
    PeriodicTask.objects.update(last_run_at=timezone.now() - dt.timedelta(days=8))
    for task in PeriodicTask.objects.filter(enabled=True):
        entry = ModelEntry(task, app=app)
        assert entry.is_due()[0], f"{task.name} waits for its next slot"
        ran = next(entry)  # what beat does once it has sent the task
        assert not ran.is_due()[0], f"{task.name} would run again at once"


# --- Monitoring -----------------------------------------------------------------------------


def test_the_tasks_registered_are_exactly_the_names_defined(celery_worker):
    """What the worker finds by autodiscovery, and what this process defines, is the one list
    of weather.worker.names (which the shell checks print with `-m weather.worker.names`)."""
    from server_config.celery import app

    inspect = app.control.inspect(destination=[celery_worker.name], timeout=2)
    registered = inspect.registered()[celery_worker.name]
    # Each as "name" or "name [rate_limit=...]".
    registered = [entry.split()[0] for entry in registered]
    assert sorted(n for n in registered if n.startswith("weather.")) == sorted(names.ALL)
    assert sorted(n for n in app.tasks if n.startswith("weather.")) == sorted(names.ALL)
    listed = subprocess.run(
        [sys.executable, "-m", "weather.worker.names"], capture_output=True, text=True, check=True
    )
    assert listed.stdout.splitlines() == list(names.ALL)


def test_each_task_is_routed_to_the_queue_of_its_role(settings):
    from server_config.celery import app

    queues = {
        names.PROCESSING: settings.CELERY_PROCESSING_QUEUE,
        names.MAINTENANCE: settings.CELERY_MAINTENANCE_QUEUE,
        names.REFRESH: settings.CELERY_REFRESH_QUEUE,
    }
    routed = {name: app.amqp.router.route({}, name)["queue"].name for name in names.ALL}
    assert routed == {name: queues[role] for name, role in names.ROLES.items()}
    assert routed[names.ASYNC_WEATHER_PROCESSING] == settings.CELERY_PROCESSING_QUEUE
    assert routed[names.DATABASE_MAINTENANCE] == settings.CELERY_MAINTENANCE_QUEUE
    assert routed[names.BULK_REFRESH_CHUNK] == settings.CELERY_REFRESH_QUEUE


def test_worker_answers_inspect_with_its_pool_and_queues(celery_worker):
    from server_config.celery import app

    inspect = app.control.inspect(destination=[celery_worker.name], timeout=2)
    stats = inspect.stats()[celery_worker.name]
    assert stats["pool"]["max-concurrency"] == 2
    assert stats["prefetch_count"] == 2  # prefetch multiplier 1 x concurrency 2
    queues = {q["name"] for q in inspect.active_queues()[celery_worker.name]}
    assert queues == set(celery_worker.queues)
    assert all(q["durable"] for q in inspect.active_queues()[celery_worker.name])


def test_with_the_result_backend_down_the_worker_still_processes_each_search(
    start_worker, private_queue
):
    dead = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every store fails at once
    worker = start_worker(
        [private_queue], env={"TEST_CELERY_RESULT_BACKEND": dead, "CELERY_RESULT_BACKEND": dead}
    )
    searches = [WeatherSearchFactory() for _ in range(3)]
    for search in searches:
        tasks.async_weather_processing.apply_async(
            args=[search.id], task_id=search.task_id, queue=private_queue
        )
    for search in searches:
        assert processed(search.id).processing_result["statistics"]["search_count"] >= 1
    assert "result backend unreachable" in worker.log_tail(200)


def test_the_result_backend_is_ours_even_when_named_in_the_environment(monkeypatch):
    from server_config.celery import app
    from server_config.result_backend import StateOnlyRedisBackend

    monkeypatch.setenv("CELERY_RESULT_BACKEND", "redis://127.0.0.1:6379/15")
    assert isinstance(app._get_backend(), StateOnlyRedisBackend)
