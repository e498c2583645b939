"""Background processing of searches, and the Celery plumbing around it.

The tasks in `weather.tasks` are thin wrappers over the services here:

- `queue_processing` publishes a committed search's processing message, with bounded waits;
  when the broker is down the search simply stays pending.
- `process_search` updates the location's statistics, analyses the forecast, records
  notifications and marks the search processed, all in one transaction that locks the search
  row, so a redelivered message changes nothing.
- `requeue_unprocessed_searches` publishes again what was never published or got lost.
- `cleanup_old_searches` deletes expired searches in batches of SQL, never loading rows.
- `weekly_weather_report` stores one summary per week.

Every temperature is °C, wind km/h and precipitation mm, as stored with the search.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from collections import Counter

import requests
from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Count, F, Max, Min, Q
from django.utils import timezone

from .analysis import Current, Forecast, History, alerts_for, analyse, number
from .analysis import utc_iso as _iso
from .models import Location, LocationStatistics, Notification, WeatherReport, WeatherSearch

logger = logging.getLogger(__name__)

# A search whose message was never published is left alone this long after it was created:
# its own request is still publishing it.
UNPUBLISHED_GRACE_S = 5


# --- Publishing -----------------------------------------------------------------------------

_publish_paused_until = 0.0  # monotonic time; per process


def queue_processing(search_id: int, task_id: str) -> bool:
    """Publishes the processing message of a committed search. Never raises.

    Called after commit by the request that stored the search. Waits at most about a second
    when the broker is down or unreachable, then stops trying for CELERY_PUBLISH_PAUSE_S:
    the search stays pending and `requeue_unprocessed_searches` publishes it later.
    Returns whether the broker confirmed the message.
    """
    return _publish_search(search_id, task_id)


def publish_new_search(search_id: int, task_id: str) -> bool:
    """Like `queue_processing`, for a search stored already marked as queued (`queued_at` set,
    one publish attempt), which spares a write per search. A failed publish clears `queued_at`,
    so the sweep sees the search as never published. Never raises."""
    return _publish_search(search_id, task_id, claimed=True, queued_before=None)


def publishing_paused() -> bool:
    return time.monotonic() < _publish_paused_until


def resume_publishing() -> None:
    """Forgets an earlier publish failure (the broker is known to be back)."""
    global _publish_paused_until
    _publish_paused_until = 0.0


def _publish_search(
    search_id: int, task_id: str, *, claimed: bool = False, queued_before=None
) -> bool:
    """Publishes; `claimed` when the caller already marked the search queued (the sweep)."""
    global _publish_paused_until
    from . import tasks

    if publishing_paused():
        logger.info("broker recently down: search %s left pending for the sweep", search_id)
        if claimed:
            _unclaim(search_id, queued_before)
        return False
    if not claimed:
        try:
            # Marked before publishing, so that the request never waits for the row lock a
            # worker takes when it processes the search.
            WeatherSearch.objects.filter(pk=search_id).update(
                queued_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
            )
        except Exception:
            logger.exception("could not mark search %s as queued", search_id)
    try:
        timeout = settings.CELERY_PUBLISH_TIMEOUT_S
        tasks.async_weather_processing.apply_async(
            args=[search_id], task_id=task_id, timeout=timeout, confirm_timeout=timeout
        )
    except Exception as exc:  # the broker, the result store or the database: never raise
        _publish_paused_until = time.monotonic() + settings.CELERY_PUBLISH_PAUSE_S
        logger.warning(
            "could not queue processing of search %s (%s: %s); it stays pending",
            search_id,
            type(exc).__name__,
            exc,
        )
        _unclaim(search_id, queued_before)
        return False
    return True


def _unclaim(search_id: int, queued_before) -> None:
    """Puts back the search's `queued_at` after a publish that did not happen."""
    try:
        WeatherSearch.objects.filter(pk=search_id).update(queued_at=queued_before)
    except Exception:
        logger.exception("could not reset queued_at of search %s", search_id)


