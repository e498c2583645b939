"""The tables, and the state changes that need only the rows themselves (healthchecks style):
a search is claimed for publishing, marked processed or failed, expired; statistics add a
search under their row's lock; notifications are marked delivered."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from weather.infra import metrics
from weather.models.permissions import Viewer

logger = logging.getLogger(__name__)


class Location(models.Model):
    """A place as the geocoder knows it; `geonames_id` is Open-Meteo's (GeoNames') id."""

    geonames_id = models.BigIntegerField(unique=True)
    name = models.CharField(max_length=200)
    admin1 = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=200, blank=True)
    country_code = models.CharField(max_length=2, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    timezone = models.CharField(max_length=64, blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    elevation_m = models.FloatField(null=True, blank=True)
    feature_code = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "country"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.admin1, self.country) if part)


class WeatherSearchQuerySet(models.QuerySet):
    def visible_to(self, viewer: Viewer) -> WeatherSearchQuerySet:
        """What this viewer may list and export: everything for operators, else their own."""
        if viewer.operator:
            return self
        mine = Q()
        if viewer.visitor:
            mine |= Q(owner_visitor=viewer.visitor)
        if viewer.user_id:
            mine |= Q(owner_id=viewer.user_id)
        return self.filter(mine) if mine else self.none()

    def pending(self) -> WeatherSearchQuerySet:
        return self.filter(processing_status=WeatherSearch.Status.PENDING)

    def never_published(self, *, created_before: dt.datetime) -> WeatherSearchQuerySet:
        """Pending searches whose processing message never reached the broker."""
        return self.pending().filter(queued_at__isnull=True, created_at__lt=created_before)

    def due_for_requeue(
        self, *, created_before: dt.datetime, published_before: dt.datetime
    ) -> WeatherSearchQuerySet:
        """Pending searches never published, or published before `published_before` and
        still not processed (the message was lost, or its task ran out of retries)."""
        return self.pending().filter(
            Q(queued_at__isnull=True, created_at__lt=created_before)
            | Q(queued_at__lt=published_before)
        )

    def claim_for_publishing(self, search_id: int, *, queued_at: dt.datetime | None) -> bool:
        """Marks a pending search queued now and counts the attempt, if it was still last
        queued at `queued_at`: of two overlapping sweeps, only one publishes it."""
        return bool(
            self.filter(
                Q(queued_at__isnull=True) if queued_at is None else Q(queued_at=queued_at),
                pk=search_id,
                processing_status=WeatherSearch.Status.PENDING,
            ).update(queued_at=timezone.now(), publish_attempts=F("publish_attempts") + 1)
        )

    def mark_queued(self, search_id: int) -> None:
        """Marks a search queued now and counts the attempt, whatever its state (by hand)."""
        self.filter(pk=search_id).update(
            queued_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
        )

    def mark_unpublished(self, search_id: int) -> None:
        """After a publish that did not go through: the sweep sees the search as never
        published and publishes it on its next run."""
        self.filter(pk=search_id).update(queued_at=None)

    def mark_failed(self, search_id: int, error: str) -> bool:
        """A permanent failure: the search will not be retried or re-queued."""
        updated = (
            self.pending()
            .filter(pk=search_id)
            .update(processing_status=WeatherSearch.Status.FAILED, processing_error=error[:2000])
        )
        if updated:
            logger.error("processing of search %s failed: %s", search_id, error)
            metrics.record_search_failed()
        return bool(updated)

    def delete_expired(
        self, *, retention_days: int | None = None, batch_size: int | None = None
    ) -> int:
        """Deletes searches older than SEARCH_RETENTION_DAYS with their notifications, in
        the whole table. Returns the count.

        Batches of SQL deletes; rows are never loaded into Python, so memory stays flat
        whatever the count. Each batch is its own short transaction. On PostgreSQL a batch
        skips searches that a worker is processing right now (their row is locked); the next
        run gets them. Location statistics are all-time aggregates and are not changed.
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
                    DELETE FROM {notifications}
                    WHERE search_id = ANY(ARRAY(SELECT id FROM doomed))
                )
                DELETE FROM {searches} WHERE ctid = ANY(ARRAY(SELECT ctid FROM doomed))
                """  # noqa: S608  (table names from our own models; values are parameters)
            ]
        else:  # SQLite in embedded mode: one writer at a time, so two statements are safe
            doomed = (
                f"SELECT id FROM {searches} WHERE created_at < %s ORDER BY created_at, id LIMIT %s"  # noqa: S608
            )
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


class WeatherSearch(models.Model):
    """One accepted search: what was asked, the conditions observed, and its processing."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSED = "processed"
        FAILED = "failed"

    # The API's and the SPA's id: unguessable, so a shared link reaches this search only.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Whose it is: a browser session's visitor id (kept in the session, so it survives the
    # key's cycling at sign-in) and/or an account. Neither: operators only (older rows).
    owner_visitor = models.UUIDField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(max_length=100)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="searches")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    lang = models.CharField(max_length=2, default="en")
    unit_system = models.CharField(max_length=8, default="metric")
    stale = models.BooleanField(default=False)

    # Current conditions, always stored in metric units.
    observed_at = models.DateTimeField(null=True, blank=True)
    temperature_c = models.FloatField(null=True, blank=True)
    apparent_temperature_c = models.FloatField(null=True, blank=True)
    relative_humidity_pct = models.FloatField(null=True, blank=True)
    precipitation_mm = models.FloatField(null=True, blank=True)
    wind_speed_kmh = models.FloatField(null=True, blank=True)
    wind_direction_deg = models.FloatField(null=True, blank=True)
    weather_code = models.PositiveSmallIntegerField(null=True, blank=True)
    weather_description = models.CharField(max_length=100, blank=True)
    is_day = models.BooleanField(null=True, blank=True)
    # The units Open-Meteo reported, before we normalised to metric.
    upstream_units = models.JSONField(default=dict, blank=True)
    # {"hourly": [...48 rows], "daily": [...7 rows]}, metric, ISO times with offset.
    forecast = models.JSONField(default=dict, blank=True)

    processing_status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    processing_result = models.JSONField(null=True, blank=True)
    processing_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # When the processing message was last handed to the broker; null = never published,
    # or the last publish did not go through.
    queued_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)

    objects = WeatherSearchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "weather searches"
        indexes = [
            models.Index(fields=["location", "created_at"]),
            # A visitor's or an account's history, newest first.
            models.Index(fields=["owner_visitor", "created_at"], name="search_visitor_idx"),
            models.Index(fields=["owner", "created_at"], name="search_owner_idx"),
            # The re-queue sweep looks only at unfinished searches.
            models.Index(
                fields=["created_at"],
                name="search_pending_idx",
                condition=models.Q(processing_status="pending"),
            ),
            # Anyone may ask for a task by id (/api/v1/tasks/<id>/): never a table scan.
            models.Index(
                fields=["task_id"], name="search_task_id_idx", condition=~models.Q(task_id="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.location} at {self.created_at:%Y-%m-%d %H:%M}"

    def mark_processed(self, result: dict) -> None:
        self.processing_status = WeatherSearch.Status.PROCESSED
        self.processing_result = result
        self.processing_error = ""
        self.processed_at = timezone.now()
        self.save(
            update_fields=[
                "processing_status",
                "processing_result",
                "processing_error",
                "processed_at",
            ]
        )


class LocationStatisticsManager(models.Manager):
    def locked_for(self, location_id: int) -> LocationStatistics:
        """The location's statistics row, created if missing, locked until the transaction
        ends: concurrent searches of one location are added one after the other."""
        self.bulk_create([LocationStatistics(location_id=location_id)], ignore_conflicts=True)
        return self.select_for_update().get(location_id=location_id)


class LocationStatistics(models.Model):
    """Running aggregates per location, updated atomically by the processing task."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, primary_key=True, related_name="statistics"
    )
    search_count = models.PositiveIntegerField(default=0)
    temperature_count = models.PositiveIntegerField(default=0)
    temperature_sum_c = models.FloatField(default=0.0)
    temperature_min_c = models.FloatField(null=True, blank=True)
    temperature_max_c = models.FloatField(null=True, blank=True)
    first_searched_at = models.DateTimeField(null=True, blank=True)
    last_searched_at = models.DateTimeField(null=True, blank=True)

    objects = LocationStatisticsManager()

    class Meta:
        verbose_name_plural = "location statistics"

    def __str__(self) -> str:
        return f"{self.location}: {self.search_count} searches"

    @property
    def temperature_avg_c(self) -> float | None:
        if not self.temperature_count:
            return None
        return self.temperature_sum_c / self.temperature_count

    def add_search(self, searched_at: dt.datetime, temperature_c: float | None) -> None:
        """Counts one search in the aggregates and saves; the row must be `locked_for`."""
        self.search_count += 1
        if self.first_searched_at is None or searched_at < self.first_searched_at:
            self.first_searched_at = searched_at
        if self.last_searched_at is None or searched_at > self.last_searched_at:
            self.last_searched_at = searched_at
        if temperature_c is not None:
            t = temperature_c
            self.temperature_count += 1
            self.temperature_sum_c += t
            self.temperature_min_c = (
                t if self.temperature_min_c is None else min(self.temperature_min_c, t)
            )
            self.temperature_max_c = (
                t if self.temperature_max_c is None else max(self.temperature_max_c, t)
            )
        self.save()


class NotificationQuerySet(models.QuerySet):
    def undelivered(self, search_id: int) -> NotificationQuerySet:
        """A search's notifications that the webhook has not received yet."""
        return self.filter(search_id=search_id, webhook_delivered_at__isnull=True)

    def mark_delivered(self) -> int:
        return self.update(webhook_delivered_at=timezone.now())


class Notification(models.Model):
    """A weather rule that fired for a search (frost ahead, storm, heat...)."""

    class Severity(models.TextChoices):
        INFO = "info"
        WARNING = "warning"
        SEVERE = "severe"

    search = models.ForeignKey(
        WeatherSearch, on_delete=models.CASCADE, related_name="notifications"
    )
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    message = models.CharField(max_length=300, help_text="English, metric")
    # What the message says, as values (metric), to word it in any language and unit system:
    # see weather.domain.alert_wording. Empty for notifications older than this field.
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    webhook_delivered_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A redelivered processing message must not notify twice.
            models.UniqueConstraint(fields=["search", "kind"], name="one_notification_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.location}"


class WeatherReport(models.Model):
    """The weekly summary written by Celery Beat."""

    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    summary = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end"], name="one_report_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.period_start:%Y-%m-%d} to {self.period_end:%Y-%m-%d}"


class OperatorAlert(models.Model):
    """A task that failed for good (its retries exhausted, or an error not worth retrying):
    listed in the admin and sent to the notification webhook, so that a person hears of it."""

    task_name = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # Operator rights, granted on purpose (the "Operators" group has it), never by is_staff.
        permissions = [("operate", "Can operate the service (ops API, no refresh limits)")]

    def __str__(self) -> str:
        return f"{self.task_name} failed at {self.created_at:%Y-%m-%d %H:%M}"
