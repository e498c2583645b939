"""A local stand-in for Open-Meteo's geocoding, forecast and air-quality APIs (the last in
weather.testing.fake_air_quality).

It answers with bodies of the documented shape (column-oriented blocks, `*_units`, omitted empty
fields, no `results` key when nothing matches, `{"error": true, "reason": ...}` on bad input) and
can be told to misbehave, so the real HTTP client code runs where a real port is needed: tests
across processes (gunicorn, the worker), the end-to-end tests and `OFFLINE=1` demos. The places it
knows, and the climate it makes their weather from, are data: cities.json beside this module.
Any other point on Earth gets deterministic weather made from its latitude and a time zone from
its meridian, so an offline demo works for every place of the gazetteer.

    python -m weather.testing.fake_open_meteo --port 8090

Control endpoints (JSON):
    POST /__fake__/faults  {"endpoint": "forecast"|"geocoding"|"air_quality"|"all",
                            "mode": "status"|"slow"|"garbage"|"shape", "status": 503,
                            "delay": 5, "retry_after": 1, "count": N}
    ("garbage" answers an HTML page, "shape" valid JSON that is not the documented object.)
    POST /__fake__/weather {"city_id": 2988507, "temperature": -8, "wind_speed": 80, ...}
                           ("days": {"1": {"temperature": -8}}: that day only, 0 = today)
                           (also "uv_index", "uv_index_max", "trend_per_day" (yesterday is a
                           day back), "minutely_precipitation": [mm per 15 min from now, ...])
    POST /__fake__/api-key {"key": "..."}  (a commercial plan: calls without it are refused)
    POST /__fake__/reset
    GET  /__fake__/calls   -> {"geocoding": n, "forecast": n, "forecast_locations": n}
                              (and "air_quality": n once it was called)

The forecast endpoint answers several points at once as upstream does: comma lists of
latitudes and longitudes give a JSON list of objects, one per point, in order.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime as dt
import functools
import json
import math
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

try:
    from weather.testing import fake_air_quality
except ModuleNotFoundError:  # run as a script from its own folder (the compose stand-in)
    import fake_air_quality

CITIES_FILE = Path(__file__).with_name("cities.json")


@dataclass(frozen=True)
class City:
    id: int
    name: str
    latitude: float
    longitude: float
    elevation: float
    feature_code: str
    country_code: str
    country: str
    timezone: str
    admin1: str | None = None
    population: int | None = None
    # Climate used to generate plausible weather: mean temperature (°C), daily swing,
    # humidity (%), wind (km/h), rain chance (%).
    climate: tuple[float, float, float, float, float] = (12.0, 8.0, 70.0, 12.0, 30.0)


def load_cities(path: Path = CITIES_FILE) -> list[City]:
    """The places the fake knows, with the climate its weather is made from (a JSON list)."""
    cities = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        climate = row.pop("climate")
        cities.append(
            City(
                **row,
                climate=(
                    climate["mean_temperature_c"],
                    climate["daily_swing_c"],
                    climate["humidity_pct"],
                    climate["wind_kmh"],
                    climate["rain_chance_pct"],
                ),
            )
        )
    return cities


CITIES = load_cities()
_BY_ID = {city.id: city for city in CITIES}

GENERATED_ID_BASE = 9_000_000


def add_generated_places(count: int) -> list[City]:
    """Adds `count` made-up places ("Place 1"...), on a grid over the globe, so that traffic
    over thousands of places can be simulated. Idempotent."""
    places = []
    for i in range(count):
        place_id = GENERATED_ID_BASE + i
        city = _BY_ID.get(place_id)
        if city is None:
            city = City(
                id=place_id,
                name=f"Place {i + 1}",
                # 0.5° apart (no two share a forecast cache cell), rows of 300 from 60° S up.
                latitude=round(-60.0 + (i // 300) * 0.5 % 130 + 0.05, 4),
                longitude=round(-150.0 + (i % 300) * 1.0 + 0.05, 4),
                elevation=100.0,
                feature_code="PPL",
                country_code="ZZ",
                country="Generated",
                timezone="UTC",
                population=1000 + i,
                climate=(5.0 + i % 25, 8.0, 70.0, 12.0, 30.0),
            )
            CITIES.append(city)
            _BY_ID[place_id] = city
        places.append(city)
    return places


CURRENT_UNITS = {
    "temperature_2m": "°C",
    "relative_humidity_2m": "%",
    "apparent_temperature": "°C",
    "is_day": "",
    "precipitation": "mm",
    "rain": "mm",
    "weather_code": "wmo code",
    "cloud_cover": "%",
    "pressure_msl": "hPa",
    "wind_speed_10m": "km/h",
    "wind_direction_10m": "°",
    "wind_gusts_10m": "km/h",
    "precipitation_probability": "%",
    "temperature_2m_max": "°C",
    "temperature_2m_min": "°C",
    "precipitation_sum": "mm",
    "precipitation_probability_max": "%",
    "sunrise": "iso8601",
    "sunset": "iso8601",
    "wind_speed_10m_max": "km/h",
    "wind_gusts_10m_max": "km/h",
    "uv_index_max": "",
    "apparent_temperature_max": "°C",
    "apparent_temperature_min": "°C",
    "dew_point_2m": "°C",
    "visibility": "m",
    "uv_index": "",
}
_KNOWN_VARIABLES = set(CURRENT_UNITS)
_WIND_UNITS = {
    "kmh": ("km/h", 1.0),
    "ms": ("m/s", 1 / 3.6),
    "mph": ("mp/h", 1 / 1.609344),
    "kn": ("kn", 1 / 1.852),
}


def _named(term: str, *, exact: bool) -> list[City]:
    """The places whose folded name is `term` (exact) or starts with it, found by bisection
    in the sorted names, so that thousands of generated places cost no more than a few."""
    names, cities = _name_index(len(CITIES))
    start = bisect.bisect_left(names, term)
    end = bisect.bisect_right(names, term) if exact else bisect.bisect_left(names, term + "\uffff")
    return cities[start:end]


@functools.cache
def _name_index(count: int) -> tuple[list[str], list[City]]:
    """Names folded and sorted; places are only ever added, so their count keys the index."""
    cities = sorted(CITIES[:count], key=lambda c: _fold(c.name))
    return [_fold(c.name) for c in cities], cities


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _no_calls() -> dict[str, int]:
    return {"geocoding": 0, "forecast": 0, "forecast_locations": 0}


@dataclass
class FaultPlan:
    mode: str
    status: int = 503
    delay: float = 0.0
    retry_after: float | None = None
    count: int | None = None  # None: until reset


@dataclass
class FakeState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Calls per endpoint, and the locations the forecast calls asked for (a multi-location
    # call is one call for several locations).
    calls: dict[str, int] = field(default_factory=_no_calls)
    faults: dict[str, FaultPlan] = field(default_factory=dict)
    overrides: dict[int, dict] = field(default_factory=dict)
    latency: float = 0.0  # added to every answer, e.g. to widen races in tests
    # A commercial plan's key: when set, a call without this `apikey` is refused, as the
    # customer hosts refuse it (and counted like any call).
    api_key: str = ""

    def reset(self) -> None:
        with self.lock:
            self.calls = _no_calls()
            self.faults.clear()
            self.overrides.clear()
            self.latency = 0.0
            self.api_key = ""

    def add_fault(self, endpoint: str, plan: FaultPlan) -> None:
        """From now on, calls to `endpoint` ("geocoding", "forecast" or "all") fail so."""
        with self.lock:
            self.faults[endpoint] = plan

    def count_call(self, endpoint: str, locations: int = 0) -> FaultPlan | None:
        """Counts a call and returns the fault to apply to it, if any."""
        with self.lock:
            self.calls[endpoint] = self.calls.get(endpoint, 0) + 1  # air_quality: once called
            self.calls["forecast_locations"] += locations
            plan = self.faults.get(endpoint) or self.faults.get("all")
            if plan is None:
                return None
            if plan.count is not None:
                plan.count -= 1
                if plan.count <= 0:
                    key = endpoint if endpoint in self.faults else "all"
                    del self.faults[key]
            return plan


def geocode(params: dict[str, str]) -> tuple[int, dict]:
    name = params.get("name", "")
    try:
        count = int(params.get("count", "10"))
    except ValueError:
        return 400, {"error": True, "reason": "Parameter count must be an integer."}
    if not 1 <= count <= 100:
        return 400, {"error": True, "reason": "Parameter count must be between 1 and 100."}
    term, _, rest = name.partition(",")
    qualifier = _fold(rest.split(",")[0].strip()) if rest else ""
    term = _fold(term.strip())
    if len(term) < 2:
        return 200, {"generationtime_ms": 0.1}
    country_code = params.get("countryCode", "").upper()
    matches = []
    for city in _named(term, exact=len(term) == 2):
        if country_code and city.country_code != country_code:
            continue
        if qualifier and qualifier not in {
            _fold(city.country),
            city.country_code.casefold(),
            _fold(city.admin1 or ""),
        }:
            continue
        matches.append(city)
    matches.sort(key=lambda c: -(c.population or 0))
    if not matches:
        return 200, {"generationtime_ms": 0.12}
    return 200, {
        "results": [_geocoding_result(c) for c in matches[:count]],
        "generationtime_ms": 0.6,
    }


def get_place(params: dict[str, str]) -> tuple[int, dict]:
    try:
        city = _BY_ID.get(int(params.get("id", "")))
    except ValueError:
        city = None
    if city is None:
        return 400, {"error": True, "reason": "Invalid id"}
    return 200, _geocoding_result(city)


def _geocoding_result(city: City) -> dict:
    result = {
        "id": city.id,
        "name": city.name,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "elevation": city.elevation,
        "feature_code": city.feature_code,
        "country_code": city.country_code,
        "timezone": city.timezone,
        "country": city.country,
        "country_id": 1000 + city.id % 997,
    }
    # Open-Meteo omits empty fields entirely rather than sending null.
    if city.population:
        result["population"] = city.population
    if city.admin1:
        result["admin1"] = city.admin1
        result["admin1_id"] = 2000 + city.id % 991
    return result


def _nearest_city(lat: float, lon: float) -> City | None:
    best = min(CITIES, key=lambda c: (c.latitude - lat) ** 2 + (c.longitude - lon) ** 2)
    if abs(best.latitude - lat) < 0.5 and abs(best.longitude - lon) < 0.5:
        return best
    return None


def climate_at(lat: float, day: dt.date) -> tuple[float, float, float, float, float]:
    """A plausible climate anywhere on Earth from the latitude and the season: warm and humid
    near the equator, cold and windy towards the poles, winter in January up north and in
    July down south (mean °C, swing, humidity, wind, rain chance)."""
    band = abs(lat)
    mean = 27.0 - 0.0075 * band**2 if band < 60 else 0.0 - (band - 60) * 1.2
    winter = math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
    mean -= winter * band / 4 * (1 if lat >= 0 else -1)
    return (round(mean, 1), 8.0, round(80 - band / 3, 1), round(8 + band / 5, 1), 35.0)


def _solar_zone(lon: float) -> str:
    """The whole-hour zone of the meridian ("Etc/GMT-1" is UTC+1: POSIX inverts the sign)."""
    hours = max(-12, min(12, round(lon / 15)))
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def _point_seed(lat: float, lon: float) -> int:
    """The same for one point (to 0.01°), different for its neighbours."""
    return round((lat + 90) * 100) * 36_001 + round((lon + 180) * 100)


def forecast_points(params: dict[str, str]) -> list[tuple[float, float]] | tuple[int, dict]:
    """The (latitude, longitude) pairs asked for: comma lists of equal length (or an error)."""
    try:
        latitudes = [float(v) for v in params["latitude"].split(",")]
        longitudes = [float(v) for v in params["longitude"].split(",")]
    except (KeyError, ValueError):
        return 400, {"error": True, "reason": "Parameter 'latitude' and 'longitude' required."}
    if len(latitudes) != len(longitudes):
        return 400, {
            "error": True,
            "reason": "Parameter 'latitude' and 'longitude' must have the same number of elements",
        }
    return list(zip(latitudes, longitudes, strict=True))


def forecast(
    params: dict[str, str], overrides: dict[int, dict], now: dt.datetime | None = None
) -> tuple[int, dict | list]:
    """One object for one point; a list of objects, in the order asked, for several."""
    return answer_points(params, lambda lat, lon: _point_forecast(lat, lon, params, overrides, now))


def answer_points(
    params: dict[str, str], answer: Callable[[float, float], tuple[int, dict]]
) -> tuple[int, dict | list]:
    """`answer` of each point asked for: one object for one point, a list in the order asked
    for several, or the first error (upstream rejects the whole request)."""
    points = forecast_points(params)
    if isinstance(points, tuple):
        return points
    bodies = []
    for lat, lon in points:
        status, body = answer(lat, lon)
        if status != 200:
            return status, body
        bodies.append(body)
    return 200, bodies[0] if len(bodies) == 1 else bodies


def _point_forecast(
    lat: float,
    lon: float,
    params: dict[str, str],
    overrides: dict[int, dict],
    now: dt.datetime | None,
) -> tuple[int, dict]:
    if not -90 <= lat <= 90:
        return 400, {
            "error": True,
            "reason": f"Latitude must be in range of -90 to 90°. Given: {lat}.",
        }
    if not -180 <= lon <= 180:
        return 400, {
            "error": True,
            "reason": f"Longitude must be in range of -180 to 180°. Given: {lon}.",
        }
    temp_unit = params.get("temperature_unit", "celsius")
    wind_unit = params.get("wind_speed_unit", params.get("windspeed_unit", "kmh"))
    if temp_unit not in ("celsius", "fahrenheit"):
        return 400, {
            "error": True,
            "reason": "Cannot initialize TemperatureUnit from invalid "
            f"String value {temp_unit} for key temperature_unit",
        }
    if wind_unit not in _WIND_UNITS:
        return 400, {
            "error": True,
            "reason": "Cannot initialize WindspeedUnit from invalid "
            f"String value {wind_unit} for key wind_speed_unit",
        }
    blocks = {
        b: [v for v in params.get(b, "").split(",") if v]
        for b in ("current", "hourly", "daily", "minutely_15")
    }
    for variables in blocks.values():
        for variable in variables:
            if variable not in _KNOWN_VARIABLES:
                return 400, {
                    "error": True,
                    "reason": "Cannot initialize ForecastVariable from "
                    f"invalid String value {variable}.",
                }
    city = _nearest_city(lat, lon)
    tz_name = params.get("timezone", "GMT")
    if tz_name == "auto":
        tz_name = city.timezone if city else _solar_zone(lon)
    try:
        zone = ZoneInfo("UTC" if tz_name == "GMT" else tz_name)
    except Exception:
        return 400, {"error": True, "reason": f"Invalid timezone {tz_name}"}
    climate = city.climate if city else climate_at(lat, (now or dt.datetime.now(dt.UTC)).date())
    override = overrides.get(city.id, {}) if city else {}
    weather = _Weather(climate, override, seed=city.id if city else _point_seed(lat, lon))

    now_local = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    offset = int(now_local.utcoffset().total_seconds())
    quarter = now_local.replace(
        minute=now_local.minute - now_local.minute % 15, second=0, microsecond=0
    )
    midnight = now_local.replace(hour=0, minute=0, second=0, microsecond=0)
    forecast_days = int(params.get("forecast_days", "7"))
    past_days = int(params.get("past_days", "0"))
    to_f = temp_unit == "fahrenheit"
    wind_label, wind_factor = _WIND_UNITS[wind_unit]

    def convert(variable: str, value: float | None) -> float | None:
        if value is None:
            return None
        unit = CURRENT_UNITS[variable]
        if unit == "°C" and to_f:
            return round(value * 9 / 5 + 32, 1)
        if unit == "km/h":
            return round(value * wind_factor, 1)
        return value

    def units_for(variables: list[str]) -> dict:
        units = {}
        for variable in variables:
            unit = CURRENT_UNITS[variable]
            units[variable] = (
                "°F" if unit == "°C" and to_f else wind_label if unit == "km/h" else unit
            )
        return units

    body: dict = {
        "latitude": round(lat * 4) / 4 + 0.0049,
        "longitude": round(lon * 4) / 4 + 0.0012,
        "generationtime_ms": 0.05,
        "utc_offset_seconds": offset,
        "timezone": tz_name,
        "timezone_abbreviation": now_local.tzname() or "GMT",
        "elevation": city.elevation if city else 0.0,
    }
    if blocks["current"]:
        hour = quarter.hour + quarter.minute / 60
        body["current_units"] = {
            "time": "iso8601",
            "interval": "seconds",
            **units_for(blocks["current"]),
        }
        body["current"] = {"time": quarter.strftime("%Y-%m-%dT%H:%M"), "interval": 900}
        for variable in blocks["current"]:
            body["current"][variable] = convert(variable, weather.value(variable, 0, hour))
    if blocks["hourly"]:
        hours = (past_days + forecast_days) * 24
        start = -24 * past_days
        if "forecast_hours" in params:
            # Counted from this hour, with `past_hours` before it (past_days then only
            # prepends days to `daily`).
            past_hours = int(params.get("past_hours", "0"))
            start = now_local.hour - past_hours
            hours = past_hours + int(params["forecast_hours"])
        times = [midnight + dt.timedelta(hours=start + i) for i in range(hours)]
        body["hourly_units"] = {"time": "iso8601", **units_for(blocks["hourly"])}
        body["hourly"] = {"time": [t.strftime("%Y-%m-%dT%H:%M") for t in times]}
        for variable in blocks["hourly"]:
            body["hourly"][variable] = [
                convert(variable, weather.value(variable, (start + i) // 24, t.hour))
                for i, t in enumerate(times)
            ]
        if "precipitation_probability" in body["hourly"]:
            # Real answers carry nulls beyond a model's horizon.
            body["hourly"]["precipitation_probability"][-1] = None
    if blocks["minutely_15"]:
        body.update(_minutely_15(blocks["minutely_15"], params, weather, quarter, midnight))
        body["minutely_15_units"] = {"time": "iso8601", **units_for(blocks["minutely_15"])}
    if blocks["daily"]:
        days = [
            midnight + dt.timedelta(days=d - past_days) for d in range(past_days + forecast_days)
        ]
        body["daily_units"] = {"time": "iso8601", **units_for(blocks["daily"])}
        body["daily"] = {"time": [d.strftime("%Y-%m-%d") for d in days]}
        for variable in blocks["daily"]:
            column = []
            for index, day in enumerate(days):
                if variable in ("sunrise", "sunset"):
                    at = day.replace(hour=7 if variable == "sunrise" else 17, minute=30 + index)
                    column.append(at.strftime("%Y-%m-%dT%H:%M"))
                else:
                    day_index = index - past_days
                    column.append(convert(variable, weather.value(variable, day_index, None)))
            body["daily"][variable] = column
    return 200, body


def _minutely_15(variables, params, weather, quarter, midnight) -> dict:
    """15-minute steps: `forecast_minutely_15` of them from the current quarter, or whole
    days from midnight. Precipitation is a quarter of the hour's, unless the place's override
    gives the steps (`minutely_precipitation`: mm per step from the current quarter)."""
    if "forecast_minutely_15" in params:
        first, count = quarter, int(params["forecast_minutely_15"])
    else:
        first, count = midnight, 96 * int(params.get("forecast_days", "7"))
    times = [first + dt.timedelta(minutes=15 * i) for i in range(count)]
    steps = weather.override.get("minutely_precipitation")
    block: dict = {"time": [t.strftime("%Y-%m-%dT%H:%M") for t in times]}
    for variable in variables:
        column = []
        for t in times:
            hourly = weather.value(variable, (t.date() - midnight.date()).days, t.hour)
            column.append(round(hourly / 4, 2) if variable == "precipitation" else hourly)
        if variable == "precipitation" and steps is not None:
            offset = int((quarter - first).total_seconds() // 900)
            for i, mm in enumerate(steps):
                if 0 <= offset + i < len(column):
                    column[offset + i] = mm
        block[variable] = column
    return {"minutely_15": block}


class _Weather:
    """Deterministic, plausible weather from a climate and optional overrides."""

    def __init__(self, climate, override: dict, seed: int):
        self.mean, self.swing, self.humidity, self.wind, self.rain = climate
        self.override = override
        self.seed = seed

    def for_day(self, day: int) -> dict:
        """The overrides of that day: the place's, with its "days" entry for it on top."""
        return {**self.override, **(self.override.get("days") or {}).get(str(day), {})}

    def temperature(self, day: int, hour: float | None) -> float:
        o = self.for_day(day)
        base = o.get("temperature", self.mean) + math.sin(self.seed + day) * 2
        base += o.get("trend_per_day", 0.0) * day
        if hour is None:
            return base
        return base + self.swing / 2 * math.sin((hour - 9) / 24 * 2 * math.pi)

    def value(self, variable: str, day: int, hour: float | None):
        o = self.for_day(day)
        wind = o.get("wind_speed", self.wind + 4 * math.sin(self.seed * 3 + day))
        rain_chance = o.get("precipitation_probability", self.rain)
        values = {
            "temperature_2m": self.temperature(day, hour),
            "apparent_temperature": self.temperature(day, hour) - wind / 10,
            "relative_humidity_2m": o.get("relative_humidity", self.humidity),
            "is_day": 1 if hour is not None and 7 <= hour < 18 else 0,
            "precipitation": o.get("precipitation", 0.2 if rain_chance > 50 else 0.0),
            "rain": 0.0,
            "weather_code": o.get(
                "weather_code", 61 if rain_chance > 50 else 3 if self.humidity > 70 else 1
            ),
            "cloud_cover": 75,
            "pressure_msl": 1013.2,
            "wind_speed_10m": wind,
            "wind_direction_10m": (self.seed * 37 + day * 20) % 360,
            "wind_gusts_10m": wind * 1.6,
            "precipitation_probability": int(rain_chance),
            "temperature_2m_max": self.temperature(day, None) + self.swing / 2,
            "temperature_2m_min": self.temperature(day, None) - self.swing / 2,
            "apparent_temperature_max": self.temperature(day, None) + self.swing / 2 - 1,
            "apparent_temperature_min": self.temperature(day, None) - self.swing / 2 - 2,
            "precipitation_sum": o.get("precipitation_sum", 4.0 if rain_chance > 50 else 0.3),
            "precipitation_probability_max": int(min(100, rain_chance + 10)),
            "wind_speed_10m_max": wind * 1.3,
            "wind_gusts_10m_max": wind * 2,
            "uv_index_max": o.get("uv_index_max", 3.5),
            "dew_point_2m": 4.0,
            "visibility": 24000.0,
            "uv_index": o.get("uv_index", 2.0 if hour is not None and 7 <= hour < 18 else 0.0),
        }
        value = values[variable]
        return round(value, 1) if isinstance(value, float) else value


