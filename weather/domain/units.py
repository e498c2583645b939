"""Units: what each quantity is measured in, and every conversion between units.

We keep everything metric (°C, km/h, mm) from the provider's answer to our tables and caches,
and convert to the units a request asks for only when answering it. A request chooses each
quantity's unit on its own (`Units`); "metric" and "imperial" are shorthands for two choices.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

TEMPERATURE_UNITS = ("celsius", "fahrenheit")
WIND_UNITS = ("kmh", "ms", "mph", "kn", "bft")
PRECIPITATION_UNITS = ("mm", "inch")

_KM_PER_MILE = 1.609344
_KM_PER_NAUTICAL_MILE = 1.852
_MM_PER_INCH = 25.4

_TEMPERATURE_LABELS = {"celsius": "°C", "fahrenheit": "°F"}
_WIND_LABELS = {"kmh": "km/h", "ms": "m/s", "mph": "mph", "kn": "kn", "bft": "Bft"}
_PRECIPITATION_LABELS = {"mm": "mm", "inch": "in"}
# km/h in one unit of each wind speed unit (Beaufort is a scale, see `beaufort`).
_KMH_PER = {"kmh": 1.0, "ms": 3.6, "mph": _KM_PER_MILE, "kn": _KM_PER_NAUTICAL_MILE}
# The lowest speed (km/h) of Beaufort forces 1 to 12 (WMO's table: force 1 is 1-5 km/h,
# force 12 at least 118 km/h); below 1 km/h is force 0, calm.
BEAUFORT_FROM_KMH = (1, 6, 12, 20, 29, 39, 50, 62, 75, 89, 103, 118)


@dataclass(frozen=True)
class Units:
    """The unit a request shows each quantity in (what the cache keeps stays metric)."""

    temperature: str = "celsius"
    wind_speed: str = "kmh"
    precipitation: str = "mm"

    @property
    def system(self) -> str:
        """ "metric" or "imperial" when the choice is one of those shorthands, else "custom"."""
        for name, units in SYSTEMS.items():
            if units == self:
                return name
        return "custom"

    @property
    def nearest_system(self) -> str:
        """The shorthand closest to this choice (what a stored search remembers)."""
        return "imperial" if self.temperature == "fahrenheit" else "metric"

    @property
    def labels(self) -> dict[str, str]:
        return {
            "temperature": _TEMPERATURE_LABELS[self.temperature],
            "wind_speed": _WIND_LABELS[self.wind_speed],
            "precipitation": _PRECIPITATION_LABELS[self.precipitation],
            "relative_humidity": "%",
            "wind_direction": "°",
            "precipitation_probability": "%",
        }

    @property
    def choice(self) -> dict[str, str]:
        """The request parameters that make this choice."""
        return {
            "temperature_unit": self.temperature,
            "wind_unit": self.wind_speed,
            "precipitation_unit": self.precipitation,
        }


SYSTEMS = {
    "metric": Units(),
    "imperial": Units(temperature="fahrenheit", wind_speed="mph", precipitation="inch"),
}
UNIT_SYSTEMS = tuple(SYSTEMS)
LABELS = {name: units.labels for name, units in SYSTEMS.items()}


def choose(
    system: str = "metric",
    *,
    temperature: str | None = None,
    wind_speed: str | None = None,
    precipitation: str | None = None,
) -> Units:
    """The units a request asked for: a shorthand `system`, each quantity's own unit winning
    over it. Raises ValueError naming what is not a known unit."""
    base = SYSTEMS.get(system)
    if base is None:
        raise ValueError(f"unknown unit system {system!r}: one of {', '.join(UNIT_SYSTEMS)}")
    for value, known, name in (
        (temperature, TEMPERATURE_UNITS, "temperature_unit"),
        (wind_speed, WIND_UNITS, "wind_unit"),
        (precipitation, PRECIPITATION_UNITS, "precipitation_unit"),
    ):
        if value is not None and value not in known:
            raise ValueError(f"unknown {name} {value!r}: one of {', '.join(known)}")
    return Units(
        temperature=temperature or base.temperature,
        wind_speed=wind_speed or base.wind_speed,
        precipitation=precipitation or base.precipitation,
    )


def as_units(chosen: Units | str) -> Units:
    """A `Units`, from itself or from a shorthand ("metric", "imperial"; anything else is
    metric, as stored rows older than the choice are)."""
    return chosen if isinstance(chosen, Units) else SYSTEMS.get(chosen, SYSTEMS["metric"])


# --- From what Open-Meteo sends -----------------------------------------------------------

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


def column_to_metric(values: list[float | None], unit: object) -> list[float | None]:
    """`to_metric` of every value of a column, its unit looked up once."""
    if not unit:
        return values
    if unit == "°F":
        return [to_metric(value, unit) for value in values]
    factor = _SPEED_TO_KMH.get(unit) or _LENGTH_TO_MM.get(unit)
    if factor is None:
        return values
    return [None if value is None else round(value * factor, 2) for value in values]


# --- To what a request asked for ------------------------------------------------------------


def temperature(celsius: float | None, chosen: Units | str) -> float | None:
    if celsius is None or as_units(chosen).temperature == "celsius":
        return celsius
    return round(celsius * 9 / 5 + 32, 1)


def temperature_difference(celsius: float | None, chosen: Units | str) -> float | None:
    """A change of temperature (a trend, not a reading): scaled, never offset by 32."""
    if celsius is None or as_units(chosen).temperature == "celsius":
        return celsius
    return round(celsius * 9 / 5, 1)


def wind_speed(kmh: float | None, chosen: Units | str) -> float | int | None:
    unit = as_units(chosen).wind_speed
    if kmh is None or unit == "kmh":
        return kmh
    if unit == "bft":
        return beaufort(kmh)
    return round(kmh / _KMH_PER[unit], 1)


def beaufort(kmh: float) -> int:
    """The Beaufort force (0-12) of a wind speed in km/h."""
    return bisect.bisect_right(BEAUFORT_FROM_KMH, kmh)


def precipitation(mm: float | None, chosen: Units | str) -> float | None:
    if mm is None or as_units(chosen).precipitation == "mm":
        return mm
    return round(mm / _MM_PER_INCH, 2)


CONVERTERS = {
    "temperature": temperature,
    "temperature_difference": temperature_difference,
    "wind_speed": wind_speed,
    "precipitation": precipitation,
}
