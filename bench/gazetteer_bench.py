"""Gazetteer benchmark: autocomplete and nearest place, server side, from the local gazetteer.

Loads the whole gazetteer into a database of its own (once: a second run finds the marker),
then, in this process, with the production settings (throttles off) and the fake Open-Meteo
counting calls:

- autocomplete: `GET /api/v1/locations/?q=` through Django's full request path (middleware,
  view, serializer, the SQL), for 1,000 place names drawn at random from the set, then for
  their first 3 and 4 letters (what typing sends); p50, p95, and the upstream calls (0).
  Each series runs twice and the second is timed: PostgreSQL's and the OS's caches warm, as
  on a server that has been up for a while;
- the search's SQL alone for the same names, with the btree (text_pattern_ops) index and with
  a pg_trgm GIN index on a copy of the table, query by query in turn (rolled back after);
- nearest place: `GET /api/v1/locations/nearest/` for 1,000 points (places of the set moved by
  up to 0.5°, and uniform points on the sphere, oceans included).

    .venv/bin/python bench/gazetteer_bench.py [--names 1000] [--seed 18]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weather.testing.fake_open_meteo import FakeOpenMeteoServer  # noqa: E402

DATABASE = "weather_bench_gazetteer"


def ensure_database() -> None:
    admin = psycopg2.connect("postgres://postgres@127.0.0.1:5432/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if not cursor.fetchone():
            cursor.execute(f"CREATE DATABASE {DATABASE}")
    admin.close()


def setup(fake_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL="redis://127.0.0.1:6379/7",
        CELERY_PROCESSING_QUEUE="bench.processing",
        OPEN_METEO_FORECAST_URL=fake_url,
        OPEN_METEO_GEOCODING_URL=fake_url,
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_gazetteer")
    print(f"load_gazetteer: {time.perf_counter() - started:.1f} s (this run)")


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return f"p50 {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, n={len(ordered)}"


CPU: list[float] = []  # this process's CPU time of the last series' requests (ms)


def timed_gets(client, path: str, params: list[dict]) -> list[float]:
    """Wall time of each request (ms); CPU keeps this process's CPU time of each, which a
    busy machine does not inflate as much (PostgreSQL's and Redis' share is not in it)."""
    timings = []
    CPU.clear()
    for query in params:
        started, cpu = time.perf_counter(), time.thread_time()
        response = client.get(path, query)
        timings.append((time.perf_counter() - started) * 1000)
        CPU.append((time.thread_time() - cpu) * 1000)
        assert response.status_code == 200, (query, response.status_code, response.content)
    return timings


def sample_names(count: int, rng: random.Random) -> list[str]:
    from weather.models import GazetteerPlace

    ids = list(GazetteerPlace.objects.values_list("geonames_id", flat=True))
    chosen = rng.sample(ids, count)
    names = dict(GazetteerPlace.objects.filter(pk__in=chosen).values_list("pk", "name"))
    return [names[i] for i in chosen]


def autocomplete(client, names: list[str], fake) -> None:
    before = dict(fake.state.calls)
    timed_gets(client, "/api/v1/locations/", [{"q": n} for n in names])  # warms the caches
    print("autocomplete, full names:", ms(timed_gets(client, "/api/v1/locations/", [
        {"q": n} for n in names
    ])))  # fmt: skip
    print("  CPU of this process:", ms(CPU))
    print("upstream geocoding calls for them:", fake.state.calls["geocoding"] - before["geocoding"])
    for letters in (3, 4):
        typed = [{"q": n[:letters]} for n in names if len(n) >= letters]
        print(f"autocomplete, first {letters} letters:", ms(
            timed_gets(client, "/api/v1/locations/", typed)
        ))  # fmt: skip


def compare_indexes(names: list[str]) -> None:
    """The search's SQL alone, with the btree (text_pattern_ops, covering) index and with a
    pg_trgm GIN index on a copy of the names table, query by query in turn, so that both
    meet the same load; in a transaction rolled back at the end."""
    from django.db import connection, transaction

    from weather.models import gazetteer

    btree = gazetteer._SEARCH
    trigram = btree.replace("weather_gazetteername", "gazetteer_trgm")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("CREATE TABLE gazetteer_trgm AS SELECT * FROM weather_gazetteername")
        started = time.perf_counter()
        cursor.execute("CREATE INDEX ON gazetteer_trgm USING gin (name_folded gin_trgm_ops)")
        print(f"pg_trgm GIN index built in {time.perf_counter() - started:.1f} s")
        cursor.execute("ANALYZE gazetteer_trgm")
        for label, cut in (("full names", None), ("first 3 letters", 3)):
            terms = [gazetteer.fold(n)[:cut] for n in names]
            timings: dict[str, list[float]] = {"btree": [], "trgm": []}
            for _ in range(2):  # the first pass warms the caches
                timings = {"btree": [], "trgm": []}
                for term in (t for t in terms if len(t) >= 3):
                    params = {"term": term, "prefix": gazetteer._like_prefix(term), "limit": 10}
                    for kind, sql in (("btree", btree), ("trgm", trigram)):
                        started = time.perf_counter()
                        cursor.execute(sql, params)
                        cursor.fetchall()
                        timings[kind].append((time.perf_counter() - started) * 1000)
            print(f"search SQL, {label}, btree text_pattern_ops:", ms(timings["btree"]))
            print(f"search SQL, {label}, pg_trgm GIN:", ms(timings["trgm"]))
        transaction.set_rollback(True)


def random_points(count: int, rng: random.Random) -> list[dict]:
    from weather.models import GazetteerPlace

    places = list(GazetteerPlace.objects.values_list("latitude", "longitude")[:300_000])
    points = []
    for i in range(count):
        if i % 2:
            lat, lon = rng.choice(places)
            lat = max(-90.0, min(90.0, lat + rng.uniform(-0.5, 0.5)))
            lon = max(-180.0, min(180.0, lon + rng.uniform(-0.5, 0.5)))
        else:  # uniform on the sphere
            lat = math.degrees(math.asin(rng.uniform(-1, 1)))
            lon = rng.uniform(-180, 180)
        points.append({"latitude": round(lat, 5), "longitude": round(lon, 5)})
    return points


def nearest_sql(points: list[dict]) -> None:
    from weather.models import gazetteer

    timings = []
    for point in points:
        started = time.perf_counter()
        gazetteer.nearest(point["latitude"], point["longitude"])
        timings.append((time.perf_counter() - started) * 1000)
    print("nearest place SQL (GiST on cube):", ms(timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    ensure_database()
    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    setup(fake.base_url)
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    rng = random.Random(args.seed)
    client = Client()
    names = sample_names(args.names, rng)
    autocomplete(client, names, fake)
    compare_indexes(names)
    points = random_points(args.names, rng)
    timed_gets(client, "/api/v1/locations/nearest/", points)  # warms the caches
    print("nearest place:", ms(timed_gets(client, "/api/v1/locations/nearest/", points)))
    print("  CPU of this process:", ms(CPU))
    nearest_sql(points)
    fake.shutdown()


if __name__ == "__main__":
    main()
