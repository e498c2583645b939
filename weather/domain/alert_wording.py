"""Alert messages in words: one table of templates per language, filled at read time.

The worker stores what an alert says as values (kind, which wording, the place, when the limit
is first reached, the extreme reading and when, all metric); a reader gets them worded in the
language and unit system it asked for. Plain Python: the analysis words its English, metric
message (webhook, admin) with the same table.
"""

from __future__ import annotations

from weather.domain import units

# Digits after the point, per quantity and unit system.
_DECIMALS = {
    "temperature": {"metric": 1, "imperial": 1},
    "wind_speed": {"metric": 0, "imperial": 0},
    "precipitation": {"metric": 1, "imperial": 2},
}

# Templates use {where} (" in Paris", or nothing), {first} and {peak_at} (a time, or "now"),
# {peak} (the extreme reading with its unit).
WORDINGS = {
    "frost": {
        "en": "Frost expected{where} from {first}: down to {peak}.",
        "fr": "Gel attendu{where} à partir de {first} : jusqu'à {peak}.",
    },
    "heat": {
        "en": "Heat expected{where} from {first}: up to {peak}.",
        "fr": "Chaleur attendue{where} à partir de {first} : jusqu'à {peak}.",
    },
    "strong_wind": {
        "en": "Strong wind expected{where} from {first}: wind up to {peak}.",
        "fr": "Vent fort attendu{where} à partir de {first} : rafales jusqu'à {peak}.",
    },
    "storm": {
        "en": "Storm expected{where} from {first}: wind up to {peak}.",
        "fr": "Tempête attendue{where} à partir de {first} : vent jusqu'à {peak}.",
    },
    "heavy_precipitation_day": {
        "en": "Heavy precipitation expected{where}: {peak} on {peak_at}.",
        "fr": "Fortes précipitations attendues{where} : {peak} le {peak_at}.",
    },
    "heavy_precipitation_hour": {
        "en": "Heavy precipitation expected{where}: {peak} in an hour ({peak_at}).",
        "fr": "Fortes précipitations attendues{where} : {peak} en une heure ({peak_at}).",
    },
}
_WHERE = {"en": " in {place}", "fr": " à {place}"}
_NOW = {"en": "now", "fr": "maintenant"}


def alert_message(alert: dict, lang: str, unit_system: str) -> str:
    """The alert's message for (lang, units). A result stored before alerts kept their values
    has only its English message: that is what it keeps showing."""
    wording = WORDINGS.get(alert.get("wording"))
    if wording is None:
        return str(alert.get("message") or "")
    quantity = alert["quantity"]
    peak = units.CONVERTERS[quantity](alert["peak"], unit_system)
    label = units.LABELS[unit_system][quantity]
    place = alert.get("place") or ""
    return wording.get(lang, wording["en"]).format(
        where=_WHERE.get(lang, _WHERE["en"]).format(place=place) if place else "",
        first=_moment(alert.get("first"), lang),
        peak_at=_moment(alert.get("peak_at"), lang),
        peak=f"{peak:.{_DECIMALS[quantity][unit_system]}f} {label}",
    )


def _moment(value, lang: str) -> str:
    return _NOW.get(lang, _NOW["en"]) if value == "now" else str(value or "")
