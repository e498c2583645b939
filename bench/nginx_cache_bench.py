"""nginx cache benchmark: a repeated city through nginx against the same request to gunicorn.

Starts the fake Open-Meteo server, gunicorn (production configuration) and two nginx in front
of it, rendered from nginx/ as the native stack renders them: one with the cache of public
reads (nginx/snippets/api-cache.conf), one without. The same `GET /api/v1/weather/?city=Paris`,
warm in Django's cache, is driven with wrk straight at gunicorn and through both, in
alternating rounds of one run. It uses a database, a Redis database and ports of its own, so
it can run beside a stack.

    .venv/bin/python bench/nginx_cache_bench.py [--duration 5] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.api_bench import bench_env, wrk  # noqa: E402
from server import nginx_config  # noqa: E402
from weather.testing.fake_open_meteo import FakeOpenMeteoServer  # noqa: E402
from weather.testing.processes import free_port, listening, start_web, wait_for_api  # noqa: E402

DATABASE = "weather_bench_nginx"
REDIS_URL = "redis://127.0.0.1:6379/12"
PATH = "/api/v1/weather/?city=Paris"
GZIP = 'wrk.headers["Accept-Encoding"] = "gzip"\n'


def start_nginx(folder: Path, upstream: str, cache: str) -> tuple[subprocess.Popen, str]:
    """nginx with the site of the containers on a free port, limits out of the way."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    (folder / "html").mkdir(parents=True, exist_ok=True)
    site = {
        "NGINX_PORT": f"127.0.0.1:{port}",
        "SPA_ROOT": str(folder / "html"),
        "DJANGO_UPSTREAM": upstream,
        "DJANGO_STATIC_ROOT": str(folder / "html"),
        "NGINX_SNIPPETS": str(nginx_config.NGINX_SRC / "snippets"),
        "NGINX_API_RATE": "1000000r/s",  # one client (wrk) sends everything
        "NGINX_API_BURST": "100000",
        "NGINX_CLIENT_MAX_BODY_SIZE": "1m",
        "NGINX_API_CACHE": cache,
    }
    conf = folder / f"nginx-{port}"
    main = nginx_config.write_native_config(conf, nginx, site, [folder / "html"])
    argv = [nginx, "-p", f"{conf}/", "-c", str(main), "-e", "stderr", "-g", "daemon off;"]
    # The access log goes to stdout: away, as gunicorn's does.
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not listening(port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("nginx did not start")
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port}"


def prepare_database(env: dict[str, str]) -> None:
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *pg, "--if-exists", DATABASE], check=True)
    subprocess.run(["createdb", *pg, DATABASE], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)


def measure(targets: dict[str, tuple[str, str | None]], args) -> dict[str, dict[str, float]]:
    """Medians of rounds that alternate the targets, so drift on a shared machine hits all."""
    runs: dict[str, list[dict]] = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, (url, script) in targets.items():
            runs[name].append(wrk(url, args.duration, args.connections, script))
    return {
        name: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for name, results in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed as the load generator (Debian: apt-get install wrk)")

    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    env = {
        **bench_env(fake.base_url),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": "nginx-bench",
    }
    prepare_database(env)
    started = []
    with tempfile.TemporaryDirectory() as folder:
        try:
            server, direct = start_web(env)
            started.append(server)
            wait_for_api(direct, server, timeout=120)  # a busy machine boots it slowly
            upstream = direct.removeprefix("http://")
            cached_nginx, cached = start_nginx(Path(folder), upstream, "on")
            plain_nginx, plain = start_nginx(Path(folder), upstream, "off")
            started += [cached_nginx, plain_nginx]
            for base in (direct, cached, cached):  # warm Django's cache, then nginx's
                requests.get(f"{base}{PATH}", timeout=30).raise_for_status()
            status = requests.get(f"{cached}{PATH}", timeout=10).headers.get("X-Cache-Status")
            assert status == "HIT", f"the cached nginx answered {status}"
            rows = measure(
                {
                    "straight to gunicorn": (f"{direct}{PATH}", None),
                    "through nginx, cache off": (f"{plain}{PATH}", None),
                    "through nginx, cache on (HIT)": (f"{cached}{PATH}", None),
                    "through nginx, cache on (HIT), gzip": (f"{cached}{PATH}", GZIP),
                },
                args,
            )
        finally:
            for process in started:
                process.terminate()
            for process in started:
                process.wait(timeout=20)

    print(
        f"\nGET {PATH} (warm in Django's cache), wrk 2 threads, {args.connections} "
        f"connections, {args.duration} s per run, median of {args.rounds} alternating rounds; "
        f"{os.cpu_count()} CPUs, gunicorn with production settings, nginx 1 worker\n"
    )
    print("| path | req/s | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for name, row in rows.items():
        print(f"| {name} | {row['rps']:.0f} | {row['p50']:.2f} | {row['p99']:.2f} |")
    ratio = rows["through nginx, cache on (HIT)"]["rps"] / rows["straight to gunicorn"]["rps"]
    print(f"\nrepeated city, nginx's cache / straight to gunicorn: {ratio:.1f} (target >= 5)")


if __name__ == "__main__":
    main()
