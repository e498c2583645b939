"""`make chaos`: a steady stream of searches while faults are injected one after another.

The stack under test is our own processes as the Procfile runs them (gunicorn, a Celery worker
and the refresh worker, each restarted when it dies, as compose and systemd do) on services of
their own: a private Redis
and a private PostgreSQL cluster (a temporary folder, another port) that the faults stop and
start, RabbitMQ on the machine's broker with queues of this run alone, and the fake Open-Meteo,
which injects the upstream faults. Nothing the machine was running is stopped.

Each phase sends searches (POST /api/v1/searches/) at --rate per second for --seconds, injects
its fault a third of the way in and heals it at two thirds, then waits until every accepted
search is processed. It prints, per phase: searches accepted, processed exactly once, lost
(accepted but never processed: must be 0), processed twice (counted twice in the city
statistics: must be 0), 5xx answers, and the seconds from the healing until the last accepted
search was processed, and the geocoding calls made upstream: the database holds the
gazetteer (as a release loads it) and the stream searches for its names, so none. Exit
status 1 when anything was lost or doubled, or a name was looked up upstream.

    .venv/bin/python tests/chaos/run.py [--phases pool-kill,worker-kill,...] [--rate 20]

Two phases also start a bulk refresh (200 places in 20 chunks) and check that it ends within its
deadline, with every place accounted for. The stream of searches also runs the re-queue sweep
every few seconds, as beat does every minute in production (REQUEUE_AFTER_S is lowered to
match), so a phase recovers in seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from weather.testing import processes  # noqa: E402
from weather.testing.chaos import (  # noqa: E402
    REFRESH_ENV,
    UNLIMITED,
    Phase,
    Stream,
    print_table,
    refresh_faults,
    refresh_ok,
    say,
    settle,
    wait_for,
)
from weather.testing.rabbit import PrivateRabbit  # noqa: E402

RUN = f"chaos-{uuid.uuid4().hex[:6]}"


# --- Private services -------------------------------------------------------------------------


class PrivateRedis:
    def __init__(self, root: Path):
        self.port = processes.free_port()
        self.root = root
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.root)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(lambda: processes.listening(self.port), "Redis")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class PrivatePostgres:
    """A cluster of our own under a temporary folder (initdb refuses root: the postgres user)."""

    def __init__(self, root: Path):
        self.port = processes.free_port()
        self.data = root / "pg"
        self.bin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-s",
             "-l", str(self.data.parent / "pg.log"), *args],
            check=True,
        )  # fmt: skip

    def create(self) -> None:
        self.data.parent.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.data.parent, "postgres")
        subprocess.run(
            [*self.as_postgres, str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
             "--auth=trust", "-E", "UTF8"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.start()
        subprocess.run(
            ["psql", "-q", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "-c", "CREATE DATABASE weather_chaos"],
            check=True,
        )  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data.parent}"
        self._ctl("-o", options, "start")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "fast", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/weather_chaos"


# --- Our processes ----------------------------------------------------------------------------


class Worker:
    """A worker role (the worker, or the refresh worker), restarted within a second when it
    dies (restart: unless-stopped)."""

    def __init__(self, env: dict[str, str], log: Path, role: str = "worker"):
        self.env, self.log, self.role = env, log, role
        self.name = f"{role}-{RUN}@localhost"
        self.process: subprocess.Popen | None = None
        self.running = True
        self.restarts = 0

    def start(self) -> None:
        self._spawn()
        threading.Thread(target=self._supervise, daemon=True).start()

    def _spawn(self) -> None:
        with open(self.log, "ab") as log:
            self.process = processes.start_role(
                self.role, self.env, "--hostname", self.name, "--without-gossip",
                "--without-mingle", stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    def _supervise(self) -> None:
        while self.running:
            if self.process.poll() is not None and self.running:
                self.restarts += 1
                self._spawn()
            time.sleep(0.5)

    def pool_pids(self) -> list[int]:
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return [int(pid) for pid in out.split()]

    def kill_all(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self) -> None:
        self.running = False
        if self.process and self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=20)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)


# --- The run ----------------------------------------------------------------------------------


def fake_fault(base: str, **fault) -> None:
    requests.post(f"{base}/__fake__/faults", json=fault, timeout=5).raise_for_status()


def fake_reset(base: str) -> None:
    geocoding.before_resets += fake_calls(base)["geocoding"]
    requests.post(f"{base}/__fake__/reset", timeout=5).raise_for_status()


def fake_calls(base: str) -> dict:
    return requests.get(f"{base}/__fake__/calls", timeout=5).json()


class GeocodingCalls:
    """The fake's geocoding calls, summed across its resets (a heal resets its counts). The
    stream searches for names of the gazetteer, loaded like a release does: none should be
    looked up upstream."""

    before_resets = 0

    def now(self, base: str) -> int:
        return self.before_resets + fake_calls(base)["geocoding"]


geocoding = GeocodingCalls()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    all_phases = ["pool-kill", "worker-kill", "rabbitmq-restart", "postgres-restart",
                  "redis-restart", "upstream-429", "upstream-timeouts", "redis-refresh",
                  "refresh-pool-kill"]  # fmt: skip
    parser.add_argument("--phases", default=",".join(all_phases))
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--seconds", type=float, default=15, help="of stream per phase")
    parser.add_argument("--settle", type=float, default=90, help="most seconds to recover")
    parser.add_argument("--results", type=Path, help="also write the table as JSON here")
    args = parser.parse_args()
    wanted = args.phases.split(",")
    unknown = set(wanted) - set(all_phases)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")

    # A timeout's SIGTERM must still stop the private services (pg_ctl daemonises its server).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    root = Path(tempfile.mkdtemp(prefix="weather-chaos-"))
    root.chmod(0o755)  # the services' own users work in folders below it
    started: list = []
    try:
        redis = PrivateRedis(root)
        redis.start()
        started.append(redis)
        postgres = PrivatePostgres(root)
        postgres.create()
        started.append(postgres)
        rabbit = PrivateRabbit(root / "rabbit", RUN)
        broker = "amqp://guest:guest@127.0.0.1:5672//"
        if "rabbitmq-restart" in wanted:
            rabbit.start()
            started.append(rabbit)
            broker = rabbit.url
        fake_port = processes.free_port()
        fake = subprocess.Popen(
            [sys.executable, "-m", "weather.testing.fake_open_meteo", "--port", str(fake_port)],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started.append(fake)
        fake_base = f"http://127.0.0.1:{fake_port}"
        wait_for(lambda: processes.listening(fake_port), "the fake Open-Meteo")

        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "server_config.settings.local",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "CELERY_RESULT_BACKEND": f"redis://127.0.0.1:{redis.port}/1",
            "CELERY_BROKER_URL": broker,
            "CELERY_PROCESSING_QUEUE": f"{RUN}.processing",
            "CELERY_MAINTENANCE_QUEUE": f"{RUN}.maintenance",
            "CELERY_REFRESH_QUEUE": f"{RUN}.refresh",
            "CELERY_WORKER_CONCURRENCY": "2",
            "OPEN_METEO_FORECAST_URL": f"{fake_base}/v1",
            "OPEN_METEO_GEOCODING_URL": f"{fake_base}/v1",
            "OPEN_METEO_READ_TIMEOUT_S": "2",
            **UNLIMITED,
            "REQUEUE_AFTER_S": "10",
            # Refreshes of 20 chunks, none held back, ended by the sweep within 80 s at most.
            **REFRESH_ENV,
            # Forecasts go stale within a phase, so the upstream faults meet real calls.
            "FORECAST_CACHE_TTL_S": "3",
            "GUNICORN_WORKERS": "2",
            "PROMETHEUS_MULTIPROC_DIR": str(root / "metrics"),
            "PYTHONUNBUFFERED": "1",
        }
        os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL",
                           "PROMETHEUS_MULTIPROC_DIR",
                           "REDIS_URL", "CELERY_RESULT_BACKEND", "CELERY_BROKER_URL",
                           "CELERY_PROCESSING_QUEUE", "CELERY_MAINTENANCE_QUEUE",
                           "CELERY_REFRESH_QUEUE", "REQUEUE_AFTER_S", *REFRESH_ENV)})  # fmt: skip
        (root / "metrics").mkdir()
        for command in (["migrate", "-v0"], ["load_gazetteer"]):  # as server/release.sh
            subprocess.run([sys.executable, "manage.py", *command], cwd=REPO, env=env, check=True)
        import django

        django.setup()
        from weather.jobs import bulk
        from weather.worker import queue

        def sweep():
            queue.requeue_unprocessed_searches()
            bulk.fail_overdue_refreshes()

        with open(root / "web.log", "ab") as web_log:
            web, base = processes.start_gunicorn(env, stdout=web_log, stderr=subprocess.STDOUT)
        started.append(web)
        worker = Worker(env, root / "worker.log")
        worker.start()
        started.append(worker)
        refresher = Worker(env, root / "refresh.log", role="refresh")
        refresher.start()
        started.append(refresher)
        say(f"stack up: API {base}, workers {worker.name} {refresher.name}, files in {root}")
        refreshes = refresh_faults(fake_base, refresher, redis)

        def kill_pool():
            pids = worker.pool_pids()
            if pids:
                os.kill(pids[0], signal.SIGKILL)

        phases = {
            "pool-kill": (kill_pool, lambda: None),
            "worker-kill": (worker.kill_all, lambda: None),
            "rabbitmq-restart": (rabbit.stop, rabbit.start),
            "postgres-restart": (postgres.stop, postgres.start),
            "redis-restart": (redis.stop, redis.start),
            "upstream-429": (
                lambda: fake_fault(fake_base, mode="status", status=429, retry_after=1),
                lambda: fake_reset(fake_base),
            ),
            "upstream-timeouts": (
                lambda: fake_fault(fake_base, mode="slow", delay=5),
                lambda: fake_reset(fake_base),
            ),
            **{name: (inject, heal) for name, (inject, heal, _) in refreshes.items()},
        }
        stream = Stream(base, args.rate)
        rows = []
        for name in wanted:
            inject, heal = phases[name]
            phase = Phase(name, inject, heal)
            third = args.seconds / 3
            looked_up = geocoding.now(fake_base)
            stream.run(phase, args.seconds, third, 2 * third)
            rows.append(settle(phase, args.settle, queue.requeue_unprocessed_searches))
            rows[-1]["geocoding calls"] = geocoding.now(fake_base) - looked_up
            if name in refreshes:
                rows[-1].update(refreshes[name][2].result(sweep))
            say(json.dumps(rows[-1]))
        print_table(rows)
        if args.results:
            args.results.write_text(json.dumps(rows, indent=2))
        bad = [r for r in rows if r["lost"] or r["processed twice"] or not refresh_ok(r)]
        if looked_up := [r["phase"] for r in rows if r["geocoding calls"]]:
            say(f"FAILED: names of the gazetteer looked up upstream in {', '.join(looked_up)}")
        return 1 if bad or looked_up else 0
    finally:
        for thing in reversed(started):
            with contextlib.suppress(Exception):
                if isinstance(thing, subprocess.Popen):
                    thing.terminate()
                    thing.wait(timeout=20)
                else:
                    thing.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
