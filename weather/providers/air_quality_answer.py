"""Reading Open-Meteo's air-quality answer into plain data (what the cache keeps): the
current values, the hourly columns from this hour on, the units upstream sent, and None for
whatever is missing, null, malformed or out of range (a negative or absurd value is a model or
transport fault, not a reading: "not available", never 0)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from weather.domain.air_quality import POLLEN_SPECIES
from weather.providers.forecast_answer import (
    answer_zone,
    as_dict,
    float_or_none,
    int_or_none,
    local_datetime,
    upstream_units,
)

POLLUTANTS = ("european_aqi", "us_aqi", "pm2_5", "pm10", "nitrogen_dioxide", "ozone")
POLLEN = tuple(f"{species}_pollen" for species in POLLEN_SPECIES)
INDICES = ("european_aqi", "us_aqi")  # whole numbers
HOURS_AHEAD = 48  # hourly rows kept, from the current hour

# The highest value taken as a reading; above it, the value is dropped. Far above anything
# measured (PM10 in a dust storm reaches a few thousand µg/m³, birch pollen a few thousand
# grains/m³), so only nonsense goes.
_MOST = {
    "european_aqi": 1000,
    "us_aqi": 1000,
    "pm2_5": 3000,
    "pm10": 10000,
    "nitrogen_dioxide": 3000,
    "ozone": 2000,
    **{name: 100000 for name in POLLEN},
}


def reading(name: str, value: Any) -> float | int | None:
    """A value of variable `name` as we keep it, or None when it is not a plausible reading."""
    number = float_or_none(value)
    if number is None or not math.isfinite(number) or not 0 <= number <= _MOST[name]:
        return None
    return round(number) if name in INDICES else round(number, 1)


def parse_air_quality(data: dict[str, Any], now: dt.datetime | None = None) -> dict:
    """The answer as plain data: `current` (a time and each pollutant), `hourly` (columns
    `time` and every variable, from the current hour, at most HOURS_AHEAD rows), `units` and
    `pollen_available` (whether any pollen value came: there is none outside Europe or out of
    season)."""
    zone = answer_zone(data)
    current_block = as_dict(data.get("current"))
    current_time = local_datetime(current_block.get("time"), zone)
    now = current_time or (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    hourly = _hourly(
        as_dict(data.get("hourly")), zone, now.replace(minute=0, second=0, microsecond=0)
    )
    current = {name: reading(name, current_block.get(name)) for name in POLLUTANTS}
    return {
        "latitude": float_or_none(data.get("latitude")),
        "longitude": float_or_none(data.get("longitude")),
        "timezone": str(data.get("timezone") or "GMT"),
        "utc_offset_seconds": int_or_none(data.get("utc_offset_seconds")) or 0,
        "current": {"time": current_time.isoformat() if current_time else None, **current},
        "hourly": hourly,
        "units": upstream_units(data, ("current_units", "hourly_units")),
        "pollen_available": any(v is not None for n in POLLEN for v in hourly[n]),
    }


def _hourly(block: dict, zone: dt.tzinfo, this_hour: dt.datetime) -> dict[str, list]:
    times = block.get("time") if isinstance(block.get("time"), list) else []
    kept: list[int] = []
    columns: dict[str, list] = {"time": []}
    for index, raw in enumerate(times):
        at = local_datetime(raw, zone)
        if at is None or at < this_hour or len(kept) == HOURS_AHEAD:
            continue
        kept.append(index)
        columns["time"].append(at.isoformat())
    for name in POLLUTANTS + POLLEN:
        column = block.get(name) if isinstance(block.get(name), list) else []
        columns[name] = [reading(name, column[i]) if i < len(column) else None for i in kept]
    return columns