def check_broker(timeout: float = 1.0) -> dict:
    """Opens a fresh connection to the broker: {"status": "ok"|"down", "latency_ms", "error"}."""
    started = time.perf_counter()
    try:
        with current_app.connection_for_write(connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=0)
            conn.default_channel  # noqa: B018  (opening a channel proves AMQP works)
    except Exception as exc:
        return {
            "status": "down",
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
            "error": f"{type(exc).__name__}: {exc}"[:300],
        }
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def queue_depth(queue: str) -> int | None:
    """Messages ready in a queue, or None when the broker cannot say."""
    try:
        with current_app.connection_for_write() as conn:
            return conn.default_channel.queue_declare(queue=queue, passive=True).message_count
    except Exception as exc:
        logger.info("queue depth of %s unknown: %s", queue, exc)
        return None


# --- Processing a search --------------------------------------------------------------------


class SearchGone(Exception):
    """The search was deleted before it could be processed."""


def process_search(search_id: int) -> dict:
    """Statistics, analysis and notifications for one search, exactly once in effect.

    Everything happens in one transaction holding the search row's lock: a redelivered or
    duplicated message either waits for the first run and then finds the search processed,
    or runs after a crashed first run that changed nothing. The webhook is called after
    commit; a rerun delivers what an earlier run could not.
    """
    outcome = _process_locked(search_id)
    if outcome["status"] == "processed" and not outcome["result"]["notifications"]:
        return outcome
    deliver_notifications(search_id)
    return outcome


@transaction.atomic
def _process_locked(search_id: int) -> dict:
    search = (
        WeatherSearch.objects.select_for_update(of=("self",))
        .select_related("location")
        .filter(pk=search_id)
        .first()
    )
    if search is None:
        raise SearchGone(search_id)
    if search.processing_status == WeatherSearch.Status.PROCESSED:
        logger.info("search %s already processed, skipping", search_id)
        return {
            "search_id": search_id,
            "status": "already_processed",
            "result": search.processing_result,
        }
    if settings.PROCESSING_DELAY_S:
        time.sleep(settings.PROCESSING_DELAY_S)

    statistics, history = _update_statistics(search)
    forecast = Forecast.of(search.forecast or {})
    current = Current(
        temperature=search.temperature_c,
        humidity=search.relative_humidity_pct,
        wind_speed=search.wind_speed_kmh,
        precipitation=search.precipitation_mm,
    )
    alerts = alerts_for(current, forecast, place=search.location.name)
    analysis = analyse(current, forecast, history=history, alerts=alerts)
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                search=search,
                location=search.location,
                kind=alert.kind,
                severity=alert.severity,
                message=alert.message,
                created_at=now,
            )
            for alert in alerts
        ],
        ignore_conflicts=True,  # one per (search, kind), whatever happens
    )
    result = {
        "statistics": statistics,
        "analysis": analysis,
        "notifications": [alert.as_dict() for alert in alerts],
    }
    search.processing_status = WeatherSearch.Status.PROCESSED
    search.processing_result = result
    search.processing_error = ""
    search.processed_at = now
    search.save(
        update_fields=["processing_status", "processing_result", "processing_error", "processed_at"]
    )
    return {"search_id": search_id, "status": "processed", "result": result}


def mark_failed(search_id: int, error: str) -> None:
    """A permanent failure: the search will not be retried or re-queued."""
    updated = WeatherSearch.objects.filter(
        pk=search_id, processing_status=WeatherSearch.Status.PENDING
    ).update(processing_status=WeatherSearch.Status.FAILED, processing_error=error[:2000])
    if updated:
        logger.error("processing of search %s failed: %s", search_id, error)


