"""The shape of a search's processing result (`WeatherSearch.processing_result`), presented in
the request's language and unit system. The worker stores it metric, with its alerts as values;
these serializers convert and word it, and describe it for OpenAPI."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weather.api.serializers.unit_fields import Converted
from weather.domain.alert_wording import alert_message
from weather.domain.analysis import ALERT_KINDS


class ResultStatisticsOutput(serializers.Serializer):
    """The location's statistics once this search was counted."""

    search_count = serializers.IntegerField()
    temperature_min = Converted("temperature")
    temperature_avg = Converted("temperature")
    temperature_max = Converted("temperature")
    first_searched_at = serializers.CharField(allow_null=True)
    last_searched_at = serializers.CharField(allow_null=True)


class TrendOutput(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["warming", "cooling", "steady"])
    delta = Converted("temperature_difference", help_text="Change over 24 hours")


class AnalysisOutput(serializers.Serializer):
    comfort = serializers.ChoiceField(
        choices=["freezing", "windy", "cold", "cool", "hot", "humid", "comfortable", "warm"],
        allow_null=True,
    )
    flags = serializers.ListField(
        child=serializers.ChoiceField(choices=ALERT_KINDS),
        help_text="Alert kinds",
    )
    compared_to_today = serializers.ChoiceField(
        choices=["below", "within", "above"], allow_null=True
    )
    compared_to_history = serializers.ChoiceField(
        choices=["first", "warmer", "colder", "typical"], allow_null=True
    )
    trend = TrendOutput(allow_null=True)


@extend_schema_field(OpenApiTypes.STR)
class AlertMessageField(serializers.Field):
    """The alert worded in the request's language and unit system."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, alert):
        return alert_message(alert, self.context["lang"], self.context["unit_system"])


class ResultNotificationOutput(serializers.Serializer):
    kind = serializers.CharField()
    severity = serializers.ChoiceField(choices=["info", "warning", "severe"])
    message = AlertMessageField()


class ProcessingResultOutput(serializers.Serializer):
    """Statistics, analysis and alerts, as of this search's processing."""

    statistics = ResultStatisticsOutput()
    analysis = AnalysisOutput()
    notifications = ResultNotificationOutput(many=True)
