"""Reading Open-Meteo's forecast answer: metric units, the location's local time, and None
for whatever is missing, null or malformed."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from weather.domain.units import column_to_metric, to_metric
from weather.providers.base import (
    DAYS_AHEAD,
    HOURS_AHEAD,
    MINUTELY_15_STEPS,
    CurrentConditions,
    DailyForecast,
    Forecast,
    HourlyForecast,
    QuarterHour,
)


def parse_forecast(data: dict[str, Any]) -> Forecast:
    """A forecast answer in metric units and the location's local time: missing, null or
    malformed values become None, rows without a readable time are skipped."""
    zone = answer_zone(data)
    current_block = _Block(data, "current")
    current = _parse_current(current_block, zone)
    hourly, yesterday = _parse_hourly(_Block(data, "hourly"), zone, current.time)
    return Forecast(
        latitude=float(data.get("latitude") or 0.0),
        longitude=float(data.get("longitude") or 0.0),
        timezone=str(data.get("timezone") or "GMT"),
        utc_offset_seconds=int_or_none(data.get("utc_offset_seconds")) or 0,
        current=current,
        hourly=hourly,
        daily=_parse_daily(_Block(data, "daily"), zone, current.time),
        upstream_units=upstream_units(data),
        uv_index=current_block.metric("uv_index"),
        minutely_15=_parse_minutely(_Block(data, "minutely_15"), zone, current.time),
        yesterday=yesterday,
    )


class _Block:
    """One time block of an answer (`current`, `hourly` or `daily`) with its `*_units`."""

    def __init__(self, data: dict[str, Any], name: str):
        self.values = as_dict(data.get(name))
        self.units = as_dict(data.get(f"{name}_units"))

    def times(self) -> list:
        return _column(self.values, "time")

    def raw(self, var: str, index: int | None = None) -> Any:
        """The value of `var`, or its `index`th value in a column block."""
        return self.values.get(var) if index is None else _cell(self.values, var, index)

    def metric(self, var: str, index: int | None = None) -> float | None:
        return to_metric(float_or_none(self.raw(var, index)), self.units.get(var))

    def column(self, var: str, convert=None) -> list:
        """Every value of `var`, one per time (None past its end): in metric; as `int` or
        `bool` read from a number (as `int_or_none` and `_bool_or_none` read one); or through
        `convert`. Converting a column at once spares a lookup per cell."""
        size = len(self.times())
        values = _column(self.values, var)[:size]
        if convert is None:
            found = column_to_metric(_floats(values), self.units.get(var))
        elif convert is int or convert is bool:
            found = [None if number is None else convert(number) for number in _floats(values)]
        else:
            found = [convert(value) for value in values]
        return found + [None] * (size - len(found))


def _parse_current(block: _Block, zone: dt.tzinfo) -> CurrentConditions:
    return CurrentConditions(
        time=local_datetime(block.raw("time"), zone),
        temperature_c=block.metric("temperature_2m"),
        apparent_temperature_c=block.metric("apparent_temperature"),
        relative_humidity_pct=block.metric("relative_humidity_2m"),
        precipitation_mm=block.metric("precipitation"),
        wind_speed_kmh=block.metric("wind_speed_10m"),
        wind_direction_deg=block.metric("wind_direction_10m"),
        weather_code=int_or_none(block.raw("weather_code")),
        is_day=_bool_or_none(block.raw("is_day")),
    )


def _parse_hourly(
    block: _Block, zone: dt.tzinfo, now: dt.datetime | None
) -> tuple[list[HourlyForecast], HourlyForecast | None]:
    """The rows from this hour on (HOURS_AHEAD of them), and the row of this hour yesterday
    (the answer starts a day back: `past_hours`). Only those rows are built: a third of the
    answer's hours are the day before, read for one of them."""
    times = _local_datetimes(block.times(), zone)
    readable = [i for i, time_ in enumerate(times) if time_ is not None]
    yesterday_at = None
    if now is not None:
        # Hourly starts in the past (yesterday, or local midnight without forecast_hours).
        this_hour = now.replace(minute=0, second=0, microsecond=0)
        wall_clock_yesterday = this_hour.replace(tzinfo=None) - dt.timedelta(days=1)
        yesterday_at = next(
            (i for i in readable if times[i].replace(tzinfo=None) == wall_clock_yesterday), None
        )
        readable = [i for i in readable if times[i] >= this_hour]
    kept = readable[:HOURS_AHEAD]
    temperature, apparent = block.column("temperature_2m"), block.column("apparent_temperature")
    probability, precipitation = (
        block.column("precipitation_probability"),
        block.column("precipitation"),
    )
    code, wind = block.column("weather_code", int), block.column("wind_speed_10m")
    is_day, uv = block.column("is_day", bool), block.column("uv_index")

    def row(i: int) -> HourlyForecast:
        return HourlyForecast(
            time=times[i],
            temperature_c=temperature[i],
            apparent_temperature_c=apparent[i],
            precipitation_probability_pct=probability[i],
            precipitation_mm=precipitation[i],
            weather_code=code[i],
            wind_speed_kmh=wind[i],
            is_day=is_day[i],
            uv_index=uv[i],
        )

    return [row(i) for i in kept], None if yesterday_at is None else row(yesterday_at)


