"""Open-Meteo answers for the provider tests, written in the shape the real APIs answer with.

What real answers do and these reproduce: geocoding omits empty fields (no `population`, no
`admin1`) and adds ones we ignore (`postcodes`, `admin3`); a search without a match has no
`results` key at all; the forecast sends local wall-clock times without an offset, one
`*_units` block per time block, unit strings we must read rather than assume (`m/s`, `°F`,
`mp/h`, `inch`, `""` for `is_day`), variables we did not ask for, nulls past a model's horizon,
and, when `forecast_hours` is not honoured, hourly rows from local midnight; errors are
`{"error": true, "reason": ...}` with HTTP 400.
"""

from __future__ import annotations

import datetime as dt

LYON = {
    "id": 2996944,
    "name": "Lyon",
    "latitude": 45.74846,
    "longitude": 4.84671,
    "elevation": 173.0,
    "feature_code": "PPLA",
    "country_code": "FR",
    "admin1_id": 11071625,
    "admin2_id": 2987410,
    "admin3_id": 2996943,
    "timezone": "Europe/Paris",
    "population": 522969,
    "postcodes": ["69001", "69002", "69003"],
    "country_id": 3017382,
    "country": "France",
    "admin1": "Auvergne-Rhône-Alpes",
    "admin2": "Rhône",
    "admin3": "Arrondissement de Lyon",
}
# A fuzzy hit with most optional fields missing, as small places come back.
LYONS_HAMLET = {
    "id": 4705191,
    "name": "Lyons",
    "latitude": 30.65,
    "longitude": -96.56,
    "elevation": 97.0,
    "feature_code": "PPL",
    "country_code": "US",
    "timezone": "America/Chicago",
    "country_id": 6252001,
    "country": "United States",
}


def geocoding(*results: dict) -> dict:
    body: dict = {"generationtime_ms": 0.73}
    if results:  # no match: the key is absent, not an empty list
        body["results"] = list(results)
    return body


def error(reason: str) -> dict:
    return {"error": True, "reason": reason}


def oslo_forecast(*, start: dt.datetime | None = None, hours: int = 168) -> dict:
    """Oslo (UTC+1 in winter) in m/s, hourly from local midnight, without `forecast_hours`
    honoured; `apparent_temperature` and `precipitation` missing from the hourly block."""
    start = start or dt.datetime(2026, 1, 15, 0, 0)
    times = [start + dt.timedelta(hours=h) for h in range(hours)]
    days = [start.date() + dt.timedelta(days=d) for d in range(7)]
    probability = [min(100, 5 * (h % 20)) for h in range(hours)]
    probability[48:] = [None] * (hours - 48)  # past a short-range model's horizon
    return {
        "latitude": 59.9375,
        "longitude": 10.75,
        "generationtime_ms": 0.41,
        "utc_offset_seconds": 3600,
        "timezone": "Europe/Oslo",
        "timezone_abbreviation": "GMT+1",
        "elevation": 23.0,
        "current_units": {
            "time": "iso8601",
            "interval": "seconds",
            "temperature_2m": "°C",
            "relative_humidity_2m": "%",
            "apparent_temperature": "°C",
            "is_day": "",
            "precipitation": "mm",
            "weather_code": "wmo code",
            "wind_speed_10m": "m/s",
            "wind_direction_10m": "°",
            "surface_pressure": "hPa",
        },
        "current": {
            "time": "2026-01-15T13:45",
            "interval": 900,
            "temperature_2m": -4.2,
            "relative_humidity_2m": 91,
            "apparent_temperature": -9.5,
            "is_day": 1,
            "precipitation": 0.40,
            "weather_code": 73,
            "wind_speed_10m": 5.0,
            "wind_direction_10m": 200,
            "surface_pressure": 1002.1,
        },
        "hourly_units": {
            "time": "iso8601",
            "temperature_2m": "°C",
            "precipitation_probability": "%",
            "weather_code": "wmo code",
            "wind_speed_10m": "m/s",
            "is_day": "",
        },
        "hourly": {
            "time": [t.strftime("%Y-%m-%dT%H:%M") for t in times],
            "temperature_2m": [round(-6 + (h % 24) / 4, 1) for h in range(hours)],
            "precipitation_probability": probability,
            "weather_code": [73 if h % 24 < 12 else 3 for h in range(hours)],
            "wind_speed_10m": [2.5] * hours,
            "is_day": [1 if 9 <= h % 24 < 16 else 0 for h in range(hours)],
        },
        "daily_units": {
            "time": "iso8601",
            "weather_code": "wmo code",
            "temperature_2m_max": "°C",
            "temperature_2m_min": "°C",
            "sunrise": "iso8601",
            "sunset": "iso8601",
            "precipitation_sum": "mm",
            "precipitation_probability_max": "%",
            "wind_speed_10m_max": "m/s",
            "uv_index_max": "",
        },
        "daily": {
            "time": [d.isoformat() for d in days],
            "weather_code": [73, 71, 3, 3, 2, 61, 3],
            "temperature_2m_max": [-1.5, -0.8, 0.4, 1.0, 2.2, 3.1, 1.7],
            "temperature_2m_min": [-7.0, -6.1, -5.5, -3.2, -2.0, -0.4, -1.1],
            "sunrise": [f"{d.isoformat()}T09:{5 + i:02d}" for i, d in enumerate(days)],
            "sunset": [f"{d.isoformat()}T15:{40 + i:02d}" for i, d in enumerate(days)],
            "precipitation_sum": [4.2, 1.1, 0.0, 0.0, 0.0, 2.5, None],
            "precipitation_probability_max": [90, 60, 10, 5, 5, 70, None],
            "wind_speed_10m_max": [8.0, 6.5, 4.0, 3.0, 3.5, 7.0, 5.0],
            "uv_index_max": [0.1, 0.15, 0.2, 0.2, 0.25, 0.1, 0.2],
        },
    }


