"""People's accounts, the use cases: preferences, favourites, what joins an account at
sign-in, downloading everything an account owns, deleting it.

The account itself (sign-up, verification, sign-in, password reset) is django-allauth's; this
module is what our app keeps per account (weather.models.people) and the searches it owns.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from weather.models import BulkRefresh, Favourite, Location, Preferences, WeatherSearch
from weather.models.people import FAVOURITES_MAX
from weather.models.permissions import is_operator
from weather.models.places import location_for

LANGUAGES = tuple(Preferences.Language.values)
PREFERENCE_FIELDS = ("temperature_unit", "wind_unit", "precipitation_unit", "language", "theme")


class UnknownPlaces(LookupError):
    """Some ids name no place; `.ids` lists them."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__(f"No place has the id {', '.join(map(str, ids[:5]))}.")
        self.ids = ids


class TooManyFavourites(ValueError):
    """A list of favourites longer than FAVOURITES_MAX."""


# --- Preferences and language -----------------------------------------------------------------


def supported_language(code: str | None) -> str | None:
    """ "fr-CA" -> "fr"; None for a language we do not speak."""
    short = (code or "").split("-")[0].split("_")[0].lower()
    return short if short in LANGUAGES else None


def preferences_of(user, language: str | None = None) -> Preferences:
    """The person's preferences, made with the defaults (and `language`) the first time."""
    defaults = {"language": supported_language(language) or Preferences.Language.EN}
    prefs, _ = Preferences.objects.get_or_create(user=user, defaults=defaults)
    return prefs


def preferences_dict(prefs: Preferences) -> dict:
    return {name: getattr(prefs, name) for name in PREFERENCE_FIELDS}


def update_preferences(user, values: dict) -> Preferences:
    """Sets the given preferences (already validated: names in PREFERENCE_FIELDS)."""
    prefs = preferences_of(user)
    for name, value in values.items():
        setattr(prefs, name, value)
    prefs.save()
    return prefs


def language_of(user, fallback: str | None = None) -> str:
    """The language to write to this person in: theirs when they have preferences, else
    `fallback` (the request's) when we speak it, else English."""
    if user is not None and getattr(user, "pk", None):
        stored = Preferences.objects.filter(user=user).values_list("language", flat=True).first()
        if stored:
            return stored
    return supported_language(fallback) or Preferences.Language.EN


# --- Favourites -------------------------------------------------------------------------------


def favourites_of(user) -> list[Location]:
    rows = Favourite.objects.filter(user=user).select_related("location").order_by("position")
    return [row.location for row in rows]


def favourite_ids(user) -> list[int]:
    return list(
        Favourite.objects.filter(user=user)
        .order_by("position")
        .values_list("location__geonames_id", flat=True)
    )


def _locations(ids: Iterable[int]) -> list[Location]:
    """The stored locations of these GeoNames ids, in order (looked up and stored when new).
    Raises UnknownPlaces, or ProviderUnavailable when an unknown id needs Open-Meteo."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > FAVOURITES_MAX:
        raise TooManyFavourites(f"At most {FAVOURITES_MAX} favourites.")
    stored = {loc.geonames_id: loc for loc in Location.objects.filter(geonames_id__in=wanted)}
    missing = []
    for geonames_id in wanted:
        if geonames_id not in stored:
            location = location_for(geonames_id)
            if location is None:
                missing.append(geonames_id)
            else:
                stored[geonames_id] = location
    if missing:
        raise UnknownPlaces(missing)
    return [stored[i] for i in wanted]


def set_favourites(user, ids: list[int]) -> list[Location]:
    """Replaces the person's favourites with these places, in this order."""
    locations = _locations(ids)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()  # one at a time
        Favourite.objects.filter(user=user).delete()
        Favourite.objects.bulk_create(
            Favourite(user=user, location=loc, position=n) for n, loc in enumerate(locations)
        )
    return locations


