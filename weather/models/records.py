"""Records of operations the workers run on many rows at once: bulk refreshes of forecasts
and database maintenance runs. Imported by weather.models, so Django knows them."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

OK = "ok"


class BulkRefresh(models.Model):
    """One "refresh these places' forecasts": its progress, per-place outcome and end.

    `outcomes` maps a place id (GeoNames, as text) to "ok" or why it failed. Chunks merge
    their outcomes under the row's lock, keyed by place, so a redelivered chunk changes
    nothing: re-running a refresh is harmless.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        FINISHED = "finished"
        CANCELLED = "cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.CharField(max_length=150, blank=True)
    # Who may cancel it besides operators (as WeatherSearch's owner fields).
    owner_visitor = models.UUIDField(null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    location_ids = models.JSONField(default=list, help_text="GeoNames ids, in order")
    chunk_size = models.PositiveSmallIntegerField()
    outcomes = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the sweep finishes it, whatever its chunks did (clients stop polling then too).
    deadline_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # Chunks whose message is published: a redelivered fan-out carries on from here.
    chunks_published = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "bulk refreshes"

    def __str__(self) -> str:
        return f"Refresh of {self.total} places ({self.status})"

    @property
    def total(self) -> int:
        return len(self.location_ids)

    @property
    def chunks(self) -> int:
        return -(-self.total // self.chunk_size)

    @property
    def done(self) -> int:
        return sum(1 for outcome in self.outcomes.values() if outcome == OK)

    @property
    def failures(self) -> dict[str, str]:
        return {place: why for place, why in self.outcomes.items() if why != OK}

    def chunk(self, index: int) -> list[int]:
        return self.location_ids[index * self.chunk_size : (index + 1) * self.chunk_size]

    @classmethod
    def record(cls, refresh_id, outcomes: dict[int, str]) -> BulkRefresh | None:
        """Merges a chunk's outcomes (a place already recorded keeps its first outcome) and
        finishes the refresh when every place has one. None if the refresh is gone."""
        with transaction.atomic():
            refresh = cls.objects.select_for_update().filter(pk=refresh_id).first()
            if refresh is None:
                return None
            for place, outcome in outcomes.items():
                refresh.outcomes.setdefault(str(place), outcome)
            now = timezone.now()
            refresh.started_at = refresh.started_at or now
            if refresh.status == cls.Status.QUEUED:
                refresh.status = cls.Status.RUNNING
            if len(refresh.outcomes) >= refresh.total and refresh.status == cls.Status.RUNNING:
                refresh.status, refresh.finished_at = cls.Status.FINISHED, now
            refresh.save(update_fields=["outcomes", "started_at", "status", "finished_at"])
            return refresh

    @classmethod
    def count_published(cls, refresh_id, index: int) -> bool:
        """Counts chunk `index` published; False when it was counted already (another
        delivery of the fan-out got there first)."""
        return bool(
            cls.objects.filter(pk=refresh_id, chunks_published=index).update(
                chunks_published=index + 1
            )
        )

    @classmethod
    def overdue(cls, now) -> models.QuerySet:
        """Unfinished refreshes past their deadline."""
        return cls.objects.filter(
            status__in=[cls.Status.QUEUED, cls.Status.RUNNING], deadline_at__lt=now
        )

    @classmethod
    def cancel(cls, refresh_id) -> bool:
        """Stops a refresh that has not finished: chunks not yet run skip their places."""
        return bool(
            cls.objects.filter(
                pk=refresh_id, status__in=[cls.Status.QUEUED, cls.Status.RUNNING]
            ).update(status=cls.Status.CANCELLED, finished_at=timezone.now())
        )


class MaintenanceReport(models.Model):
    """What one database maintenance run checked, repaired and measured."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Maintenance of {self.started_at:%Y-%m-%d %H:%M}"
