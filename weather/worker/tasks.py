"""Celery tasks, all of them: the worker's entry points, thin wrappers over `weather.jobs`,
the sweep of `weather.worker.queue` and the models.

Every task has an explicit name (weather.worker.names), so moving a function never strands
queued messages or beat schedules, and is idempotent, because late acknowledgement means a
message can be delivered twice. Only transient errors are retried (with exponential backoff
and jitter); anything else fails straight away. Publishing lives in `weather.worker.queue`,
which names tasks by their names and so never imports this module.
"""

import logging
import math
import time

from celery import shared_task, signals
from celery.exceptions import Reject
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections
from django.utils import timezone

from weather.domain.analysis import utc_iso
from weather.infra import metrics
from weather.jobs import (
    alert_delivery,
    alerts,
    bulk,
    maintenance,
    processing,
    reports,
    retention,
)
from weather.models import WeatherSearch
from weather.providers import ProviderUnavailable
from weather.worker import (
    alert_queue,
    names,
    queue,
    task_signals,  # noqa: F401  (connects the task signals: metrics, alerts)
)

logger = logging.getLogger(__name__)

# Worth another try: the upstream or our database may be back in a moment.
TRANSIENT_ERRORS = (ProviderUnavailable, OperationalError, InterfaceError)
RETRY_TRANSIENT = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,  # 2, 4, 8, 16, 32 s (capped), each randomised by the jitter
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@signals.task_prerun.connect
@signals.task_postrun.connect
def _recycle_database_connections(**kwargs) -> None:
    """What Django does around each request: drop connections that are too old or broken,
    keep the others (see CELERY_DB_REUSE_MAX)."""
    close_old_connections()


@shared_task(bind=True, name=names.TEST_CELERY_TASK, soft_time_limit=70, time_limit=80)
def test_celery_task(self, message: str = "Hello from Celery!", duration: float = 2.0) -> dict:
    """System check: works `duration` seconds (at most 60) and reports which worker ran it."""
    duration = max(0.0, min(float(duration), 60.0))
    started_at = timezone.now()
    began = time.monotonic()
    time.sleep(duration)
    return {
        "task_id": self.request.id,
        "worker": self.request.hostname,
        "message": str(message)[:200],
        "started_at": utc_iso(started_at),
        "finished_at": utc_iso(timezone.now()),
        "duration": round(time.monotonic() - began, 3),
    }


@shared_task(
    bind=True,
    name=names.ASYNC_WEATHER_PROCESSING,
    soft_time_limit=20,
    time_limit=30,
    **RETRY_TRANSIENT,
)
def async_weather_processing(self, search_id_or_values) -> dict:
    """Processes a stored search, given its id (queued by the API after commit).

    Given a dict of plain values instead, for manual triggering from a Django shell,
    ``async_weather_processing.delay({"city": "Paris", "temperature": 20,
    "description": "Ensoleillé"})`` returns their analysis without storing anything.
    """
    if isinstance(search_id_or_values, dict):
        return processing.analyse_values(search_id_or_values)
    return _process_stored_search(search_id_or_values)


def _process_stored_search(search_id) -> dict:
    try:
        search_id = int(search_id)
    except (TypeError, ValueError):
        logger.error("async_weather_processing got %r, not a search id: dropped", search_id)
        raise
    try:
        return processing.process_search(search_id)
    except processing.SearchGone:
        logger.info("search %s is gone, skipping its processing", search_id)
        return {"search_id": search_id, "status": "gone", "result": None}
    except TRANSIENT_ERRORS:
        raise  # retried; once retries run out the sweep re-queues the search later
    except Exception as exc:
        try:
            WeatherSearch.objects.mark_failed(search_id, f"{type(exc).__name__}: {exc}")
        except Exception:
            logger.exception("could not mark search %s failed", search_id)
        raise


@shared_task(name=names.REQUEUE_UNPROCESSED_SEARCHES, soft_time_limit=50, time_limit=60)
def requeue_unprocessed_searches() -> dict:
    """Every minute: publishes pending searches whose message was never sent or got lost,
    and finishes the bulk refreshes past their deadline."""
    summary = queue.requeue_unprocessed_searches()
    try:
        summary["refreshes_past_deadline"] = bulk.fail_overdue_refreshes()
    except TRANSIENT_ERRORS:
        logger.exception("could not finish the refreshes past their deadline; next sweep")
    return summary


@shared_task(
    name=names.CLEANUP_OLD_SEARCHES, soft_time_limit=900, time_limit=960, **RETRY_TRANSIENT
)
def cleanup_old_searches() -> int:
    """Daily: deletes searches older than SEARCH_RETENTION_DAYS; returns how many."""
    deleted = WeatherSearch.objects.delete_expired()
    metrics.record_cleanup(deleted)
    return deleted


@shared_task(
    name=names.CLEAR_EXPIRED_SESSIONS, soft_time_limit=300, time_limit=360, **RETRY_TRANSIENT
)
def clear_expired_sessions() -> int:
    """Daily: deletes expired browser sessions (what `manage.py clearsessions` does)."""
    return retention.clear_expired_sessions()


@shared_task(
    name=names.WEEKLY_WEATHER_REPORT, soft_time_limit=120, time_limit=180, **RETRY_TRANSIENT
)
def weekly_weather_report() -> dict:
    """Weekly: stores the summary of last week (one report per period)."""
    report = reports.weekly_weather_report()
    return {
        "report_id": report.id,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "searches": report.summary.get("searches", 0),
    }