@dataclass
class Answer:
    """One answer of the fake, to be sent `delay` seconds after the request arrived."""

    status: int
    payload: object = None
    body: bytes | None = None  # instead of `payload`, for what is not JSON
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def encoded(self) -> bytes:
        if self.body is not None:
            return self.body
        return json.dumps(self.payload, ensure_ascii=False).encode()


_ENDPOINTS = {
    "/v1/search": "geocoding",
    "/v1/get": "geocoding",
    "/v1/forecast": "forecast",
    "/v1/air-quality": "air_quality",
}


def answer(state: FakeState, path: str, params: dict[str, str]) -> Answer:
    """The answer to `GET path?params`: Open-Meteo's, or the fault the fake was told to make.
    Served over HTTP by FakeOpenMeteoServer, or in the calling process by the tests."""
    endpoint = _ENDPOINTS.get(path)
    if endpoint is None:
        return Answer(404, {"error": True, "reason": "Not Found"})
    points = forecast_points(params) if endpoint == "forecast" else []
    plan = state.count_call(endpoint, len(points) if isinstance(points, list) else 0)
    delay = state.latency
    with state.lock:
        api_key = state.api_key
    if api_key and params.get("apikey") != api_key:
        return Answer(400, {"error": True, "reason": "API key missing or invalid"}, delay=delay)
    if plan is not None:
        if plan.mode == "slow":
            delay += plan.delay
        elif plan.mode == "garbage":
            return Answer(
                200,
                body=b"<html>upstream proxy error</html>",
                content_type="text/html",
                delay=delay,
            )
        elif plan.mode == "shape":
            return Answer(200, ["not", "the", "documented", "object"], delay=delay)
        elif plan.mode == "status":
            headers = {}
            if plan.retry_after is not None:
                headers["Retry-After"] = str(plan.retry_after)
            reason = {429: "Too many concurrent requests", 400: "Invalid request"}.get(
                plan.status, "Internal Server Error"
            )
            return Answer(
                plan.status, {"error": True, "reason": reason}, headers=headers, delay=delay
            )
    if path == "/v1/get":
        status, payload = get_place(params)
    elif endpoint == "geocoding":
        status, payload = geocode(params)
    else:
        with state.lock:
            overrides = {k: dict(v) for k, v in state.overrides.items()}
        make = fake_air_quality.air_quality if endpoint == "air_quality" else forecast
        status, payload = make(params, overrides)
    return Answer(status, payload, delay=delay)


