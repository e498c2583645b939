"""Gazetteer benchmark: autocomplete and nearest place, server side, from the local gazetteer.

Loads the whole gazetteer into a database of its own (once: a second run finds the marker),
then, in this process, with the production settings (throttles off) and the fake Open-Meteo
counting calls:

- autocomplete: `GET /api/v1/locations/?q=` through Django's full request path (middleware,
  view, serializer, the SQL), for 1,000 place names drawn at random from the set, then for
  their first 3 and 4 letters (what typing sends); p50, p95, and the upstream calls (0).
  Each series runs twice and the second is timed: PostgreSQL's and the OS's caches warm, as
  on a server that has been up for a while;
- the search's SQL alone for the same names, with the btree (text_pattern_ops) index and, in a
  rolled-back transaction, with a pg_trgm GIN index in its place;
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


def sql_only(names: list[str], label: str) -> None:
    from weather.models import gazetteer

    for _ in range(2):  # the first pass warms the cache
        timings = []
        for name in names:
            started = time.perf_counter()
            gazetteer.search(name)
            timings.append((time.perf_counter() - started) * 1000)
    print(f"search SQL, full names, {label}:", ms(timings))
    typed = [n[:3] for n in names if len(n) >= 3]
    timings = []
    for term in typed:
        started = time.perf_counter()
        gazetteer.search(term)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"search SQL, first 3 letters, {label}:", ms(timings))


def with_trigrams(names: list[str]) -> None:
    """The same searches with a pg_trgm GIN index instead of the btree, then rolled back."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("DROP INDEX gazetteer_name_covering")
            started = time.perf_counter()
            cursor.execute(
                "CREATE INDEX gazetteer_name_trgm ON weather_gazetteername "
                "USING gin (name_folded gin_trgm_ops)"
            )
            print(f"pg_trgm GIN index built in {time.perf_counter() - started:.1f} s")
            cursor.execute("ANALYZE weather_gazetteername")
        sql_only(names, "pg_trgm GIN")
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
    sql_only(names, "btree text_pattern_ops")
    with_trigrams(names)
    points = random_points(args.names, rng)
    timed_gets(client, "/api/v1/locations/nearest/", points)  # warms the caches
    print("nearest place:", ms(timed_gets(client, "/api/v1/locations/nearest/", points)))
    print("  CPU of this process:", ms(CPU))
    fake.shutdown()


if __name__ == "__main__":
    main()
