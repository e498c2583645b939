"""Open-Meteo's multi-location forecast: several points in one request.

The forecast API takes comma lists of latitudes and longitudes and answers a JSON list of
the usual objects, one per point, in the order asked (a single object when there is one
point). It is one HTTP call: N places cost N/MAX_BATCH requests instead of N. Upstream
still bills it per location, so each attempt spends the weight of every point (`call_weight`).
"""

from __future__ import annotations

from typing import Any

from weather.providers.base import Forecast
from weather.providers.forecast_answer import parse_forecast
from weather.providers.open_meteo import forecast_json, unexpected_shape

# Points per request: long enough lists to matter, short enough URLs (about 30 bytes a point)
# and answers (about 10 kB a point) that one slow location does not hold up too many others.
MAX_BATCH = 50


def get_forecasts(points: list[tuple[float, float]]) -> list[Forecast]:
    """The forecasts of up to MAX_BATCH (latitude, longitude) points, in their order."""
    check_batch(points)
    items = answer_items(forecast_json(points), points, "multi-location forecast")
    return [parse_forecast(item) for item in items]


def check_batch(points: list) -> None:
    """ValueError unless there are between 1 and MAX_BATCH points."""
    if not 1 <= len(points) <= MAX_BATCH:
        raise ValueError(f"between 1 and {MAX_BATCH} points per request, not {len(points)}")


def answer_items(data: Any, points: list, what: str) -> list[dict]:
    """The answer's object per point, in their order (upstream sends a bare object for one
    point); `unexpected_shape` when the count or an object does not fit."""
    items = [data] if isinstance(data, dict) else data
    if (
        not isinstance(items, list)
        or len(items) != len(points)
        or not all(isinstance(item, dict) and "latitude" in item for item in items)
    ):
        raise unexpected_shape("forecast", what)
    return items