def _parse_minutely(block: _Block, zone: dt.tzinfo, now: dt.datetime | None) -> list[QuarterHour]:
    """The 15-minute steps from the current one on (the next two hours)."""
    precipitation = block.column("precipitation")
    steps = []
    for i, time_ in enumerate(_local_datetimes(block.times(), zone)):
        if time_ is not None and (now is None or time_ >= now):
            steps.append(QuarterHour(time=time_, precipitation_mm=precipitation[i]))
    return steps[:MINUTELY_15_STEPS]


def _parse_daily(block: _Block, zone: dt.tzinfo, now: dt.datetime | None) -> list[DailyForecast]:
    """The days from today on (the answer starts with yesterday: `past_days`)."""
    rows = []
    today = now.date() if now is not None else None
    code = block.column("weather_code", int)
    high, low = block.column("temperature_2m_max"), block.column("temperature_2m_min")
    rain, rain_chance = (
        block.column("precipitation_sum"),
        block.column("precipitation_probability_max"),
    )
    wind, uv = block.column("wind_speed_10m_max"), block.column("uv_index_max")
    sunrise = _local_datetimes(block.column("sunrise", _str_or_none), zone)
    sunset = _local_datetimes(block.column("sunset", _str_or_none), zone)
    for i, raw_date in enumerate(block.times()):
        try:
            day = dt.date.fromisoformat(str(raw_date))
        except ValueError:
            continue
        if today is not None and day < today:
            continue
        rows.append(
            DailyForecast(
                date=day,
                weather_code=code[i],
                temperature_max_c=high[i],
                temperature_min_c=low[i],
                precipitation_sum_mm=rain[i],
                precipitation_probability_max_pct=rain_chance[i],
                wind_speed_max_kmh=wind[i],
                sunrise=sunrise[i],
                sunset=sunset[i],
                uv_index_max=uv[i],
            )
        )
    return rows[:DAYS_AHEAD]


FORECAST_UNIT_BLOCKS = ("current_units", "hourly_units", "daily_units", "minutely_15_units")


def upstream_units(
    data: dict[str, Any], blocks: tuple[str, ...] = FORECAST_UNIT_BLOCKS
) -> dict[str, str]:
    """The units Open-Meteo answered in, per variable (later blocks win a shared name)."""
    units = {}
    for name in blocks:
        block = as_dict(data.get(name))
        units.update({k: str(v) for k, v in block.items() if k not in ("time", "interval")})
    return units


# --- Parsing helpers ------------------------------------------------------------------------


def answer_zone(data: dict[str, Any]) -> dt.tzinfo:
    name = data.get("timezone")
    if isinstance(name, str) and name not in ("", "GMT"):
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    offset = int_or_none(data.get("utc_offset_seconds")) or 0
    return dt.timezone(dt.timedelta(seconds=offset))


def local_datetime(value: Any, zone: dt.tzinfo) -> dt.datetime | None:
    """Open-Meteo sends local wall-clock times without an offset; attach the zone."""
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def _local_datetimes(values: list, zone: dt.tzinfo) -> list[dt.datetime | None]:
    """`local_datetime` of each value: at once when all are readable times."""
    try:
        parsed = [dt.datetime.fromisoformat(value) for value in values]
    except (TypeError, ValueError):
        return [local_datetime(value, zone) for value in values]
    return [time_ if time_.tzinfo else time_.replace(tzinfo=zone) for time_ in parsed]


def as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _column(block: dict, var: str) -> list:
    value = block.get(var)
    return value if isinstance(value, list) else []


def _cell(block: dict, var: str, index: int) -> Any:
    column = _column(block, var)
    return column[index] if index < len(column) else None


def float_or_none(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _floats(values: list) -> list[float | None]:
    """`float_or_none` of each value: at once when they are numbers and nulls (no booleans)."""
    if bool not in set(map(type, values)):
        try:
            return [None if value is None else float(value) for value in values]
        except (TypeError, ValueError):
            pass
    return [float_or_none(value) for value in values]


def int_or_none(value: Any) -> int | None:
    number = float_or_none(value)
    return int(number) if number is not None else None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _bool_or_none(value: Any) -> bool | None:
    number = float_or_none(value)
    return bool(number) if number is not None else None
