"""Rows nothing else would ever delete, purged by the weekly maintenance:

- bulk refresh records older than BULK_REFRESH_RETENTION_DAYS (anyone may start a refresh);
- places (Location rows) nothing names any more: anyone may store one by asking for its
  GeoNames id. A place stays while a search or a notification points at it, while a person
  keeps it as a favourite or has an alert on it, while a kept refresh lists it (the SPA
  refreshes favourites by id), and while it was stored or searched within
  LOCATION_RETENTION_DAYS; its all-time statistics go with it.
- idempotency keys past IDEMPOTENCY_KEY_TTL_S (they are no longer answered anyway);
- and, daily rather than weekly (its own beat schedule), expired browser sessions.

Each delete is a batch of its own short transaction, on rows locked with SKIP LOCKED: a place
a search is writing right now is left for the next run.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from weather.models import (
    AlertSubscription,
    BulkRefresh,
    Favourite,
    IdempotencyKey,
    Location,
    LocationStatistics,
    Notification,
    WeatherSearch,
)

logger = logging.getLogger(__name__)


def purge() -> dict:
    return {
        "bulk_refreshes": purge_bulk_refreshes(),
        "locations": purge_locations(),
        "idempotency_keys": IdempotencyKey.objects.delete_expired(),
    }


def _cutoff(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def purge_bulk_refreshes() -> int:
    """Refreshes created before the retention period, whatever their state: none runs that
    long (chunks of a refresh deleted meanwhile find nothing and do nothing)."""
    cutoff = _cutoff(settings.BULK_REFRESH_RETENTION_DAYS)
    deleted = 0
    while True:
        ids = list(
            BulkRefresh.objects.filter(created_at__lt=cutoff)
            .order_by("created_at")
            .values_list("pk", flat=True)[: settings.CLEANUP_BATCH_SIZE]
        )
        if not ids:
            return deleted
        deleted += BulkRefresh.objects.filter(pk__in=ids).delete()[0]


def _purge_locations_sql() -> str:
    q = connection.ops.quote_name
    locations, stats = q(Location._meta.db_table), q(LocationStatistics._meta.db_table)
    searches, notes = q(WeatherSearch._meta.db_table), q(Notification._meta.db_table)
    refreshes = q(BulkRefresh._meta.db_table)
    favourites, alerts = q(Favourite._meta.db_table), q(AlertSubscription._meta.db_table)
    # A refresh's location_ids is a JSON array of GeoNames ids: `@>` finds one in it.
    return f"""
        WITH doomed AS (
            SELECT l.id FROM {locations} l
            LEFT JOIN {stats} st ON st.location_id = l.id
            WHERE l.updated_at < %(cutoff)s
              AND (st.last_searched_at IS NULL OR st.last_searched_at < %(cutoff)s)
              AND NOT EXISTS (SELECT 1 FROM {searches} s WHERE s.location_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM {notes} n WHERE n.location_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM {favourites} f WHERE f.location_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM {alerts} a WHERE a.location_id = l.id)
              AND NOT EXISTS (
                  SELECT 1 FROM {refreshes} r WHERE r.location_ids @> to_jsonb(l.geonames_id)
              )
            ORDER BY l.id LIMIT %(size)s
            FOR UPDATE OF l SKIP LOCKED
        ), statistics AS (
            DELETE FROM {stats} WHERE location_id IN (SELECT id FROM doomed)
        )
        DELETE FROM {locations} WHERE id IN (SELECT id FROM doomed)
    """  # noqa: S608  (table names from our own models; values are parameters)


def purge_locations() -> int:
    """Places nothing names and nobody searched within LOCATION_RETENTION_DAYS. A search that
    commits a row for a place in the same instant makes its batch fail (the foreign key): the
    batch is left for the next run, and the search's own retry writes the place again."""
    params = {
        "cutoff": _cutoff(settings.LOCATION_RETENTION_DAYS),
        "size": settings.CLEANUP_BATCH_SIZE,
    }
    sql, deleted = _purge_locations_sql(), 0
    while True:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, params)
                batch = cursor.rowcount
        except DatabaseError as exc:
            logger.warning("purging places stopped, the next run goes on: %s", exc)
            return deleted
        deleted += batch
        if batch < params["size"]:
            return deleted


def clear_expired_sessions() -> int:
    """The expired sessions' rows (what `manage.py clearsessions` does for the database
    engines); their cached copies in Redis expire by themselves. Returns how many."""
    return Session.objects.filter(expire_date__lt=timezone.now()).delete()[0]
