"""Processing one stored search, the worker's job, exactly once in effect.

`process_search` adds the search to its location's statistics, analyses its conditions and
forecast (`weather.domain.analysis`), records the alerts as notifications and marks the search
processed, all in one transaction that locks the search row, so a redelivered message changes
nothing. The webhook gets the notifications after commit. `analyse_values` analyses plain
values without storing anything (for manual triggering).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F

from weather.domain.analysis import Current, Forecast, History, alerts_for, analyse, utc_iso
from weather.infra import metrics
from weather.models import Location, LocationStatistics, Notification, WeatherSearch
from weather.providers import webhook

logger = logging.getLogger(__name__)


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

    stats = LocationStatistics.objects.locked_for(search.location_id)
    history = History(stats.temperature_count, stats.temperature_avg_c)
    stats.add_search(search.created_at, search.temperature_c)
    forecast = Forecast.of(search.forecast or {})
    current = Current(
        temperature=search.temperature_c,
        humidity=search.relative_humidity_pct,
        wind_speed=search.wind_speed_kmh,
        precipitation=search.precipitation_mm,
    )
    alerts = alerts_for(current, forecast, place=search.location.name)
    Notification.objects.bulk_create(
        [
            Notification(
                search=search,
                location=search.location,
                kind=alert.kind,
                severity=alert.severity,
                message=alert.message,
                details=alert.details(),
            )
            for alert in alerts
        ],
        ignore_conflicts=True,  # one per (search, kind), whatever happens
    )
    result = {
        "statistics": statistics_summary(stats),
        "analysis": analyse(current, forecast, history=history, alerts=alerts),
        "notifications": [alert.as_dict() for alert in alerts],
    }
    search.mark_processed(result)
    latency_s = (search.processed_at - search.created_at).total_seconds()
    transaction.on_commit(lambda: metrics.record_search_processed(latency_s))
    return {"search_id": search_id, "status": "processed", "result": result}


def statistics_summary(stats: LocationStatistics) -> dict:
    avg = stats.temperature_avg_c
    return {
        "search_count": stats.search_count,
        "temperature_min": stats.temperature_min_c,
        "temperature_avg": round(avg, 1) if avg is not None else None,
        "temperature_max": stats.temperature_max_c,
        "first_searched_at": utc_iso(stats.first_searched_at),
        "last_searched_at": utc_iso(stats.last_searched_at),
    }


def analyse_values(values: dict) -> dict:
    """Analysis of plain values, without a stored search (for manual triggering):
    {"city": "Paris", "temperature": 20, "description": "Sunny"}; "humidity",
    "wind_speed" and "precipitation" are optional. Nothing is written."""
    city = str(values.get("city") or "")[:100]
    current = Current.from_values(values)
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


def deliver_notifications(search_id: int) -> int:
    """Sends a search's undelivered notifications to the webhook, if one is configured.

    A failure leaves them undelivered (a redelivered message tries again); it never fails
    processing. Returns how many notifications were delivered.
    """
    if not webhook.configured():
        return 0
    pending = list(
        Notification.objects.undelivered(search_id).select_related("location").order_by("id")
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
                "created_at": utc_iso(n.created_at),
            }
            for n in pending
        ],
    }
    if not webhook.post(payload):
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).mark_delivered()
    metrics.record_notifications_delivered(len(pending))
    return len(pending)