def _update_statistics(search: WeatherSearch) -> tuple[dict, History]:
    """Adds the search to its location's aggregates, under the statistics row's lock."""
    LocationStatistics.objects.bulk_create(
        [LocationStatistics(location_id=search.location_id)], ignore_conflicts=True
    )
    stats = LocationStatistics.objects.select_for_update().get(location_id=search.location_id)
    history = History(stats.temperature_count, stats.temperature_avg_c)

    stats.search_count += 1
    searched_at = search.created_at
    if stats.first_searched_at is None or searched_at < stats.first_searched_at:
        stats.first_searched_at = searched_at
    if stats.last_searched_at is None or searched_at > stats.last_searched_at:
        stats.last_searched_at = searched_at
    t = search.temperature_c
    if t is not None:
        stats.temperature_count += 1
        stats.temperature_sum_c += t
        stats.temperature_min_c = (
            t if stats.temperature_min_c is None else min(stats.temperature_min_c, t)
        )
        stats.temperature_max_c = (
            t if stats.temperature_max_c is None else max(stats.temperature_max_c, t)
        )
    stats.save()
    return present_statistics(stats), history


def present_statistics(stats: LocationStatistics) -> dict:
    avg = stats.temperature_avg_c
    return {
        "search_count": stats.search_count,
        "temperature_min": stats.temperature_min_c,
        "temperature_avg": round(avg, 1) if avg is not None else None,
        "temperature_max": stats.temperature_max_c,
        "first_searched_at": _iso(stats.first_searched_at),
        "last_searched_at": _iso(stats.last_searched_at),
    }


def process_values(values: dict) -> dict:
    """Analysis of plain values, without a stored search (for manual triggering):
    {"city": "Paris", "temperature": 20, "description": "Sunny"}; "humidity" and
    "wind_speed" are optional. Nothing is written."""
    city = str(values.get("city") or "")[:100]
    current = Current(
        temperature=number(values.get("temperature")),
        humidity=number(values.get("humidity")),
        wind_speed=number(values.get("wind_speed")),
        precipitation=number(values.get("precipitation")),
    )
    location = (
        Location.objects.filter(name__iexact=city)
        .order_by(F("population").desc(nulls_last=True))
        .select_related("statistics")
        .first()
        if city
        else None
    )
    stats = getattr(location, "statistics", None) if location else None
    history = History(stats.temperature_count, stats.temperature_avg_c) if stats else History()
    forecast = Forecast()
    alerts = alerts_for(current, forecast, place=city)
    return {
        "city": city,
        "temperature": current.temperature,
        "description": str(values.get("description") or "")[:100],
        "analysis": analyse(current, forecast, history=history, alerts=alerts),
        "notifications": [alert.as_dict() for alert in alerts],
    }


# --- Webhook --------------------------------------------------------------------------------


def deliver_notifications(search_id: int) -> int:
    """POSTs a search's undelivered notifications to NOTIFY_WEBHOOK_URL, if set.

    A failure is logged and the notifications stay undelivered; it never fails processing.
    Returns how many notifications were delivered.
    """
    url = settings.NOTIFY_WEBHOOK_URL
    if not url:
        return 0
    pending = list(
        Notification.objects.filter(search_id=search_id, webhook_delivered_at__isnull=True)
        .select_related("location")
        .order_by("id")
    )
    if not pending:
        return 0
    location = pending[0].location
    payload = {
        "event": "weather.notifications",
        "search_id": search_id,
        "location": {
            "id": location.geonames_id,
            "name": location.name,
            "country": location.country,
        },
        "notifications": [
            {
                "id": n.id,
                "kind": n.kind,
                "severity": n.severity,
                "message": n.message,
                "created_at": _iso(n.created_at),
            }
            for n in pending
        ],
    }
    try:
        response = requests.post(url, json=payload, timeout=settings.NOTIFY_WEBHOOK_TIMEOUT_S)
        response.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("notification webhook failed for search %s: %s", search_id, exc)
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
        webhook_delivered_at=timezone.now()
    )
    return len(pending)


# --- The sweep ------------------------------------------------------------------------------


