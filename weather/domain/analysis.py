"""The analysis rules: plain values in, plain values out (no database, no Django).

A search's current conditions and stored forecast become a comfort word, comparisons with
today's range and the location's history, a 24-hour trend, and alerts. Every temperature is
°C, wind km/h and precipitation mm, as stored with a search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from weather.domain.alert_wording import alert_message

FROST_C = 0.0  # at or below: frost
SEVERE_FROST_C = -10.0
HEAT_C = 30.0  # at or above: heat
SEVERE_HEAT_C = 35.0
STRONG_WIND_KMH = 50.0  # Beaufort 7, near gale
STORM_KMH = 75.0  # Beaufort 9, severe gale
HEAVY_DAY_MM = 20.0  # precipitation in one day
SEVERE_DAY_MM = 50.0
HEAVY_HOUR_MM = 7.6  # "heavy rain" rate per hour
WINDY_KMH = 40.0  # comfort: too windy to be pleasant
HUMID_PCT = 70.0
# Alerts look this many days ahead (hourly rows cover the first two).
LOOKAHEAD_DAYS = 3
# compared_to_history: within this many degrees of the location's average is "typical".
TYPICAL_BAND_C = 3.0
# trend: a change smaller than this over 24 h is "steady".
STEADY_BAND_C = 1.5


@dataclass(frozen=True)
class Current:
    temperature: float | None = None
    humidity: float | None = None
    wind_speed: float | None = None
    precipitation: float | None = None

    @classmethod
    def from_values(cls, values: dict) -> Current:
        """From loose values ({"temperature": 20, ...}); anything not a finite number is None."""
        return cls(
            temperature=number(values.get("temperature")),
            humidity=number(values.get("humidity")),
            wind_speed=number(values.get("wind_speed")),
            precipitation=number(values.get("precipitation")),
        )


@dataclass(frozen=True)
class History:
    """The location's searches before this one: how many had a temperature, and its mean."""

    count: int = 0
    average: float | None = None


@dataclass(frozen=True)
class Forecast:
    hourly: tuple[dict, ...] = ()
    daily: tuple[dict, ...] = ()

    @classmethod
    def of(cls, stored: dict) -> Forecast:
        """From the forecast stored with a search ({"hourly": [...], "daily": [...]})."""
        hourly = [r for r in stored.get("hourly") or [] if isinstance(r, dict)]
        daily = [r for r in stored.get("daily") or [] if isinstance(r, dict)]
        return cls(tuple(hourly), tuple(daily[:LOOKAHEAD_DAYS]))

    def hourly_values(self, key: str) -> Iterator[tuple[str, float]]:
        for row in self.hourly:
            value = number(row.get(key))
            if value is not None:
                yield local_time(row.get("time")), value

    def daily_values(self, key: str) -> Iterator[tuple[str, float]]:
        for row in self.daily:
            value = number(row.get(key))
            if value is not None:
                yield str(row.get("date") or ""), value


@dataclass(frozen=True)
class Alert:
    """What a rule raised, as values (metric): `alert_wording` turns them into words."""

    kind: str
    severity: str
    wording: str  # a key of alert_wording.WORDINGS
    quantity: str  # what `peak` measures: "temperature", "wind_speed", "precipitation"
    peak: float
    peak_at: str  # "now", a local time or a date
    first: str  # when the limit is first reached
    place: str = ""

    def details(self) -> dict:
        return {
            "wording": self.wording,
            "quantity": self.quantity,
            "peak": self.peak,
            "peak_at": self.peak_at,
            "first": self.first,
            "place": self.place,
        }

    @property
    def message(self) -> str:
        """English and metric, for the webhook and the admin."""
        return alert_message(self.details(), "en", "metric")

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            **self.details(),
        }


def analyse(current: Current, forecast: Forecast, *, history: History, alerts: list[Alert]) -> dict:
    return {
        "comfort": comfort(current.temperature, current.humidity, current.wind_speed),
        "flags": [alert.kind for alert in alerts],
        "compared_to_today": compared_to_today(current.temperature, forecast),
        "compared_to_history": compared_to_history(current.temperature, history),
        "trend": trend(current.temperature, forecast),
    }


def comfort(temperature: float | None, humidity: float | None, wind: float | None) -> str | None:
    """One word for how it feels outside."""
    if temperature is None:
        return None
    if temperature <= FROST_C:
        return "freezing"
    if wind is not None and wind >= WINDY_KMH:
        return "windy"
    if temperature < 10:
        return "cold"
    if temperature < 18:
        return "cool"
    if temperature >= HEAT_C:
        return "hot"
    if humidity is not None and humidity >= HUMID_PCT and temperature >= 20:
        return "humid"
    if temperature < 25:
        return "comfortable"
    return "warm"


def compared_to_today(temperature: float | None, forecast: Forecast) -> str | None:
    """Whether the current temperature is below, within or above today's forecast range."""
    if temperature is None or not forecast.daily:
        return None
    today = forecast.daily[0]
    if forecast.hourly:
        date = str(forecast.hourly[0].get("time") or "")[:10]
        today = next((row for row in forecast.daily if row.get("date") == date), today)
    low, high = number(today.get("temperature_min")), number(today.get("temperature_max"))
    if low is None or high is None:
        return None
    if temperature < low:
        return "below"
    if temperature > high:
        return "above"
    return "within"


