"""The forecast the alert rules read, and nothing more, for many places in one request.

The weather page's forecast weighs 2.5 calls a place (25 variables over 8 days); the rules need
6 variables over 3 days (hourly temperature, precipitation, weather code, wind speed and gusts;
the daily precipitation sum), which Open-Meteo bills 1 call a place: the same quota keeps 2.5
times as many places alerting. The answer is the rows as the forecast cache keeps them (ISO
times with the place's UTC offset, metric), with `wind_gusts` in the hourly rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from weather.providers.forecast_answer import _Block, answer_zone, local_datetime
from weather.providers.open_meteo import _get_json, call_weight
from weather.providers.open_meteo_batch import MAX_BATCH as MAX_BATCH  # the jobs batch by it
from weather.providers.open_meteo_batch import answer_items, check_batch

HOURLY = ("temperature_2m", "precipitation", "weather_code", "wind_speed_10m", "wind_gusts_10m")
DAILY = ("precipitation_sum",)
DAYS = 3  # today and the next two: 48 hours ahead from any hour of today


def params_for(points: list[tuple[float, float]]) -> dict[str, Any]:
    return {
        "latitude": ",".join(f"{latitude:.4f}" for latitude, _ in points),
        "longitude": ",".join(f"{longitude:.4f}" for _, longitude in points),
        "hourly": ",".join(HOURLY),
        "daily": ",".join(DAILY),
        "timezone": "auto",
        "forecast_days": DAYS,
        "temperature_unit": "celsius",
        "wind_speed_unit": "kmh",
        "precipitation_unit": "mm",
    }


def weight(points: list[tuple[float, float]]) -> int:
    """What one attempt for these points costs (`open_meteo.call_weight`)."""
    return call_weight(params_for(points))


def get_alert_rows(points: list[tuple[float, float]]) -> list[dict]:
    """{"hourly": [...], "daily": [...]} for up to MAX_BATCH points, in their order."""
    check_batch(points)
    params = params_for(points)
    url = f"{settings.OPEN_METEO_FORECAST_URL}/forecast"
    data = _get_json("forecast", url, params, cost=call_weight(params))
    return [_rows(item) for item in answer_items(data, points, "alerts forecast")]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _rows(data: dict[str, Any]) -> dict:
    zone = answer_zone(data)
    hourly, daily = _Block(data, "hourly"), _Block(data, "daily")
    hours = []
    for index, raw in enumerate(hourly.times()):
        at = local_datetime(raw, zone)
        if at is None:
            continue
        code = hourly.raw("weather_code", index)
        hours.append(
            {
                "time": _iso(at),
                "temperature": hourly.metric("temperature_2m", index),
                "precipitation": hourly.metric("precipitation", index),
                "weather_code": code if isinstance(code, int) else None,
                "wind_speed": hourly.metric("wind_speed_10m", index),
                "wind_gusts": hourly.metric("wind_gusts_10m", index),
            }
        )
    days = [
        {"date": str(raw)[:10], "precipitation_sum": daily.metric("precipitation_sum", index)}
        for index, raw in enumerate(daily.times())
        if isinstance(raw, str)
    ]
    return {"hourly": hours, "daily": days}
