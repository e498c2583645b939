"""Shapes of the API's input and output. Input serializers validate; the `*Output` serializers
both render the answers and describe them for OpenAPI, so the two cannot drift apart."""

from __future__ import annotations

import copy

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from weather.api.serializers.results import ProcessingResultOutput
from weather.api.serializers.strict_fields import (
    StrictCharField,
    StrictFloatField,
    StrictIntegerField,
)
from weather.api.serializers.unit_fields import Converted
from weather.api.serializers.weather_extras import (
    NowcastField,
    UnitChoiceField,
    UnitChoiceInput,
    UnitSystemField,
    UVBandField,
    YesterdayField,
)
from weather.api.weather_parts import uv_now
from weather.domain import units
from weather.domain.units import UNIT_SYSTEMS
from weather.models import WeatherSearch
from weather.providers.wmo import LANGUAGES, describe


class SearchInput(UnitChoiceInput):
    city = StrictCharField(
        max_length=100, required=False, help_text='A city, optionally "City, Country|Region".'
    )
    location_id = StrictIntegerField(
        min_value=1, required=False, help_text="GeoNames id from /locations/: picks a homonym."
    )
    latitude = StrictFloatField(min_value=-90, max_value=90, required=False)
    longitude = StrictFloatField(min_value=-180, max_value=180, required=False)
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, default="metric")
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")

    def get_fields(self):
        # Shallow copies, not DRF's deep ones (each field built anew: ~600 Python calls a
        # search). A copy is bound to its own name; what it shares is never changed.
        return {name: copy.copy(field) for name, field in self._declared_fields.items()}

    def validate(self, attrs):
        if "city" not in attrs and "location_id" not in attrs:
            raise serializers.ValidationError({"city": ["This field is required."]})
        if ("latitude" in attrs) != ("longitude" in attrs):
            missing = "longitude" if "latitude" in attrs else "latitude"
            raise serializers.ValidationError(
                {missing: ["latitude and longitude must be given together."]}
            )
        if "latitude" in attrs and "city" not in attrs:
            raise serializers.ValidationError(
                {"city": ["latitude and longitude choose among the cities matching `city`."]}
            )
        return attrs


class LocationQueryInput(serializers.Serializer):
    q = StrictCharField(min_length=2, max_length=100, help_text="At least 2 characters.")
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")


class SearchListInput(UnitChoiceInput):
    city = StrictCharField(max_length=100, required=False)
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, default="metric")
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")


class SearchDetailInput(UnitChoiceInput):
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, required=False)
    lang = serializers.ChoiceField(choices=LANGUAGES, required=False)


class StatsInput(UnitChoiceInput):
    days = StrictIntegerField(
        min_value=1,
        max_value=3650,
        default=30,
        help_text="Counted up to SEARCH_RETENTION_DAYS (older searches are deleted): the "
        "answer's `days` says how many were counted.",
    )
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, default="metric")


# --- Output ---------------------------------------------------------------------------------
# Rendered with context {"lang": "en"|"fr", "unit_system": a `Units` or "metric"|"imperial"}:
# values are stored metric and converted here, descriptions are worded here, for every row.


def task_status_url(task_id: str) -> str:
    return reverse("task-status", kwargs={"task_id": task_id})