class FakeOpenMeteoHandler(BaseHTTPRequestHandler):
    server: FakeOpenMeteoServer
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write, as a real server sends them; separate small
    # writes meet delayed ACKs and add ~40 ms to every answer.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type="application/json; charset=utf-8",
        headers: dict | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _send_json(self, status: int, payload, headers: dict | None = None) -> None:
        self._send(status, json.dumps(payload, ensure_ascii=False).encode(), headers=headers)

    def do_GET(self):
        url = urlsplit(self.path)
        params = {k: ",".join(v) for k, v in parse_qs(url.query).items()}
        state = self.server.state
        if url.path == "/__fake__/calls":
            with state.lock:
                return self._send_json(200, dict(state.calls))
        reply = answer(state, url.path, params)
        if reply.delay:
            time.sleep(reply.delay)
        self._send(reply.status, reply.encoded(), reply.content_type, reply.headers)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            return self._send_json(400, {"error": True, "reason": "body is not JSON"})
        state = self.server.state
        if self.path == "/__fake__/reset":
            state.reset()
        elif self.path == "/__fake__/faults":
            state.add_fault(
                data.get("endpoint", "all"),
                FaultPlan(
                    mode=data.get("mode", "status"),
                    status=int(data.get("status", 503)),
                    delay=float(data.get("delay", 0)),
                    retry_after=data.get("retry_after"),
                    count=data.get("count"),
                ),
            )
        elif self.path == "/__fake__/weather":
            with state.lock:
                state.overrides[int(data.pop("city_id"))] = data
        elif self.path == "/__fake__/api-key":
            with state.lock:
                state.api_key = str(data.get("key", ""))
        elif self.path == "/__fake__/latency":
            with state.lock:
                state.latency = float(data.get("seconds", 0))
        else:
            return self._send_json(404, {"error": True, "reason": "Not Found"})
        self._send_json(200, {"ok": True})


class FakeOpenMeteoServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, host: str = "127.0.0.1", port: int = 0, verbose: bool = False):
        super().__init__((host, port), FakeOpenMeteoHandler)
        self.state = FakeState()
        self.verbose = verbose

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="fake-open-meteo", daemon=True)
        thread.start()
        return thread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument(
        "--generated-places", type=int, default=0, help="also know this many made-up places"
    )
    args = parser.parse_args()
    add_generated_places(args.generated_places)
    server = FakeOpenMeteoServer(args.host, args.port, verbose=not args.quiet)
    print(f"Fake Open-Meteo listening on {server.base_url}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
