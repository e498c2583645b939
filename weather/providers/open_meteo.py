"""Open-Meteo's geocoding and forecast APIs over one kept-alive pool per host.

Retries (with exponential backoff and jitter) only what can get better: connection failures,
429 and 5xx, honouring Retry-After. Parses defensively: missing keys, nulls and extra keys are
normal, and values are converted to metric according to the `*_units` blocks Open-Meteo sends.
"""

from __future__ import annotations

import logging
import math
import random
import time
from fractions import Fraction
from typing import Any

from django.conf import settings

from weather.infra import metrics
from weather.providers import breaker, budget
from weather.providers.base import (
    DAYS_AHEAD,
    HOURS_AHEAD,
    MINUTELY_15_STEPS,
    Forecast,
    Place,
    ProviderBadResponse,
    ProviderError,
    ProviderUnavailable,
)
from weather.providers.forecast_answer import float_or_none, int_or_none, parse_forecast
from weather.providers.open_meteo_http import attempt as attempt_get

logger = logging.getLogger(__name__)

# Every variable earns its place (each is billed, see `call_weight`): the SPA shows it, or the
# analysis and alerts read it. 25 variables over 8 days weigh 2.5 calls, billed 3 per location.
CURRENT_VARIABLES = (
    "temperature_2m",
    "apparent_temperature",
    "relative_humidity_2m",
    "precipitation",
    "weather_code",
    "wind_speed_10m",
    "wind_direction_10m",
    "is_day",
    "uv_index",
)
HOURLY_VARIABLES = (
    "temperature_2m",  # the chart; yesterday at this hour; trend and alerts
    "precipitation_probability",  # the chart
    "precipitation",  # alerts; the next rain beyond two hours
    "weather_code",  # descriptions; alerts (thunderstorms)
    "wind_speed_10m",  # alerts
    "uv_index",  # the UV through the day
)
DAILY_VARIABLES = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_sum",
    "precipitation_probability_max",
    "wind_speed_10m_max",  # alerts
    "sunrise",
    "sunset",
    "uv_index_max",
)
MINUTELY_15_VARIABLES = ("precipitation",)  # rain in the next two hours
PAST_DAYS = 1  # yesterday, to compare with


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
    `cost` calls of the budget (what Open-Meteo bills for it: `call_weight`), failed or not."""
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
        metrics.record_upstream_weight(endpoint, cost, budget.spender())
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
            population=int_or_none(item.get("population")),
            elevation_m=float_or_none(item.get("elevation")),
            feature_code=str(item.get("feature_code") or ""),
        )
    except (KeyError, TypeError, ValueError):
        logger.warning("skipping malformed geocoding result %r", item)
        return None


# --- Forecast -------------------------------------------------------------------------------


_VARIABLE_BLOCKS = ("current", "hourly", "daily", "minutely_15")  # variables weigh (call_weight)


def forecast_params(latitudes: str, longitudes: str) -> dict[str, Any]:
    """The forecast query for one point, or several (comma lists of equal length)."""
    return {
        "latitude": latitudes,
        "longitude": longitudes,
        "current": ",".join(CURRENT_VARIABLES),
        "hourly": ",".join(HOURLY_VARIABLES),
        "daily": ",".join(DAILY_VARIABLES),
        "minutely_15": ",".join(MINUTELY_15_VARIABLES),
        "forecast_minutely_15": MINUTELY_15_STEPS,
        "timezone": "auto",
        "forecast_days": DAYS_AHEAD,
        "forecast_hours": HOURS_AHEAD,
        # Yesterday: its day in `daily`, and (as forecast_hours starts hourly at this hour)
        # the 24 hours before this one in `hourly`.
        "past_days": PAST_DAYS,
        "past_hours": 24 * PAST_DAYS,
        "temperature_unit": "celsius",
        "wind_speed_unit": "kmh",
        "precipitation_unit": "mm",
    }


def call_weight(params: dict[str, Any]) -> int:
    """The calls Open-Meteo bills for one attempt of the forecast query `params`, rounded up:
    locations * max(1, variables / 10) * max(1, days / 14), with fractions (its pricing page:
    15 variables over 2 weeks are 1.5 calls). Failed attempts are billed too."""
    locations = len(str(params["latitude"]).split(","))
    variables = sum(len(str(params[b]).split(",")) for b in _VARIABLE_BLOCKS if params.get(b))
    days = int(params.get("forecast_days", 7)) + int(params.get("past_days", 0))
    return math.ceil(locations * max(1, Fraction(variables, 10)) * max(1, Fraction(days, 14)))


def forecast_json(points: list[tuple[float, float]]) -> Any:
    """The forecast answer for (latitude, longitude) points: one object for one point, a
    list for several. Each attempt spends the request's weight (`call_weight`)."""
    params = forecast_params(
        ",".join(f"{latitude:.4f}" for latitude, _ in points),
        ",".join(f"{longitude:.4f}" for _, longitude in points),
    )
    url = f"{settings.OPEN_METEO_FORECAST_URL}/forecast"
    return _get_json("forecast", url, params, cost=call_weight(params))


def get_forecast(latitude: float, longitude: float) -> Forecast:
    """Current conditions, the next two hours by quarter, the next 48 hours and 7 days, and
    this hour yesterday, in the location's local time."""
    data = forecast_json([(latitude, longitude)])
    if not isinstance(data, dict) or "latitude" not in data:
        raise unexpected_shape("forecast", "forecast")
    return parse_forecast(data)
