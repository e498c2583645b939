"""Rain in the next two hours: eight 15-minute steps, and what they say in a few words.

Values are mm per 15-minute step (metric, as cached); rates are mm per hour. Times are the
ISO strings of the place's wall clock with its offset, as the forecast rows hold them.
"""

from __future__ import annotations

import datetime as dt

STEPS = 8  # two hours of 15-minute steps
STEP = dt.timedelta(minutes=15)
HOUR = dt.timedelta(hours=1)
WET_MM_H = 0.1  # a step raining at this rate or more counts as rain
# Intensity of rain by its rate (the American Meteorological Society's glossary, "rain"):
# light below 2.5 mm/h, moderate below 7.6 mm/h, heavy from 7.6 mm/h.
LIGHT_BELOW_MM_H = 2.5
MODERATE_BELOW_MM_H = 7.6

# Where Open-Meteo's 15-minute data comes from 15-minute model output (its forecast API docs,
# "15-minutely weather variables": "Only available in Central Europe and North America.
# Other regions use interpolated hourly data."). The models' domains, as boxes (latitude
# from, to; longitude from, to): DWD ICON-D2 and Météo-France AROME for Central Europe,
# NOAA HRRR (CONUS) for North America. Outside them the steps are interpolated upstream.
REAL_15_MINUTE_AREAS = (
    ("central_europe", (43.0, 58.1), (-4.0, 20.4)),  # ICON-D2 (AROME covers within it)
    ("north_america", (21.1, 52.7), (-134.1, -60.9)),  # HRRR CONUS
)


def source_for(latitude: float, longitude: float) -> str:
    """ "minutely_15" where the 15-minute steps are real model output, else "interpolated"."""
    for _name, (south, north), (west, east) in REAL_15_MINUTE_AREAS:
        if south <= latitude <= north and west <= longitude <= east:
            return "minutely_15"
    return "interpolated"


def intensity(rate_mm_h: float | None) -> str | None:
    if rate_mm_h is None or rate_mm_h < WET_MM_H:
        return None
    if rate_mm_h < LIGHT_BELOW_MM_H:
        return "light"
    return "moderate" if rate_mm_h < MODERATE_BELOW_MM_H else "heavy"


def _wet(mm: float | None) -> bool:
    return mm is not None and mm * 4 >= WET_MM_H


def summary(steps: list[dict]) -> dict:
    """What the steps say: "none" (no rain), "starting" (rain from `at`), "ongoing" (rain
    all along) or "stopping" (rain until `at`), with the intensity of the heaviest step."""
    wet = [_wet(step.get("precipitation")) for step in steps]
    if not any(wet):
        return {"kind": "none", "at": None, "intensity": None}
    heaviest = max(step["precipitation"] for step, is_wet in zip(steps, wet, strict=True) if is_wet)
    found = intensity(heaviest * 4)
    if not wet[0]:
        return {"kind": "starting", "at": steps[wet.index(True)]["time"], "intensity": found}
    if all(wet):
        return {"kind": "ongoing", "at": None, "intensity": found}
    return {"kind": "stopping", "at": steps[wet.index(False)]["time"], "intensity": found}


def interpolate(hourly: list[dict], start: str | None) -> list[dict]:
    """Eight steps from `start` made from hourly rows (each the sum of the hour before its
    time): a quarter of the hour's sum per step. Empty when there is nothing to start from."""
    begin = _parse(start)
    if begin is None:
        return []
    sums = {}
    for row in hourly:
        at = _parse(row.get("time"))
        if at is not None:
            sums[at.replace(tzinfo=None)] = row.get("precipitation")
    steps = []
    for i in range(STEPS):
        at = begin + i * STEP
        hour_end = at.replace(minute=0, second=0, microsecond=0, tzinfo=None) + HOUR
        total = sums.get(hour_end)
        steps.append(
            {"time": at.isoformat(), "precipitation": None if total is None else total / 4}
        )
    return steps


def nowcast(
    latitude: float, longitude: float, minutely: list[dict], hourly: list[dict], start: str | None
) -> dict:
    """The next two hours at a point: upstream's 15-minute steps (real or interpolated by
    Open-Meteo, as `source_for` tells), or our own interpolation of the hourly rows when the
    answer had none (then always "interpolated"), and their summary."""
    steps = [step for step in minutely if isinstance(step, dict)][:STEPS]
    if steps and any(step.get("precipitation") is not None for step in steps):
        source = source_for(latitude, longitude)
    else:
        steps, source = interpolate(hourly, start), "interpolated"
    return {"source": source, "steps": steps, "summary": summary(steps)}


def next_rain(steps: list[dict], hourly: list[dict]) -> str | None:
    """When rain is next expected: the first wet step, else about an hour before the first
    wet hourly row after the steps (each row sums the hour before its time)."""
    for step in steps:
        if _wet(step.get("precipitation")):
            return step["time"]
    after = _parse(steps[-1]["time"]) if steps else None
    for row in hourly:
        at = _parse(row.get("time"))
        amount = row.get("precipitation")
        if at is None or amount is None or (after is not None and at <= after):
            continue
        if amount >= WET_MM_H:
            return (at - HOUR).isoformat()
    return None


def _parse(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
