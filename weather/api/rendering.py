"""Answers rendered by the documented `*Output` serializers, each weather body only once.

The weather part of an answer depends only on which cached forecast it came from, the place,
the language and the unit system, so it is rendered once per combination and kept in process
memory: a hot read then costs no serializer work, and its JSON is already encoded.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from cachetools import LRUCache
from rest_framework.renderers import JSONRenderer

from weather.api.serializers.public import SearchRecordOutput, WeatherOutput, WeatherSummaryOutput
from weather.infra import process_state
from weather.models import WeatherSearch
from weather.models.mapping import Weather, weather_of

# Every lang and units of a few hundred hot places; at ~10 KB a body, ~20 MB per process at most.
_weather_bodies: LRUCache = process_state.memo(LRUCache(maxsize=2048))
_lock = threading.Lock()  # cachetools caches are not thread-safe; gthread workers share this
_json = JSONRenderer()


@dataclass(frozen=True)
class WeatherBody:
    content: bytes  # JSON
    etag: str  # strong: a digest of `content`


def weather_body(
    identity: tuple, weather: Callable[[], Weather], *, lang: str, unit_system: str
) -> WeatherBody:
    """The rendered weather that `weather()` makes. `identity` names where it comes from (one
    fetch of a place's forecast, one stored search): equal identities mean equal weather."""
    key = (identity, lang, unit_system)
    with _lock:
        body = _weather_bodies.get(key)
    if body is None:
        context = {"lang": lang, "unit_system": unit_system}
        content = _json.render(WeatherOutput(weather(), context=context).data)
        etag = '"' + hashlib.blake2b(content, digest_size=16).hexdigest() + '"'
        body = WeatherBody(content, etag)
        with _lock:
            _weather_bodies[key] = body
    return body


def search_json(
    search: WeatherSearch, *, lang: str, unit_system: str, weather: WeatherBody | None = None
) -> bytes:
    """A search as `SearchOutput` documents it, encoded: its record's fields, then its weather's
    (encoded once for every answer that shows it; rendered from the row unless given)."""
    if weather is None:
        weather = weather_body(
            # A stored search's weather never changes; its place may be updated.
            ("search", search.pk, search.location.updated_at),
            lambda: weather_of(search),
            lang=lang,
            unit_system=unit_system,
        )
    context = {"lang": lang, "unit_system": unit_system}
    record = _json.render(SearchRecordOutput(search, context=context).data)
    return record[:-1] + b"," + weather.content[1:]  # two JSON objects' members, joined


def search_summary_data(search: WeatherSearch, *, lang: str, unit_system: str) -> dict:
    """A search without its hourly and daily rows, as `SearchSummaryOutput` documents it."""
    context = {"lang": lang, "unit_system": unit_system}
    weather = WeatherSummaryOutput(weather_of(search, with_rows=False), context=context)
    return {**SearchRecordOutput(search, context=context).data, **weather.data}
