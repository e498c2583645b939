"""Open-Meteo's air-quality API (`/v1/air-quality`) as the fake upstream answers it (served by
weather.testing.fake_open_meteo, with its faults, latency, API key and call counts: fault
endpoint "air_quality", counted as calls["air_quality"]).

Values are deterministic and plausible, made from the point (a known city's id, else the
coordinates), the hour and the season: particles and NO₂ higher in some places and at rush
hours, ozone in the afternoon, the European AQI (2024 EEA bands) and the US AQI (EPA
breakpoints) computed from them. Pollen, as CAMS Europe gives it, exists only in a box around
Europe (elsewhere, and with `domains=cams_global`, every pollen value is null), follows each
species' season and stops after 4 days (the pollen forecast's horizon).

`hourly=` and `current=` lists, `timezone` (`auto` too), `forecast_days` (0-7, default 5),
`past_days` and `domains` (auto, cams_europe, cams_global) are honoured; bad ones answer 400
as upstream does. A city's overrides (POST /__fake__/weather {"city_id": ..., "air_quality":
{"pm2_5": null, "us_aqi": -3, ...}}) replace a variable's every value, to send what a broken
model might.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from zoneinfo import ZoneInfo

UNITS = {
    "european_aqi": "EAQI",
    "us_aqi": "USAQI",
    "pm2_5": "μg/m³",
    "pm10": "μg/m³",
    "nitrogen_dioxide": "μg/m³",
    "ozone": "μg/m³",
    "carbon_monoxide": "μg/m³",
    "sulphur_dioxide": "μg/m³",
    "dust": "μg/m³",
    "uv_index": "",
    **{
        f"{species}_pollen": "grains/m³"
        for species in ("alder", "birch", "grass", "mugwort", "olive", "ragweed")
    },
}
DOMAINS = ("auto", "cams_europe", "cams_global")
POLLEN_HORIZON_DAYS = 4

# CAMS Europe's area, roughly: where pollen exists at all.
EUROPE = {"latitude": (30.0, 72.0), "longitude": (-25.0, 45.0)}

# Concentration (μg/m³) -> index breakpoints, interpolated linearly between them.
_EUROPEAN = {
    "pm2_5": ((0, 0), (5, 20), (15, 40), (50, 60), (90, 80), (140, 100), (800, 500)),
    "pm10": ((0, 0), (15, 20), (45, 40), (120, 60), (195, 80), (270, 100), (1200, 500)),
    "nitrogen_dioxide": ((0, 0), (10, 20), (25, 40), (60, 60), (100, 80), (150, 100)),
    "ozone": ((0, 0), (60, 20), (100, 40), (120, 60), (160, 80), (180, 100), (800, 500)),
}
_US = {
    "pm2_5": ((0, 0), (9, 50), (35.4, 100), (55.4, 150), (125.4, 200), (225.4, 300), (325.4, 500)),
    "pm10": ((0, 0), (54, 50), (154, 100), (254, 150), (354, 200), (424, 300), (604, 500)),
}
# Per species: the day of the year its season peaks, the season's half-width in days, the
# peak count (grains/m³) in its heartland, and where that heartland is.
_POLLEN = {
    "alder": (50, 25, 150.0, lambda lat, lon: lat > 42),
    "birch": (110, 15, 600.0, lambda lat, lon: lat > 45),
    "grass": (165, 30, 80.0, lambda lat, lon: True),
    "mugwort": (220, 15, 30.0, lambda lat, lon: lat > 40),
    "olive": (140, 15, 300.0, lambda lat, lon: lat < 45),
    "ragweed": (245, 15, 60.0, lambda lat, lon: 43 < lat < 50 and lon > 10),
}


def _server():
    """The fake's server module (imported late: it imports this one)."""
    try:
        from weather.testing import fake_open_meteo
    except ModuleNotFoundError:  # run as a script from its own folder (the compose stand-in)
        import fake_open_meteo
    return fake_open_meteo


