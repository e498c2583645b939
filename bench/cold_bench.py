"""Cold-search benchmark: searches for places nobody asked for yet, with a slow upstream.

Every request names a new place ("Place 10000", ...) of the local gazetteer (the fake
upstream's generated places, put in the benchmark's gazetteer), so each one costs one forecast
call to an upstream stand-in that answers after `--latency` seconds, as a real one far away
does (always the same forecast, made once: the stand-in must not be what limits a run). The
reference is a bare Django view that makes the same forecast call, reads the JSON and inserts
one row: the least a search costs with one round trip. Cold searches (`POST`) run twice: each
a first visit (no cookie, so each starts a session) and all from one returning visitor (the
session cookie and CSRF token of their first search). Each run gets a fresh
gunicorn with its own cache prefix, so nothing is warm. It uses a database of its own and no
fixed port, so it can run beside a stack.

gunicorn's CPU is read from /proc (utime + stime of the master and its workers) before and
after each run and divided by the requests wrk counted: the CPU one request costs the web tier.
Each run starts once every worker has warmed up, after one second of the same kind of cold
requests (not measured): the threads' first connections are not what a run measures.
`--before PATH` runs the cold read, the sequential cold read and a cached read on a second
checkout too (for example `git archive <commit> | tar -x -C PATH`), alternating with this one.

    .venv/bin/python bench/cold_bench.py [--latency 0.1] [--shapes 3x8] [--before PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_bench import bench_env, wrk  # noqa: E402
from bench.gazetteer_seed import seed_generated_places  # noqa: E402
from weather.providers.open_meteo import forecast_params  # noqa: E402
from weather.testing.fake_open_meteo import forecast  # noqa: E402
from weather.testing.processes import free_port, wait_for_api  # noqa: E402

DATABASE = "weather_bench_cold"
# "Place 10000" ... "Place 69999" each match one generated place and no other.
FIRST_PLACE, PLACES = 10_000, 60_000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

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
# A returning visitor: the session cookie and CSRF token of their first search, on every one.
RETURNING_SEARCH = (
    'return wrk.format("POST", "/api/v1/searches/", {["Content-Type"] = "application/json",'
    ' ["Cookie"] = "%(cookie)s", ["X-CSRFToken"] = "%(token)s"},'
    " '{\"city\": \"Place ' .. n .. '\"}')"
)
ONE_CALL = 'return wrk.format("GET", "/bench/one-call/?n=" .. n)'
COLD_GET, COLD_POST = "cold GET /api/v1/weather/", "cold POST /api/v1/searches/"
COLD_RETURNING = "cold POST /api/v1/searches/, returning visitor"
REFERENCE = "reference: one upstream call + one INSERT"
CACHED = "cached GET /api/v1/weather/ (one city)"


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


class Server:
    """gunicorn shaped "<workers>x<threads>" from the checkout `root`, with nothing cached."""

    def __init__(self, env: dict[str, str], shape: str, root: Path = ROOT):
        workers, threads = shape.split("x")
        port = free_port()
        path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', os.defpath)}"
        self.process = subprocess.Popen(
            [str(root / "server" / "start-web.sh"), "--access-logfile", "/dev/null"],
            cwd=root,
            env={
                **env,
                "PATH": path,
                "WEB_RELEASE": "0",
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "GUNICORN_CONTROL_SOCKET": f"/tmp/gunicorn-{port}.ctl",
                "GUNICORN_WORKERS": workers,
                "GUNICORN_THREADS": threads,
                "CACHE_KEY_PREFIX": f"cold-{uuid.uuid4().hex}",
            },
        )
        self.base = f"http://127.0.0.1:{port}"
        try:
            wait_for_api(self.base, self.process, timeout=120)  # a loaded machine boots slowly
        except RuntimeError:
            self.stop()
            raise
        self.settle()
        # One search so that the reference view has a row to copy; its session is the
        # returning visitor's.
        first = requests.post(f"{self.base}/api/v1/searches/", json={"city": "Place 1"}, timeout=30)
        self.cookies = first.cookies.get_dict()

    def returning_search(self) -> str:
        """The returning visitor's search request, with their cookies and CSRF token."""
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return RETURNING_SEARCH % {"cookie": cookie, "token": self.cookies["csrftoken"]}

    def cpu_s(self) -> float:
        """CPU seconds used so far by the master and its workers."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if self.process.pid in (pid, ppid):
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def settle(self, timeout: float = 60) -> None:
        """Waits until every worker has booted and warmed up (the first one answering is not
        enough): until gunicorn uses almost no CPU for half a second, so what a run measures
        is requests, not start-up."""
        deadline = time.monotonic() + timeout
        used = self.cpu_s()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            used, before = self.cpu_s(), used
            if used - before < 0.02:
                return

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def measured(server: Server, run) -> dict[str, float]:
    """What `run()` returns (its "requests" included), with gunicorn's CPU ms per request."""
    before = server.cpu_s()
    result = run()
    result["cpu_ms"] = 1000 * (server.cpu_s() - before) / max(1, result["requests"])
    return result


