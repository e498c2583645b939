"""Where a cold search spends its CPU: N cold `GET /api/v1/weather/` in one process.

Each request names a place of the local gazetteer nobody asked for yet ("Place 10000", ...),
so it costs one forecast call to the upstream stand-in (a separate process, so its CPU is not
counted) and everything our code does around it. The requests go through Django's test client
(the whole middleware and view stack, no socket). It times them without a profiler (CPU
seconds of this process, `time.process_time`), then again under cProfile and prints the
functions that take the most time.

    .venv/bin/python bench/cold_profile.py [--requests 300] [--top 25]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gazetteer_seed import seed_generated_places  # noqa: E402
from weather.testing.processes import free_port  # noqa: E402

DATABASE = "weather_bench_profile"
PLACES = 4_000


def start_fake(port: int) -> subprocess.Popen:
    fake = subprocess.Popen(
        [sys.executable, "-m", "weather.testing.fake_open_meteo", "--port", str(port), "--quiet",
         "--generated-places", str(PLACES)],
        cwd=ROOT,
    )  # fmt: skip
    time.sleep(1.5)
    return fake


def setup(fake_url: str) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE])
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL="redis://127.0.0.1:6379/14",
        CACHE_KEY_PREFIX=f"profile-{secrets.token_hex(4)}",
        CELERY_PROCESSING_QUEUE="bench.processing",
        OPEN_METEO_FORECAST_URL=fake_url,
        OPEN_METEO_GEOCODING_URL=fake_url,
        OPEN_METEO_BUDGET_PER_MINUTE="1000000",
        OPEN_METEO_BUDGET_PER_HOUR="1000000",
        OPEN_METEO_BUDGET_PER_DAY="1000000",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed_generated_places(os.environ["DATABASE_URL"], PLACES)


def cold_reads(client, first: int, count: int) -> None:
    for n in range(first, first + count):
        response = client.get("/api/v1/weather/", {"city": f"Place {n}"})
        assert response.status_code == 200, response.content[:300]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    port = free_port()
    fake = start_fake(port)
    try:
        setup(f"http://127.0.0.1:{port}/v1")
        from django.test import Client

        client = Client()
        cold_reads(client, 1, 20)  # imports, connections, first-use caches
        n = args.requests
        started, cpu = time.perf_counter(), time.process_time()
        cold_reads(client, 100, n)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{n} cold reads without a profiler: {1000 * cpu / n:.2f} ms CPU each "
              f"({1000 * wall / n:.2f} ms wall)")  # fmt: skip
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.runcall(cold_reads, client, 100 + n, n)
        wall = time.perf_counter() - started
        print(f"{n} cold reads under cProfile: {1000 * wall / n:.2f} ms wall each\n")
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    finally:
        fake.terminate()
        fake.wait(timeout=10)


if __name__ == "__main__":
    main()
