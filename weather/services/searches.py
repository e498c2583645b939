"""Use cases of the weather API: find places, read their weather, record searches, statistics."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from weather.infra import metrics
from weather.infra.caching import Cached, forecast_key, get_or_fetch
from weather.models import WeatherSearch, gazetteer
from weather.models.inserts import insert
from weather.models.mapping import (
    Weather,
    current_columns,
    current_in,
    forecast_document,
)
from weather.models.permissions import Viewer
from weather.models.places import (
    cached_place,
    forget_location,
    place_for,
    remember_places,
    upsert_location,
)
from weather.providers import (
    CurrentConditions,
    Place,
    ProviderError,
    ProviderTimeout,
    open_meteo,
)
from weather.providers.wmo import describe
from weather.worker import queue

logger = logging.getLogger(__name__)

AUTOCOMPLETE_LIMIT = 10


class PlaceNotFound(LookupError):
    """No place matches what a search asked for."""


class GazetteerNotLoaded(LookupError):
    """What needs the local gazetteer (the nearest place) cannot be answered yet."""


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, for cache keys and qualifier matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split()
    )


def _key(*parts: object) -> str:
    raw = "|".join(str(p) for p in parts)
    return f"{parts[0]}:{hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()}"


# --- Places ---------------------------------------------------------------------------------


def find_places(query: str, *, lang: str = "en", count: int = AUTOCOMPLETE_LIMIT) -> list[Place]:
    """Candidates for `query`: from the gazetteer when it is loaded and knows the name, else
    from upstream geocoding, cached for hours (places rarely move), and kept in the
    gazetteer so that the next ask is local."""
    local = gazetteer.is_loaded()
    if local and (places := gazetteer.search(query, lang=lang, count=count)):
        return places

    def fetch() -> list[dict]:
        places = open_meteo.search_places(query, count=count, lang=lang)
        # Each candidate may come back by id (a location_id search): spare it a lookup then.
        remember_places(places, lang)
        if local:
            gazetteer.store(places)
        return [dataclasses.asdict(place) for place in places]  # plain data, for the cache

    found = _from_upstream(
        _key("geocode", lang, count, _fold(query)),
        fetch,
        fresh_s=settings.GEOCODING_CACHE_TTL_S,
        keep_s=settings.GEOCODING_CACHE_TTL_S * 7,
    ).value
    return [Place(**place) for place in found]


def _from_upstream(key: str, fetch, *, fresh_s: float, keep_s: float) -> Cached:
    """Cached Open-Meteo answers: one call at a time per key, a kept copy when it fails."""
    return get_or_fetch(
        key,
        fetch,
        fresh_s=fresh_s,
        keep_s=keep_s,
        # Waiting callers give up after what one attempt may take; the lock outlives retries.
        wait_s=settings.OPEN_METEO_READ_TIMEOUT_S + settings.OPEN_METEO_CONNECT_TIMEOUT_S,
        lock_s=open_meteo.longest_call_s(),
        stale_on=(ProviderError,),
        wait_timeout=lambda: ProviderTimeout("timed out waiting for a concurrent fetch"),
    )


@dataclass(frozen=True)
class PlaceQuery:
    """What a search names: a city ("City[, Country|Region]"), a place id, or both, and a
    point that picks the nearest of the city's homonyms; `lang` words the place's names."""

    city: str | None = None
    location_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    lang: str = "en"


def resolve_place(query: PlaceQuery) -> Place:
    """The place a search means: by id, by "City[, Country|Region]", nearest to a point."""
    city, location_id, lang = query.city, query.location_id, query.lang
    if location_id is not None:
        # An id already geocoded (autocomplete seeds these) needs no call for the city's name.
        place = place_for(location_id, lang) if city is None else cached_place(location_id, lang)
        if place is not None:
            return place
        if city is None:
            raise PlaceNotFound(f"No place has the id {location_id}.")

    candidates = _candidates(city, lang)
    if location_id is not None:
        candidates = [p for p in candidates if p.id == location_id]
    if not candidates:
        raise PlaceNotFound(f'No city matches "{city}".')
    if query.latitude is not None and query.longitude is not None:
        return min(candidates, key=lambda p: _distance_km(p, query.latitude, query.longitude))
    return candidates[0]


def _candidates(city: str, lang: str) -> list[Place]:
    places = find_places(city, lang=lang)
    name, _, qualifier = city.partition(",")
    qualifier = qualifier.split(",")[0].strip()
    if places or not qualifier:
        return places
    # Upstream wants an exact country/region name; accept a prefix ("Paris, Tex") too.
    wanted = _fold(qualifier)
    return [
        p
        for p in find_places(name.strip(), lang=lang)
        if any(_fold(part).startswith(wanted) for part in (p.country, p.country_code, p.admin1))
    ]


def _distance_km(place: Place, latitude: float, longitude: float) -> float:
    lat1, lat2 = math.radians(place.latitude), math.radians(latitude)
    dlat, dlon = lat2 - lat1, math.radians(longitude - place.longitude)
    a = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def nearest_place(latitude: float, longitude: float, *, lang: str = "en") -> tuple[Place, float]:
    """The populated place nearest to a point, and its distance in km."""
    found = gazetteer.nearest(latitude, longitude, lang) if gazetteer.is_loaded() else None
    if found is None:
        raise GazetteerNotLoaded("The gazetteer is not loaded yet: no nearest place to give.")
    return found


# --- Forecast -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastResult:
    forecast: dict  # a `mapping.forecast_document`: plain data, as the cache keeps it
    stale: bool
    fetched_at: float  # time.time() of the upstream answer: which fetch, and how fresh

    @property
    def fresh_until(self) -> float:
        return self.fetched_at + settings.FORECAST_CACHE_TTL_S

    @property
    def current(self) -> CurrentConditions:
        return current_in(self.forecast)

    @property
    def rows(self) -> dict:
        return self.forecast["rows"]


def get_forecast(place: Place) -> ForecastResult:
    """The place's forecast, cached ~10 min per location; one upstream call per location at a
    time across all workers; a recent copy is served (stale) when upstream fails."""
    cached = _from_upstream(
        forecast_key(place.latitude, place.longitude),
        lambda: forecast_document(open_meteo.get_forecast(place.latitude, place.longitude)),
        fresh_s=settings.FORECAST_CACHE_TTL_S,
        keep_s=settings.FORECAST_STALE_TTL_S,
    )
    return ForecastResult(cached.value, cached.stale, cached.fetched_at)


@dataclass(frozen=True)
class Reading:
    place: Place
    result: ForecastResult

    @property
    def identity(self) -> tuple:
        """Equal for two readings of one place from one upstream fetch (which show the same)."""
        return ("forecast", self.place, self.result.fetched_at, self.result.stale)

    def weather(self) -> Weather:
        result = self.result
        return Weather(self.place, result.current, result.rows, result.stale)


def read_weather(query: PlaceQuery) -> Reading:
    """The place a search means and its forecast; records nothing."""
    place = resolve_place(query)
    return Reading(place, get_forecast(place))


# --- Searches -------------------------------------------------------------------------------


def search_weather(
    query: PlaceQuery, *, unit_system: str = "metric", owner: Viewer | None = None
) -> tuple[WeatherSearch, Reading]:
    """Read the weather, store the search (as `owner`'s) and queue its processing."""
    reading = read_weather(query)
    search = record_search(
        query.city or reading.place.name,
        reading.place,
        reading.result,
        stale=reading.result.stale,
        lang=query.lang,
        unit_system=unit_system,
        owner=owner,
    )
    return search, reading


def record_search(
    query: str,
    place: Place,
    forecast: ForecastResult,
    *,
    stale: bool = False,
    lang: str = "en",
    unit_system: str = "metric",
    owner: Viewer | None = None,
) -> WeatherSearch:
    owned = {"owner_visitor": owner.visitor, "owner_id": owner.user_id} if owner else {}
    try:
        return _create_search(query, place, forecast, stale, lang, unit_system, owned)
    except IntegrityError:
        # The remembered location row was deleted meanwhile (by an admin): write it again.
        forget_location(place)
        return _create_search(query, place, forecast, stale, lang, unit_system, owned)


def _create_search(query, place, forecast, stale, lang, unit_system, owned) -> WeatherSearch:
    current = forecast.current
    document = forecast.forecast
    # One INSERT, committed on its own (autocommit): no transaction round trips to pay for.
    search = WeatherSearch(
        query=query,
        location=upsert_location(place),
        lang=lang,
        unit_system=unit_system,
        stale=stale,
        **current_columns(current),
        weather_description=describe(current.weather_code, "en", is_day=current.is_day),
        upstream_units=document["upstream_units"],
        forecast=document["rows"],
        task_id=str(uuid.uuid4()),
        queued_at=timezone.now(),
        publish_attempts=1,
        **owned,
    )
    insert(search)
    metrics.record_search_created()
    queue.publish_after_commit(search)
    return search