def imperial_darwin_forecast() -> dict:
    """A current block in units we did not ask for, in a half-hour time zone."""
    return {
        "latitude": -12.5,
        "longitude": 130.875,
        "generationtime_ms": 0.05,
        "utc_offset_seconds": 34200,
        "timezone": "Australia/Darwin",
        "timezone_abbreviation": "ACST",
        "elevation": 30.0,
        "current_units": {
            "time": "iso8601",
            "interval": "seconds",
            "temperature_2m": "°F",
            "wind_speed_10m": "mp/h",
            "precipitation": "inch",
            "is_day": "",
        },
        "current": {
            "time": "2026-03-02T21:30",
            "interval": 900,
            "temperature_2m": 86.0,
            "wind_speed_10m": 10.0,
            "precipitation": 0.1,
            "is_day": 0,
        },
    }


def gmt_codes_only_forecast() -> dict:
    """Asked without a time zone (GMT) and for weather codes only: every other value is
    missing, and the minutely block we never ask for is there anyway."""
    hours = [f"2026-02-01T{h:02d}:00" for h in range(24)]
    return {
        "latitude": 52.52,
        "longitude": 13.419998,
        "generationtime_ms": 0.09,
        "utc_offset_seconds": 0,
        "timezone": "GMT",
        "timezone_abbreviation": "GMT",
        "elevation": 38.0,
        "current_units": {"time": "iso8601", "interval": "seconds", "weather_code": "wmo code"},
        "current": {"time": "2026-02-01T10:45", "interval": 900, "weather_code": 45},
        "minutely_15_units": {"time": "iso8601", "weather_code": "wmo code"},
        "minutely_15": {"time": ["2026-02-01T10:45"], "weather_code": [45]},
        "hourly_units": {"time": "iso8601", "weather_code": "wmo code"},
        "hourly": {"time": hours, "weather_code": [45] * 24},
        "daily_units": {"time": "iso8601", "weather_code": "wmo code"},
        "daily": {"time": ["2026-02-01", "not-a-date"], "weather_code": [45, 3]},
    }
