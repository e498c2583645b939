"""Shapes of the processing endpoints: task status, the test task, notifications, reports."""

from rest_framework import serializers

from .models import Notification, WeatherReport
from .serializers import StrictCharField, StrictFloatField, StrictIntegerField

TASK_STATES = ["PENDING", "STARTED", "RETRY", "SUCCESS", "FAILURE"]
NOTIFICATION_KINDS = ["frost", "heat", "strong_wind", "heavy_precipitation"]


class TaskTestInput(serializers.Serializer):
    message = StrictCharField(max_length=200, default="Hello from Celery!", allow_blank=True)
    duration = StrictFloatField(
        min_value=0, max_value=30, default=2.0, help_text="Seconds the task works (0-30)."
    )


class TaskQueuedOutput(serializers.Serializer):
    task_id = serializers.CharField()
    status_url = serializers.CharField(help_text="GET it for the task's state and result")


class TaskStatusOutput(serializers.Serializer):
    id = serializers.CharField()
    state = serializers.ChoiceField(
        choices=TASK_STATES,
        help_text="PENDING also means unknown or expired: results are kept for a day.",
    )
    result = serializers.JSONField(allow_null=True, help_text="The task's result, once SUCCESS")
    error = serializers.CharField(allow_null=True, help_text="Why it failed (FAILURE, RETRY)")


class NotificationListInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NOTIFICATION_KINDS, required=False)
    location_id = StrictIntegerField(min_value=1, required=False, help_text="GeoNames id")
    search_id = StrictIntegerField(min_value=1, required=False)


class NotificationLocationOutput(serializers.Serializer):
    id = serializers.IntegerField(source="geonames_id", help_text="GeoNames id")
    name = serializers.CharField()
    country = serializers.CharField(allow_blank=True)


class NotificationOutput(serializers.ModelSerializer):
    search_id = serializers.IntegerField()
    location = NotificationLocationOutput()
    kind = serializers.ChoiceField(choices=NOTIFICATION_KINDS)

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