def _error(reason: str) -> tuple[int, dict]:
    return 400, {"error": True, "reason": reason}


def air_quality(
    params: dict[str, str], overrides: dict[int, dict], now: dt.datetime | None = None
) -> tuple[int, dict | list]:
    """One object for one point; a list of objects, in the order asked, for several."""

    def point(latitude: float, longitude: float) -> tuple[int, dict]:
        return _point(latitude, longitude, params, overrides, now)

    return _server().answer_points(params, point)


def _options(params: dict[str, str]) -> dict | tuple[int, dict]:
    blocks = {b: [v for v in params.get(b, "").split(",") if v] for b in ("current", "hourly")}
    for variables in blocks.values():
        for variable in variables:
            if variable not in UNITS:
                return _error(
                    f"Cannot initialize AirQualityVariable from invalid String value {variable}."
                )
    try:
        forecast_days = int(params.get("forecast_days", "5"))
        past_days = int(params.get("past_days", "0"))
    except ValueError:
        return _error("Parameter 'forecast_days' and 'past_days' must be integers.")
    if not 0 <= forecast_days <= 7:
        return _error("Forecast days is invalid. Allowed range 0 to 7.")
    if not 0 <= past_days <= 92:
        return _error("Past days is invalid. Allowed range 0 to 92.")
    domains = params.get("domains", "auto")
    if domains not in DOMAINS:
        return _error(
            f"Cannot initialize CamsQuery.Domain from invalid String value {domains} for key "
            "domains"
        )
    return {**blocks, "forecast_days": forecast_days, "past_days": past_days, "domains": domains}


def _point(latitude, longitude, params, overrides, now) -> tuple[int, dict]:
    server = _server()
    _nearest_city, _point_seed, _solar_zone = (
        server._nearest_city,
        server._point_seed,
        server._solar_zone,
    )

    if not -90 <= latitude <= 90:
        return _error(f"Latitude must be in range of -90 to 90°. Given: {latitude}.")
    if not -180 <= longitude <= 180:
        return _error(f"Longitude must be in range of -180 to 180°. Given: {longitude}.")
    options = _options(params)
    if isinstance(options, tuple):
        return options
    city = _nearest_city(latitude, longitude)
    tz_name = params.get("timezone", "GMT")
    if tz_name == "auto":
        tz_name = city.timezone if city else _solar_zone(longitude)
    try:
        zone = ZoneInfo("UTC" if tz_name == "GMT" else tz_name)
    except Exception:
        return _error(f"Invalid timezone {tz_name}")
    air = _Air(
        latitude,
        longitude,
        seed=city.id if city else _point_seed(latitude, longitude),
        domains=options["domains"],
        override=(overrides.get(city.id, {}) if city else {}).get("air_quality", {}),
    )
    now_local = (now or dt.datetime.now(dt.UTC)).astimezone(zone)
    this_hour = now_local.replace(minute=0, second=0, microsecond=0)
    midnight = this_hour.replace(hour=0)
    body: dict = {
        # The grid cell's centre (CAMS Europe: 0.1°), not the point asked.
        "latitude": round(latitude * 10) / 10 + 0.0499,
        "longitude": round(longitude * 10) / 10 + 0.0001,
        "generationtime_ms": 0.07,
        "utc_offset_seconds": int(now_local.utcoffset().total_seconds()),
        "timezone": tz_name,
        "timezone_abbreviation": now_local.tzname() or "GMT",
        "elevation": city.elevation if city else 0.0,
    }
    if options["current"]:
        body["current_units"] = {"time": "iso8601", "interval": "seconds"}
        body["current_units"].update({v: UNITS[v] for v in options["current"]})
        body["current"] = {"time": this_hour.strftime("%Y-%m-%dT%H:%M"), "interval": 3600}
        for variable in options["current"]:
            body["current"][variable] = air.value(variable, this_hour, this_hour)
    if options["hourly"]:
        first = midnight - dt.timedelta(days=options["past_days"])
        count = 24 * (options["past_days"] + options["forecast_days"])
        times = [first + dt.timedelta(hours=i) for i in range(count)]
        body["hourly_units"] = {"time": "iso8601", **{v: UNITS[v] for v in options["hourly"]}}
        body["hourly"] = {"time": [t.strftime("%Y-%m-%dT%H:%M") for t in times]}
        for variable in options["hourly"]:
            body["hourly"][variable] = [air.value(variable, t, this_hour) for t in times]
    return 200, body


