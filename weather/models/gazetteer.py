"""The local gazetteer: every populated place of GeoNames with 500 inhabitants or more, so a
name, an id or a point is found without asking Open-Meteo's geocoding (whose ids are GeoNames
ids: a place found here is the same place, with the same id, as one found upstream).

- `GazetteerPlace`: one row per place; `GazetteerName`: each folded name it answers to (its own
  and its Latin-script alternate names, "londres" for London), with the place's population so a
  prefix search sorts without a join; `GazetteerLoad`: the marker of a finished load.
- `search`, `place`, `nearest`: the lookups; `store`: places upstream found, kept so the next
  ask is local. `gazetteer_load.py` loads the rows.

Prefix search: a covering btree with text_pattern_ops on the folded name (BENCHMARKS.md
compares it with pg_trgm). Nearest place: a GiST index on the point as a unit vector (the `cube`
extension, shipped with PostgreSQL), so `<->` orders by chord length, which grows with the
great-circle distance, across the poles and the antimeridian alike.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from functools import lru_cache

from django.db import connection, models

from weather.infra import process_state
from weather.providers import Place

logger = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088
SOURCE_GEONAMES, SOURCE_UPSTREAM = "geonames", "upstream"


class GazetteerPlace(models.Model):
    geonames_id = models.BigIntegerField(primary_key=True)
    name = models.CharField(max_length=200)
    name_folded = models.CharField(max_length=200)
    country_code = models.CharField(max_length=2, blank=True)
    admin1 = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    population = models.BigIntegerField(default=0)
    timezone = models.CharField(max_length=64, blank=True)
    # A place upstream found that GeoNames' cities500 lacks (a small village): kept by
    # a reload, which replaces only what it loads.
    source = models.CharField(max_length=10, default=SOURCE_GEONAMES)

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.admin1, self.country_code) if part)


class GazetteerName(models.Model):
    place_id = models.BigIntegerField()  # no foreign key: a load writes 1M rows by COPY
    name_folded = models.CharField(max_length=200)
    population = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["place_id", "name_folded"], name="gazetteer_name_once")
        ]
        indexes = [
            # Covering: a prefix search reads the index alone (after the load's VACUUM).
            models.Index(
                fields=["name_folded"],
                name="gazetteer_name_covering",
                opclasses=["text_pattern_ops"],
                include=["population", "place_id"],
            )
        ]

    def __str__(self) -> str:
        return f"{self.name_folded} -> {self.place_id}"


class GazetteerLoad(models.Model):
    """Written last, in the load's transaction: the gazetteer is there, from this source."""

    signature = models.CharField(max_length=500)
    places = models.IntegerField()
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.places} places ({self.signature})"


# Spaces, hyphens and dashes, apostrophes, dots, commas, slashes, brackets.
_PUNCTUATION = re.compile("[\\s\\-\u2010-\u2015'\u2019`.,/()]+")


# Combining marks (accents) once decomposed; a regular expression strips them at C speed,
# which counts when a load folds a million names.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive: "Saint-Étienne" -> "saint etienne"."""
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()
    return _PUNCTUATION.sub(" ", bare).strip()


@lru_cache(maxsize=4)
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def country_name(country_code: str, lang: str = "en") -> str:
    """The country's name in `lang` (CLDR, through Babel); the code when CLDR has none."""
    return _territories(lang).get(country_code, country_code) if country_code else ""


# --- Loaded or not -------------------------------------------------------------------------

_loaded: dict[str, bool] = process_state.memo({})


def is_loaded() -> bool:
    """Whether a load finished; once true, remembered by the process. Until then every call
    asks again (one indexed row), and the first says loudly that geocoding goes upstream."""
    if _loaded.get("yes"):
        return True
    loaded = connection.vendor == "postgresql" and GazetteerLoad.objects.exists()
    if loaded:
        _loaded["yes"] = True
    elif not _loaded.get("warned"):
        _loaded["warned"] = True
        logger.warning(
            "The gazetteer is NOT loaded: every place is looked up upstream (Open-Meteo "
            "geocoding) until `manage.py load_gazetteer` has run."
        )
    return loaded


# --- Lookups -------------------------------------------------------------------------------

