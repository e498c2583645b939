"""How long one evaluation of people's weather alerts takes, and what it costs upstream.

Fills a scratch database with PLACES places and SUBSCRIPTIONS subscriptions (500 people with
20 each, every kind of rule, thresholds some places meet), starts the fake Open-Meteo in a
process of its own and runs the evaluation's job (`weather.jobs.alerts.evaluate`, what the
beat task runs) in this process, twice: cold (every forecast fetched, in multi-location calls)
and warm (every forecast younger than an hour, from the cache). The deliveries it creates are
not sent. The upstream budget is raised for the run, so the weight is what it would spend.

    .venv/bin/python bench/alerts_evaluation.py [--places 2000] [--subscriptions 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATABASE = os.environ.get("BENCH_ALERTS_DATABASE", "weather_bench_alerts")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
KINDS = [
    ("frost", lambda r: r.choice([0.0, 2.0, -5.0])),
    ("heat", lambda r: r.choice([25.0, 30.0, 35.0])),
    ("wind", lambda r: r.choice([30.0, 50.0, 80.0])),
    ("gusts", lambda r: r.choice([50.0, 90.0])),
    ("rain_hour", lambda r: r.choice([1.0, 5.0])),
    ("rain_day", lambda r: r.choice([3.0, 20.0])),
    ("thunderstorm", lambda r: None),
]


def configure(fake_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="server_config.settings.local",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        REDIS_URL=REDIS_URL,
        OPEN_METEO_FORECAST_URL=fake_url,
        OPEN_METEO_GEOCODING_URL=fake_url,
        OPEN_METEO_BUDGET_PER_MINUTE="1000000",
        OPEN_METEO_BUDGET_PER_HOUR="1000000",
        OPEN_METEO_BUDGET_PER_DAY="1000000",
    )
    import django

    django.setup()


def fill(places: int, subscriptions: int) -> None:
    from django.contrib.auth import get_user_model

    from weather.models import AlertSubscription, Location

    rng = random.Random(19)
    locations = Location.objects.bulk_create(
        Location(
            geonames_id=10_000_000 + i,
            name=f"Place {i}",
            country="Testland",
            latitude=round(rng.uniform(-60, 70), 3),
            longitude=round(rng.uniform(-180, 180), 3),
        )
        for i in range(places)
    )
    people = get_user_model().objects.bulk_create(
        get_user_model()(username=f"person{i}", email=f"person{i}@example.com")
        for i in range(-(-subscriptions // 20))
    )
    rows = []
    for i in range(subscriptions):
        kind, threshold = KINDS[i % len(KINDS)]
        rows.append(
            AlertSubscription(
                user=people[i // 20],
                location=locations[i % places],
                kind=kind,
                threshold=threshold(rng),
                horizon_hours=rng.choice([24, 48]),
            )
        )
    AlertSubscription.objects.bulk_create(rows, batch_size=2000)


def run_once(label: str) -> dict:
    from weather.jobs import alerts

    started, cpu = time.perf_counter(), time.process_time()
    summary = alerts.evaluate()
    summary["wall_s"] = round(time.perf_counter() - started, 2)
    summary["cpu_s"] = round(time.process_time() - cpu, 2)
    summary["deliveries"] = len(summary["deliveries"])
    print(f"{label}: {summary}", flush=True)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--subscriptions", type=int, default=10_000)
    port = int(os.environ.get("BENCH_FAKE_PORT", "18390"))
    parser.add_argument("--fake-port", type=int, default=port)
    args = parser.parse_args()

    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *pg, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *pg, DATABASE], check=True)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    fake = subprocess.Popen(
        [sys.executable, "-m", "weather.testing.fake_open_meteo", "--port", str(args.fake_port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.5)
        configure(f"http://127.0.0.1:{args.fake_port}/v1")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        fill(args.places, args.subscriptions)
        print(f"{args.subscriptions} subscriptions over {args.places} places", flush=True)
        cold = run_once("cold (every forecast fetched)")
        warm = run_once("warm (every forecast from the cache)")
        print()
        print("| run | wall s | CPU s | upstream calls | weight | places reused | new events |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name, s in (("cold", cold), ("warm", warm)):
            print(
                f"| {name} | {s['wall_s']} | {s['cpu_s']} | {s['upstream_calls']} | "
                f"{s['upstream_weight']} | {s['reused']} | {s['new_events']} |"
            )
    finally:
        fake.terminate()
        fake.wait(timeout=10)
        from django.db import connections

        connections.close_all()
        subprocess.run(["dropdb", *pg, "--if-exists", DATABASE], check=False)


if __name__ == "__main__":
    main()
