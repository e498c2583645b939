"""Shapes of the API's input and output. Input serializers validate; output is built by
`present_*` functions (plain dicts, cheap on the hot path) and described for OpenAPI by the
`*Output` serializers, which the tests check against real responses."""

from __future__ import annotations

import unicodedata
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.urls import reverse
from rest_framework import serializers

from .models import Location, WeatherSearch
from .providers import Place
from .providers.wmo import describe

UNIT_SYSTEMS = ("metric", "imperial")
LANGUAGES = ("en", "fr")


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text, and
    refuses control characters, which no place name contains."""

    default_error_messages = {
        "not_a_string": "Must be a string.",
        "control_characters": "Must not contain control characters.",
    }

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in data):
            self.fail("control_characters")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_an_integer": "Must be an integer."}

    def to_internal_value(self, data):
        if isinstance(data, (bool, float)):
            self.fail("not_an_integer")
        return super().to_internal_value(data)


class StrictFloatField(serializers.FloatField):
    default_error_messages = {"not_a_number": "Must be a number."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("not_a_number")
        value = super().to_internal_value(data)
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            self.fail("not_a_number")
        return value


class SearchInput(serializers.Serializer):
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


class SearchListInput(serializers.Serializer):
    city = StrictCharField(max_length=100, required=False)
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, default="metric")
    lang = serializers.ChoiceField(choices=LANGUAGES, default="en")


class SearchDetailInput(serializers.Serializer):
    units = serializers.ChoiceField(choices=UNIT_SYSTEMS, required=False)
    lang = serializers.ChoiceField(choices=LANGUAGES, required=False)


class StatsInput(serializers.Serializer):
    days = StrictIntegerField(min_value=1, max_value=3650, default=30)


# --- Output ---------------------------------------------------------------------------------

METRIC_UNITS = {
    "temperature": "°C",
    "wind_speed": "km/h",
    "precipitation": "mm",
    "relative_humidity": "%",
    "wind_direction": "°",
    "precipitation_probability": "%",
}
IMPERIAL_UNITS = {**METRIC_UNITS, "temperature": "°F", "wind_speed": "mph", "precipitation": "in"}


def _converters(unit_system: str):
    if unit_system != "imperial":
        return (lambda v: v), (lambda v: v), (lambda v: v)

    def temp(v):
        return None if v is None else round(v * 9 / 5 + 32, 1)

    def speed(v):
        return None if v is None else round(v / 1.609344, 1)

    def length(v):
        return None if v is None else round(v / 25.4, 2)

    return temp, speed, length


def task_status_url(task_id: str) -> str:
    return reverse("task-status", kwargs={"task_id": task_id})


def present_location(location: Location | Place) -> dict:
    is_place = isinstance(location, Place)
    return {
        "id": location.id if is_place else location.geonames_id,
        "name": location.name,
        "admin1": location.admin1,
        "country": location.country,
        "country_code": location.country_code,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "timezone": location.timezone,
        "population": location.population,
        "elevation": location.elevation_m,
        "feature_code": location.feature_code,
    }


def present_search(
    search: WeatherSearch,
    *,
    full: bool = True,
    unit_system: str | None = None,
    lang: str | None = None,
) -> dict:
    unit_system = unit_system or search.unit_system
    lang = lang or search.lang
    temp, speed, length = _converters(unit_system)
    observed = search.observed_at
    if observed is not None and search.location.timezone:
        observed = observed.astimezone(_zone(search.location.timezone))
    body = {
        "id": search.id,
        "query": search.query,
        "created_at": search.created_at.isoformat().replace("+00:00", "Z"),
        "location": present_location(search.location),
        "current": {
            "time": observed.isoformat() if observed else None,
            "temperature": temp(search.temperature_c),
            "apparent_temperature": temp(search.apparent_temperature_c),
            "relative_humidity": search.relative_humidity_pct,
            "precipitation": length(search.precipitation_mm),
            "wind_speed": speed(search.wind_speed_kmh),
            "wind_direction": search.wind_direction_deg,
            "weather_code": search.weather_code,
            "description": describe(search.weather_code, lang),
            "is_day": search.is_day,
        },
        "units": IMPERIAL_UNITS if unit_system == "imperial" else METRIC_UNITS,
        "unit_system": unit_system,
        "lang": lang,
        "stale": search.stale,
        "processing": {
            "status": search.processing_status,
            "task_id": search.task_id or None,
            "status_url": task_status_url(search.task_id) if search.task_id else None,
            "result": search.processing_result,
            "processed_at": search.processed_at.isoformat() if search.processed_at else None,
        },
    }
    if full:
        forecast = search.forecast or {}
        body["hourly"] = [
            {
                **row,
                "temperature": temp(row.get("temperature")),
                "apparent_temperature": temp(row.get("apparent_temperature")),
                "precipitation": length(row.get("precipitation")),
                "wind_speed": speed(row.get("wind_speed")),
            }
            for row in forecast.get("hourly", [])
        ]
        body["daily"] = [
            {
                **row,
                "description": describe(row.get("weather_code"), lang),
                "temperature_max": temp(row.get("temperature_max")),
                "temperature_min": temp(row.get("temperature_min")),
                "precipitation_sum": length(row.get("precipitation_sum")),
                "wind_speed_max": speed(row.get("wind_speed_max")),
            }
            for row in forecast.get("daily", [])
        ]
    return body


def _zone(name: str):
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


# Serializers below only document the output for OpenAPI.


class LocationOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="GeoNames id")
    name = serializers.CharField()
    admin1 = serializers.CharField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)
    country_code = serializers.CharField(allow_blank=True)
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    timezone = serializers.CharField(allow_blank=True)
    population = serializers.IntegerField(allow_null=True)
    elevation = serializers.FloatField(allow_null=True)
    feature_code = serializers.CharField(allow_blank=True)


class LocationListOutput(serializers.Serializer):
    results = LocationOutput(many=True)


class CurrentOutput(serializers.Serializer):
    time = serializers.DateTimeField(allow_null=True)
    temperature = serializers.FloatField(allow_null=True)
    apparent_temperature = serializers.FloatField(allow_null=True)
    relative_humidity = serializers.FloatField(allow_null=True)
    precipitation = serializers.FloatField(allow_null=True)
    wind_speed = serializers.FloatField(allow_null=True)
    wind_direction = serializers.FloatField(allow_null=True)
    weather_code = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()
    is_day = serializers.BooleanField(allow_null=True)


class HourlyOutput(serializers.Serializer):
    time = serializers.DateTimeField()
    temperature = serializers.FloatField(allow_null=True)
    apparent_temperature = serializers.FloatField(allow_null=True)
    precipitation_probability = serializers.FloatField(allow_null=True)
    precipitation = serializers.FloatField(allow_null=True)
    weather_code = serializers.IntegerField(allow_null=True)
    wind_speed = serializers.FloatField(allow_null=True)
    is_day = serializers.BooleanField(allow_null=True)


class DailyOutput(serializers.Serializer):
    date = serializers.DateField()
    weather_code = serializers.IntegerField(allow_null=True)
    description = serializers.CharField()
    temperature_max = serializers.FloatField(allow_null=True)
    temperature_min = serializers.FloatField(allow_null=True)
    precipitation_sum = serializers.FloatField(allow_null=True)
    precipitation_probability_max = serializers.FloatField(allow_null=True)
    wind_speed_max = serializers.FloatField(allow_null=True)
    sunrise = serializers.DateTimeField(allow_null=True)
    sunset = serializers.DateTimeField(allow_null=True)


class UnitsOutput(serializers.Serializer):
    temperature = serializers.CharField()
    wind_speed = serializers.CharField()
    precipitation = serializers.CharField()
    relative_humidity = serializers.CharField()
    wind_direction = serializers.CharField()
    precipitation_probability = serializers.CharField()


class ProcessingOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=WeatherSearch.Status.choices)
    task_id = serializers.CharField(allow_null=True)
    status_url = serializers.CharField(allow_null=True)
    result = serializers.JSONField(allow_null=True, help_text="Statistics, analysis, notifications")
    processed_at = serializers.DateTimeField(allow_null=True)


class SearchSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    query = serializers.CharField()
    created_at = serializers.DateTimeField()
    location = LocationOutput()
    current = CurrentOutput()
    units = UnitsOutput()
    unit_system = serializers.ChoiceField(choices=UNIT_SYSTEMS)
    lang = serializers.ChoiceField(choices=LANGUAGES)
    stale = serializers.BooleanField(
        help_text="Open-Meteo failed; a recent cached forecast is served"
    )
    processing = ProcessingOutput()


class SearchOutput(SearchSummaryOutput):
    hourly = HourlyOutput(many=True, help_text="The next 48 hours")
    daily = DailyOutput(many=True, help_text="The next 7 days")


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
    min = serializers.FloatField()
    avg = serializers.FloatField()
    max = serializers.FloatField()


class StatsOutput(serializers.Serializer):
    total_searches = serializers.IntegerField()
    top_cities = TopCityOutput(many=True)
    searches_per_day = SearchesPerDayOutput(many=True)
    temperature_by_city = TemperatureRangeOutput(many=True)
    units = serializers.DictField(child=serializers.CharField())


class ErrorDetailOutput(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    retry_after = serializers.IntegerField(required=False, help_text="Seconds, for 429 only")


class ErrorOutput(serializers.Serializer):
    error = ErrorDetailOutput()


class HealthOutput(serializers.Serializer):
    status = serializers.CharField()
    sample_data = serializers.BooleanField()


class DependencyOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "down"])
    latency_ms = serializers.FloatField(required=False)
    error = serializers.CharField(required=False)


class ReadinessOutput(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "unavailable"])
    checks = serializers.DictField(child=DependencyOutput())
