"""What a weather provider returns, and how it fails. Values are always metric here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

HOURS_AHEAD = 48  # hourly rows a forecast holds
DAYS_AHEAD = 7  # daily rows a forecast holds
MINUTELY_15_STEPS = 8  # 15-minute steps a forecast holds: two hours


class ProviderError(Exception):
    """Permanent (the upstream rejected our request): retrying will not help."""

    http_status = 502
    code = "upstream_error"
    kind = "rejected"  # weather_open_meteo_errors_total{kind}


class ProviderUnavailable(ProviderError):
    """Transient (connection failure, 429, 5xx): safe to retry later."""

    http_status = 503
    code = "upstream_unavailable"
    kind = "unreachable"  # weather_open_meteo_errors_total{kind}


class ProviderTimeout(ProviderUnavailable):
    http_status = 504
    code = "upstream_timeout"
    kind = "timeout"  # weather_open_meteo_errors_total{kind}


class ProviderServerError(ProviderUnavailable):
    http_status = 502
    code = "upstream_error"
    kind = "server_error"  # weather_open_meteo_errors_total{kind}


class ProviderRateLimited(ProviderUnavailable):
    http_status = 503
    code = "upstream_unavailable"
    kind = "rate_limited"  # weather_open_meteo_errors_total{kind}


class ProviderBadResponse(ProviderUnavailable):
    """The upstream answered something that is not the documented JSON (an outage page)."""

    http_status = 502
    code = "upstream_error"
    kind = "malformed"  # weather_open_meteo_errors_total{kind}


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    latitude: float
    longitude: float
    country: str = ""
    country_code: str = ""
    admin1: str = ""
    timezone: str = ""
    population: int | None = None
    elevation_m: float | None = None
    feature_code: str = ""


@dataclass(frozen=True)
class CurrentConditions:
    time: dt.datetime | None
    temperature_c: float | None = None
    apparent_temperature_c: float | None = None
    relative_humidity_pct: float | None = None
    precipitation_mm: float | None = None
    wind_speed_kmh: float | None = None
    wind_direction_deg: float | None = None
    weather_code: int | None = None
    is_day: bool | None = None


@dataclass(frozen=True)
class HourlyForecast:
    time: dt.datetime
    temperature_c: float | None = None
    apparent_temperature_c: float | None = None
    precipitation_probability_pct: float | None = None
    precipitation_mm: float | None = None
    weather_code: int | None = None
    wind_speed_kmh: float | None = None
    is_day: bool | None = None
    uv_index: float | None = None


@dataclass(frozen=True)
class QuarterHour:
    """One 15-minute step of precipitation (the sum over the 15 minutes before `time`)."""

    time: dt.datetime
    precipitation_mm: float | None = None


@dataclass(frozen=True)
class DailyForecast:
    date: dt.date
    weather_code: int | None = None
    temperature_max_c: float | None = None
    temperature_min_c: float | None = None
    precipitation_sum_mm: float | None = None
    precipitation_probability_max_pct: float | None = None
    wind_speed_max_kmh: float | None = None
    sunrise: dt.datetime | None = None
    sunset: dt.datetime | None = None
    uv_index_max: float | None = None


@dataclass(frozen=True)
class Forecast:
    latitude: float
    longitude: float
    timezone: str
    utc_offset_seconds: int
    current: CurrentConditions
    hourly: list[HourlyForecast] = field(default_factory=list)
    daily: list[DailyForecast] = field(default_factory=list)
    # The unit strings Open-Meteo sent, per variable, before normalising to metric.
    upstream_units: dict[str, str] = field(default_factory=dict)
    uv_index: float | None = None  # now
    minutely_15: list[QuarterHour] = field(default_factory=list)  # the next two hours
    yesterday: HourlyForecast | None = None  # this hour, a day ago