@extend_schema_field(OpenApiTypes.STR)
class DescriptionField(serializers.Field):
    """The row's weather code in words, in the request's language ("Unknown" when missing)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, row):
        if isinstance(row, dict):
            code, is_day = row.get("weather_code"), row.get("is_day", True)
        else:
            code, is_day = row.weather_code, row.is_day
        return describe(code, self.context["lang"], is_day=is_day)


class LocalDateTimeField(serializers.DateTimeField):
    """A time in the place's own UTC offset (DRF would convert it to the server's zone)."""

    def to_representation(self, value):
        return value if isinstance(value, str) else value.isoformat()


class LocationOutput(serializers.Serializer):
    """A place, as the geocoder knows it."""

    # Renders a `Place` (a stored Location goes through `mapping.place_of` first).

    id = serializers.IntegerField(help_text="GeoNames id")
    name = serializers.CharField()
    admin1 = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)
    country_code = serializers.CharField(allow_blank=True)
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    timezone = serializers.CharField(allow_blank=True)
    population = serializers.IntegerField(allow_null=True)
    elevation = serializers.FloatField(source="elevation_m", allow_null=True)
    feature_code = serializers.CharField(allow_blank=True)


class LocationListOutput(serializers.Serializer):
    results = LocationOutput(many=True)


class CurrentOutput(serializers.Serializer):
    """The conditions now, in the place's local time."""

    # Renders a `CurrentConditions`.

    time = LocalDateTimeField(allow_null=True)
    temperature = Converted("temperature", source="temperature_c")
    apparent_temperature = Converted("temperature", source="apparent_temperature_c")
    relative_humidity = serializers.FloatField(source="relative_humidity_pct", allow_null=True)
    precipitation = Converted("precipitation", source="precipitation_mm")
    wind_speed = Converted("wind_speed", source="wind_speed_kmh")
    wind_direction = serializers.FloatField(source="wind_direction_deg", allow_null=True)
    weather_code = serializers.IntegerField(allow_null=True)
    description = DescriptionField()
    is_day = serializers.BooleanField(allow_null=True)
    uv_index = serializers.FloatField(allow_null=True, read_only=True)
    uv_band = UVBandField(read_only=True, source="uv_index")


@extend_schema_field(CurrentOutput)
class _CurrentWithUV(serializers.Field):
    """`CurrentOutput` of a `Weather`: its conditions, and the UV its rows hold."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, weather):
        return {**CurrentOutput(weather.current, context=self.context).data, **uv_now(weather)}


class HourlyOutput(serializers.Serializer):
    """One hour of the forecast."""

    # Renders an hourly row of `mapping.forecast_rows`.

    time = LocalDateTimeField()
    temperature = Converted("temperature")
    apparent_temperature = Converted("temperature")
    precipitation_probability = serializers.FloatField(allow_null=True)
    precipitation = Converted("precipitation")
    weather_code = serializers.IntegerField(allow_null=True)
    description = DescriptionField()
    wind_speed = Converted("wind_speed")
    is_day = serializers.BooleanField(allow_null=True)
    uv_index = serializers.FloatField(allow_null=True)


class DailyOutput(serializers.Serializer):
    """One day of the forecast."""

    # Renders a daily row of `mapping.forecast_rows`.

    date = serializers.DateField()
    weather_code = serializers.IntegerField(allow_null=True)
    description = DescriptionField()
    temperature_max = Converted("temperature")
    temperature_min = Converted("temperature")
    precipitation_sum = Converted("precipitation")
    precipitation_probability_max = serializers.FloatField(allow_null=True)
    wind_speed_max = Converted("wind_speed")
    sunrise = LocalDateTimeField(allow_null=True)
    sunset = LocalDateTimeField(allow_null=True)
    uv_index_max = serializers.FloatField(allow_null=True)
    uv_band = UVBandField(source="uv_index_max", help_text="Of the day's highest UV index")


class UnitsOutput(serializers.Serializer):
    """The label of each quantity's unit (°C, °F; km/h, m/s, mph, kn, Bft; mm, in)."""

    temperature = serializers.CharField()
    wind_speed = serializers.CharField()
    precipitation = serializers.CharField()
    relative_humidity = serializers.CharField()
    wind_direction = serializers.CharField()
    precipitation_probability = serializers.CharField()


class _FromContext(serializers.Field):
    def __init__(self, name: str, **kwargs):
        self.name = name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _):
        return self.context[self.name]


@extend_schema_field(UnitsOutput)
class _UnitLabels(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _):
        return units.as_units(self.context["unit_system"]).labels


@extend_schema_field({"type": "string", "enum": list(LANGUAGES)})
class _Language(_FromContext):
    def __init__(self, **kwargs):
        super().__init__("lang", **kwargs)


