"""The air-quality read: its question (a point, or a GeoNames place) and its answer's shape.
The answer is rendered from plain data (weather.api.air_quality_body); these serializers
document it for OpenAPI, and the tests check every rendered body against that schema."""

from __future__ import annotations

from rest_framework import serializers

from weather.api.serializers.public import LocalDateTimeField
from weather.api.serializers.strict_fields import StrictFloatField, StrictIntegerField
from weather.domain.air_quality import (
    EUROPEAN_AQI_BANDS,
    POLLEN_LEVELS,
    US_AQI_BANDS,
)


class AirQualityInput(serializers.Serializer):
    latitude = StrictFloatField(min_value=-90, max_value=90, required=False)
    longitude = StrictFloatField(min_value=-180, max_value=180, required=False)
    location = StrictIntegerField(
        min_value=1,
        required=False,
        help_text="A GeoNames id (from /locations/), instead of latitude and longitude.",
    )

    def validate(self, attrs):
        point = "latitude" in attrs or "longitude" in attrs
        if "location" in attrs and point:
            raise serializers.ValidationError(
                {"location": ["Give either latitude and longitude, or location, not both."]}
            )
        if "location" in attrs:
            return attrs
        for name, other in (("latitude", "longitude"), ("longitude", "latitude")):
            if name not in attrs:
                message = (
                    f"{name} and {other} must be given together."
                    if other in attrs
                    else "This field is required (or give location)."
                )
                raise serializers.ValidationError({name: [message]})
        return attrs


def _number(help_text: str = "") -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, help_text=help_text or "null: not available")


def _index(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(allow_null=True, help_text=f"{help_text}; null: not available")


class AirQualityBandOutput(serializers.Serializer):
    """Where an index value falls on its scale."""

    key = serializers.CharField(help_text="The band's name, for the SPA to translate")
    colour = serializers.CharField(help_text="The scale's colour for the band (#rrggbb)")
    text_colour = serializers.CharField(help_text="A text colour readable on `colour`")


class AirQualityBandsOutput(serializers.Serializer):
    european_aqi = AirQualityBandOutput(allow_null=True)
    us_aqi = AirQualityBandOutput(allow_null=True)


class PollenReadingOutput(serializers.Serializer):
    value = _number("grains/m³; null: not available")
    level = serializers.ChoiceField(choices=POLLEN_LEVELS, allow_null=True)


class PollenNowOutput(serializers.Serializer):
    """This hour's pollen counts, per species, with their levels."""

    alder = PollenReadingOutput()
    birch = PollenReadingOutput()
    grass = PollenReadingOutput()
    mugwort = PollenReadingOutput()
    olive = PollenReadingOutput()
    ragweed = PollenReadingOutput()


class PollenHourOutput(serializers.Serializer):
    """An hour's pollen counts (grains/m³), per species."""

    alder = _number()
    birch = _number()
    grass = _number()
    mugwort = _number()
    olive = _number()
    ragweed = _number()


class AirQualityHourOutput(serializers.Serializer):
    time = LocalDateTimeField(help_text="The hour, in the place's local time")
    european_aqi = _index("European AQI")
    us_aqi = _index("US AQI")
    pm2_5 = _number()
    pm10 = _number()
    nitrogen_dioxide = _number()
    ozone = _number()
    european_aqi_band = serializers.ChoiceField(
        choices=[band.key for band in EUROPEAN_AQI_BANDS], allow_null=True
    )
    us_aqi_band = serializers.ChoiceField(
        choices=[band.key for band in US_AQI_BANDS], allow_null=True
    )
    pollen = PollenHourOutput(allow_null=True)


class ScaleBandOutput(serializers.Serializer):
    key = serializers.CharField()
    colour = serializers.CharField()
    text_colour = serializers.CharField()
    upto = serializers.FloatField(
        allow_null=True, help_text="The band's highest value (inclusive); null: no upper end"
    )


class PollenThresholdsOutput(serializers.Serializer):
    """Per species, the highest count (grains/m³) of "low", "moderate" and "high"."""

    alder = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
    birch = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
    grass = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
    mugwort = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
    olive = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)
    ragweed = serializers.ListField(child=serializers.FloatField(), min_length=3, max_length=3)


class AirQualityScalesOutput(serializers.Serializer):
    """The scales, for a legend: every band of each index, and the pollen thresholds."""

    european_aqi = ScaleBandOutput(many=True)
    us_aqi = ScaleBandOutput(many=True)
    pollen = PollenThresholdsOutput()


class AirQualityUnitsOutput(serializers.Serializer):
    pm2_5 = serializers.CharField()
    pm10 = serializers.CharField()
    nitrogen_dioxide = serializers.CharField()
    ozone = serializers.CharField()
    pollen = serializers.CharField()


class AirQualityOutput(serializers.Serializer):
    """Air quality now and for the next 48 hours. Every value may be null: "not available"
    (the model has none there, or sent something implausible), never a zero."""

    latitude = serializers.FloatField(help_text="The point the values are for (0.1°)")
    longitude = serializers.FloatField()
    timezone = serializers.CharField()
    time = LocalDateTimeField(allow_null=True, help_text="The hour the current values are for")
    european_aqi = _index("European AQI now (EEA bands: 0-20 good ... above 100 extremely poor)")
    us_aqi = _index("US AQI now (EPA bands: 0-50 good ... 301 and above hazardous)")
    pm2_5 = _number()
    pm10 = _number()
    nitrogen_dioxide = _number()
    ozone = _number()
    bands = AirQualityBandsOutput()
    pollen = PollenNowOutput(
        allow_null=True, help_text='null: no pollen data here ("pollen_available": false)'
    )
    pollen_available = serializers.BooleanField(
        help_text="Whether the models have pollen here (Europe, in season)"
    )
    hourly = AirQualityHourOutput(many=True)
    units = AirQualityUnitsOutput()
    scales = AirQualityScalesOutput()
    stale = serializers.BooleanField(help_text="A kept copy, served because Open-Meteo failed")
