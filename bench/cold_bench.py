"""Cold-search benchmark: searches for places nobody asked for yet, with a slow upstream.

Every request names a new place, so each one pays Open-Meteo: a geocoding call and a forecast
call for `GET /api/v1/weather/` and `POST /api/v1/searches/`. The upstream stand-in answers
after `--latency` seconds, as a real one far away does. The reference is a bare Django view
that makes one forecast call and inserts one row: the least a search costs with one round trip.
Each run gets a fresh gunicorn with its own cache prefix, so nothing is warm. It uses a
database of its own and no fixed port, so it can run beside a stack.

    .venv/bin/python bench/cold_bench.py [--latency 0.1] [--shapes 5x4,3x12]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_bench import bench_env, wrk  # noqa: E402
from weather.providers.open_meteo import forecast_params  # noqa: E402
from weather.testing.fake_open_meteo import FakeOpenMeteoServer, add_generated_places  # noqa: E402
from weather.testing.processes import start_gunicorn  # noqa: E402

DATABASE = "weather_bench_cold"
# "Place 10000" ... "Place 39999" each match one generated place and no other.
FIRST_PLACE, PLACES = 10_000, 30_000

# Each wrk thread takes its own slice of the place numbers, so no name is asked twice.
COLD_REQUESTS = """
local first, per_thread = %(first)d, %(per_thread)d
local threads = 0
function setup(thread)
  thread:set("place", first + threads * per_thread)
  threads = threads + 1
end
function request()
  local n = place
  place = place + 1
  %(request)s
end
"""
GET_WEATHER = 'return wrk.format("GET", "/api/v1/weather/?city=Place%20" .. n)'
POST_SEARCH = (
    'return wrk.format("POST", "/api/v1/searches/", {["Content-Type"] = "application/json"},'
    " '{\"city\": \"Place ' .. n .. '\"}')"
)
ONE_CALL = 'return wrk.format("GET", "/bench/one-call/?n=" .. n)'


class PlaceNumbers:
    """Hands out slices of never-used place numbers."""

    def __init__(self) -> None:
        self.next = FIRST_PLACE

    def take(self, count: int) -> int:
        first, self.next = self.next, self.next + count
        if self.next > FIRST_PLACE + PLACES:
            sys.exit("ran out of cold place names: lower --duration or --rounds")
        return first


def script(request: str, first: int, per_thread: int) -> str:
    return COLD_REQUESTS % {"first": first, "per_thread": per_thread, "request": request}


def fresh_server(env: dict[str, str], shape: str):
    """gunicorn shaped "<workers>x<threads>", with nothing cached."""
    workers, threads = shape.split("x")
    return start_gunicorn(
        {
            **env,
            "GUNICORN_WORKERS": workers,
            "GUNICORN_THREADS": threads,
            "CACHE_KEY_PREFIX": f"cold-{uuid.uuid4().hex}",
        }
    )


def sequential_latency(base: str, numbers: PlaceNumbers, count: int) -> float:
    """Median milliseconds of cold weather reads one after the other."""
    first = numbers.take(count)
    times = []
    for n in range(first, first + count):
        started = time.perf_counter()
        requests.get(f"{base}/api/v1/weather/", params={"city": f"Place {n}"}, timeout=30)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def upstream_round_trip(fake: FakeOpenMeteoServer, count: int = 20) -> float:
    """Median milliseconds of one forecast call straight to the stand-in."""
    times = []
    with requests.Session() as session:
        for _ in range(count):
            started = time.perf_counter()
            session.get(
                f"{fake.base_url}/forecast",
                params=forecast_params("48.8534", "2.3488"),
                timeout=10,
            ).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.1, help="upstream answer delay, s")
    parser.add_argument(
        "--shapes", default="5x4,3x12", help="gunicorn workers x threads to compare"
    )
    parser.add_argument("--duration", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    add_generated_places(FIRST_PLACE + PLACES)
    fake = FakeOpenMeteoServer(port=0)
    fake.request_queue_size = 1024
    fake.start_in_thread()
    env = {
        **bench_env(fake.base_url),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        # The benchmark is the only client: the shared budget must not be what it measures.
        "OPEN_METEO_BUDGET_PER_MINUTE": "1000000",
        "OPEN_METEO_BUDGET_PER_HOUR": "1000000",
        "OPEN_METEO_BUDGET_PER_DAY": "1000000",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    requests.post(f"{fake.base_url[:-3]}/__fake__/latency", json={"seconds": args.latency})
    round_trip = upstream_round_trip(fake)

    numbers = PlaceNumbers()
    # More names than a run can use at up to 400 requests a second.
    per_thread = 200 * args.duration
    targets = {
        "cold GET /api/v1/weather/": GET_WEATHER,
        "cold POST /api/v1/searches/": POST_SEARCH,
        "reference: one upstream call + one INSERT": ONE_CALL,
    }
    rows: dict[tuple[str, str], dict] = {}
    sequential: dict[str, float] = {}
    for shape in args.shapes.split(","):
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, request in targets.items():
                server, base = fresh_server(env, shape)
                try:
                    requests.post(f"{base}/api/v1/searches/", json={"city": "Paris"}, timeout=30)
                    lua = script(request, numbers.take(2 * per_thread), per_thread)  # 2 wrk threads
                    runs[name].append(wrk(base + "/", args.duration, args.connections, lua))
                finally:
                    server.terminate()
                    server.wait(timeout=20)
        for name, results in runs.items():
            rows[shape, name] = {k: statistics.median(r[k] for r in results) for k in results[0]}
        server, base = fresh_server(env, shape)
        try:
            sequential[shape] = sequential_latency(base, numbers, 30)
        finally:
            server.terminate()
            server.wait(timeout=20)
    subprocess.run(["rabbitmqctl", "purge_queue", "bench.processing"], capture_output=True)

    print(
        f"\nupstream stand-in answers after {args.latency * 1000:.0f} ms (one round trip: "
        f"{round_trip:.1f} ms); wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per run, median of {args.rounds} alternating rounds; "
        f"gunicorn: {os.cpu_count()} CPUs, production settings\n"
    )
    print("| gunicorn workers x threads | endpoint | req/s | p50 ms | p99 ms |")
    print("|---|---|---:|---:|---:|")
    for (shape, name), row in rows.items():
        print(f"| {shape} | {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} |")
    print()
    for shape in sequential:
        reference = rows[shape, "reference: one upstream call + one INSERT"]["rps"]
        get = rows[shape, "cold GET /api/v1/weather/"]["rps"] / reference
        post = rows[shape, "cold POST /api/v1/searches/"]["rps"] / reference
        print(
            f"{shape}: cold GET / reference {get:.2f}, cold POST / reference "
            f"{post:.2f} (target >= 0.45); sequential cold read p50 {sequential[shape]:.1f} ms "
            f"(target <= 2 round trips + 10 ms = {2 * round_trip + 10:.1f} ms)"
        )


if __name__ == "__main__":
    main()