def sequential(base: str, numbers: PlaceNumbers, count: int) -> dict[str, float]:
    """Cold weather reads one after the other: the median ms, and how many."""
    first = numbers.take(count)
    times = []
    with requests.Session() as session:
        for n in range(first, first + count):
            started = time.perf_counter()
            answer = session.get(f"{base}/api/v1/weather/", params={"city": f"Place {n}"})
            answer.raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(times), "requests": count}


class Upstream(ThreadingHTTPServer):
    """The stand-in: every forecast call answers the fake's forecast for Paris (made once, so
    the stand-in's own CPU is not what limits a run) after `latency` seconds, kept alive."""

    daemon_threads = True
    request_queue_size = 1024

    def __init__(self, latency: float):
        status, body = forecast(forecast_params("48.8534", "2.3488"), {})
        assert status == 200
        self.body, self.latency = json.dumps(body).encode(), latency
        super().__init__(("127.0.0.1", 0), _UpstreamHandler)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _UpstreamHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 64 * 1024

    def do_GET(self):
        time.sleep(self.server.latency)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.server.body)))
        self.end_headers()
        self.wfile.write(self.server.body)

    def log_message(self, format, *args):
        pass


def upstream_round_trip(upstream: Upstream, count: int = 20) -> float:
    """Median milliseconds of one forecast call straight to the stand-in."""
    times = []
    with requests.Session() as session:
        for _ in range(count):
            started = time.perf_counter()
            session.get(
                f"{upstream.base_url}/forecast",
                params=forecast_params("48.8534", "2.3488"),
                timeout=10,
            ).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def prepare(args) -> tuple[Upstream, dict[str, str]]:
    database_url = f"postgres://postgres@127.0.0.1:5432/{args.database}"
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.database], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database], check=True)
    upstream = Upstream(args.latency)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    env = {
        **bench_env(upstream.base_url),
        "DATABASE_URL": database_url,
        # The benchmark is the only client: the shared budget must not be what it measures.
        "OPEN_METEO_BUDGET_PER_MINUTE": "100000000",
        "OPEN_METEO_BUDGET_PER_HOUR": "100000000",
        "OPEN_METEO_BUDGET_PER_DAY": "100000000",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    seed_generated_places(database_url, FIRST_PLACE + PLACES)
    return upstream, env


def run_round(env, shape, args, numbers, roots) -> dict[tuple[str, str], dict]:
    """One round: every target on a fresh gunicorn of each checkout, in turn."""
    per_thread = 200 * args.duration  # more names than a run can use at 400 requests/s
    results = {}
    for label, root in roots.items():
        targets = {COLD_GET: GET_WEATHER}
        if label == "now":
            targets |= {COLD_POST: POST_SEARCH, COLD_RETURNING: None, REFERENCE: ONE_CALL}
        for name, request in targets.items():
            server = Server(env, shape, root)
            try:
                request = request or server.returning_search()
                # Not measured: each thread's first connections (upstream, broker) and what
                # its first requests make once, so the run measures cold searches alone.
                warm_up = script(request, numbers.take(2 * 200), 200)
                wrk(server.base + "/", 1, args.connections, warm_up)
                lua = script(request, numbers.take(2 * per_thread), per_thread)
                run = partial(wrk, server.base + "/", args.duration, args.connections, lua)
                results[label, name] = measured(server, run)
            finally:
                server.stop()
        server = Server(env, shape, root)
        try:
            sequential(server.base, numbers, 5)  # not measured, as above
            run = partial(sequential, server.base, numbers, args.sequential)
            results[label, "sequential"] = measured(server, run)
            url = f"{server.base}/api/v1/weather/?city=Place%201"
            requests.get(url, timeout=30).raise_for_status()
            results[label, CACHED] = measured(
                server, partial(wrk, url, args.duration, args.connections)
            )
        finally:
            server.stop()
    return results


def report(rows: dict, args, round_trip: float, shape: str) -> None:
    print(f"\n### {shape}\n")
    print("| tree | endpoint | req/s | p50 ms | p99 ms | gunicorn CPU ms/req |")
    print("|---|---|---:|---:|---:|---:|")
    for (label, name), row in rows.items():
        if name != "sequential":
            print(
                f"| {label} | {name} | {row['rps']:.0f} | {row['p50']:.1f} | {row['p99']:.1f} "
                f"| {row['cpu_ms']:.2f} |"
            )
    for label in dict.fromkeys(label for label, _ in rows):
        seq = rows[label, "sequential"]
        print(
            f"\n{label}: sequential cold read p50 {seq['p50']:.1f} ms (target <= one round trip "
            f"+ 10 ms = {round_trip + 10:.1f} ms), gunicorn CPU {seq['cpu_ms']:.2f} ms per "
            f"cold read ({seq['requests']:.0f} one after the other)"
        )
    reference = rows["now", REFERENCE]["rps"]
    for name in (COLD_GET, COLD_POST, COLD_RETURNING):
        print(f"now: {name} / reference {rows['now', name]['rps'] / reference:.2f} (>= 0.9)")
    if ("before", COLD_GET) in rows:
        for name in (COLD_GET, CACHED, "sequential"):
            now, before = rows["now", name], rows["before", name]
            speed = f"req/s {now['rps'] / before['rps']:.2f}, " if "rps" in now else ""
            print(f"now / before, {name}: {speed}CPU {now['cpu_ms'] / before['cpu_ms']:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.1, help="upstream answer delay, s")
    parser.add_argument(
        "--shapes", default="3x8", help="gunicorn workers x threads (a connection each)"
    )
    parser.add_argument("--duration", type=int, default=4)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--sequential", type=int, default=60, help="cold reads one by one")
    parser.add_argument("--before", type=Path, help="a checkout to compare with")
    parser.add_argument("--database", default=DATABASE, help="dropped and made anew")
    args = parser.parse_args()

    upstream, env = prepare(args)
    round_trip = upstream_round_trip(upstream)
    roots = {"now": ROOT} | ({"before": args.before.resolve()} if args.before else {})
    numbers = PlaceNumbers()
    print(
        f"upstream stand-in answers after {args.latency * 1000:.0f} ms (one round trip: "
        f"{round_trip:.1f} ms); wrk 2 threads, {args.connections} connections, "
        f"{args.duration} s per run, median of {args.rounds} alternating rounds; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start"
    )
    for shape in args.shapes.split(","):
        runs = [run_round(env, shape, args, numbers, roots) for _ in range(args.rounds)]
        rows = {
            key: {k: statistics.median(run[key][k] for run in runs) for k in runs[0][key]}
            for key in runs[0]
        }
        report(rows, args, round_trip, shape)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    subprocess.run(["rabbitmqctl", "purge_queue", "bench.processing"], capture_output=True)


if __name__ == "__main__":
    main()
