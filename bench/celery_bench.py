"""Celery benchmark: search→processed latency, processing throughput against raw kombu,
cleanup of expired rows against a plain SQL DELETE, and publishing with the broker down.

Starts the fake Open-Meteo server, gunicorn and a Celery worker (production settings, default
concurrency) against a scratch database and this run's own RabbitMQ queues, and prints
Markdown tables. Not part of the tests.

    make bench       # or: .venv/bin/python bench/celery_bench.py [--searches 200] [--rows 1000000]
    .venv/bin/python bench/celery_bench.py --metrics-overhead   # the cost of the metrics
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from weather.testing.processes import start_gunicorn, start_role  # noqa: E402

DATABASE = "weather_bench_celery"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
RUN = uuid.uuid4().hex[:8]
PROCESSING_QUEUE = f"bench-{RUN}.processing"
MAINTENANCE_QUEUE = f"bench-{RUN}.maintenance"
CACHE_DB, RESULTS_DB = 9, 10


def bench_env(fake_url: str = "http://127.0.0.1:9/v1") -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("BENCH_SETTINGS", "bench.settings"),
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": f"redis://127.0.0.1:6379/{CACHE_DB}",
        "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:6379/{RESULTS_DB}",
        "CELERY_PROCESSING_QUEUE": PROCESSING_QUEUE,
        "CELERY_MAINTENANCE_QUEUE": MAINTENANCE_QUEUE,
        "OPEN_METEO_FORECAST_URL": fake_url,
        "OPEN_METEO_GEOCODING_URL": fake_url,
        "GUNICORN_LOG_LEVEL": "warning",
        "PYTHONUNBUFFERED": "1",
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


# --- Processes ------------------------------------------------------------------------------


class Stack:
    def __init__(self, fake_url: str, concurrency: int | None):
        self.env = bench_env(fake_url)
        if concurrency:
            self.env["CELERY_WORKER_CONCURRENCY"] = str(concurrency)
        self.base = ""
        self.worker_name = f"bench-{RUN}@localhost"
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def start(self) -> None:
        self.web, self.base = start_gunicorn({**self.env, "GUNICORN_WORKERS": "2"})
        self.worker = start_role(
            "worker",
            {**self.env, "CELERY_LOG_LEVEL": "WARNING"},
            "--hostname",
            self.worker_name,
            "--without-gossip",
            "--without-mingle",
            stdout=subprocess.DEVNULL,  # the start-up banner
            start_new_session=True,
        )
        from server_config.celery import app

        deadline = time.monotonic() + 60
        while not app.control.ping(destination=[self.worker_name], timeout=0.5):
            if time.monotonic() > deadline:
                raise RuntimeError("the worker did not start")

    def stop(self) -> None:
        for process in (self.web, self.worker):
            if process is not None and process.poll() is None:
                process.terminate()
        for process in (self.web, self.worker):
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


# --- 1. Latency -----------------------------------------------------------------------------


def search_latency(stack: Stack, count: int) -> dict:
    """Sequential searches through the API; each waits until the worker processed it."""
    from django.db import connection

    from weather.testing.fake_open_meteo import CITIES

    session = requests.Session()
    client, server = [], []
    with connection.cursor() as cursor:
        for i in range(count):
            city = CITIES[i % len(CITIES)].name
            started = time.perf_counter()
            response = session.post(
                f"{stack.base}/api/v1/searches/", json={"city": city}, timeout=10
            )
            response.raise_for_status()
            search_id = response.json()["id"]
            while True:
                cursor.execute(
                    "SELECT processed_at - created_at FROM weather_weathersearch "
                    "WHERE id = %s AND processing_status = 'processed'",
                    [search_id],
                )
                row = cursor.fetchone()
                if row:
                    break
                if time.perf_counter() - started > 30:
                    raise RuntimeError(f"search {search_id} not processed within 30 s")
                time.sleep(0.002)
            client.append((time.perf_counter() - started) * 1000)
            server.append(row[0].total_seconds() * 1000)
    return {"client": client, "server": server}


# --- 2. Throughput --------------------------------------------------------------------------


def create_pending_searches(count: int) -> list[int]:
    """Copies of a real processed search, pending again (forecast and all)."""
    from django.db import connection

    columns = (
        "query, location_id, lang, unit_system, stale, observed_at, temperature_c, "
        "apparent_temperature_c, relative_humidity_pct, precipitation_mm, wind_speed_kmh, "
        "wind_direction_deg, weather_code, weather_description, is_day, upstream_units, "
        "forecast, processing_error, publish_attempts"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO weather_weathersearch ({columns}, created_at, processing_status, "
            f"task_id) SELECT {columns}, now(), 'pending', gen_random_uuid()::text "
            "FROM weather_weathersearch t, generate_series(1, %s) "
            "WHERE t.id = (SELECT min(id) FROM weather_weathersearch) RETURNING id",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


def reset_searches(ids: list[int]) -> None:
    from weather.models import LocationStatistics, Notification, WeatherSearch

    Notification.objects.filter(search_id__in=ids).delete()
    LocationStatistics.objects.all().delete()
    WeatherSearch.objects.filter(pk__in=ids).update(
        processing_status="pending", processing_result=None, processed_at=None
    )


def wait_processed(ids: list[int], timeout: float = 600) -> None:
    from weather.models import WeatherSearch

    deadline = time.monotonic() + timeout
    while WeatherSearch.objects.filter(pk__in=ids, processing_status="pending").exists():
        if time.monotonic() > deadline:
            raise RuntimeError("processing did not finish")
        time.sleep(0.02)


def celery_processing_throughput(ids: list[int]) -> dict:
    from weather.worker import tasks

    started = time.perf_counter()
    for search_id in ids:
        tasks.async_weather_processing.apply_async(args=[search_id])
    published = time.perf_counter()
    wait_processed(ids)
    done = time.perf_counter()
    return {"tasks_s": len(ids) / (done - started), "publish_s": len(ids) / (published - started)}


def celery_noop_throughput(count: int) -> dict:
    from server_config.celery import app
    from weather.worker import tasks

    started = time.perf_counter()
    ids = [tasks.test_celery_task.apply_async(args=["bench", 0]).id for _ in range(count)]
    published = time.perf_counter()
    keys = [app.backend.get_key_for_task(task_id) for task_id in ids]
    client = app.backend.client
    while sum(1 for value in client.mget(keys) if value and b"SUCCESS" in value) < count:
        time.sleep(0.02)
    done = time.perf_counter()
    return {"tasks_s": count / (done - started), "publish_s": count / (published - started)}


def raw_kombu_throughput(mode: str, payloads: list[int], consumers: int) -> dict:
    """The same work and guarantees without Celery: a durable queue, persistent messages,
    publisher confirms, one unacknowledged message per consumer, ack after the work."""
    import redis
    from kombu import Connection, Exchange, Producer, Queue

    from server_config.celery import app

    name = f"bench-{RUN}.raw-{mode}-{uuid.uuid4().hex[:6]}"
    queue = Queue(name, Exchange(name, type="direct", durable=True), routing_key=name, durable=True)
    counter = redis.Redis.from_url(f"redis://127.0.0.1:6379/{RESULTS_DB}")
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--raw-consumer", mode, name], cwd=ROOT, env=bench_env()
        )
        for _ in range(consumers)
    ]
    with Connection(app.conf.broker_url, transport_options={"confirm_publish": True}) as conn:
        try:
            producer = Producer(
                conn.default_channel, exchange=queue.exchange, routing_key=name, serializer="json"
            )
            queue(conn.default_channel).declare()
            while int(counter.get(f"{name}:ready") or 0) < consumers:
                time.sleep(0.05)
            started = time.perf_counter()
            for payload in payloads:
                producer.publish({"id": payload}, delivery_mode=2, retry=True)
            published = time.perf_counter()
            while int(counter.get(name) or 0) < len(payloads):
                time.sleep(0.02)
            done = time.perf_counter()
        finally:
            for proc in procs:
                proc.terminate()
            for proc in procs:
                proc.wait(timeout=10)
            queue(conn.default_channel).delete()
            queue.exchange(conn.default_channel).delete()
            counter.delete(name, f"{name}:ready")
    return {
        "tasks_s": len(payloads) / (done - started),
        "publish_s": len(payloads) / (published - started),
    }


def raw_consumer(mode: str, name: str) -> None:
    """A consumer process for raw_kombu_throughput (--raw-consumer); stops on SIGTERM."""
    import signal

    import django

    django.setup()
    import redis
    from kombu import Connection, Exchange, Queue

    from server_config.celery import app
    from weather.jobs import processing

    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    counter = redis.Redis.from_url(f"redis://127.0.0.1:6379/{RESULTS_DB}")
    queue = Queue(name, Exchange(name, type="direct", durable=True), routing_key=name, durable=True)

    def on_message(body, message):
        if mode == "processing":
            processing.process_search(body["id"])
        counter.incr(name)  # where Celery stores a result
        message.ack()

    conn = Connection(app.conf.broker_url)
    with conn, conn.Consumer(queue, callbacks=[on_message], accept=["json"], prefetch_count=1):
        counter.incr(f"{name}:ready")
        while not stopping.is_set():
            with contextlib.suppress(socket.timeout):
                conn.drain_events(timeout=0.2)


# --- 3. Cleanup -----------------------------------------------------------------------------


def fill_expired(rows: int, notify_every: int = 10) -> None:
    """`rows` searches 40 days old (copies of a real one, forecast included), every
    `notify_every`-th with a notification; then VACUUM ANALYZE, as after a normal day."""
    from django.db import connection

    columns = (
        "query, location_id, lang, unit_system, stale, observed_at, temperature_c, "
        "apparent_temperature_c, relative_humidity_pct, precipitation_mm, wind_speed_kmh, "
        "wind_direction_deg, weather_code, weather_description, is_day, upstream_units, "
        "forecast, processing_error, publish_attempts, processing_status, processing_result, "
        "processed_at, task_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE weather_notification, weather_weathersearch, weather_locationstatistics"
        )
        cursor.execute(
            f"INSERT INTO weather_weathersearch ({columns}, created_at) "
            f"SELECT {columns}, now() - interval '40 days' - g * interval '1 second' "
            "FROM bench_template, generate_series(1, %s) g",
            [rows],
        )
        cursor.execute(
            "INSERT INTO weather_notification (search_id, location_id, kind, severity, "
            "message, details, created_at) SELECT id, location_id, 'frost', 'warning', "
            "'Frost expected', '{}', created_at FROM weather_weathersearch WHERE id %% %s = 0",
            [notify_every],
        )
        # A day's worth of recent searches that must survive.
        cursor.execute(
            f"INSERT INTO weather_weathersearch ({columns}, created_at) "
            f"SELECT {columns}, now() - g * interval '1 second' "
            "FROM bench_template, generate_series(1, 1000) g"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE weather_weathersearch")
        cursor.execute("VACUUM ANALYZE weather_notification")
        cursor.execute("CHECKPOINT")


def plain_delete() -> tuple[float, int]:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM weather_notification WHERE search_id IN (SELECT id FROM "
            "weather_weathersearch WHERE created_at < now() - interval '30 days')"
        )
        cursor.execute(
            "DELETE FROM weather_weathersearch WHERE created_at < now() - interval '30 days'"
        )
        deleted = cursor.rowcount
    return time.perf_counter() - started, deleted


def cleanup_task(stack: Stack) -> tuple[float, int, dict]:
    """Runs weather.cleanup_old_searches on the worker, sampling the worker's memory."""
    from weather.worker import tasks

    pids = [stack.worker.pid, *children(stack.worker.pid)]
    before = {pid: rss_kb(pid) for pid in pids}
    peak = dict(before)
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            for pid in pids:
                peak[pid] = max(peak[pid], rss_kb(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    deleted = tasks.cleanup_old_searches.delay().get(timeout=3600)
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = {pid: rss_kb(pid) for pid in pids}
    memory = {pid: (before[pid], peak[pid], after[pid]) for pid in pids}
    return elapsed, deleted, memory


# --- 4. Publishing with the broker down -----------------------------------------------------


def publish_when_down(tries: int = 10) -> dict:
    from server_config.celery import app
    from weather.models import WeatherSearch
    from weather.worker import queue

    search = WeatherSearch.objects.order_by("id").first()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(100)  # accepts connections (the kernel does) and never answers
    targets = {
        "RabbitMQ up": app.conf.broker_url,
        "closed port (broker down)": "amqp://guest:guest@127.0.0.1:1//",
        "silent listener (broker hung)": f"amqp://guest:guest@127.0.0.1:"
        f"{listener.getsockname()[1]}//",
    }
    results = {}
    original = app.conf.broker_url
    quiet = logging.getLogger("weather.worker.queue")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # one warning per failed publish otherwise
    try:
        for label, url in targets.items():
            app._pool = None
            app.amqp._producer_pool = None
            app.conf.broker_url = url
            timings, outcomes = [], set()
            for _ in range(tries):
                queue.resume_publishing()
                started = time.perf_counter()
                outcomes.add(queue.queue_search(search.id, search.task_id))
                timings.append((time.perf_counter() - started) * 1000)
            # Right after a failure the next request does not wait for the broker at all.
            started = time.perf_counter()
            published = queue.queue_search(search.id, search.task_id)
            after_failure = (time.perf_counter() - started) * 1000
            results[label] = {
                "p50": statistics.median(timings[1:]),
                "max": max(timings),
                "published": outcomes == {True},
                "next": None if published else after_failure,
            }
    finally:
        quiet.setLevel(level)
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url = original
        listener.close()
    return results


def searches_with_broker(fake_url: str, broker: str, count: int = 20) -> dict:
    """POST /api/v1/searches/ to a gunicorn whose broker is `broker`: the answer times, and
    how many searches were left pending without a message (for the sweep)."""
    from weather.models import WeatherSearch

    env = {**bench_env(fake_url), "CELERY_BROKER_URL": broker, "GUNICORN_WORKERS": "1"}
    web, base = start_gunicorn(env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        session = requests.Session()
        timings, codes, ids = [], set(), []
        for _ in range(count):
            started = time.perf_counter()
            response = session.post(f"{base}/api/v1/searches/", json={"city": "Paris"}, timeout=10)
            timings.append((time.perf_counter() - started) * 1000)
            codes.add(response.status_code)
            ids.append(response.json()["id"])
        time.sleep(2.5)  # the publishes run after the answers
        unsent = WeatherSearch.objects.filter(
            pk__in=ids, processing_status="pending", queued_at__isnull=True
        ).count()
    finally:
        web.terminate()
        web.wait(timeout=30)
    return {
        "p50": statistics.median(timings),
        "max": max(timings),
        "codes": codes,
        "unsent": unsent,
        "count": count,
    }


# --- Main -----------------------------------------------------------------------------------


def setup_database(python: str, env: dict) -> None:
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    for db in (CACHE_DB, RESULTS_DB):
        subprocess.run(["redis-cli", "-n", str(db), "flushdb"], check=True, capture_output=True)


def delete_queues() -> None:
    from server_config.celery import app

    with contextlib.suppress(Exception), app.connection_for_write() as conn:
        for name in (PROCESSING_QUEUE, MAINTENANCE_QUEUE):
            conn.default_channel.queue_delete(name)
            conn.default_channel.exchange_delete(name)


def metrics_overhead(fake_url: str, args) -> None:
    """Search latency and processing throughput with the worker recording metrics
    (multiprocess mode, as in production) and not (METRICS_ENABLED=false), each stack
    started afresh, in rounds that alternate which goes first (on-off, off-on, ...)."""
    import tempfile

    variants = {"metrics on": {}, "metrics off": {"METRICS_ENABLED": "false"}}
    results: dict[str, dict[str, list[float]]] = {
        name: {"p50": [], "tasks_s": []} for name in variants
    }
    ids: list[int] = []
    for round_number in range(args.rounds):
        order = list(variants.items())
        for name, extra in order if round_number % 2 == 0 else order[::-1]:
            with tempfile.TemporaryDirectory() as metrics_dir:
                stack = Stack(fake_url, args.concurrency)
                stack.env.update(PROMETHEUS_MULTIPROC_DIR=metrics_dir, **extra)
                try:
                    stack.start()
                    search_latency(stack, 20)  # warm-up: caches, connections, pool
                    latency = search_latency(stack, args.searches)
                    ids = ids or create_pending_searches(args.throughput)
                    reset_searches(ids)
                    throughput = celery_processing_throughput(ids)
                finally:
                    stack.stop()
            results[name]["p50"].append(statistics.median(latency["server"]))
            results[name]["tasks_s"].append(throughput["tasks_s"])
            print(f"round {round_number + 1}, {name}: {throughput['tasks_s']:.0f} tasks/s")
    print(
        f"\n{args.searches} sequential searches and {args.throughput} processing tasks per "
        f"round, median of {args.rounds} alternating rounds\n"
    )
    print("| worker | created_at → processed_at p50 ms | processing tasks/s |")
    print("|---|---:|---:|")
    rows = {
        name: {key: statistics.median(values) for key, values in result.items()}
        for name, result in results.items()
    }
    for name, row in rows.items():
        print(f"| {name} | {row['p50']:.1f} | {row['tasks_s']:.0f} |")
    on, off = rows["metrics on"], rows["metrics off"]
    print(
        f"\nthroughput cost of the metrics: {(1 - on['tasks_s'] / off['tasks_s']) * 100:.1f} %, "
        f"latency p50 {on['p50'] - off['p50']:+.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--searches", type=int, default=200, help="latency sample")
    parser.add_argument("--throughput", type=int, default=2000, help="tasks per round")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds")
    parser.add_argument("--cleanup-rounds", type=int, default=2, help="cleanup rounds")
    parser.add_argument("--rows", type=int, default=1_000_000, help="expired rows to delete")
    parser.add_argument(
        "--concurrency", type=int, default=None, help="worker processes (default: CPUs)"
    )
    parser.add_argument("--metrics-overhead", action="store_true", help="only that comparison")
    parser.add_argument(
        "--raw-consumer", nargs=2, metavar=("MODE", "QUEUE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.raw_consumer:
        os.environ.update(bench_env())
        raw_consumer(*args.raw_consumer)
        return

    from weather.testing.fake_open_meteo import FakeOpenMeteoServer

    fake = FakeOpenMeteoServer(port=0)
    fake.start_in_thread()
    env = bench_env(fake.base_url)
    env["BENCH_SECRET_KEY"] = env["DJANGO_SECRET_KEY"]
    os.environ.update(env)
    setup_database(sys.executable, env)
    import django

    django.setup()
    from django.db import connection

    if args.metrics_overhead:
        try:
            metrics_overhead(fake.base_url, args)
        finally:
            delete_queues()
        return
    stack = Stack(fake.base_url, args.concurrency)
    concurrency = args.concurrency or os.cpu_count()
    out: list[str] = []
    try:
        stack.start()
        search_latency(stack, 20)  # warm-up: caches, connections, pool processes
        latency = search_latency(stack, args.searches)
        median_run = search_latency(stack, 100)

        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE bench_template AS SELECT * FROM weather_weathersearch "
                "WHERE id = (SELECT max(id) FROM weather_weathersearch)"
            )
        ids = create_pending_searches(args.throughput)
        rounds: dict[str, list[float]] = {
            key: []
            for key in (
                "celery_proc",
                "raw_proc",
                "celery_noop",
                "raw_noop",
                "celery_pub",
                "raw_pub",
            )
        }
        for _ in range(args.rounds):  # interleaved, so load changes hit both sides
            reset_searches(ids)
            rounds["celery_proc"].append(celery_processing_throughput(ids)["tasks_s"])
            reset_searches(ids)
            rounds["raw_proc"].append(
                raw_kombu_throughput("processing", ids, concurrency)["tasks_s"]
            )
            noop = celery_noop_throughput(args.throughput)
            raw = raw_kombu_throughput("noop", list(range(args.throughput)), concurrency)
            rounds["celery_noop"].append(noop["tasks_s"])
            rounds["raw_noop"].append(raw["tasks_s"])
            rounds["celery_pub"].append(noop["publish_s"])
            rounds["raw_pub"].append(raw["publish_s"])
        down = publish_when_down()
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(100)  # accepts connections and never answers: a hung broker
        outage = {
            label: searches_with_broker(fake.base_url, url)
            for label, url in (
                (
                    "RabbitMQ up",
                    stack.env.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
                ),
                ("RabbitMQ down (closed port)", "amqp://guest:guest@127.0.0.1:1//"),
                (
                    "RabbitMQ hung (silent listener)",
                    f"amqp://guest:guest@127.0.0.1:{listener.getsockname()[1]}//",
                ),
            )
        }
        listener.close()

        cleanup = {}
        for rows in sorted({100_000, args.rows}):
            plain_runs, task_runs = [], []
            for _ in range(args.cleanup_rounds):  # alternating, best of the rounds
                fill_expired(rows)
                plain_s, plain_n = plain_delete()
                fill_expired(rows)
                task_s, task_n, memory = cleanup_task(stack)
                assert plain_n == task_n == rows, (plain_n, task_n, rows)
                plain_runs.append(plain_s)
                task_runs.append(task_s)
            cleanup[rows] = (min(plain_runs), min(task_runs), memory)
    finally:
        stack.stop()
        delete_queues()
        with contextlib.suppress(Exception), connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS bench_template")

    out.append(
        f"\nMachine: {os.cpu_count()} CPUs; worker concurrency {concurrency}, prefetch 1, "
        "late acks, publisher confirms, persistent messages, durable queues.\n"
    )
    out.append("| search → processed | n | p50 ms | p90 ms | p99 ms | max ms |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for label, values in (
        ("client: POST sent → row seen processed", latency["client"]),
        ("server: created_at → processed_at", latency["server"]),
    ):
        out.append(
            f"| {label} | {len(values)} | {pct(values, 50):.1f} | "
            f"{pct(values, 90):.1f} | {pct(values, 99):.1f} | {max(values):.1f} |"
        )
    out.append(
        f"\nMedian over a separate run of 100 searches: client "
        f"{statistics.median(median_run['client']):.1f} ms, server "
        f"{statistics.median(median_run['server']):.1f} ms.\n"
    )
    out.append(
        f"| throughput, tasks/s (median of {args.rounds} rounds of {args.throughput}) | Celery "
        "| raw kombu | ratio (min-max) |"
    )
    out.append("|---|---:|---:|---:|")
    for label, celery_key, raw_key in (
        ("processing a search", "celery_proc", "raw_proc"),
        ("no-op task", "celery_noop", "raw_noop"),
        ("publishing alone (confirmed, one at a time)", "celery_pub", "raw_pub"),
    ):
        ratios = [c / r for c, r in zip(rounds[celery_key], rounds[raw_key], strict=True)]
        out.append(
            f"| {label} | {statistics.median(rounds[celery_key]):.0f} | "
            f"{statistics.median(rounds[raw_key]):.0f} | {statistics.median(ratios):.2f} "
            f"({min(ratios):.2f}-{max(ratios):.2f}) |"
        )
    out.append(
        f"\n| cleanup of expired rows (best of {args.cleanup_rounds}) | plain DELETE s | "
        "cleanup_old_searches s | ratio |"
    )
    out.append("|---|---:|---:|---:|")
    for rows, (plain_s, task_s, _) in cleanup.items():
        out.append(
            f"| {rows:,} searches (+{rows // 10:,} notifications) | {plain_s:.1f} | "
            f"{task_s:.1f} | {task_s / plain_s:.2f} |"
        )
    out.append("\nWorker memory (RSS, MB) during cleanup_old_searches: before / peak / after")
    for rows, (_, _, memory) in cleanup.items():
        parts = [f"{b / 1024:.0f} / {p / 1024:.0f} / {a / 1024:.0f}" for b, p, a in memory.values()]
        out.append(f"- {rows:,} rows: main {parts[0]}; pool {'; '.join(parts[1:])}")
    out.append(
        "\n| publishing a search's message | p50 ms | max ms | published | next publish ms |"
    )
    out.append("|---|---:|---:|---|---:|")
    for label, row in down.items():
        nxt = f"{row['next']:.2f} (paused)" if row["next"] is not None else "-"
        out.append(
            f"| {label} | {row['p50']:.1f} | {row['max']:.1f} | "
            f"{'yes' if row['published'] else 'no'} | {nxt} |"
        )
    out.append(
        "\n| POST /api/v1/searches/ (gunicorn, 20 searches) | p50 ms | max ms | answers | "
        "left pending, unsent |"
    )
    out.append("|---|---:|---:|---|---:|")
    for label, row in outage.items():
        out.append(
            f"| {label} | {row['p50']:.1f} | {row['max']:.1f} | "
            f"{', '.join(map(str, sorted(row['codes'])))} | {row['unsent']} of {row['count']} |"
        )
    print("\n".join(out))


if __name__ == "__main__":
    main()