class WeatherOutput(serializers.Serializer):
    """The weather at a place: what GET /weather/ answers, and part of every search."""

    # Renders a `mapping.Weather`.

    location = LocationOutput(source="place")
    current = _CurrentWithUV()
    units = _UnitLabels()
    unit_system = UnitSystemField()
    unit_choice = UnitChoiceField()
    lang = _Language()
    stale = serializers.BooleanField(
        help_text="Open-Meteo failed; a recent cached forecast is served"
    )
    hourly = HourlyOutput(many=True, source="rows.hourly", help_text="The next 48 hours")
    daily = DailyOutput(many=True, source="rows.daily", help_text="The next 7 days")
    nowcast = NowcastField(help_text="Rain in the next two hours")
    yesterday = YesterdayField(help_text="This hour yesterday (null: not known)")


class ProcessingOutput(serializers.Serializer):
    """The search's processing in the background."""

    status = serializers.ChoiceField(
        choices=WeatherSearch.Status.choices, source="processing_status"
    )
    task_id = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()
    result = ProcessingResultOutput(allow_null=True, source="processing_result")
    processed_at = serializers.DateTimeField(allow_null=True)

    def get_task_id(self, search) -> str | None:
        return search.task_id or None

    def get_status_url(self, search) -> str | None:
        return task_status_url(search.task_id) if search.task_id else None


class SearchRecordOutput(serializers.Serializer):
    """What a recorded search adds to its weather."""

    id = serializers.UUIDField(source="public_id", help_text="Unguessable: a shared link")
    query = serializers.CharField()
    created_at = serializers.DateTimeField()
    processing = ProcessingOutput(source="*")


class SearchOutput(SearchRecordOutput, WeatherOutput):
    """A recorded search: its record and its weather."""

    # Rendered in its two parts (see `rendering.search_data`), so the weather part is shared.


class WeatherSummaryOutput(WeatherOutput):
    hourly = None
    daily = None
    nowcast = None
    yesterday = None


class SearchSummaryOutput(SearchRecordOutput, WeatherSummaryOutput):
    """A search in a list: without its hourly and daily rows."""


class TopCityOutput(serializers.Serializer):
    location_id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField(allow_blank=True)
    searches = serializers.IntegerField()


class SearchesPerDayOutput(serializers.Serializer):
    date = serializers.DateField()
    searches = serializers.IntegerField()


class TemperatureRangeOutput(serializers.Serializer):
    location_id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.CharField(allow_blank=True)
    min = Converted("temperature", allow_null=False)
    avg = Converted("temperature", allow_null=False)
    max = Converted("temperature", allow_null=False)


@extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
class _TemperatureLabel(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _):
        return {"temperature": units.as_units(self.context["unit_system"]).labels["temperature"]}


class StatsOutput(serializers.Serializer):
    """Rendered with context {"unit_system": ...} from `reports.search_statistics()`."""

    days = serializers.IntegerField(
        help_text="The days counted: those asked for, at most SEARCH_RETENTION_DAYS"
    )
    total_searches = serializers.IntegerField()
    top_cities = TopCityOutput(many=True)
    searches_per_day = SearchesPerDayOutput(many=True)
    temperature_by_city = TemperatureRangeOutput(
        many=True, help_text="The 50 most searched places, by name"
    )
    units = _TemperatureLabel()


class ErrorDetailOutput(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    retry_after = serializers.IntegerField(
        required=False, help_text="Seconds to wait (429, and 503 while Open-Meteo is spared)"
    )
    params = serializers.DictField(
        required=False, help_text="The numbers a refusal names, by name (e.g. min, max, limit)"
    )


class ErrorOutput(serializers.Serializer):
    error = ErrorDetailOutput()


def error_response(description: str) -> OpenApiResponse:
    """An error status in the schema: our error shape, with what that status means here."""
    return OpenApiResponse(ErrorOutput, description=description)
