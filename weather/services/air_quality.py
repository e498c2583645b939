"""Air quality and pollen at a point: Open-Meteo's air-quality answer, cached an hour.

The CAMS models behind it run every 12-24 h, so an hour's freshness is plenty. Points are
rounded to 0.1° (about 11 km, the European model's grid) for the key and the call alike, so
neighbours share an entry and every reader of an entry got the values of the same point.
One caller fetches a key at a time across all processes; a kept copy (up to
AIR_QUALITY_STALE_TTL_S old) is served, marked stale, when Open-Meteo fails.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from weather.infra.caching import get_or_fetch
from weather.models.places import place_for
from weather.providers import ProviderError, ProviderTimeout, air_quality, open_meteo
from weather.services.searches import PlaceNotFound


@dataclass(frozen=True)
class AirQualityResult:
    latitude: float  # the point the values are for (rounded)
    longitude: float
    document: dict  # `air_quality_answer.parse_air_quality`'s plain data
    stale: bool
    fetched_at: float  # time.time() of the upstream answer

    @property
    def fresh_until(self) -> float:
        return self.fetched_at + settings.AIR_QUALITY_CACHE_TTL_S


def rounded(latitude: float, longitude: float) -> tuple[float, float]:
    return round(latitude, 1) + 0.0, round(longitude, 1) + 0.0  # + 0.0: no "-0.0"


def air_quality_key(latitude: float, longitude: float) -> str:
    latitude, longitude = rounded(latitude, longitude)
    return f"air_quality:{latitude:.1f}:{longitude:.1f}"


def get_air_quality(latitude: float, longitude: float) -> AirQualityResult:
    latitude, longitude = rounded(latitude, longitude)
    cached = get_or_fetch(
        air_quality_key(latitude, longitude),
        lambda: air_quality.get_air_quality(latitude, longitude),
        fresh_s=settings.AIR_QUALITY_CACHE_TTL_S,
        keep_s=settings.AIR_QUALITY_STALE_TTL_S,
        # As for the forecast: waiting callers give up after one attempt's worth of time;
        # the lock outlives every retry of the caller fetching.
        wait_s=settings.OPEN_METEO_READ_TIMEOUT_S + settings.OPEN_METEO_CONNECT_TIMEOUT_S,
        lock_s=open_meteo.longest_call_s(),
        stale_on=(ProviderError,),
        wait_timeout=lambda: ProviderTimeout("timed out waiting for a concurrent fetch"),
    )
    return AirQualityResult(latitude, longitude, cached.value, cached.stale, cached.fetched_at)


def point_of_place(location_id: int) -> tuple[float, float]:
    """The coordinates of a GeoNames place (from the gazetteer or the cache when known)."""
    place = place_for(location_id)
    if place is None:
        raise PlaceNotFound(f"No place has the id {location_id}.")
    return place.latitude, place.longitude