def requeue_unprocessed_searches(*, limit: int = 500) -> dict:
    """Publishes again the pending searches whose message was never published, or was
    published more than REQUEUE_AFTER_S ago and not processed (lost, or failed its retries).

    While the processing queue has a backlog, only never-published searches are re-queued:
    the others are probably still waiting in that queue. Each search is claimed with a
    conditional UPDATE, so overlapping sweeps do not publish it twice. A search published
    REQUEUE_MAX_ATTEMPTS times is marked failed.
    """
    resume_publishing()  # this runs where the broker just delivered a message to us
    now = timezone.now()
    backlog = queue_depth(settings.CELERY_PROCESSING_QUEUE)
    never_published = Q(
        queued_at__isnull=True, created_at__lt=now - dt.timedelta(seconds=UNPUBLISHED_GRACE_S)
    )
    stale = Q(queued_at__lt=now - dt.timedelta(seconds=settings.REQUEUE_AFTER_S))
    condition = never_published if backlog else never_published | stale
    candidates = list(
        WeatherSearch.objects.filter(condition, processing_status=WeatherSearch.Status.PENDING)
        .order_by("created_at")
        .values_list("id", "task_id", "queued_at", "publish_attempts")[:limit]
    )
    requeued = gave_up = 0
    for search_id, task_id, queued_at, attempts in candidates:
        if attempts >= settings.REQUEUE_MAX_ATTEMPTS:
            mark_failed(search_id, f"not processed after {attempts} publishes; gave up")
            gave_up += 1
            continue
        claimed = WeatherSearch.objects.filter(
            Q(queued_at__isnull=True) if queued_at is None else Q(queued_at=queued_at),
            pk=search_id,
            processing_status=WeatherSearch.Status.PENDING,
        ).update(queued_at=now, publish_attempts=F("publish_attempts") + 1)
        if not claimed:
            continue  # processed meanwhile, or another sweep took it
        if not _publish_search(
            search_id, task_id or _new_task_id(search_id), claimed=True, queued_before=queued_at
        ):
            break  # the broker is gone again; the next sweep carries on
        requeued += 1
    summary = {"requeued": requeued, "gave_up": gave_up, "backlog": backlog}
    if requeued or gave_up:
        logger.info("re-queue sweep: %s", summary)
    return summary


def _new_task_id(search_id: int) -> str:
    task_id = str(uuid.uuid4())
    WeatherSearch.objects.filter(pk=search_id, task_id="").update(task_id=task_id)
    return task_id


# --- Retention ------------------------------------------------------------------------------


def cleanup_old_searches(
    *, retention_days: int | None = None, batch_size: int | None = None
) -> int:
    """Deletes searches older than SEARCH_RETENTION_DAYS with their notifications.

    Batches of SQL deletes; rows are never loaded into Python, so memory stays flat whatever
    the count. Each batch is its own short transaction. On PostgreSQL a batch skips searches
    that a worker is processing right now (their row is locked); the next run gets them.
    Location statistics are all-time aggregates and are not changed. Returns the count.
    """
    days = settings.SEARCH_RETENTION_DAYS if retention_days is None else retention_days
    size = batch_size or settings.CLEANUP_BATCH_SIZE
    cutoff = connection.ops.adapt_datetimefield_value(timezone.now() - dt.timedelta(days=days))
    searches = WeatherSearch._meta.db_table
    notifications = Notification._meta.db_table
    if connection.vendor == "postgresql":
        # One statement per batch: the oldest rows by the created_at index, locked (so a
        # search being processed is skipped, not raced), then deleted by their physical
        # address (a TID scan, cheaper than looking each id up again in the primary key).
        statements = [
            f"""
            WITH doomed AS (
                SELECT id, ctid FROM {searches} WHERE created_at < %s
                ORDER BY created_at LIMIT %s FOR UPDATE SKIP LOCKED
            ), notifications AS (
                DELETE FROM {notifications} WHERE search_id = ANY(ARRAY(SELECT id FROM doomed))
            )
            DELETE FROM {searches} WHERE ctid = ANY(ARRAY(SELECT ctid FROM doomed))
            """  # noqa: S608  (table names from our own models; values are parameters)
        ]
    else:  # SQLite in embedded mode: one writer at a time, so two statements are safe
        doomed = f"SELECT id FROM {searches} WHERE created_at < %s ORDER BY created_at, id LIMIT %s"  # noqa: S608
        statements = [
            f"DELETE FROM {notifications} WHERE search_id IN ({doomed})",  # noqa: S608
            f"DELETE FROM {searches} WHERE id IN ({doomed})",  # noqa: S608
        ]
    deleted = 0
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql, [cutoff, size])
            batch = cursor.rowcount
        deleted += batch
        if batch < size:
            break
    logger.info("cleanup: deleted %d searches older than %d days", deleted, days)
    return deleted


