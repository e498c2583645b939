"""API benchmark: cached weather reads and searches against bare Django views, single flight.

Starts the fake Open-Meteo server and gunicorn (production configuration) against a scratch
database, drives them with wrk on the same machine, and prints a Markdown table.

    make bench            # or: .venv/bin/python bench/api_bench.py [--duration 10]
    .venv/bin/python bench/api_bench.py --metrics-overhead   # the cost of the metrics
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weather.testing.fake_open_meteo import CITIES, FakeOpenMeteoServer  # noqa: E402
from weather.testing.processes import start_gunicorn  # noqa: E402

DATABASE = "weather_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def bench_env(fake_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "CELERY_PROCESSING_QUEUE": "bench.processing",
        "OPEN_METEO_FORECAST_URL": fake_url,
        "OPEN_METEO_GEOCODING_URL": fake_url,
        "GUNICORN_LOG_LEVEL": "warning",
    }


# wrk sends a POST with this script.
POST_SEARCH = """
wrk.method = "POST"
wrk.body = '{"city": "Paris"}'
wrk.headers["Content-Type"] = "application/json"
"""


def wrk(url: str, duration: int, connections: int, script: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        script_args = []
        if script:
            (Path(tmp) / "request.lua").write_text(script)
            script_args = ["-s", str(Path(tmp) / "request.lua")]
        out = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", *script_args, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    count = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": pct("50"), "p99": pct("99"), "requests": count}


def cold_single_flight(base: str, fake: FakeOpenMeteoServer, city: str) -> int:
    before = fake.state.calls["forecast"]
    with ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(
            pool.map(
                lambda _: (
                    requests.get(
                        f"{base}/api/v1/weather/", params={"city": city}, timeout=30
                    ).status_code
                ),
                range(100),
            )
        )
    assert statuses == [200] * 100, statuses
    return fake.state.calls["forecast"] - before


def metrics_overhead(env: dict[str, str], args) -> None:
    """The cached read on two gunicorns, recording metrics (multiprocess mode, as in
    production) and not (METRICS_ENABLED=false), in alternating rounds."""
    with tempfile.TemporaryDirectory() as metrics_dir:
        servers = {
            "metrics on": start_gunicorn({**env, "PROMETHEUS_MULTIPROC_DIR": metrics_dir}),
            "metrics off": start_gunicorn({**env, "METRICS_ENABLED": "false"}),
        }
        try:
            runs: dict[str, list[dict]] = {name: [] for name in servers}
            for _ in range(args.rounds):
                for name, (_, base) in servers.items():
                    url = f"{base}/api/v1/weather/?city=Paris"
                    requests.get(url, timeout=10).raise_for_status()
                    runs[name].append(wrk(url, args.duration, args.connections))
        finally:
            for server, _ in servers.values():
                server.terminate()
                server.wait(timeout=20)
    print(
        f"\ncached GET /api/v1/weather/, wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per run, median of {args.rounds} alternating rounds\n"
    )
    print("| gunicorn | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    rows = {}
    for name, results in runs.items():
        rows[name] = {key: statistics.median(r[key] for r in results) for key in results[0]}
        row = rows[name]
        print(f"| {name} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} |")
    on, off = rows["metrics on"], rows["metrics off"]
    print(
        f"\nthroughput cost of the metrics: {(1 - on['rps'] / off['rps']) * 100:.1f} % "
        f"(p50 {on['p50'] - off['p50']:+.2f} ms; target <= 5 %)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--metrics-overhead", action="store_true")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed as the load generator (Debian: apt-get install wrk)")

    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    env = bench_env(fake.base_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=True, capture_output=True)
    if args.metrics_overhead:
        metrics_overhead(env, args)
        return
    server, base = start_gunicorn(env)
    try:
        # The first search warms the caches and gives the INSERT view its row to copy.
        first = requests.post(f"{base}/api/v1/searches/", json={"city": "Paris"}, timeout=10)
        search_id = first.json()["id"]  # public: one search is readable by whoever has its id

        targets = {
            "bare JsonResponse": (f"{base}/bench/bare/", None),
            "cached GET /api/v1/weather/": (f"{base}/api/v1/weather/?city=Paris", None),
            "bare view, one INSERT of the same row": (f"{base}/bench/insert/", None),
            "POST /api/v1/searches/": (f"{base}/api/v1/searches/", POST_SEARCH),
            "GET /api/v1/searches/{id}/": (f"{base}/api/v1/searches/{search_id}/", None),
        }
        # Rounds alternate the endpoints, so that drift on a shared machine hits all of them.
        runs = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (url, script) in targets.items():
                runs[name].append(wrk(url, args.duration, args.connections, script))
        rows = {
            name: {key: statistics.median(r[key] for r in results) for key in results[0]}
            for name, results in runs.items()
        }
        flights = [cold_single_flight(base, fake, city.name) for city in CITIES[2:7]]
    finally:
        server.terminate()
        server.wait(timeout=20)
        subprocess.run(["rabbitmqctl", "purge_queue", "bench.processing"], capture_output=True)

    print(
        f"\nwrk: 2 threads, {args.connections} connections, {args.duration} s per run, "
        f"median of {args.rounds} alternating rounds; "
        f"gunicorn: {os.cpu_count()} CPUs, production settings\n"
    )
    print("| endpoint | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for name, row in rows.items():
        print(f"| {name} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} |")
    bare, weather, insert, search = (rows[k]["rps"] for k in list(rows)[:4])
    print(f"\ncached GET weather / bare JsonResponse: {weather / bare:.2f} (target >= 0.6)")
    print(f"POST search / bare INSERT view:        {search / insert:.2f} (target >= 0.5)")
    print(
        f"upstream forecast calls per 100 concurrent cold identical requests: {flights} "
        "(target 1 each)"
    )


if __name__ == "__main__":
    main()
