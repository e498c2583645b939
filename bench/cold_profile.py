"""Where a cold search spends its CPU: N cold `GET /api/v1/weather/` (or, with `--post`,
`POST /api/v1/searches/`) in one process.

Each request names a place of the local gazetteer nobody asked for yet ("Place 10000", ...),
so it costs one forecast call to the upstream stand-in (a separate process, so its CPU is not
counted) and everything our code does around it. The requests go through Django's test client
(the whole middleware and view stack, no socket). It times them without a profiler (CPU
seconds of this process, `time.process_time`), then again under cProfile (timed in CPU
seconds too, so a loaded machine's waits are not charged to whichever function was running)
and prints the Python function calls per read and the functions that take the most time.

A cold POST is a first search, as wrk sends it: no cookie, so each one starts a session, records
the search and publishes its processing message (to a queue of its own, emptied at the end).
With `--returning` they come from one visitor who already has a session: its cookie and the
CSRF token go back with each search, as the SPA sends them.

Function calls and machine instructions per read do not depend on the machine's load, CPU
time does. `--setup-only` then `--no-setup --no-profile --first N` runs under
`valgrind --tool=callgrind` with two request counts: the difference of the two instruction
totals divided by the difference of the counts is the instructions of one cold read, start-up
and database setup left out (`bench/cold_instructions.py` does that).

    .venv/bin/python bench/cold_profile.py [--requests 300] [--top 25] [--database NAME]
        [--post [--returning]]
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

PLACES = 4_000
PROCESSING_QUEUE = "bench.processing"


def start_fake(port: int) -> subprocess.Popen:
    fake = subprocess.Popen(
        [sys.executable, "-m", "weather.testing.fake_open_meteo", "--port", str(port), "--quiet",
         "--generated-places", str(PLACES)],
        cwd=ROOT,
    )  # fmt: skip
    time.sleep(1.5)
    return fake


def setup(fake_url: str, database: str, redis_url: str, *, fresh: bool) -> None:
    if fresh:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database])
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=f"profile-{secrets.token_hex(4)}",
        CELERY_PROCESSING_QUEUE=PROCESSING_QUEUE,
        OPEN_METEO_FORECAST_URL=fake_url,
        OPEN_METEO_GEOCODING_URL=fake_url,
        OPEN_METEO_BUDGET_PER_MINUTE="1000000",
        OPEN_METEO_BUDGET_PER_HOUR="1000000",
        OPEN_METEO_BUDGET_PER_DAY="1000000",
    )
    import django

    django.setup()
    if fresh:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        seed_generated_places(os.environ["DATABASE_URL"], PLACES)


def cold_reads(client, first: int, count: int) -> None:
    for n in range(first, first + count):
        response = client.get("/api/v1/weather/", {"city": f"Place {n}"})
        assert response.status_code == 200, response.content[:300]


def cold_searches(client, first: int, count: int) -> None:
    """First searches: each without a cookie, so each starts a session."""
    for n in range(first, first + count):
        client.cookies.clear()
        response = client.post(
            "/api/v1/searches/", {"city": f"Place {n}"}, content_type="application/json"
        )
        assert response.status_code == 201, response.content[:300]


def returning_searches(client, first: int, count: int) -> None:
    """A returning visitor's searches: the session's cookie and the CSRF token the first one
    set, sent back as the SPA does (the client enforces CSRF)."""
    for n in range(first, first + count):
        token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
        response = client.post(
            "/api/v1/searches/",
            {"city": f"Place {n}"},
            content_type="application/json",
            headers={"X-CSRFToken": token},
        )
        assert response.status_code == 201, response.content[:300]


def empty_processing_queue() -> None:
    """Drops the messages the searches published (nothing consumes them here), once the
    last ones are out of the publishing threads."""
    from celery import current_app

    time.sleep(1)
    with current_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(PROCESSING_QUEUE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--database", default="weather_bench_profile")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--first", type=int, default=1, help="the first place's number")
    parser.add_argument("--setup-only", action="store_true", help="a fresh database, no reads")
    parser.add_argument("--no-setup", action="store_true", help="reuse the database")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument("--dump", help="write the profile's statistics to this file")
    parser.add_argument("--post", action="store_true", help="cold POST /api/v1/searches/")
    parser.add_argument(
        "--returning", action="store_true", help="with --post: from one visitor's session"
    )
    args = parser.parse_args()
    port = free_port()
    fake = start_fake(port)
    try:
        url = f"http://127.0.0.1:{port}/v1"
        setup(url, args.database, args.redis_url, fresh=not args.no_setup)
        if not args.setup_only:
            measure(args)
    finally:
        fake.terminate()
        fake.wait(timeout=10)


def measure(args: argparse.Namespace) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    first, n = args.first, args.requests
    requests, what = (cold_searches, "cold searches") if args.post else (cold_reads, "cold reads")
    if args.post and args.returning:
        requests, what = returning_searches, "a returning visitor's cold searches"
    requests(client, first, 20)  # imports, connections, first-use caches
    started, cpu, times = time.perf_counter(), time.process_time(), os.times()
    requests(client, first + 20, n)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    user, system = os.times().user - times.user, os.times().system - times.system
    print(f"{n} {what} without a profiler: {1000 * cpu / n:.2f} ms CPU each "
          f"({1000 * user / n:.2f} user, {1000 * system / n:.2f} system; "
          f"{1000 * wall / n:.2f} ms wall)")  # fmt: skip
    if not args.no_profile:
        profile = cProfile.Profile(time.process_time)
        profile.runcall(requests, client, first + 20 + n, n)
        report(pstats.Stats(profile), args, what)
    if args.post:
        empty_processing_queue()


def report(stats: pstats.Stats, args: argparse.Namespace, what: str) -> None:
    n = args.requests
    if args.dump:
        stats.dump_stats(args.dump)
    print(f"{n} {what} under cProfile: {stats.total_calls / n:,.0f} Python function calls "
          f"and {1000 * stats.total_tt / n:.2f} ms CPU each\n")  # fmt: skip
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