def merge_favourites(user, ids: list[int]) -> list[Location]:
    """Adds the browser's favourites after the account's own (the ones it has already keep
    their place); the total stays within FAVOURITES_MAX."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        current = favourite_ids(user)
        added = [i for i in dict.fromkeys(ids) if i not in current]
        if len(current) + len(added) > FAVOURITES_MAX:
            raise TooManyFavourites(
                f"At most {FAVOURITES_MAX} favourites: the account has {len(current)}, "
                f"{len(added)} more would be too many."
            )
        locations = _locations(added)
        Favourite.objects.bulk_create(
            Favourite(user=user, location=loc, position=len(current) + n)
            for n, loc in enumerate(locations)
        )
    return favourites_of(user)


# --- Sign-in: what the browser had joins the account -------------------------------------------


def adopt_visitor(user, visitor: str | uuid.UUID | None) -> int:
    """The anonymous visitor's searches and refreshes (their browser session's) become the
    account's; returns how many searches joined. Another account's rows stay theirs."""
    if not visitor or not getattr(user, "pk", None):
        return 0
    try:
        visitor_id = uuid.UUID(str(visitor))
    except ValueError:
        return 0
    unowned = {"owner_visitor": visitor_id, "owner__isnull": True}
    BulkRefresh.objects.filter(**unowned).update(owner=user)
    return WeatherSearch.objects.filter(**unowned).update(owner=user)


# --- Download my data, delete my account --------------------------------------------------------

# Each adds a section to the download: name -> function(user) returning JSON-ready data. The
# alerts add theirs (weather.services.alerts registers it) through `add_data_section`.
DATA_SECTIONS: dict[str, Callable[[object], object]] = {}


def add_data_section(name: str, collect: Callable[[object], object]) -> None:
    DATA_SECTIONS[name] = collect


def _place(location: Location) -> dict:
    return {
        "id": location.geonames_id,
        "name": location.name,
        "country": location.country,
        "admin1": location.admin1,
        "latitude": location.latitude,
        "longitude": location.longitude,
    }


def _searches(user) -> list[dict]:
    rows = (
        WeatherSearch.objects.filter(owner=user).select_related("location").order_by("created_at")
    )
    return [
        {
            "id": str(s.public_id),
            "query": s.query,
            "place": _place(s.location),
            "created_at": s.created_at.isoformat(),
            "lang": s.lang,
            "unit_system": s.unit_system,
            "temperature_c": s.temperature_c,
            "weather_description": s.weather_description,
            "processing_status": s.processing_status,
        }
        for s in rows.iterator()
    ]


# The alerts' tables, by model name -> the download's key; keys and secrets are left out.
_ALERT_TABLES = {
    "AlertSubscription": "alert_subscriptions",
    "AlertDelivery": "alert_deliveries",
    "PushSubscription": "push_subscriptions",
}
_NOT_DOWNLOADED = {"user_id", "p256dh", "auth"}


def _alert_models_data(user) -> dict:
    """Each alerts table's rows of this person, when the alerts' models exist."""
    data = {}
    for model_name, key in _ALERT_TABLES.items():
        try:
            model = apps.get_model("weather", model_name)
        except LookupError:
            continue
        rows = model.objects.filter(user=user).order_by("pk").values()
        data[key] = [
            {name: value for name, value in row.items() if name not in _NOT_DOWNLOADED}
            for row in rows
        ]
    return data


def account_data(user) -> dict:
    """Everything the account owns, JSON-ready: the account, its preferences, favourites,
    searches, and each registered section (alerts)."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_operator": is_operator(user),
        },
        "preferences": preferences_dict(preferences_of(user)),
        "favourites": [_place(loc) for loc in favourites_of(user)],
        "searches": _searches(user),
    }
    if "alerts" not in DATA_SECTIONS:  # no section of the alerts' own replaces this
        data.update(_alert_models_data(user))
    for name, collect in DATA_SECTIONS.items():
        data[name] = collect(user)
    return data


def delete_account(user) -> None:
    """Deletes the account and everything it owns: its searches and refreshes, favourites,
    preferences (and, by their foreign keys, alert rows and email addresses)."""
    with transaction.atomic():
        WeatherSearch.objects.filter(owner=user).delete()
        BulkRefresh.objects.filter(owner=user).delete()
        user.delete()
