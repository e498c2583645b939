"""People's weather alerts: what they subscribed to, what fired, what was sent.

- `AlertSubscription`: a person's rule for a place (weather.domain.alert_rules), at most
  ALERTS_MAX_SUBSCRIPTIONS each (services.alerts enforces it under the person's row lock).
- `AlertEvent`: a rule met on a day. Unique per (subscription, day): an evaluation that runs
  twice, or a redelivered message, inserts nothing new, so an event is notified once.
- `AlertDelivery`: one notification of an event on one channel (email, push). Unique per
  (event, channel); its status goes pending -> sent or failed (with the last error), and is
  set under the row's lock, so a redelivered delivery task sends nothing twice. Test
  notifications are deliveries without an event.
- `PushSubscription`: a browser's Web Push endpoint and keys (one row per endpoint).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from weather.domain import alert_rules
from weather.models.tables import Location


class AlertSubscription(models.Model):
    class Kind(models.TextChoices):
        FROST = alert_rules.FROST
        HEAT = alert_rules.HEAT
        WIND = alert_rules.WIND
        GUSTS = alert_rules.GUSTS
        RAIN_HOUR = alert_rules.RAIN_HOUR
        RAIN_DAY = alert_rules.RAIN_DAY
        THUNDERSTORM = alert_rules.THUNDERSTORM

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_subscriptions"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="alert_subscriptions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    threshold = models.FloatField(null=True, blank=True, help_text="°C, km/h or mm")
    horizon_hours = models.PositiveSmallIntegerField(
        default=24, choices=[(h, f"{h} h") for h in alert_rules.HORIZONS]
    )
    email = models.BooleanField(default=True)
    push = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
        indexes = [
            models.Index(fields=["user", "created"], name="alert_sub_user_idx"),
            models.Index(fields=["active", "location"], name="alert_sub_active_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_hours__in=alert_rules.HORIZONS),
                name="alert_sub_horizon",
            )
        ]

    def __str__(self) -> str:
        threshold = "" if self.threshold is None else f" {self.threshold:g}"
        return f"{self.kind}{threshold} at {self.location} ({self.horizon_hours} h)"


class AlertEvent(models.Model):
    subscription = models.ForeignKey(
        AlertSubscription, on_delete=models.CASCADE, related_name="events"
    )
    day = models.DateField(help_text="The place's local day the rule is met on")
    value = models.FloatField(null=True, blank=True, help_text="The day's extreme value")
    first_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "day"], name="alert_event_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.subscription} on {self.day}"


class AlertDelivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email"
        PUSH = "push"

    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"
        FAILED = "failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    event = models.ForeignKey(
        AlertEvent,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
        help_text="None for a test notification",
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    title = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    language = models.CharField(max_length=5, default="en")
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "alert deliveries"
        indexes = [
            models.Index(fields=["user", "created"], name="alert_delivery_user_idx"),
            models.Index(fields=["status", "created"], name="alert_delivery_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "channel"], name="alert_delivery_once_per_channel"
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.status}: {self.title}"


class PushSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=100, help_text="The browser's P-256 key, base64url")
    auth = models.CharField(max_length=50, help_text="The browser's auth secret, base64url")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.endpoint[:80]
