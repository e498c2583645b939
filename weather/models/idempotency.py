"""Idempotency keys: what a POST answered the first time a client sent its `Idempotency-Key`,
so that sending it again (a retry after a dead host or a timeout) answers the same without
creating anything. Imported by weather.models, so Django knows the table."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyKeyQuerySet(models.QuerySet):
    def fresh(self) -> IdempotencyKeyQuerySet:
        """Keys younger than IDEMPOTENCY_KEY_TTL_S: an older one is forgotten."""
        return self.filter(created_at__gte=expiry_cutoff())

    def delete_expired(self) -> int:
        deleted, _ = self.filter(created_at__lt=expiry_cutoff()).delete()
        return deleted


def expiry_cutoff() -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_S)


class IdempotencyKey(models.Model):
    """One key of one operation (`scope`: "searches", "refreshes") and its first answer."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=255)
    # SHA-256 of who asked and the body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.TextField()
    content_type = models.CharField(max_length=100)
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = IdempotencyKeyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="one_answer_per_idempotency_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} → {self.status_code}"
