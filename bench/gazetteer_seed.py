"""The fake upstream's generated places ("Place 1", ...) put into a benchmark's gazetteer, so
that a cold search for one of them finds it locally and makes one upstream call (the
forecast), as a search for a real city does once `load_gazetteer` has run."""

from __future__ import annotations

import psycopg2
from psycopg2.extras import execute_values

from weather.testing.fake_open_meteo import add_generated_places


def fold(name: str) -> str:
    """`gazetteer.fold` of a generated name (plain ASCII words), without Django."""
    return " ".join(name.casefold().split())


def seed_generated_places(database_url: str, count: int) -> None:
    """Idempotent: places already there are left alone; the load marker is written once."""
    places = add_generated_places(count)
    connection = psycopg2.connect(database_url)
    try:
        with connection, connection.cursor() as cursor:
            execute_values(
                cursor,
                "INSERT INTO weather_gazetteerplace (geonames_id, name, name_folded, "
                "country_code, admin1, latitude, longitude, population, timezone, source) "
                "VALUES %s ON CONFLICT DO NOTHING",
                [
                    (p.id, p.name, fold(p.name), p.country_code, p.admin1 or "", p.latitude,
                     p.longitude, p.population or 0, p.timezone, "geonames")
                    for p in places
                ],
            )  # fmt: skip
            execute_values(
                cursor,
                "INSERT INTO weather_gazetteername (place_id, name_folded, population) "
                "VALUES %s ON CONFLICT DO NOTHING",
                [(p.id, fold(p.name), p.population or 0) for p in places],
            )
            cursor.execute(
                "INSERT INTO weather_gazetteerload (signature, places, loaded_at) "
                "SELECT 'generated places', %s, now() "
                "WHERE NOT EXISTS (SELECT 1 FROM weather_gazetteerload)",
                [count],
            )
            cursor.execute("ANALYZE weather_gazetteername")
    finally:
        connection.close()