# --- Weekly report --------------------------------------------------------------------------


def report_period(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The last complete week, Monday 00:00 UTC to Monday 00:00 UTC."""
    now = (now or timezone.now()).astimezone(dt.UTC)
    monday = (now - dt.timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    return monday - dt.timedelta(days=7), monday


def weekly_weather_report(now: dt.datetime | None = None) -> WeatherReport:
    """Summarises last week's searches; one report per period (a rerun refreshes it)."""
    start, end = report_period(now)
    week = WeatherSearch.objects.filter(created_at__gte=start, created_at__lt=end)
    totals = week.aggregate(
        searches=Count("id"),
        locations=Count("location", distinct=True),
        t_min=Min("temperature_c"),
        t_avg=Avg("temperature_c"),
        t_max=Max("temperature_c"),
    )
    top = (
        week.values("location__geonames_id", "location__name", "location__country")
        .annotate(searches=Count("id"))
        .order_by("-searches", "location__name")[:5]
    )
    by_status = dict(week.values_list("processing_status").annotate(n=Count("id")).order_by())
    notes = Counter(
        dict(
            Notification.objects.filter(created_at__gte=start, created_at__lt=end)
            .values_list("kind")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    summary = {
        "searches": totals["searches"],
        "locations": totals["locations"],
        "top_cities": [
            {
                "location_id": row["location__geonames_id"],
                "name": row["location__name"],
                "country": row["location__country"],
                "searches": row["searches"],
            }
            for row in top
        ],
        "temperature": {
            "min": totals["t_min"],
            "avg": round(totals["t_avg"], 1) if totals["t_avg"] is not None else None,
            "max": totals["t_max"],
        },
        "extremes": {
            "warmest": _extreme(week, "-temperature_c", "temperature_c"),
            "coldest": _extreme(week, "temperature_c", "temperature_c"),
            "windiest": _extreme(week, "-wind_speed_kmh", "wind_speed_kmh"),
            "wettest": _extreme(week, "-precipitation_mm", "precipitation_mm"),
        },
        "processing": {status: by_status.get(status, 0) for status in WeatherSearch.Status.values},
        "notifications": dict(sorted(notes.items())),
        "units": {"temperature": "°C", "wind_speed": "km/h", "precipitation": "mm"},
    }
    report, _ = WeatherReport.objects.update_or_create(
        period_start=start, period_end=end, defaults={"summary": summary}
    )
    logger.info(
        "weekly report %s to %s: %d searches", start.date(), end.date(), summary["searches"]
    )
    return report


def _extreme(searches, order: str, field: str) -> dict | None:
    row = (
        searches.filter(**{f"{field}__isnull": False})
        .order_by(order, "created_at")
        .values(field, "created_at", "location__geonames_id", "location__name", "location__country")
        .first()
    )
    if row is None:
        return None
    return {
        "location_id": row["location__geonames_id"],
        "name": row["location__name"],
        "country": row["location__country"],
        "value": row[field],
        "searched_at": _iso(row["created_at"]),
    }


# --- The system check task ------------------------------------------------------------------


def system_check(
    *, task_id: str | None, hostname: str | None, message: str, duration: float
) -> dict:
    """What the test task does: work for `duration` seconds (capped at 60) and say so."""
    duration = max(0.0, min(float(duration), 60.0))
    started_at = timezone.now()
    began = time.monotonic()
    time.sleep(duration)
    return {
        "task_id": task_id,
        "worker": hostname,
        "message": str(message)[:200],
        "started_at": _iso(started_at),
        "finished_at": _iso(timezone.now()),
        "duration": round(time.monotonic() - began, 3),
    }
