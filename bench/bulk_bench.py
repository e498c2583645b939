"""Bulk work: upstream calls per N places, cold-path share of Zipf traffic with and without
always-warm, export throughput and peak memory, maintenance run time.

In one process, against the fake Open-Meteo (on a real port, with made-up places) and a
scratch database `weather_bench_bulk` (recreated) and Redis database 7 (flushed):

    .venv/bin/python bench/bulk_bench.py [--export-rows 1000000] [--places 3000]

Prints Markdown tables (see BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = "weather_bench_bulk"
os.environ.update(
    DJANGO_SETTINGS_MODULE="server_config.settings.local",
    DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
    REDIS_URL="redis://127.0.0.1:6379/7",
    DJANGO_LOG_LEVEL="WARNING",
    THROTTLE_EXPORT_RATE="1000000/min",
    # The bench calls only the local fake: Open-Meteo's real limits do not apply.
    OPEN_METEO_BUDGET_PER_MINUTE="100000000",
    OPEN_METEO_BUDGET_PER_HOUR="100000000",
    OPEN_METEO_BUDGET_PER_DAY="100000000",
)

import django  # noqa: E402
import psycopg2  # noqa: E402

from weather.testing.fake_open_meteo import (  # noqa: E402
    FakeOpenMeteoServer,
    add_generated_places,
)


def recreate_database() -> None:
    admin = psycopg2.connect("postgres://postgres@127.0.0.1:5432/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
    admin.close()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def store_places(places) -> list:
    from weather.models import Location

    Location.objects.bulk_create(
        [
            Location(
                geonames_id=p.id,
                name=p.name,
                country=p.country,
                country_code=p.country_code,
                latitude=p.latitude,
                longitude=p.longitude,
                timezone=p.timezone,
            )
            for p in places
        ],
        ignore_conflicts=True,
    )
    return list(Location.objects.filter(geonames_id__in=[p.id for p in places]).order_by("pk"))


def calls_per_n(fake, locations) -> None:
    from django.core.cache import cache

    from weather.infra import caching
    from weather.jobs import bulk
    from weather.models.mapping import place_of
    from weather.services import searches as services

    print(
        "\n| places | upstream calls, bulk refresh | upstream calls, one read each | refresh time |"
    )
    print("|---:|---:|---:|---:|")
    for n in (1, 10, 50, 200, 1000):
        if n > len(locations):
            break
        subset = locations[:n]
        cache.clear()
        caching.local_entries.clear()
        fake.state.reset()
        started = time.perf_counter()
        refresh = bulk.new_refresh([loc.geonames_id for loc in subset])
        for index in range(refresh.chunks):
            bulk.refresh_chunk(str(refresh.id), index)
        elapsed = time.perf_counter() - started
        bulk_calls = fake.state.calls["forecast"]
        refresh.refresh_from_db()
        assert refresh.done == n, refresh.failures
        cache.clear()
        caching.local_entries.clear()
        services_calls_before = fake.state.calls["forecast"]
        for loc in subset[: min(n, 200)]:  # one read each: N calls (measured up to 200)
            services.get_forecast(place_of(loc))
        single = fake.state.calls["forecast"] - services_calls_before
        single_text = str(single) if n <= 200 else f"{n} (one per place)"
        print(f"| {n} | {bulk_calls} | {single_text} | {elapsed:.2f} s |")


def zipf_traffic(fake, locations, *, warm: bool, ttl_s: int, seconds: float, top: int) -> dict:
    """Reads drawn from a Zipf(1.1) law over the places, for `seconds` after one TTL of
    warm-up; a read is cold when its forecast was fetched during the read."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connections

    from weather.infra import caching
    from weather.jobs import bulk
    from weather.models import LocationStatistics
    from weather.models.mapping import place_of
    from weather.services import searches as services

    settings.FORECAST_CACHE_TTL_S = ttl_s
    cache.clear()
    caching.local_entries.clear()
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(locations))]
    # The statistics say which places are popular, as real searches would have made them.
    LocationStatistics.objects.all().delete()
    LocationStatistics.objects.bulk_create(
        [
            LocationStatistics(location=loc, search_count=int(100_000 * w))
            for loc, w in zip(locations, weights, strict=True)
        ]
    )
    places = [place_of(loc) for loc in locations]
    stop = threading.Event()

    def warmer():
        while not stop.is_set():
            bulk.warm_popular_places(top=top, ahead_s=ttl_s / 4)
            stop.wait(ttl_s / 10)  # beat's minute, at the same scale as the TTL
        connections.close_all()

    thread = threading.Thread(target=warmer, daemon=True)
    if warm:
        thread.start()
    rng = random.Random(42)
    reads = cold = 0
    warmup_until = time.monotonic() + ttl_s
    end = warmup_until + seconds
    fake.state.reset()
    measured_calls = None
    while time.monotonic() < end:
        place = rng.choices(places, weights)[0]
        began = time.time()
        result = services.get_forecast(place)
        caching.local_entries.clear()  # as many processes would: each read checks Redis
        if time.monotonic() < warmup_until:
            continue
        if measured_calls is None:
            measured_calls = fake.state.calls["forecast"]
        reads += 1
        cold += result.fetched_at >= began
        time.sleep(0.002)
    stop.set()
    if warm:
        thread.join()
    return {
        "reads": reads,
        "cold": cold,
        "upstream_calls": fake.state.calls["forecast"] - (measured_calls or 0),
    }


