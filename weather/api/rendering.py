"""Answers in the shapes the `*Output` serializers document, each weather body only once.

The weather part of an answer is built from plain data by `weather_data` (a dict per row,
no serializer field per value: on a cold search DRF's field machinery cost more than the rest
of our code). `WeatherOutput` stays the owner of the shape: the schema is generated from it,
and the tests check that both render the same bodies and that they match the schema.

The weather part depends only on which cached forecast it came from, the place, the language
and the units chosen (a `Units`; "metric" and "imperial" stand for theirs), so it is rendered
once per combination and kept in process memory: a hot read then costs no rendering, and its
JSON is already encoded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

import orjson
from cachetools import LRUCache
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from weather.api import weather_parts
from weather.api.serializers.public import task_status_url
from weather.api.serializers.results import ProcessingResultOutput
from weather.domain import units
from weather.domain.units import Units
from weather.domain.uv import uv_band
from weather.infra import process_state
from weather.models import WeatherSearch
from weather.models.mapping import Weather, weather_of
from weather.providers import CurrentConditions, Place
from weather.providers.wmo import describe

# Every lang and units of a few hundred hot places; at ~10 KB a body, ~20 MB per process at most.
_weather_bodies: LRUCache = process_state.memo(LRUCache(maxsize=2048))
_lock = threading.Lock()  # cachetools caches are not thread-safe; gthread workers share this
_json = JSONRenderer()


@dataclass(frozen=True)
class WeatherBody:
    content: bytes  # JSON
    etag: str  # strong: a digest of `content`


def weather_body(
    identity: tuple, weather: Callable[[], Weather], *, lang: str, unit_system: Units | str
) -> WeatherBody:
    """The rendered weather that `weather()` makes. `identity` names where it comes from (one
    fetch of a place's forecast, one stored search): equal identities mean equal weather."""
    unit_system = units.as_units(unit_system)
    key = (identity, lang, unit_system)
    with _lock:
        body = _weather_bodies.get(key)
    if body is None:
        # Compact UTF-8 as JSONRenderer writes it (which also escapes U+2028 and U+2029, as
        # JSON does not need), some ten times faster.
        content = orjson.dumps(weather_data(weather(), lang=lang, unit_system=unit_system))
        etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
        body = WeatherBody(content, etag)
        with _lock:
            _weather_bodies[key] = body
    return body


def search_json(
    search: WeatherSearch,
    *,
    lang: str,
    unit_system: Units | str,
    weather: WeatherBody | None = None,
) -> bytes:
    """A search as `SearchOutput` documents it, encoded: its record's fields, then its weather's
    (encoded once for every answer that shows it; rendered from the row unless given)."""
    if weather is None:
        weather = weather_body(
            # A stored search's weather never changes; its place may be updated.
            ("search", search.pk, search.location.updated_at),
            lambda: weather_of(search),
            lang=lang,
            unit_system=unit_system,
        )
    record = _json.render(search_record_data(search, lang=lang, unit_system=unit_system))
    return record[:-1] + b"," + weather.content[1:]  # two JSON objects' members, joined


def search_summary_data(search: WeatherSearch, *, lang: str, unit_system: Units | str) -> dict:
    """A search without its hourly and daily rows, as `SearchSummaryOutput` documents it."""
    weather = weather_data(
        weather_of(search, with_rows=False), lang=lang, unit_system=unit_system, with_rows=False
    )
    return {**search_record_data(search, lang=lang, unit_system=unit_system), **weather}


def record_context(lang: str, unit_system: Units | str) -> dict:
    """A search record's context: its processing result words alerts in a unit system."""
    return {"lang": lang, "unit_system": units.as_units(unit_system).nearest_system}


# What `SearchRecordOutput` renders, from plain data: each value converted by a DRF field of
# the kind the serializer declares (no serializer built per answer: its fields are deep-copied
# each time, ~600 Python calls); only a processing result goes through its own serializer.
_uuid = serializers.UUIDField()
_text = serializers.CharField()
_datetime = serializers.DateTimeField()
_status = serializers.ChoiceField(choices=WeatherSearch.Status.choices)


def _as(field: serializers.Field, value):
    return None if value is None else field.to_representation(value)


def search_record_data(search: WeatherSearch, *, lang: str, unit_system: Units | str) -> dict:
    """A search's record (what it adds to its weather), as `SearchRecordOutput` renders it."""
    result = search.processing_result
    if result is not None:
        context = record_context(lang, unit_system)
        result = ProcessingResultOutput(result, context=context).data
    task_id = search.task_id or None
    return {
        "id": _as(_uuid, search.public_id),
        "query": _as(_text, search.query),
        "created_at": _as(_datetime, search.created_at),
        "processing": {
            "status": _as(_status, search.processing_status),
            "task_id": task_id,
            "status_url": task_status_url(task_id) if task_id else None,
            "result": result,
            "processed_at": _as(_datetime, search.processed_at),
        },
    }


# --- The weather part, from plain data ---------------------------------------------------
# Each function gives what the serializer named in its docstring renders, value for value:
# DRF's FloatField and IntegerField coerce (an int 20 becomes 20.0), None stays None, and
# a value missing from a stored row reads as None, as a nullable field does.


def _float(value):
    return None if value is None else float(value)


def _int(value):
    return None if value is None else int(value)


def _bool(value):
    return None if value is None else bool(value)


def weather_data(
    weather: Weather, *, lang: str, unit_system: Units | str, with_rows: bool = True
) -> dict:
    """`WeatherOutput` (`WeatherSummaryOutput` without rows)."""
    chosen = units.as_units(unit_system)
    data = {
        "location": location_data(weather.place),
        "current": {
            **_current(weather.current, lang, chosen),
            **weather_parts.uv_now(weather),
        },
        "units": chosen.labels,
        "unit_system": chosen.system,
        "unit_choice": chosen.choice,
        "lang": lang,
        "stale": bool(weather.stale),
    }
    if with_rows:
        rows = weather.rows
        data["hourly"] = _hourly(rows.get("hourly") or [], lang, chosen)
        data["daily"] = _daily(rows.get("daily") or [], lang, chosen)
        data["nowcast"] = weather_parts.nowcast_data(weather, chosen)
        data["yesterday"] = weather_parts.yesterday_data(weather, chosen)
    return data


def location_data(place: Place) -> dict:
    """`LocationOutput`."""
    return {
        "id": int(place.id),
        "name": str(place.name),
        "admin1": str(place.admin1),
        "country": str(place.country),
        "country_code": str(place.country_code),
        "latitude": float(place.latitude),
        "longitude": float(place.longitude),
        "timezone": str(place.timezone),
        "population": _int(place.population),
        "elevation": _float(place.elevation_m),
        "feature_code": str(place.feature_code),
    }


def _current(current: CurrentConditions, lang: str, unit_system: Units) -> dict:
    """`CurrentOutput`."""
    time = current.time
    return {
        "time": time if time is None or isinstance(time, str) else time.isoformat(),
        "temperature": units.temperature(current.temperature_c, unit_system),
        "apparent_temperature": units.temperature(current.apparent_temperature_c, unit_system),
        "relative_humidity": _float(current.relative_humidity_pct),
        "precipitation": units.precipitation(current.precipitation_mm, unit_system),
        "wind_speed": units.wind_speed(current.wind_speed_kmh, unit_system),
        "wind_direction": _float(current.wind_direction_deg),
        "weather_code": _int(current.weather_code),
        "description": describe(current.weather_code, lang, is_day=current.is_day),
        "is_day": _bool(current.is_day),
    }


def _conversions(chosen: Units) -> list[tuple[Callable, tuple[str, ...]]]:
    """What to convert from metric into `chosen`, and the fields of a row it applies to:
    only the quantities whose chosen unit is not the metric one (the values are stored in
    metric, so the others pass as they are, without a call per value)."""
    quantities = (
        (
            units.temperature,
            chosen.temperature,
            "celsius",
            ("temperature", "apparent_temperature", "temperature_max", "temperature_min"),
        ),
        (units.precipitation, chosen.precipitation, "mm", ("precipitation", "precipitation_sum")),
        (units.wind_speed, chosen.wind_speed, "kmh", ("wind_speed", "wind_speed_max")),
    )
    return [(convert, fields) for convert, unit, metric, fields in quantities if unit != metric]


def _convert(rendered: list[dict], chosen: Units) -> list[dict]:
    """`rendered` (metric) with its quantities in `chosen`'s units, converted in place."""
    for convert, fields in _conversions(chosen):
        for row in rendered:
            for field in fields:
                if field in row:
                    row[field] = convert(row[field], chosen)
    return rendered


def _hourly(rows: list[dict], lang: str, unit_system: Units) -> list[dict]:
    """`HourlyOutput`, for each row."""
    rendered = [
        {
            "time": row["time"],
            "temperature": row.get("temperature"),
            "apparent_temperature": row.get("apparent_temperature"),
            "precipitation_probability": _float(row.get("precipitation_probability")),
            "precipitation": row.get("precipitation"),
            "weather_code": _int(row.get("weather_code")),
            "description": describe(row.get("weather_code"), lang, is_day=row.get("is_day", True)),
            "wind_speed": row.get("wind_speed"),
            "is_day": _bool(row.get("is_day")),
            "uv_index": _float(row.get("uv_index")),
        }
        for row in rows
    ]
    return _convert(rendered, unit_system)


def _daily(rows: list[dict], lang: str, unit_system: Units) -> list[dict]:
    """`DailyOutput`, for each row."""
    rendered = [
        {
            "date": row["date"] or None,  # DateField: an empty date is null
            "weather_code": _int(row.get("weather_code")),
            "description": describe(row.get("weather_code"), lang, is_day=row.get("is_day", True)),
            "temperature_max": row.get("temperature_max"),
            "temperature_min": row.get("temperature_min"),
            "precipitation_sum": row.get("precipitation_sum"),
            "precipitation_probability_max": _float(row.get("precipitation_probability_max")),
            "wind_speed_max": row.get("wind_speed_max"),
            "sunrise": row.get("sunrise"),
            "sunset": row.get("sunset"),
            "uv_index_max": _float(row.get("uv_index_max")),
            "uv_band": uv_band(row.get("uv_index_max")),
        }
        for row in rows
    ]
    return _convert(rendered, unit_system)
