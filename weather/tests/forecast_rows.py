"""Forecast rows as stored with a search, for tests of the rules and of processing."""

from __future__ import annotations

import datetime as dt


def hourly(temperatures, *, wind=10.0, precipitation=0.0, start="2026-11-29T17:00:00+01:00"):
    base = dt.datetime.fromisoformat(start)
    return [
        {
            "time": (base + dt.timedelta(hours=i)).isoformat(),
            "temperature": t,
            "apparent_temperature": t,
            "precipitation_probability": 10,
            "precipitation": precipitation,
            "weather_code": 3,
            "wind_speed": wind,
            "is_day": True,
        }
        for i, t in enumerate(temperatures)
    ]


def daily(low=3.0, high=9.0, *, rain=1.0, wind=20.0, days=7, start="2026-11-29"):
    first = dt.date.fromisoformat(start)
    return [
        {
            "date": (first + dt.timedelta(days=d)).isoformat(),
            "weather_code": 3,
            "temperature_max": high,
            "temperature_min": low,
            "precipitation_sum": rain,
            "precipitation_probability_max": 40,
            "wind_speed_max": wind,
            "sunrise": None,
            "sunset": None,
        }
        for d in range(days)
    ]
