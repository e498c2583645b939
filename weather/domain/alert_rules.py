"""The rules of people's weather alerts: plain values in, plain values out (no Django).

A subscription asks about one place: frost (minimum <= T °C), heat (maximum >= T °C), wind or
gusts (>= X km/h), heavy rain (>= N mm in an hour, or in a day), a thunderstorm (WMO codes
95-99, no threshold), each over the next 24 or 48 hours. Given the place's forecast rows (as the
forecast cache keeps them: hourly and daily lists of dicts, metric, ISO times with the place's
UTC offset), `evaluate` returns one `Triggered` per local day on which the rule is met within
the horizon: the day, the extreme value of that day (the lowest for frost, the highest
otherwise, the day's total for rain_day) and the first hour it is met. A day is what makes an
alert unique: the same rule met again on the same day is the same event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

FROST = "frost"
HEAT = "heat"
WIND = "wind"
GUSTS = "gusts"
RAIN_HOUR = "rain_hour"
RAIN_DAY = "rain_day"
THUNDERSTORM = "thunderstorm"
KINDS = (FROST, HEAT, WIND, GUSTS, RAIN_HOUR, RAIN_DAY, THUNDERSTORM)

HORIZONS = (24, 48)  # hours ahead a subscription looks

# The thresholds a person may choose (inclusive), in °C, km/h or mm; a thunderstorm has none.
BOUNDS: dict[str, tuple[float, float]] = {
    FROST: (-60.0, 10.0),
    HEAT: (15.0, 60.0),
    WIND: (10.0, 250.0),
    GUSTS: (10.0, 250.0),
    RAIN_HOUR: (1.0, 200.0),
    RAIN_DAY: (1.0, 500.0),
}
UNITS = {FROST: "°C", HEAT: "°C", WIND: "km/h", GUSTS: "km/h", RAIN_HOUR: "mm", RAIN_DAY: "mm"}
THUNDERSTORM_CODES = range(95, 100)

# kind -> (the hourly row's key, is the extreme the lowest value)
_HOURLY = {
    FROST: ("temperature", True),
    HEAT: ("temperature", False),
    WIND: ("wind_speed", False),
    GUSTS: ("wind_gusts", False),
    RAIN_HOUR: ("precipitation", False),
    THUNDERSTORM: ("weather_code", False),
}


@dataclass(frozen=True)
class Rule:
    kind: str
    threshold: float | None
    horizon_hours: int = 24


@dataclass(frozen=True)
class Triggered:
    day: dt.date
    value: float
    first_at: dt.datetime


def threshold_problem(kind: str, threshold: float | None) -> str | None:
    """What is wrong with this kind and threshold, in words; None when they are fine."""
    if kind not in KINDS:
        return f"unknown kind {kind!r}: one of {', '.join(KINDS)}"
    if kind == THUNDERSTORM:
        return None if threshold is None else "a thunderstorm alert takes no threshold"
    if threshold is None:
        return f"a {kind} alert needs a threshold"
    low, high = BOUNDS[kind]
    if not low <= threshold <= high:
        return f"a {kind} threshold must be between {low:g} and {high:g} {UNITS[kind]}"
    return None


def horizon_problem(hours: int) -> str | None:
    if hours not in HORIZONS:
        return f"the horizon must be one of {', '.join(str(h) for h in HORIZONS)} hours"
    return None


def _met(kind: str, value: float, threshold: float | None) -> bool:
    if kind == THUNDERSTORM:
        return int(value) in THUNDERSTORM_CODES
    if kind == FROST:
        return value <= threshold
    return value >= threshold


def _hours_within(hourly: Iterable[dict], now: dt.datetime, horizon_hours: int):
    """(time, row) of the hourly rows from the current hour to `horizon_hours` ahead."""
    end = now + dt.timedelta(hours=horizon_hours)
    for row in hourly:
        raw = row.get("time")
        if not raw:
            continue
        at = dt.datetime.fromisoformat(raw)
        if at.tzinfo is None:  # not as the cache keeps them; read as UTC
            at = at.replace(tzinfo=dt.UTC)
        if at + dt.timedelta(hours=1) > now and at < end:
            yield at, row


def evaluate(rule: Rule, hourly: list[dict], daily: list[dict], now: dt.datetime) -> list:
    """The days within the rule's horizon on which it is met, earliest first."""
    hours = list(_hours_within(hourly, now, rule.horizon_hours))
    if rule.kind == RAIN_DAY:
        return _rain_days(rule, hours, daily)
    key, lowest = _HOURLY[rule.kind]
    found: dict[dt.date, Triggered] = {}
    for at, row in hours:
        value = row.get(key)
        if value is None or not _met(rule.kind, value, rule.threshold):
            continue
        day = at.date()
        seen = found.get(day)
        if seen is None:
            found[day] = Triggered(day, float(value), at)
        elif (value < seen.value) if lowest else (value > seen.value):
            found[day] = Triggered(day, float(value), seen.first_at)
    return sorted(found.values(), key=lambda t: t.day)


def _rain_days(rule: Rule, hours: list, daily: list[dict]) -> list[Triggered]:
    """A day's total (the daily sum when the forecast has one, else its hours'), for each
    local day the horizon reaches; first_at is the day's first wet hour in the horizon."""
    sums = {}
    for row in daily:
        if row.get("date") and row.get("precipitation_sum") is not None:
            sums[dt.date.fromisoformat(row["date"])] = float(row["precipitation_sum"])
    by_day: dict[dt.date, list] = {}
    for at, row in hours:
        by_day.setdefault(at.date(), []).append((at, row.get("precipitation") or 0.0))
    found = []
    for day, rows in sorted(by_day.items()):
        total = sums.get(day, sum(mm for _, mm in rows))
        if total >= rule.threshold:
            first = next((at for at, mm in rows if mm > 0), rows[0][0])
            found.append(Triggered(day, round(total, 1), first))
    return found
