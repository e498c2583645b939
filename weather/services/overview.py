"""Every favourite place at a glance: the cached forecasts that are fresh, and one
multi-location upstream call for all the others."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.conf import settings

from weather.infra import caching
from weather.infra.caching import forecast_key
from weather.models.mapping import forecast_document
from weather.models.places import places_for
from weather.providers import Place, ProviderError
from weather.providers.open_meteo_batch import get_forecasts

logger = logging.getLogger(__name__)


class UnknownPlaces(LookupError):
    """Some ids name no place."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        super().__init__(f"No place has the id {', '.join(str(i) for i in ids)}.")


@dataclass(frozen=True)
class PlaceForecast:
    place: Place
    forecast: dict  # a `mapping.forecast_document`
    fetched_at: float
    stale: bool


def overview(ids: list[int], *, lang: str = "en") -> list[PlaceForecast]:
    """The forecasts of these places, in their order. Fresh cached forecasts cost nothing;
    the places without one are fetched in ONE upstream call and cached for the next reads.
    When that call fails, kept (stale) forecasts stand in; without one the error propagates.
    Raises UnknownPlaces naming every id that is no place."""
    places = places_for(ids, lang)
    unknown = [place_id for place_id, place in places.items() if place is None]
    if unknown:
        raise UnknownPlaces(unknown)
    keys = {pid: forecast_key(p.latitude, p.longitude) for pid, p in places.items()}
    kept = caching.read_many(list(dict.fromkeys(keys.values())))
    oldest_fresh = time.time() - settings.FORECAST_CACHE_TTL_S
    missing = {
        key: (place.latitude, place.longitude)
        for pid, place in places.items()
        if (key := keys[pid]) not in kept or kept[key].fetched_at <= oldest_fresh
    }
    found = dict(kept)
    if missing:
        found.update(_fetch(missing, kept))
    return [
        PlaceForecast(
            place, found[keys[pid]].value, found[keys[pid]].fetched_at, found[keys[pid]].stale
        )
        for pid, place in places.items()
    ]


def _fetch(missing: dict[str, tuple[float, float]], kept: dict) -> dict[str, caching.Cached]:
    """One multi-location call for the `missing` keys' points; each answer is cached."""
    try:
        forecasts = get_forecasts(list(missing.values()))
    except ProviderError as exc:
        if any(key not in kept for key in missing):
            raise
        logger.warning("overview: serving stale forecasts after upstream failure: %s", exc)
        return {key: caching.Cached(kept[key].value, kept[key].fetched_at, True) for key in missing}
    now = time.time()
    fetched = {}
    for key, forecast in zip(missing, forecasts, strict=True):
        document = forecast_document(forecast)
        caching.store(key, document, keep_s=settings.FORECAST_STALE_TTL_S)
        fetched[key] = caching.Cached(document, now)
    return fetched
