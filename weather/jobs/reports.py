"""Aggregates over the stored searches: the weekly report (written by beat) and the /stats/
figures. Computed by SQL aggregates; rows are never loaded one by one."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from weather.domain.analysis import utc_iso
from weather.models import Notification, WeatherReport, WeatherSearch

logger = logging.getLogger(__name__)

# The location columns of a row grouped or picked through a search, and how a row shows them.
LOCATION_COLUMNS = ("location__geonames_id", "location__name", "location__country")


def location_of(row: dict) -> dict:
    return {
        "location_id": row["location__geonames_id"],
        "name": row["location__name"],
        "country": row["location__country"],
    }


# --- /stats/ --------------------------------------------------------------------------------


STATS_CACHE_S = 30
# temperature_by_city lists the most searched places, at most this many.
STATS_MAX_CITIES = 50


def cached_search_statistics(*, days: int) -> dict:
    """search_statistics, computed at most once per STATS_CACHE_S for each `days`: anyone may
    ask, and each answer costs several aggregate queries over the searches. `days` counts at
    most SEARCH_RETENTION_DAYS (older searches are deleted), so there are at most that many
    answers to compute per STATS_CACHE_S, whatever `days` a client cycles through."""
    days = min(days, settings.SEARCH_RETENTION_DAYS)
    return cache.get_or_set(f"stats:{days}", lambda: search_statistics(days=days), STATS_CACHE_S)


def search_statistics(*, days: int = 30, top: int = 10) -> dict:
    """Top cities, searches per day and temperature ranges (of the STATS_MAX_CITIES most
    searched places) over the last `days` days."""
    since = timezone.now() - dt.timedelta(days=days)
    recent = WeatherSearch.objects.filter(created_at__gte=since)
    per_city = recent.values(*LOCATION_COLUMNS)
    top_cities = per_city.annotate(searches=Count("id")).order_by("-searches", "location__name")
    temperatures = (
        per_city.filter(temperature_c__isnull=False)
        .annotate(
            searches=Count("id"),
            t_min=Min("temperature_c"),
            t_avg=Avg("temperature_c"),
            t_max=Max("temperature_c"),
        )
        .order_by("-searches", "location__name")[:STATS_MAX_CITIES]
    )
    per_day = (
        recent.annotate(date=TruncDate("created_at"))
        .values("date")
        .annotate(searches=Count("id"))
        .order_by("date")
    )
    return {
        "days": days,
        "total_searches": recent.count(),
        "top_cities": [
            {**location_of(row), "searches": row["searches"]} for row in top_cities[:top]
        ],
        "searches_per_day": [{"date": row["date"], "searches": row["searches"]} for row in per_day],
        "temperature_by_city": [
            {
                **location_of(row),
                "min": round(row["t_min"], 1),
                "avg": round(row["t_avg"], 1),
                "max": round(row["t_max"], 1),
            }
            for row in sorted(temperatures, key=lambda row: row["location__name"])
        ],
    }


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
        week.values(*LOCATION_COLUMNS)
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
        "top_cities": [{**location_of(row), "searches": row["searches"]} for row in top],
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
        .values(field, "created_at", *LOCATION_COLUMNS)
        .first()
    )
    if row is None:
        return None
    return {**location_of(row), "value": row[field], "searched_at": utc_iso(row["created_at"])}
