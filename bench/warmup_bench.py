"""First requests to a fresh gunicorn worker: does the first one pay for the worker's start?

Starts the web role (production configuration, one worker, so every request reaches the
fresh worker) against the fake Open-Meteo and a scratch database, several times. Each time,
once the worker has had time to boot, it times the first few requests, each on a new
connection, for a cached weather read, the health check and readiness. Prints a Markdown table.

    .venv/bin/python bench/warmup_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weather.testing.fake_open_meteo import FakeOpenMeteoServer  # noqa: E402
from weather.testing.processes import start_gunicorn, start_web  # noqa: E402

DATABASE = "weather_bench_warmup"
REQUESTS = 4
PATHS = {
    "cached GET /api/v1/weather/": "/api/v1/weather/?city=Paris",
    "health": "/api/v1/health/",
    "readiness": "/api/v1/health/ready/",
}


def bench_env(fake_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "CELERY_PROCESSING_QUEUE": "bench.processing",
        "OPEN_METEO_FORECAST_URL": fake_url,
        "OPEN_METEO_GEOCODING_URL": fake_url,
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_WORKERS": "1",
    }


def first_requests(env: dict[str, str], path: str, boot_s: float) -> list[float]:
    """ms of the first REQUESTS requests (new connection each) to one fresh worker."""
    web, base = start_web(env, stdout=subprocess.DEVNULL)
    try:
        time.sleep(boot_s)  # the worker boots (and warms up, if it does) before traffic
        timings = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = requests.get(f"{base}{path}", headers={"Connection": "close"}, timeout=10)
            timings.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
        return timings
    finally:
        web.terminate()
        web.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--boot", type=float, default=4.0, help="seconds before the first request")
    args = parser.parse_args()

    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    env = bench_env(fake.base_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=True, capture_output=True)
    web, base = start_gunicorn(env, stdout=subprocess.DEVNULL)  # caches the forecast
    requests.get(f"{base}{PATHS['cached GET /api/v1/weather/']}", timeout=10).raise_for_status()
    web.terminate()
    web.wait(timeout=30)

    print(
        f"\none gunicorn worker, {args.boot:g} s after start; median of {args.rounds} starts (ms)\n"
    )
    print("| endpoint | 1st request | 2nd | 3rd | 4th |")
    print("|---|---:|---:|---:|---:|")
    for name, path in PATHS.items():
        runs = [first_requests(env, path, args.boot) for _ in range(args.rounds)]
        medians = [statistics.median(run[i] for run in runs) for i in range(REQUESTS)]
        print(f"| {name} | " + " | ".join(f"{m:.1f}" for m in medians) + " |")
    subprocess.run(["rabbitmqctl", "purge_queue", "bench.processing"], capture_output=True)


if __name__ == "__main__":
    main()