def _interpolate(value: float, breakpoints) -> float:
    for (c0, i0), (c1, i1) in itertools.pairwise(breakpoints):
        if value <= c1:
            return i0 + (value - c0) * (i1 - i0) / (c1 - c0)
    return float(breakpoints[-1][1])


class _Air:
    """The air at one point, at any local hour."""

    def __init__(self, latitude, longitude, *, seed: int, domains: str, override: dict):
        self.latitude, self.longitude = latitude, longitude
        self.dirty = (seed % 7) / 6  # 0 (clean air) to 1 (a polluted city)
        self.seed = seed
        self.override = override
        lat_range, lon_range = EUROPE["latitude"], EUROPE["longitude"]
        in_europe = lat_range[0] <= latitude <= lat_range[1]
        in_europe = in_europe and lon_range[0] <= longitude <= lon_range[1]
        self.europe_model = in_europe and domains != "cams_global"
        self.no_data = domains == "cams_europe" and not in_europe

    def pollutants(self, at: dt.datetime) -> dict[str, float]:
        hour, day = at.hour, at.timetuple().tm_yday
        wobble = math.sin(self.seed + day)  # from day to day
        rush = math.exp(-(((hour - 8) / 2) ** 2)) + math.exp(-(((hour - 18) / 2) ** 2))
        pm2_5 = 4 + 14 * self.dirty + 3 * wobble + 4 * rush
        return {
            "pm2_5": pm2_5,
            "pm10": pm2_5 * 1.7 + 2,
            "nitrogen_dioxide": 8 + 25 * self.dirty + 18 * rush,
            "ozone": max(5.0, 55 + 35 * math.sin(2 * math.pi * (hour - 9) / 24) - 12 * self.dirty),
            "carbon_monoxide": 150 + 200 * self.dirty + 80 * rush,
            "sulphur_dioxide": 1 + 4 * self.dirty,
            "dust": 0.0 if self.europe_model else 2 + 6 * abs(wobble),
        }

    def value(self, variable: str, at: dt.datetime, now: dt.datetime):
        if variable in self.override:
            return self.override[variable]
        if self.no_data:
            return None
        if variable.endswith("_pollen"):
            return self.pollen(variable.removesuffix("_pollen"), at, now)
        if variable == "uv_index":
            return round(max(0.0, 4 * math.sin(math.pi * (at.hour - 6) / 12)), 2)
        found = self.pollutants(at)
        if variable == "european_aqi":
            indices = [_interpolate(found[n], _EUROPEAN[n]) for n in _EUROPEAN]
            return round(max(indices))
        if variable == "us_aqi":
            return round(max(_interpolate(found[n], _US[n]) for n in _US))
        return round(found[variable], 1)

    def pollen(self, species: str, at: dt.datetime, now: dt.datetime) -> float | None:
        if not self.europe_model or at >= now + dt.timedelta(days=POLLEN_HORIZON_DAYS):
            return None
        peak_day, width, peak, heartland = _POLLEN[species]
        day = at.timetuple().tm_yday
        count = peak * math.exp(-(((day - peak_day) / width) ** 2))
        if not heartland(self.latitude, self.longitude):
            count /= 20
        daily = 0.6 + 0.4 * math.sin(2 * math.pi * (at.hour - 8) / 24)  # more by day
        return round(count * daily, 1)
