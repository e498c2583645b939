"""Test data: forecast rows as stored with a search, locations and stored searches."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from weather.models import Location, WeatherSearch


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


def make_location(geonames_id: int = 2988507, name: str = "Paris") -> Location:
    location, _ = Location.objects.get_or_create(
        geonames_id=geonames_id,
        defaults={
            "name": name,
            "country": "France",
            "latitude": 48.85,
            "longitude": 2.35,
            "timezone": "Europe/Paris",
        },
    )
    return location


def make_search(
    location=None,
    *,
    temperature=8.0,
    humidity=80.0,
    wind=12.0,
    created_at=None,
    forecast=None,
    **fields,
) -> WeatherSearch:
    return WeatherSearch.objects.create(
        query="Paris",
        location=location or make_location(),
        temperature_c=temperature,
        relative_humidity_pct=humidity,
        wind_speed_kmh=wind,
        precipitation_mm=0.0,
        created_at=created_at or timezone.now(),
        forecast=forecast
        if forecast is not None
        else {"hourly": hourly([temperature] * 48), "daily": daily()},
        task_id=str(uuid.uuid4()),
        **fields,
    )