# Every name that starts with the term, from the covering index alone, one row per place:
# exact names first, then the most populous.
_SEARCH = """
SELECT p.geonames_id, p.name, p.country_code, p.admin1, p.latitude, p.longitude,
       p.population, p.timezone
FROM (
    SELECT place_id, bool_or(name_folded = %(term)s) AS exact, max(population) AS population
    FROM weather_gazetteername
    WHERE name_folded LIKE %(prefix)s
    GROUP BY place_id
    ORDER BY exact DESC, population DESC, place_id
    LIMIT %(limit)s
) AS hit
JOIN weather_gazetteerplace AS p ON p.geonames_id = hit.place_id
ORDER BY hit.exact DESC, hit.population DESC, hit.place_id
"""


def _like_prefix(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _place(row, lang: str) -> Place:
    geonames_id, name, cc, admin1, latitude, longitude, population, tz = row
    return Place(
        id=geonames_id,
        name=name,
        latitude=latitude,
        longitude=longitude,
        country=country_name(cc, lang),
        country_code=cc,
        admin1=admin1,
        timezone=tz,
        population=population or None,
    )


def search(query: str, *, lang: str = "en", count: int = 10) -> list[Place]:
    """Places answering to `query` ("Name" or "Name, Country|Region"): exact names first,
    then by population. Two characters match whole names only, as upstream does."""
    name, _, qualifier = query.partition(",")
    wanted = fold(qualifier.split(",")[0])
    if not wanted:
        return _matching(fold(name), lang, count)
    # A qualifier filters after the fact: ask for enough rows that some survive it.
    places = [p for p in _matching(fold(name), lang, count * 20) if _qualifies(p, wanted)]
    # A few names hold a comma themselves ("Mianzhu, Deyang, Sichuan").
    return places[:count] or _matching(fold(query), lang, count)


def _matching(term: str, lang: str, limit: int) -> list[Place]:
    if not term:
        return []
    prefix = term if len(term) < 3 else _like_prefix(term)
    with connection.cursor() as cursor:
        cursor.execute(_SEARCH, {"term": term, "prefix": prefix, "limit": limit})
        return [_place(row, lang) for row in cursor.fetchall()]


def _qualifies(place: Place, wanted: str) -> bool:
    names = (place.country, country_name(place.country_code, "en"), place.country_code)
    return any(fold(part).startswith(wanted) for part in (*names, place.admin1) if part)


_COLUMNS = "geonames_id, name, country_code, admin1, latitude, longitude, population, timezone"


def place(geonames_id: int, lang: str = "en") -> Place | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS} FROM weather_gazetteerplace WHERE geonames_id = %s",  # noqa: S608
            [geonames_id],
        )
        row = cursor.fetchone()
    return None if row is None else _place(row, lang)


# The point as a unit vector: the same expression as the index in migration 0009.
EARTH_POINT = (
    "cube(array[cos(radians(latitude)) * cos(radians(longitude)), "
    "cos(radians(latitude)) * sin(radians(longitude)), sin(radians(latitude))])"
)


def nearest(latitude: float, longitude: float, lang: str = "en") -> tuple[Place, float] | None:
    """The populated place nearest to the point and its great-circle distance in km."""
    lat, lon = math.radians(latitude), math.radians(longitude)
    vector = [math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS} FROM weather_gazetteerplace "  # noqa: S608
            f"ORDER BY {EARTH_POINT} <-> cube(%s::float8[]) LIMIT 1",
            [vector],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    found = _place(row, lang)
    return found, distance_km(latitude, longitude, found.latitude, found.longitude)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def store(places: list[Place]) -> None:
    """Places upstream geocoding found: the next ask for them is answered here. A place the
    gazetteer has already is left as it is."""
    rows = [
        GazetteerPlace(
            geonames_id=p.id,
            name=p.name[:200],  # the columns' sizes: upstream promises none
            name_folded=fold(p.name)[:200],
            country_code=p.country_code[:2],
            admin1=p.admin1[:200],
            latitude=p.latitude,
            longitude=p.longitude,
            population=p.population or 0,
            timezone=p.timezone[:64],
            source=SOURCE_UPSTREAM,
        )
        for p in places
        if fold(p.name)
    ]
    GazetteerPlace.objects.bulk_create(rows, ignore_conflicts=True)
    GazetteerName.objects.bulk_create(
        [
            GazetteerName(
                place_id=r.geonames_id, name_folded=r.name_folded, population=r.population
            )
            for r in rows
        ],
        ignore_conflicts=True,
    )
