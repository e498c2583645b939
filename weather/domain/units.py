"""Units: what each quantity is measured in, and every conversion between unit systems.

We keep everything metric (°C, km/h, mm) from the provider's answer to our tables, and convert
to the unit system a request asks for only when answering it.
"""

from __future__ import annotations

UNIT_SYSTEMS = ("metric", "imperial")

LABELS = {
    "metric": {
        "temperature": "°C",
        "wind_speed": "km/h",
        "precipitation": "mm",
        "relative_humidity": "%",
        "wind_direction": "°",
        "precipitation_probability": "%",
    },
}
LABELS["imperial"] = {
    **LABELS["metric"],
    "temperature": "°F",
    "wind_speed": "mph",
    "precipitation": "in",
}

_KM_PER_MILE = 1.609344
_MM_PER_INCH = 25.4

# Factors to metric for the unit strings Open-Meteo sends with its values.
_SPEED_TO_KMH = {"km/h": 1.0, "m/s": 3.6, "mp/h": _KM_PER_MILE, "mph": _KM_PER_MILE, "kn": 1.852}
_LENGTH_TO_MM = {"mm": 1.0, "inch": _MM_PER_INCH, "cm": 10.0}


def to_metric(value: float | None, unit: object) -> float | None:
    """A value in `unit` (as Open-Meteo spells it) in metric; unknown units pass unchanged."""
    if value is None or not unit:
        return value
    if unit == "°F":
        return round((value - 32) * 5 / 9, 2)
    if unit in _SPEED_TO_KMH:
        return round(value * _SPEED_TO_KMH[unit], 2)
    if unit in _LENGTH_TO_MM:
        return round(value * _LENGTH_TO_MM[unit], 2)
    return value


def temperature(celsius: float | None, unit_system: str) -> float | None:
    if celsius is None or unit_system != "imperial":
        return celsius
    return round(celsius * 9 / 5 + 32, 1)


def wind_speed(kmh: float | None, unit_system: str) -> float | None:
    if kmh is None or unit_system != "imperial":
        return kmh
    return round(kmh / _KM_PER_MILE, 1)


def precipitation(mm: float | None, unit_system: str) -> float | None:
    if mm is None or unit_system != "imperial":
        return mm
    return round(mm / _MM_PER_INCH, 2)


def temperature_difference(celsius: float | None, unit_system: str) -> float | None:
    """A change of temperature (a trend, not a reading): scaled, never offset by 32."""
    if celsius is None or unit_system != "imperial":
        return celsius
    return round(celsius * 9 / 5, 1)


CONVERTERS = {
    "temperature": temperature,
    "temperature_difference": temperature_difference,
    "wind_speed": wind_speed,
    "precipitation": precipitation,
}
