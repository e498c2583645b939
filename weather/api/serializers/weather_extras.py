"""Shapes of the units a request chooses, the next two hours, yesterday, the UV bands, and the
favourites overview."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from weather.api.serializers.strict_fields import StrictCharField
from weather.api.weather_parts import nowcast_data, yesterday_data
from weather.domain import units
from weather.domain.units import (
    PRECIPITATION_UNITS,
    TEMPERATURE_UNITS,
    UNIT_SYSTEMS,
    WIND_UNITS,
    Units,
)
from weather.domain.uv import UV_BANDS, uv_band
from weather.providers.wmo import LANGUAGES

UV_BAND_NAMES = [band for band, _lowest in reversed(UV_BANDS)]


def _one_of(choices: tuple[str, ...]) -> str:
    return '"{input}" is not a valid choice: one of ' + ", ".join(choices) + "."


class UnitChoiceInput(serializers.Serializer):
    """Each quantity's unit, on its own; `units` is a shorthand they override."""

    temperature_unit = serializers.ChoiceField(
        choices=TEMPERATURE_UNITS,
        required=False,
        help_text="Overrides `units` for temperatures",
        error_messages={"invalid_choice": _one_of(TEMPERATURE_UNITS)},
    )
    wind_unit = serializers.ChoiceField(
        choices=WIND_UNITS,
        required=False,
        help_text="Overrides `units` for wind speeds; bft: the Beaufort force, 0-12",
        error_messages={"invalid_choice": _one_of(WIND_UNITS)},
    )
    precipitation_unit = serializers.ChoiceField(
        choices=PRECIPITATION_UNITS,
        required=False,
        help_text="Overrides `units` for precipitation",
        error_messages={"invalid_choice": _one_of(PRECIPITATION_UNITS)},
    )


def chosen_units(validated: dict, default_system: str = "metric") -> Units:
    """The `Units` of validated `UnitChoiceInput` parameters (and `units`, when given)."""
    return units.choose(
        validated.get("units") or default_system,
        temperature=validated.get("temperature_unit"),
        wind_speed=validated.get("wind_unit"),
        precipitation=validated.get("precipitation_unit"),
    )


class UnitChoiceOutput(serializers.Serializer):
    """The unit of each quantity, as the request parameters name it."""

    temperature_unit = serializers.ChoiceField(choices=TEMPERATURE_UNITS)
    wind_unit = serializers.ChoiceField(choices=WIND_UNITS)
    precipitation_unit = serializers.ChoiceField(choices=PRECIPITATION_UNITS)


class UVBandField(serializers.ChoiceField):
    """The band of a UV index (WHO): low 0-2, moderate 3-5, high 6-7, very_high 8-10,
    extreme 11+."""

    def __init__(self, **kwargs):
        super().__init__(choices=UV_BAND_NAMES, allow_null=True, **kwargs)

    def to_representation(self, value):
        return uv_band(value)


class NowcastStepOutput(serializers.Serializer):
    time = serializers.CharField(help_text="Local time of the step's start, with its offset")
    precipitation = serializers.FloatField(
        allow_null=True, help_text="Over the 15 minutes, in `units.precipitation`"
    )


class NowcastSummaryOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["none", "starting", "ongoing", "stopping"])
    at = serializers.CharField(
        allow_null=True, help_text="starting: when rain starts; stopping: when it stops"
    )
    intensity = serializers.ChoiceField(
        choices=["light", "moderate", "heavy"],
        allow_null=True,
        help_text="Of the heaviest step: light < 2.5 mm/h, moderate < 7.6 mm/h, heavy beyond",
    )


class NowcastOutput(serializers.Serializer):
    """Rain in the next two hours, by quarter hour."""

    source = serializers.ChoiceField(
        choices=["minutely_15", "interpolated"],
        help_text="minutely_15: 15-minute model data (Central Europe, North America); "
        "interpolated: made from hourly values, less precise",
    )
    steps = NowcastStepOutput(many=True)
    summary = NowcastSummaryOutput()


class YesterdayOutput(serializers.Serializer):
    temperature = serializers.FloatField(help_text="At this hour yesterday")
    difference = serializers.FloatField(help_text="Now minus yesterday: + warmer, - colder")


@extend_schema_field({"type": "string", "enum": [*UNIT_SYSTEMS, "custom"]})
class UnitSystemField(serializers.Field):
    """ "metric" or "imperial" when the units chosen are one of those, else "custom"."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _):
        return units.as_units(self.context["unit_system"]).system


@extend_schema_field(UnitChoiceOutput)
class UnitChoiceField(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _):
        return units.as_units(self.context["unit_system"]).choice


class WeatherPart(serializers.Field):
    """A part of the weather body made by `make(weather, units)` (see `api.weather_parts`)."""

    def __init__(self, make, **kwargs):
        self.make = make
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, weather):
        return self.make(weather, units.as_units(self.context["unit_system"]))


@extend_schema_field(NowcastOutput)
class NowcastField(WeatherPart):
    def __init__(self, **kwargs):
        super().__init__(nowcast_data, **kwargs)


@extend_schema_field(YesterdayOutput(allow_null=True))
class YesterdayField(WeatherPart):
    def __init__(self, **kwargs):
        super().__init__(yesterday_data, allow_null=True, **kwargs)


# --- The favourites overview ------------------------------------------------------------------

MAX_OVERVIEW_PLACES = 20


class OverviewInput(UnitChoiceInput):
    ids = StrictCharField(
        max_length=300,
        help_text=f"Up to {MAX_OVERVIEW_PLACES} GeoNames ids, comma-separated: 2988507,2950159",
    )
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, default="metric")
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")

    def validate_ids(self, value: str) -> list[int]:
        parts = [part.strip() for part in value.split(",")]
        if not all(part.isdigit() and 0 < int(part) < 2**31 for part in parts):
            raise serializers.ValidationError(
                "Give GeoNames ids: positive whole numbers, comma-separated."
            )
        ids = list(dict.fromkeys(int(part) for part in parts))
        if len(ids) > MAX_OVERVIEW_PLACES:
            raise serializers.ValidationError(
                f"At most {MAX_OVERVIEW_PLACES} places, not {len(ids)}."
            )
        return ids


class OverviewCardOutput(serializers.Serializer):
    """One place at a glance."""

    id = serializers.IntegerField(help_text="GeoNames id")
    name = serializers.CharField()
    country = serializers.CharField(allow_blank=True)
    temperature = serializers.FloatField(allow_null=True)
    weather_code = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()
    today_min = serializers.FloatField(allow_null=True)
    today_max = serializers.FloatField(allow_null=True)
    next_rain = serializers.CharField(
        allow_null=True, help_text="Local time rain is next expected within 48 h, or null"
    )
    alert = serializers.BooleanField(help_text="A warning for today or tomorrow")
    stale = serializers.BooleanField(help_text="Open-Meteo failed: an older forecast is shown")


class OverviewOutput(serializers.Serializer):
    """The places asked for, in their order (duplicates once)."""

    results = OverviewCardOutput(many=True)
    units = serializers.DictField(child=serializers.CharField())
    unit_system = UnitSystemField()
    unit_choice = UnitChoiceField()
    lang = serializers.ChoiceField(choices=LANGUAGES)