@shared_task(bind=True, name=names.PUBLISH_REFRESH_CHUNKS, soft_time_limit=240, time_limit=300)
def publish_refresh_chunks(self, refresh_id: str) -> dict:
    """A bulk refresh's fan-out: publishes its chunks (the request published only this). A
    broker failure is retried; a redelivery carries on where the last run stopped."""
    try:
        published = queue.publish_refresh_chunks(refresh_id)
    except queue.PublishFailed as exc:
        # Should this retry not be published either, the refresh's deadline finishes it.
        raise self.retry(exc=exc, countdown=10, max_retries=5) from exc
    return {"refresh": refresh_id, "published": published}


@shared_task(
    bind=True,
    name=names.BULK_REFRESH_CHUNK,
    soft_time_limit=60,
    time_limit=90,
    rate_limit=settings.BULK_REFRESH_RATE_LIMIT,
)
def bulk_refresh_chunk(self, refresh_id: str, index: int) -> dict:
    """One chunk of a bulk refresh: one multi-location upstream call. An upstream failure is
    retried; once retries run out, each of the chunk's places records why it failed. A pool
    process lost mid-chunk (killed, the hard time limit) is recorded by `_chunk_failed`."""
    try:
        return bulk.refresh_chunk(refresh_id, int(index))
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= settings.BULK_REFRESH_MAX_RETRIES:
            bulk.record_chunk_failure(refresh_id, int(index), exc)
            return {"refresh": refresh_id, "chunk": index, "status": "failed"}
        try:
            raise self.retry(exc=exc, countdown=min(30, 2 * 2**self.request.retries)) from exc
        except Reject:
            # Celery could not publish the retry (the broker): nothing would run it again.
            bulk.record_chunk_failure(refresh_id, int(index), exc)
            return {"refresh": refresh_id, "chunk": index, "status": "failed"}
    except Exception as exc:
        # A bug or bad data: the chunk's places say so rather than leave the refresh unfinished.
        bulk.record_chunk_failure(refresh_id, int(index), exc)
        raise


@signals.task_failure.connect
def _chunk_failed(sender=None, args=None, exception=None, **kwargs) -> None:
    """A chunk that failed outside its own code: its pool process died (WorkerLostError, the
    hard time limit), sent from the worker's main process. Its message is acknowledged and
    never runs again (CELERY_TASK_REJECT_ON_WORKER_LOST), so its places fail now. Recording
    twice (a failure the task recorded itself) changes nothing."""
    if getattr(sender, "name", None) != names.BULK_REFRESH_CHUNK or len(args or ()) < 2:
        return
    try:
        bulk.record_chunk_failure(str(args[0]), int(args[1]), exception)
    except Exception:
        logger.exception("could not record the failed chunk %s of refresh %s", args[1], args[0])


@shared_task(name=names.WARM_POPULAR_PLACES, soft_time_limit=50, time_limit=60)
def warm_popular_places() -> dict:
    """Every minute: the most searched places' forecasts are fetched before they expire."""
    return bulk.warm_popular_places()


# Acknowledged as it starts, unlike the others: a run may outlast RabbitMQ's consumer timeout
# (30 min), which would close the channel of a consumer still holding the message and deliver
# it again, a loop. A run lost to a crash waits for the next week's (or run_maintenance).
@shared_task(
    name=names.DATABASE_MAINTENANCE, acks_late=False, soft_time_limit=1800, time_limit=1900
)
def database_maintenance() -> dict:
    """Weekly: ANALYZE, statistics check and repair, orphan checks, sizes (one run at a time)."""
    report = maintenance.run()
    if report is None:
        return {"skipped": "another maintenance run holds the lock"}
    return {"report_id": report.id, "duration_ms": report.duration_ms}


@shared_task(name=names.EVALUATE_ALERTS, soft_time_limit=600, time_limit=660)
def evaluate_alerts() -> dict:
    """Every ALERTS_EVALUATION_MINUTES: people's alert subscriptions against their places'
    forecasts; each new event's deliveries are published (and those whose message was lost)."""
    summary = alerts.evaluate()
    summary["published"] = alert_queue.publish_deliveries(
        summary.pop("deliveries") + alerts.stale_deliveries()
    )
    return summary


@shared_task(
    bind=True,
    name=names.DELIVER_ALERT,
    soft_time_limit=60,
    time_limit=90,
    # A pool process lost mid-delivery (its row lock rolled back with its connection): the
    # message goes back to the queue and another attempt sends it, once.
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=300,
    max_retries=5,
)
def deliver_alert(self, delivery_id) -> dict:
    """Sends one alert delivery (an event on one channel) unless it was sent already; a
    transient failure is tried again with exponential backoff, then marked failed."""
    result = alert_delivery.deliver(int(delivery_id))
    if result["retry"]:
        backoff = settings.ALERTS_DELIVERY_BACKOFF_S * 2 ** max(0, result["attempts"] - 1)
        try:  # whole seconds: the broker's delayed delivery counts in them
            raise self.retry(countdown=min(math.ceil(backoff), 3600), max_retries=None)
        except Reject:
            # The retry could not be published: the delivery stays pending, and the next
            # evaluation publishes it again (jobs.alerts.stale_deliveries).
            logger.warning("could not schedule another attempt of alert delivery %s", delivery_id)
    return {"delivery": int(delivery_id), **result}
