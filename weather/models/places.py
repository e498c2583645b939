"""Places by GeoNames id, one way for searches and bulk refreshes alike.

- `place_for(id)`: the place, from the cache, the stored row, the gazetteer or one upstream
  lookup (cached; an id upstream does not know is remembered too, so asking again costs no call).
- `upsert_location(place)`: the place's row, written once per process while it stays the same.
- `location_for(id)`: the stored row, or the place looked up and stored: both of the above.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from weather.infra import process_state
from weather.models import gazetteer
from weather.models.inserts import insert
from weather.models.mapping import location_fields, place_of
from weather.models.tables import Location
from weather.providers import Place, ProviderError, ProviderUnavailable, open_meteo


def _place_key(geonames_id: int, lang: str) -> str:
    return f"place:{lang}:{geonames_id}"


def _unknown_place_key(geonames_id: int) -> str:
    return f"place-unknown:{geonames_id}"


def remember_places(places: Iterable[Place], lang: str) -> None:
    """Places a geocoding search found: a later lookup of one of them by id costs no call."""
    cache.set_many({_place_key(p.id, lang): p for p in places}, settings.GEOCODING_CACHE_TTL_S)


def cached_place(geonames_id: int, lang: str = "en") -> Place | None:
    """The place if it is cached (found by a search or looked up lately); never a lookup."""
    return cache.get(_place_key(geonames_id, lang))


def place_for(geonames_id: int, lang: str = "en") -> Place | None:
    """The place with this id, None when there is none. A cached or stored place costs no
    upstream call; an unknown id one per UNKNOWN_PLACE_CACHE_TTL_S, not one per request.
    Raises ProviderUnavailable (upstream down: try again later)."""
    place = cached_place(geonames_id, lang)
    if place is not None:
        return place
    known = Location.objects.filter(geonames_id=geonames_id).first()
    place = place_of(known) if known is not None else gazetteer.place(geonames_id, lang)
    if place is None:
        if cache.get(_unknown_place_key(geonames_id)):
            return None
        try:
            place = open_meteo.get_place(geonames_id, lang=lang)
        except ProviderUnavailable:
            raise
        except ProviderError:
            place = None  # upstream rejects the id: no such place
    if place is None:
        cache.set(_unknown_place_key(geonames_id), True, settings.UNKNOWN_PLACE_CACHE_TTL_S)
    else:
        cache.set(_place_key(geonames_id, lang), place, settings.GEOCODING_CACHE_TTL_S)
    return place


def places_for(geonames_ids: list[int], lang: str = "en") -> dict[int, Place | None]:
    """`place_for` of each id: those cached in one round trip, the others one by one."""
    cached = cache.get_many([_place_key(i, lang) for i in geonames_ids])
    return {i: cached.get(_place_key(i, lang)) or place_for(i, lang) for i in geonames_ids}


# Places this process has already written, so repeated searches skip the upsert (and the row
# lock it takes, which would serialise every concurrent search for a popular city). Threads
# share it and cachetools objects are not thread-safe, hence the lock.
known_locations: LRUCache[Place, Location] = process_state.memo(LRUCache(maxsize=10_000))
_known_locations_lock = threading.Lock()


def _remember_location(place: Place, location: Location) -> None:
    with _known_locations_lock:
        known_locations[place] = location


def upsert_location(place: Place) -> Location:
    """The place's row, written (inserted or brought up to date) unless this process wrote
    this very place already."""
    with _known_locations_lock:
        known = known_locations.get(place)
    if known is not None:
        return known
    location = Location(geonames_id=place.id, **location_fields(place))
    # One statement, committed on its own: update_or_create took a transaction, a locking
    # SELECT and a savepoint (six round trips for a new place). A row that existed keeps its
    # created_at.
    insert(location, update_on_conflict="geonames_id", keep=("created_at",))
    transaction.on_commit(lambda: _remember_location(place, location))
    return location


def forget_location(place: Place) -> None:
    """Drops a remembered row (deleted meanwhile, by an admin): the next upsert writes it."""
    with _known_locations_lock:
        known_locations.pop(place, None)


def forget_all_locations() -> None:
    """Drops every remembered row: one of them was deleted meanwhile, which one is unknown."""
    with _known_locations_lock:
        known_locations.clear()


def location_for(geonames_id: int) -> Location | None:
    """The stored location with this id, or the place looked up (`place_for`) and stored;
    None when no place has this id. Raises ProviderUnavailable."""
    location = Location.objects.filter(geonames_id=geonames_id).first()
    if location is not None:
        return location
    place = place_for(geonames_id)
    return None if place is None else upsert_location(place)
