"""How the provider's dataclasses and our rows correspond, written down once.

A `Place` and a `Location` row carry the same facts (the row's `geonames_id` is the place's
`id`); `CurrentConditions` and a search's columns too (the row's `observed_at` is its `time`).
A `Weather` is the part of an answer they make together, whichever side it came from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from weather.models import Location, WeatherSearch
from weather.providers import CurrentConditions, Forecast, Place

_PLACE_FIELDS = tuple(f.name for f in dataclasses.fields(Place) if f.name != "id")
_CURRENT_FIELDS = tuple(f.name for f in dataclasses.fields(CurrentConditions) if f.name != "time")


def location_fields(place: Place) -> dict:
    """The Location columns (besides `geonames_id`) that hold `place`."""
    return {name: getattr(place, name) for name in _PLACE_FIELDS}


def place_of(location: Location) -> Place:
    return Place(id=location.geonames_id, **{n: getattr(location, n) for n in _PLACE_FIELDS})


def current_columns(current: CurrentConditions) -> dict:
    """The WeatherSearch columns that hold the current conditions."""
    return {"observed_at": current.time, **{n: getattr(current, n) for n in _CURRENT_FIELDS}}


def current_of(search: WeatherSearch) -> CurrentConditions:
    """A search's current conditions, in its place's local time as the provider gave them."""
    observed = search.observed_at
    zone = _zone(search.location.timezone)
    if observed is not None and zone is not None:
        observed = observed.astimezone(zone)
    return CurrentConditions(
        time=observed, **{name: getattr(search, name) for name in _CURRENT_FIELDS}
    )


def forecast_rows(forecast: Forecast) -> dict:
    """The forecast as stored with a search and read by the serializers: metric, ISO times
    with the place's UTC offset. Besides the hourly and daily rows: the UV index now, the
    next two hours by quarter (`minutely_15`) and this hour yesterday (`yesterday`, or None);
    rows stored before those existed lack them."""

    def iso(value):
        return value.isoformat() if value is not None else None

    yesterday = forecast.yesterday
    return {
        "uv_index": forecast.uv_index,
        "minutely_15": [
            {"time": iso(q.time), "precipitation": q.precipitation_mm} for q in forecast.minutely_15
        ],
        "yesterday": None
        if yesterday is None
        else {"time": iso(yesterday.time), "temperature": yesterday.temperature_c},
        "hourly": [
            {
                "time": iso(h.time),
                "temperature": h.temperature_c,
                "apparent_temperature": h.apparent_temperature_c,
                "precipitation_probability": h.precipitation_probability_pct,
                "precipitation": h.precipitation_mm,
                "weather_code": h.weather_code,
                "wind_speed": h.wind_speed_kmh,
                "is_day": h.is_day,
                "uv_index": h.uv_index,
            }
            for h in forecast.hourly
        ],
        "daily": [
            {
                "date": iso(d.date),
                "weather_code": d.weather_code,
                "temperature_max": d.temperature_max_c,
                "temperature_min": d.temperature_min_c,
                "precipitation_sum": d.precipitation_sum_mm,
                "precipitation_probability_max": d.precipitation_probability_max_pct,
                "wind_speed_max": d.wind_speed_max_kmh,
                "sunrise": iso(d.sunrise),
                "sunset": iso(d.sunset),
                "uv_index_max": d.uv_index_max,
            }
            for d in forecast.daily
        ],
    }


def forecast_document(forecast: Forecast) -> dict:
    """A forecast as plain data, what the cache keeps (JSON): the current conditions with an
    ISO time, the rows as `forecast_rows` makes them, the units upstream answered in and the
    place's time zone."""
    current = {n: getattr(forecast.current, n) for n in _CURRENT_FIELDS}
    time = forecast.current.time
    return {
        "current": {"time": time.isoformat() if time is not None else None, **current},
        "rows": forecast_rows(forecast),
        "upstream_units": forecast.upstream_units,
        "timezone": forecast.timezone,
    }


def current_in(document: dict) -> CurrentConditions:
    """The current conditions of a `forecast_document`."""
    current = dict(document["current"])
    time = current.pop("time", None)
    return CurrentConditions(time=dt.datetime.fromisoformat(time) if time else None, **current)


@dataclass(frozen=True)
class Weather:
    """The weather part of an answer, metric: a place, its current conditions, the forecast
    rows (as `forecast_rows` makes them) and whether a stale cached copy was served."""

    place: Place
    current: CurrentConditions
    rows: dict
    stale: bool


def weather_of(search: WeatherSearch, *, with_rows: bool = True) -> Weather:
    return Weather(
        place=place_of(search.location),
        current=current_of(search),
        rows=(search.forecast or {}) if with_rows else {},
        stale=search.stale,
    )


def _zone(name: str):
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None
