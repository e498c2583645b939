"""Open-Meteo's geocoding and forecast APIs over one pooled `requests` session.

Retries (with exponential backoff and jitter) only what can get better: connection failures,
429 and 5xx, honouring Retry-After. Parses defensively: missing keys, nulls and extra keys are
normal, and values are converted to metric according to the `*_units` blocks Open-Meteo sends.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings

from weather.domain.units import to_metric
from weather.infra import metrics
from weather.providers import breaker, budget
from weather.providers.base import (
    CurrentConditions,
    DailyForecast,
    Forecast,
    HourlyForecast,
    Place,
    ProviderBadResponse,
    ProviderError,
    ProviderUnavailable,
)
from weather.providers.open_meteo_http import attempt as attempt_get

logger = logging.getLogger(__name__)

CURRENT_VARIABLES = (
    "temperature_2m",
    "apparent_temperature",
    "relative_humidity_2m",
    "precipitation",
    "weather_code",
    "wind_speed_10m",
    "wind_direction_10m",
    "is_day",
)
HOURLY_VARIABLES = (
    "temperature_2m",
    "apparent_temperature",
    "precipitation_probability",
    "precipitation",
    "weather_code",
    "wind_speed_10m",
    "is_day",
)
DAILY_VARIABLES = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_sum",
    "precipitation_probability_max",
    "wind_speed_10m_max",
    "sunrise",
    "sunset",
)
HOURS_AHEAD = 48
DAYS_AHEAD = 7


def longest_call_s() -> float:
    """The longest one call can take with all its retries: every attempt times out (connect and
    read), and every pause is the longest backoff with jitter or the longest Retry-After."""
    attempts = settings.OPEN_METEO_MAX_RETRIES + 1
    per_attempt = settings.OPEN_METEO_CONNECT_TIMEOUT_S + settings.OPEN_METEO_READ_TIMEOUT_S
    pauses = sum(
        max(2 * settings.OPEN_METEO_BACKOFF_S * 2**attempt, settings.OPEN_METEO_MAX_RETRY_AFTER_S)
        for attempt in range(attempts - 1)
    )
    return attempts * per_attempt + pauses


_FINAL = object()  # an attempt whose failure is not worth another


def _get_json(endpoint: str, url: str, params: dict[str, Any], *, cost: int = 1) -> Any:
    """GET a JSON document, retrying transient failures; raises our own exceptions. Each
    attempt is measured under `endpoint` (a fixed name, see weather.infra.metrics) and spends
    `cost` calls of the budget (Open-Meteo bills a multi-location request per location)."""
    attempts = settings.OPEN_METEO_MAX_RETRIES + 1
    for attempt in range(attempts):
        if attempt:
            metrics.record_upstream_retry(endpoint)
        # Neither raises into the retry loop: an open circuit or a spent budget will not
        # change within a backoff.
        try:
            breaker.before_call()
            budget.spend(cost)
        except ProviderError as exc:  # a call not made: counted as an error, not a request
            metrics.record_upstream_error(endpoint, exc.kind)
            raise
        started = time.perf_counter()
        try:
            data, error, wait = attempt_get(url, params)
        except ProviderError as exc:
            data, error, wait = None, exc, _FINAL
        metrics.record_upstream(endpoint, time.perf_counter() - started, error and error.kind)
        if error is None:
            breaker.record_success()
            return data
        if isinstance(error, ProviderUnavailable):
            breaker.record_failure(None if wait is _FINAL else wait)
        if wait is _FINAL or attempt + 1 == attempts:
            raise error
        if wait is None:
            backoff = settings.OPEN_METEO_BACKOFF_S * 2**attempt
            wait = backoff + random.uniform(0, backoff)  # jitter spreads out retries
        elif wait > settings.OPEN_METEO_MAX_RETRY_AFTER_S:
            raise error  # not worth holding a request that long
        logger.info(
            "Open-Meteo attempt %d failed (%s), retrying in %.2f s", attempt + 1, error, wait
        )
        time.sleep(wait)
    raise AssertionError("unreachable")


def unexpected_shape(endpoint: str, what: str) -> ProviderBadResponse:
    """The error for JSON that is not the documented object, counted as malformed: the
    attempt itself passed as a good answer in _get_json."""
    error = ProviderBadResponse(f"Open-Meteo {what} answered an unexpected shape")
    metrics.record_upstream_error(endpoint, error.kind)
    return error


# --- Geocoding ------------------------------------------------------------------------------


def search_places(name: str, *, count: int = 10, lang: str = "en") -> list[Place]:
    """Places matching `name` (a `"Name, Country"` qualifier narrows upstream), best first."""
    data = _get_json(
        "geocoding_search",
        f"{settings.OPEN_METEO_GEOCODING_URL}/search",
        {"name": name, "count": count, "language": lang, "format": "json"},
    )
    if not isinstance(data, dict):
        raise unexpected_shape("geocoding_search", "geocoding")
    places = []
    for item in data.get("results") or []:  # no match: no "results" key at all
        place = _parse_place(item)
        if place is not None:
            places.append(place)
    return places


def get_place(place_id: int, *, lang: str = "en") -> Place | None:
    data = _get_json(
        "geocoding_get",
        f"{settings.OPEN_METEO_GEOCODING_URL}/get",
        {"id": place_id, "language": lang},
    )
    return _parse_place(data) if isinstance(data, dict) else None


def _parse_place(item: Any) -> Place | None:
    if not isinstance(item, dict):
        return None
    try:
        return Place(
            id=int(item["id"]),
            name=str(item.get("name") or ""),
            latitude=float(item["latitude"]),
            longitude=float(item["longitude"]),
            country=str(item.get("country") or ""),
            country_code=str(item.get("country_code") or "").upper()[:2],
            admin1=str(item.get("admin1") or ""),
            timezone=str(item.get("timezone") or ""),
            population=_int_or_none(item.get("population")),
            elevation_m=_float_or_none(item.get("elevation")),
            feature_code=str(item.get("feature_code") or ""),
        )
    except (KeyError, TypeError, ValueError):
        logger.warning("skipping malformed geocoding result %r", item)
        return None


# --- Forecast -------------------------------------------------------------------------------


def forecast_params(latitudes: str, longitudes: str) -> dict[str, Any]:
    """The forecast query for one point, or several (comma lists of equal length)."""
    return {
        "latitude": latitudes,
        "longitude": longitudes,
        "current": ",".join(CURRENT_VARIABLES),
        "hourly": ",".join(HOURLY_VARIABLES),
        "daily": ",".join(DAILY_VARIABLES),
        "timezone": "auto",
        "forecast_days": DAYS_AHEAD,
        "forecast_hours": HOURS_AHEAD,
        "temperature_unit": "celsius",
        "wind_speed_unit": "kmh",
        "precipitation_unit": "mm",
    }


def get_forecast(latitude: float, longitude: float) -> Forecast:
    """Current conditions, the next 48 hours and 7 days, in the location's local time."""
    data = _get_json(
        "forecast",
        f"{settings.OPEN_METEO_FORECAST_URL}/forecast",
        forecast_params(f"{latitude:.4f}", f"{longitude:.4f}"),
    )
    if not isinstance(data, dict) or "latitude" not in data:
        raise unexpected_shape("forecast", "forecast")
    return parse_forecast(data)


