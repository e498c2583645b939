"""Serializer fields that show a stored metric value in the unit system a request asked for."""

from __future__ import annotations

from rest_framework import serializers

from weather.domain import units


class Converted(serializers.FloatField):
    """A metric value of `quantity`, shown in the unit system the request asked for."""

    def __init__(self, quantity: str, allow_null: bool = True, **kwargs):
        self.convert = units.CONVERTERS[quantity]
        super().__init__(allow_null=allow_null, **kwargs)

    def to_representation(self, value):
        return self.convert(value, self.context["unit_system"])
