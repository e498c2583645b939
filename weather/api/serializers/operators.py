"""Shapes of the processing endpoints: task status, the test task, notifications, reports."""

from rest_framework import serializers

from weather.api.serializers.strict_fields import (
    StrictCharField,
    StrictFloatField,
    StrictIntegerField,
)
from weather.domain.analysis import ALERT_KINDS
from weather.models import Notification, WeatherReport

TASK_STATES = ["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE", "CANCELLED"]


class TaskTestInput(serializers.Serializer):
    message = StrictCharField(max_length=200, default="Hello from Celery!", allow_blank=True)
    duration = StrictFloatField(
        min_value=0, max_value=30, default=2.0, help_text="Seconds the task works (0-30)."
    )


class TaskQueuedOutput(serializers.Serializer):
    task_id = serializers.CharField()
    status_url = serializers.CharField(help_text="GET it for the task's state and result")


class FailedPlaceOutput(serializers.Serializer):
    location_id = serializers.IntegerField(help_text="GeoNames id")
    name = serializers.CharField(allow_blank=True, help_text="Empty for an unknown place")
    reason = serializers.CharField()


class ProgressOutput(serializers.Serializer):
    total = serializers.IntegerField(help_text="Places to refresh")
    done = serializers.IntegerField(help_text="Places refreshed so far")
    failed = FailedPlaceOutput(many=True, help_text="Places that could not be refreshed, why")
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    deadline_at = serializers.DateTimeField(
        allow_null=True, help_text="Finished by then, whatever its chunks did: stop polling"
    )


class TaskStatusOutput(serializers.Serializer):
    id = serializers.CharField()
    state = serializers.ChoiceField(
        choices=TASK_STATES,
        help_text="PENDING also means unknown or expired: results are kept for a day. "
        "CANCELLED: a bulk refresh stopped by request.",
    )
    result = serializers.JSONField(allow_null=True, help_text="The task's result, once SUCCESS")
    error = serializers.CharField(allow_null=True, help_text="Why it failed (FAILURE, RETRY)")
    progress = ProgressOutput(
        required=False, help_text="Bulk refreshes only: (done + failed) / total places"
    )


class NotificationListInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ALERT_KINDS, required=False)
    location_id = StrictIntegerField(min_value=1, required=False, help_text="GeoNames id")
    search_id = StrictIntegerField(min_value=1, required=False)


class NotificationLocationOutput(serializers.Serializer):
    id = serializers.IntegerField(source="geonames_id", help_text="GeoNames id")
    name = serializers.CharField()
    country = serializers.CharField(allow_blank=True)


class NotificationOutput(serializers.ModelSerializer):
    search_id = serializers.IntegerField()
    location = NotificationLocationOutput()
    kind = serializers.ChoiceField(choices=ALERT_KINDS)

    class Meta:
        model = Notification
        fields = ["id", "search_id", "location", "kind", "severity", "message", "created_at"]


class ReportOutput(serializers.ModelSerializer):
    summary = serializers.JSONField(
        help_text="searches, locations, top_cities, temperature, extremes, processing, "
        "notifications, units"
    )

    class Meta:
        model = WeatherReport
        fields = ["id", "period_start", "period_end", "summary", "created_at"]


class MaintenanceReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    duration_ms = serializers.IntegerField()
    report = serializers.JSONField(
        help_text="analyzed (per table), statistics (checked, repaired), purged (rows deleted: "
        "bulk_refreshes, locations, idempotency_keys), orphans (count and sample ids per "
        "check), sizes (bytes per table and index, index scans)"
    )