def parse_forecast(data: dict[str, Any]) -> Forecast:
    zone = _zone(data)
    current_block = _dict(data.get("current"))
    current_units = _dict(data.get("current_units"))
    hourly_block = _dict(data.get("hourly"))
    hourly_units = _dict(data.get("hourly_units"))
    daily_block = _dict(data.get("daily"))
    daily_units = _dict(data.get("daily_units"))

    def now(var: str) -> float | None:
        return to_metric(_float_or_none(current_block.get(var)), current_units.get(var))

    current = CurrentConditions(
        time=_local_datetime(current_block.get("time"), zone),
        temperature_c=now("temperature_2m"),
        apparent_temperature_c=now("apparent_temperature"),
        relative_humidity_pct=now("relative_humidity_2m"),
        precipitation_mm=now("precipitation"),
        wind_speed_kmh=now("wind_speed_10m"),
        wind_direction_deg=now("wind_direction_10m"),
        weather_code=_int_or_none(current_block.get("weather_code")),
        is_day=_bool_or_none(current_block.get("is_day")),
    )

    hours = _column(hourly_block, "time")
    hourly_rows = []
    for i, raw_time in enumerate(hours):
        time_ = _local_datetime(raw_time, zone)
        if time_ is None:
            continue

        def at(var: str, i=i) -> float | None:
            return to_metric(_float_or_none(_cell(hourly_block, var, i)), hourly_units.get(var))

        hourly_rows.append(
            HourlyForecast(
                time=time_,
                temperature_c=at("temperature_2m"),
                apparent_temperature_c=at("apparent_temperature"),
                precipitation_probability_pct=at("precipitation_probability"),
                precipitation_mm=at("precipitation"),
                weather_code=_int_or_none(_cell(hourly_block, "weather_code", i)),
                wind_speed_kmh=at("wind_speed_10m"),
                is_day=_bool_or_none(_cell(hourly_block, "is_day", i)),
            )
        )
    # Without forecast_hours support upstream, hourly starts at local midnight: skip the past.
    if current.time is not None:
        this_hour = current.time.replace(minute=0)
        hourly_rows = [row for row in hourly_rows if row.time >= this_hour]
    hourly_rows = hourly_rows[:HOURS_AHEAD]

    daily_rows = []
    for i, raw_date in enumerate(_column(daily_block, "time")):
        try:
            day = dt.date.fromisoformat(str(raw_date))
        except ValueError:
            continue

        def on(var: str, i=i) -> float | None:
            return to_metric(_float_or_none(_cell(daily_block, var, i)), daily_units.get(var))

        daily_rows.append(
            DailyForecast(
                date=day,
                weather_code=_int_or_none(_cell(daily_block, "weather_code", i)),
                temperature_max_c=on("temperature_2m_max"),
                temperature_min_c=on("temperature_2m_min"),
                precipitation_sum_mm=on("precipitation_sum"),
                precipitation_probability_max_pct=on("precipitation_probability_max"),
                wind_speed_max_kmh=on("wind_speed_10m_max"),
                sunrise=_local_datetime(_cell(daily_block, "sunrise", i), zone),
                sunset=_local_datetime(_cell(daily_block, "sunset", i), zone),
            )
        )

    units = {}
    for block in (current_units, hourly_units, daily_units):
        units.update({k: str(v) for k, v in block.items() if k not in ("time", "interval")})
    return Forecast(
        latitude=float(data.get("latitude") or 0.0),
        longitude=float(data.get("longitude") or 0.0),
        timezone=str(data.get("timezone") or "GMT"),
        utc_offset_seconds=_int_or_none(data.get("utc_offset_seconds")) or 0,
        current=current,
        hourly=hourly_rows,
        daily=daily_rows[:DAYS_AHEAD],
        upstream_units=units,
    )


# --- Parsing helpers ------------------------------------------------------------------------


def _zone(data: dict[str, Any]) -> dt.tzinfo:
    name = data.get("timezone")
    if isinstance(name, str) and name not in ("", "GMT"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = _int_or_none(data.get("utc_offset_seconds")) or 0
    return dt.timezone(dt.timedelta(seconds=offset))


def _local_datetime(value: Any, zone: dt.tzinfo) -> dt.datetime | None:
    """Open-Meteo sends local wall-clock times without an offset; attach the zone."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _column(block: dict, var: str) -> list:
    value = block.get(var)
    return value if isinstance(value, list) else []


def _cell(block: dict, var: str, index: int) -> Any:
    column = _column(block, var)
    return column[index] if index < len(column) else None


def _float_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int_or_none(value: Any) -> int | None:
    number = _float_or_none(value)
    return int(number) if number is not None else None


def _bool_or_none(value: Any) -> bool | None:
    number = _float_or_none(value)
    return bool(number) if number is not None else None
