"""What a person's weather alert says, in English or French: a title and one sentence, the
same words for the email and the push message. Plain Python (the jobs fill them in)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from weather.domain.alert_rules import UNITS

LANGUAGES = ("en", "fr")

_NAMES = {
    "frost": ("Frost", "Gel"),
    "heat": ("Heat", "Chaleur"),
    "wind": ("Strong wind", "Vent fort"),
    "gusts": ("Wind gusts", "Rafales"),
    "rain_hour": ("Heavy rain", "Fortes pluies"),
    "rain_day": ("Heavy rain", "Fortes pluies"),
    "thunderstorm": ("Thunderstorm", "Orage"),
}
_EXTREME = {  # how the day's extreme value is introduced
    "frost": ("down to", "jusqu'à"),
    "heat": ("up to", "jusqu'à"),
    "wind": ("up to", "jusqu'à"),
    "gusts": ("up to", "jusqu'à"),
    "rain_hour": ("up to", "jusqu'à"),
    "rain_day": ("in total", "au total"),
}
_TEXT = {
    "title": ("{name} alert: {place}", "Alerte {name_lower} : {place}"),
    "body": (
        "{name} expected in {place} on {day} from {time}: {extreme} {value} "
        "(your threshold: {threshold}).",
        "{name} attendu à {place} le {day} à partir de {time} : {extreme} {value} "
        "(votre seuil : {threshold}).",
    ),
    "storm_body": (
        "Thunderstorm expected in {place} on {day} from {time}.",
        "Orage attendu à {place} le {day} à partir de {time}.",
    ),
    "test_title": ("Test notification", "Notification de test"),
    "test_body": (
        "Your weather alerts reach you here.",
        "Vos alertes météo vous parviennent ici.",
    ),
    "unsubscribe": (
        "Stop this alert: {url}",
        "Arrêter cette alerte : {url}",
    ),
    "unsubscribe_link": ("Stop this alert", "Arrêter cette alerte"),
    "footer": (
        "You receive this because you subscribed to weather alerts for {place}.",
        "Vous recevez ce message car vous êtes abonné aux alertes météo pour {place}.",
    ),
}


@dataclass(frozen=True)
class Notice:
    title: str
    body: str


def language(code: str | None) -> str:
    return code if code in LANGUAGES else "en"


def text(key: str, lang: str, **values) -> str:
    return _TEXT[key][LANGUAGES.index(language(lang))].format(**values)


def _number(value: float, lang: str) -> str:
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",") if lang == "fr" else shown


def _day(day: dt.date, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def alert_notice(
    kind: str,
    place: str,
    day: dt.date,
    first_at: dt.datetime | None,
    value: float | None,
    threshold: float | None,
    lang: str = "en",
) -> Notice:
    """The words of one event: `place` by name, `first_at` in the place's local time."""
    lang = language(lang)
    which = LANGUAGES.index(lang)
    name = _NAMES[kind][which]
    values = {
        "name": name,
        "name_lower": name.lower(),
        "place": place,
        "day": _day(day, lang),
        "time": first_at.strftime("%H:%M") if first_at else "00:00",
    }
    title = text("title", lang, **values)
    if kind == "thunderstorm" or value is None or threshold is None:
        return Notice(title, text("storm_body", lang, **values))
    unit = UNITS[kind]
    values["extreme"] = _EXTREME[kind][which]
    values["value"] = f"{_number(value, lang)} {unit}"
    values["threshold"] = f"{_number(threshold, lang)} {unit}"
    return Notice(title, text("body", lang, **values))


def test_notice(lang: str = "en") -> Notice:
    return Notice(text("test_title", lang), text("test_body", lang))