def compared_to_history(temperature: float | None, history: History) -> str | None:
    """The current temperature against the average of this location's earlier searches."""
    if temperature is None:
        return None
    if not history.count or history.average is None:
        return "first"
    difference = temperature - history.average
    if difference > TYPICAL_BAND_C:
        return "warmer"
    if difference < -TYPICAL_BAND_C:
        return "colder"
    return "typical"


def trend(temperature: float | None, forecast: Forecast) -> dict | None:
    """Temperature in 24 hours against now (same hour, so the day/night swing cancels out)."""
    temps = [number(row.get("temperature")) for row in forecast.hourly[:25]]
    start = temperature if temperature is not None else (temps[0] if temps else None)
    end = next((t for t in reversed(temps[1:]) if t is not None), None)
    if start is None or end is None:
        return None
    delta = round(end - start, 1)
    if delta >= STEADY_BAND_C:
        direction = "warming"
    elif delta <= -STEADY_BAND_C:
        direction = "cooling"
    else:
        direction = "steady"
    return {"direction": direction, "delta": delta}


# --- Alert rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AlertRule:
    """One alert: which readings it watches, the limit that raises it, the one that makes it
    severe, and how it is worded (keys of `alert_wording.WORDINGS`). `low` rules fire at or
    below their limit (frost), the others at or above."""

    kind: str
    readings: tuple[tuple[str, str], ...]  # ("now" | "hourly" | "daily", field)
    quantity: str
    limit: float
    severe_limit: float | None
    wording: str
    severe_wording: str | None = None
    low: bool = False

    def beyond(self, value: float, limit: float) -> bool:
        return value <= limit if self.low else value >= limit

    def check(self, current: Current, forecast: Forecast, place: str) -> Alert | None:
        hits = [
            (when, v) for when, v in self.values(current, forecast) if self.beyond(v, self.limit)
        ]
        if not hits:
            return None
        peak_at, peak = (min if self.low else max)(hits, key=lambda hit: hit[1])
        severe = self.severe_limit is not None and self.beyond(peak, self.severe_limit)
        return Alert(
            self.kind,
            "severe" if severe else "warning",
            wording=(self.severe_wording or self.wording) if severe else self.wording,
            quantity=self.quantity,
            peak=peak,
            peak_at=peak_at,
            first=hits[0][0],
            place=place,
        )

    def values(self, current: Current, forecast: Forecast) -> Iterator[tuple[str, float]]:
        """(when, value) of every reading the rule watches, in the order of `readings`."""
        for source, field in self.readings:
            if source == "now":
                value = getattr(current, field)
                if value is not None:
                    yield "now", value
            elif source == "hourly":
                yield from forecast.hourly_values(field)
            else:
                yield from forecast.daily_values(field)


# In this order. A kind raises at most one alert: its first row that fires.
ALERT_RULES = (
    AlertRule(
        "frost",
        readings=(("now", "temperature"), ("hourly", "temperature"), ("daily", "temperature_min")),
        quantity="temperature",
        limit=FROST_C,
        severe_limit=SEVERE_FROST_C,
        low=True,
        wording="frost",
    ),
    AlertRule(
        "heat",
        readings=(("now", "temperature"), ("hourly", "temperature"), ("daily", "temperature_max")),
        quantity="temperature",
        limit=HEAT_C,
        severe_limit=SEVERE_HEAT_C,
        wording="heat",
    ),
    AlertRule(
        "strong_wind",
        readings=(("now", "wind_speed"), ("hourly", "wind_speed"), ("daily", "wind_speed_max")),
        quantity="wind_speed",
        limit=STRONG_WIND_KMH,
        severe_limit=STORM_KMH,
        wording="strong_wind",
        severe_wording="storm",
    ),
    AlertRule(
        "heavy_precipitation",
        readings=(("daily", "precipitation_sum"),),
        quantity="precipitation",
        limit=HEAVY_DAY_MM,
        severe_limit=SEVERE_DAY_MM,
        wording="heavy_precipitation_day",
    ),
    AlertRule(
        "heavy_precipitation",
        readings=(("now", "precipitation"), ("hourly", "precipitation")),
        quantity="precipitation",
        limit=HEAVY_HOUR_MM,
        severe_limit=None,  # an hour's rate alone is never severe
        wording="heavy_precipitation_hour",
    ),
)
# Every kind of alert, once each, in the rules' order (the API's enum of alert kinds).
ALERT_KINDS = tuple(dict.fromkeys(rule.kind for rule in ALERT_RULES))


def alerts_for(current: Current, forecast: Forecast, *, place: str) -> list[Alert]:
    """The alerts the rules raise: frost ahead, heat, strong wind or storm, heavy precipitation."""
    alerts: dict[str, Alert] = {}
    for rule in ALERT_RULES:
        if rule.kind not in alerts and (alert := rule.check(current, forecast, place)):
            alerts[rule.kind] = alert
    return list(alerts.values())


# --- Values ---------------------------------------------------------------------------------


def number(value) -> float | None:
    """A finite float, or None: numeric text counts, booleans, other text, NaN and infinities
    do not."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if result == result and abs(result) != float("inf") else None


def local_time(value) -> str:
    """ "2026-11-29T17:00:00+01:00" → "2026-11-29 17:00" (the city's wall clock)."""
    return str(value or "")[:16].replace("T", " ")


def utc_iso(value: dt.datetime | None) -> str | None:
    """An aware datetime as ISO 8601 with "Z" for UTC, as the API writes times."""
    return value.isoformat().replace("+00:00", "Z") if value is not None else None
