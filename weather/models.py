from django.db import models
from django.utils import timezone


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


class WeatherSearch(models.Model):
    """One accepted search: what was asked, the conditions observed, and its processing."""

    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSED = "processed"
        FAILED = "failed"

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
    # When the processing message was last handed to the broker; null = never published.
    queued_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "weather searches"
        indexes = [
            models.Index(fields=["location", "created_at"]),
            # The re-queue sweep looks only at unfinished searches.
            models.Index(
                fields=["created_at"],
                name="search_pending_idx",
                condition=models.Q(processing_status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.query} → {self.location} at {self.created_at:%Y-%m-%d %H:%M}"


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

    class Meta:
        verbose_name_plural = "location statistics"

    def __str__(self) -> str:
        return f"{self.location}: {self.search_count} searches"

    @property
    def temperature_avg_c(self) -> float | None:
        if not self.temperature_count:
            return None
        return self.temperature_sum_c / self.temperature_count


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
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    webhook_delivered_at = models.DateTimeField(null=True, blank=True)

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
