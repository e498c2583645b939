"""Shapes of the liveness and readiness answers (for load balancers and operators)."""

from __future__ import annotations

from rest_framework import serializers


class HealthOutput(serializers.Serializer):
    status = serializers.CharField()
    sample_data = serializers.BooleanField()


class BudgetWindowOutput(serializers.Serializer):
    used = serializers.IntegerField()
    limit = serializers.IntegerField()


class DependencyOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded", "down"])
    latency_ms = serializers.FloatField(required=False)
    error = serializers.CharField(required=False)
    circuit = serializers.ChoiceField(
        choices=["closed", "open", "half_open"], required=False, help_text="upstream only"
    )
    retry_after = serializers.FloatField(required=False, help_text="open circuit: seconds left")
    budget = serializers.DictField(
        child=BudgetWindowOutput(), required=False, help_text="upstream: calls per window"
    )


class ReadinessOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "degraded", "unavailable"])
    checks = serializers.DictField(child=DependencyOutput())
