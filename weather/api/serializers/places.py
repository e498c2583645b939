"""The nearest place to a point: its question and its answer."""

from rest_framework import serializers

from weather.api.serializers.public import LocationOutput
from weather.api.serializers.strict_fields import StrictFloatField
from weather.providers.wmo import LANGUAGES


class NearestInput(serializers.Serializer):
    latitude = StrictFloatField(min_value=-90, max_value=90)
    longitude = StrictFloatField(min_value=-180, max_value=180)
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")


class NearestLocationOutput(serializers.Serializer):
    """The populated place nearest to a point (from the gazetteer)."""

    place = LocationOutput()
    distance_km = serializers.FloatField(help_text="Great-circle distance from the point")
