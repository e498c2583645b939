"""Database maintenance (weekly, by beat; or `manage.py run_maintenance`), in short steps that
never hold a lock the API's writes would wait for:

- ANALYZE of the hot tables (its SHARE UPDATE EXCLUSIVE lock lets inserts and updates
  through; a lock_timeout keeps it from queueing behind anything long).
- The per-location statistics checked against the processed searches they summarise, and
  repaired where the searches show more than the statistics counted (each repair is its
  own short transaction on one statistics row, the lock processing takes too).
- Retention of rows nothing else deletes: old bulk refresh records, places nothing names,
  expired idempotency keys (weather.jobs.retention).
- Orphan checks (recorded, not deleted) and the size of every table and index.

One run at a time: a PostgreSQL advisory lock; a second run at the same moment skips.
The report is stored as a MaintenanceReport.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Sum
from django.utils import timezone

from weather.infra.locks import advisory_lock
from weather.jobs import retention
from weather.models import (
    BulkRefresh,
    Location,
    LocationStatistics,
    MaintenanceReport,
    Notification,
    WeatherReport,
    WeatherSearch,
)

logger = logging.getLogger(__name__)

# An arbitrary constant naming our advisory lock ("wthr" in ASCII).
ADVISORY_LOCK_KEY = 0x77746872
HOT_TABLES = [WeatherSearch, LocationStatistics, Location, Notification]
ALL_TABLES = [*HOT_TABLES, WeatherReport, BulkRefresh, MaintenanceReport]
LOCK_TIMEOUT = "2s"
SAMPLE = 20  # ids kept in the report per finding


def run() -> MaintenanceReport | None:
    """One maintenance run and its stored report; None when another run holds the lock."""
    if connection.vendor != "postgresql":
        raise RuntimeError("database maintenance needs PostgreSQL")
    with advisory_lock(ADVISORY_LOCK_KEY, wait=False) as acquired:
        if not acquired:
            logger.info("maintenance already running elsewhere: skipped")
            return None
        started_at, began = timezone.now(), time.monotonic()
        report = {
            "analyzed": analyze_hot_tables(),
            "statistics": check_statistics(),
            "purged": retention.purge(),
            "orphans": find_orphans(),
            "sizes": table_sizes(),
        }
        duration_ms = round((time.monotonic() - began) * 1000)
        logger.info("maintenance done in %d ms", duration_ms)
        return MaintenanceReport.objects.create(
            started_at=started_at,
            finished_at=timezone.now(),
            duration_ms=duration_ms,
            report=report,
        )


def analyze_hot_tables() -> dict[str, str]:
    """ANALYZE each hot table; one that cannot get its lock within LOCK_TIMEOUT is skipped."""
    outcome = {}
    for model in HOT_TABLES:
        table = model._meta.db_table
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
            outcome[table] = "analyzed"
        except Exception as exc:  # a lock timeout: the next run does it
            logger.warning("ANALYZE %s skipped: %s", table, exc)
            outcome[table] = f"skipped: {exc}".strip()[:200]
    return outcome


def _aggregates(searches) -> dict:
    return searches.aggregate(
        search_count=Count("id"),
        temperature_count=Count("temperature_c"),
        temperature_sum_c=Sum("temperature_c"),
        temperature_min_c=Min("temperature_c"),
        temperature_max_c=Max("temperature_c"),
        first_searched_at=Min("created_at"),
        last_searched_at=Max("created_at"),
    )


def _processed(location_id: int | None = None):
    searches = WeatherSearch.objects.filter(processing_status=WeatherSearch.Status.PROCESSED)
    return searches if location_id is None else searches.filter(location_id=location_id)


def check_statistics() -> dict:
    """Locations whose statistics count fewer processed searches than are stored (or have no
    statistics at all) get them recomputed from the searches. Statistics counting more are
    right: they are all-time, and old searches are deleted by the retention cleanup."""
    searches = connection.ops.quote_name(WeatherSearch._meta.db_table)
    statistics = connection.ops.quote_name(LocationStatistics._meta.db_table)
    with connection.cursor() as cursor:
        # One read of the searches table, no lock beyond what any SELECT takes.
        cursor.execute(
            f"""
            SELECT s.location_id FROM {searches} s
            LEFT JOIN {statistics} st ON st.location_id = s.location_id
            WHERE s.processing_status = %s
            GROUP BY s.location_id, st.search_count
            HAVING st.search_count IS NULL OR st.search_count < count(*)
            """,  # noqa: S608  (table names from our own models; values are parameters)
            [WeatherSearch.Status.PROCESSED],
        )
        stale = [row[0] for row in cursor.fetchall()]
    repaired = []
    for location_id in stale:
        change = _repair(location_id)
        if change is not None:
            repaired.append(change)
    checked = LocationStatistics.objects.count()
    return {"checked": checked, "repaired": repaired}


def _repair(location_id: int) -> dict | None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        stats = LocationStatistics.objects.locked_for(location_id)
        truth = _aggregates(_processed(location_id))
        if truth["search_count"] <= stats.search_count:
            return None  # processing caught up meanwhile
        before = stats.search_count
        for name, value in truth.items():
            setattr(stats, name, value)
        stats.temperature_sum_c = truth["temperature_sum_c"] or 0.0
        stats.save()
    after = truth["search_count"]
    logger.warning(
        "statistics of location %s repaired: %s -> %s searches", location_id, before, after
    )
    return {"location_id": location_id, "search_count_before": before, "search_count_after": after}


def find_orphans() -> dict:
    """Rows that point at nothing useful, or disagree with what they point at."""
    mismatched = Notification.objects.exclude(location_id=F("search__location_id"))
    unused = Location.objects.filter(
        searches__isnull=True, notifications__isnull=True, statistics__isnull=True
    )
    empty_stats = LocationStatistics.objects.filter(search_count=0)
    stuck = WeatherSearch.objects.filter(
        processing_status=WeatherSearch.Status.PENDING,
        created_at__lt=timezone.now() - dt.timedelta(days=1),
    )
    findings = {
        "notifications_of_another_location": mismatched,
        "locations_never_searched": unused,
        "empty_statistics": empty_stats,
        "searches_pending_over_a_day": stuck,
    }
    report = {}
    for name, rows in findings.items():
        ids = list(rows.order_by("pk").values_list("pk", flat=True)[:SAMPLE])
        report[name] = {"count": rows.count(), "sample_ids": ids}
    return report


def table_sizes() -> dict:
    """Bytes of each table (heap, indexes, total) and of each of its indexes, with how often
    each index was used since statistics were reset (an unused index only costs writes)."""
    sizes = {}
    with connection.cursor() as cursor:
        for model in ALL_TABLES:
            table = model._meta.db_table
            cursor.execute(
                "SELECT pg_relation_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s)",
                [table, table, table],
            )
            heap, indexes, total = cursor.fetchone()
            cursor.execute(
                "SELECT indexrelname, pg_relation_size(indexrelid), idx_scan"
                " FROM pg_stat_user_indexes WHERE relname = %s ORDER BY indexrelname",
                [table],
            )
            sizes[table] = {
                "table_bytes": heap,
                "indexes_bytes": indexes,
                "total_bytes": total,
                "indexes": {name: {"bytes": b, "scans": s} for name, b, s in cursor.fetchall()},
            }
    return sizes