def cold_share(fake, locations, args) -> None:
    print(
        f"\nZipf(1.1) reads over {len(locations)} places, forecast fresh for {args.ttl} s "
        f"(600 s scaled down), warming every {args.ttl / 10:g} s the top {args.top}, "
        f"{args.seconds:g} s measured after {args.ttl} s of warm-up:\n"
    )
    print("| always-warm | reads | cold reads | cold-path share | upstream calls |")
    print("|---|---:|---:|---:|---:|")
    for warm in (False, True):
        r = zipf_traffic(
            fake, locations, warm=warm, ttl_s=args.ttl, seconds=args.seconds, top=args.top
        )
        share = r["cold"] / max(r["reads"], 1)
        label = f"on (top {args.top})" if warm else "off"
        print(f"| {label} | {r['reads']} | {r['cold']} | {share:.1%} | {r['upstream_calls']} |")


def export_bench(rows: int) -> None:
    from django.db import connection
    from django.test import Client

    from weather.models import Location

    location = Location.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO weather_weathersearch (query, location_id, created_at, lang, unit_system,
                stale, temperature_c, relative_humidity_pct, wind_speed_kmh, weather_code,
                weather_description, upstream_units, forecast, processing_status,
                processing_error, task_id, publish_attempts)
            SELECT 'Place, "quoted" ' || g, %s, now() - g * interval '1 second', 'en', 'metric',
                false, (g %% 40) - 10.5, 70, 12, 3, '=cmd|overcast', '{}'::jsonb, '{}'::jsonb,
                'processed', '', '', 1
            FROM generate_series(1, %s) AS g
            """,
            [location.pk, rows],
        )
    client = Client()
    print("\n| rows exported | format | rows/s | MB written | peak RSS before | peak RSS after |")
    print("|---:|---|---:|---:|---:|---:|")
    for url, name in (
        ("/api/v1/searches/export.csv", "CSV"),
        ("/api/v1/searches/export.jsonl", "JSON Lines"),
    ):
        before = peak_rss_mb()
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code
        written = lines = 0
        for chunk in response.streaming_content:
            written += len(chunk)
            lines += chunk.count(b"\n")
        elapsed = time.perf_counter() - started
        exported = lines - (1 if name == "CSV" else 0)
        assert exported == rows, (exported, rows)
        print(
            f"| {exported:,} | {name} | {exported / elapsed:,.0f} | {written / 1e6:,.0f} | "
            f"{before:,.0f} MB | {peak_rss_mb():,.0f} MB |"
        )


def maintenance_bench() -> None:
    from weather.jobs import maintenance

    report = maintenance.run()
    searches = report.report["sizes"]["weather_weathersearch"]["total_bytes"] / 1e6
    print(
        f"\nMaintenance run: {report.duration_ms} ms over {searches:,.0f} MB of searches; "
        f"{len(report.report['statistics']['repaired'])} statistics repaired."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--top", type=int, default=200)
    parser.add_argument("--ttl", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    args = parser.parse_args()

    recreate_database()
    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    os.environ["OPEN_METEO_FORECAST_URL"] = os.environ["OPEN_METEO_GEOCODING_URL"] = fake.base_url
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    settings.OPEN_METEO_FORECAST_URL = settings.OPEN_METEO_GEOCODING_URL = fake.base_url
    call_command("migrate", verbosity=0)
    cache.clear()
    locations = store_places(add_generated_places(args.places))
    calls_per_n(fake, locations)
    cold_share(fake, locations, args)
    export_bench(args.export_rows)
    maintenance_bench()
    cache.clear()
    fake.shutdown()


if __name__ == "__main__":
    main()
