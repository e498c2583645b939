"""Multi-host throughput: searches processed per second with 1, 2 and 3 worker hosts, searches
accepted and cached reads per second with 1 and 2 web hosts, and what each costs every tier
in CPU seconds. The figures behind docs/scaling.md's capacity model. Root only: it brings up
the multi-host bed (tests/cluster/bed.py), whose hosts all share this machine's cores.

Workers: the bed's three worker hosts stay up, but consume nothing until a backlog of
--searches stored searches has been published; then 1, 2 or 3 of them start consuming and the
backlog is timed from the first search processed to the last. Web: wrk posts searches (and
reads one cached city's weather) through the nginx host for --seconds, with no worker
consuming, so the CPU counted is the web tier's; nginx's cache of the public reads is off,
so every read reaches Django (bench/nginx_cache_bench.py measures that cache). Beat is
stopped throughout (its sweep would publish the waiting backlog again).

CPU seconds are read from /proc for every process of a tier's hosts (PostgreSQL: every
process of this machine's server, so other work on it counts too).

    make bench-cluster    # or: .venv/bin/python bench/cluster_bench.py [--searches 600]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "cluster"))

from bed import REPO, Bed, exclusive, log

from weather.testing.chaos import print_table

TICKS = os.sysconf("SC_CLK_TCK")
WORKERS = ("wc-worker1", "wc-worker2", "wc-worker3")
BROKERS = ("wc-rabbit1", "wc-rabbit2", "wc-rabbit3")
WEBS = ("wc-web1", "wc-web2")


def cpu_seconds(pids: list[int]) -> float:
    """User and system time of `pids`, with that of their children already reaped."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / TICKS


def postgres_pids() -> list[int]:
    out = subprocess.run(["pgrep", "-x", "postgres"], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


class Meter:
    """CPU seconds spent by each tier between start() and stop()."""

    def __init__(self, bed: Bed, tiers: dict[str, tuple[str, ...]]):
        self.bed, self.tiers = bed, tiers

    def _read(self) -> dict[str, float]:
        used = {
            tier: cpu_seconds([pid for host in hosts for pid in self.bed.hosts[host].pids()])
            for tier, hosts in self.tiers.items()
        }
        used["postgres"] = cpu_seconds(postgres_pids())
        return used

    def start(self) -> None:
        self.started, self.at = time.monotonic(), self._read()

    def stop(self) -> tuple[float, dict[str, float]]:
        now = self._read()
        return time.monotonic() - self.started, {k: now[k] - self.at[k] for k in now}


# --- Worker hosts -----------------------------------------------------------------------------


def consume(bed: Bed, hosts: list[int], on: bool) -> None:
    from server_config.celery import app

    queue = f"{bed.run}.processing"
    names = [bed.worker_name(n) for n in hosts]
    if on:
        app.control.add_consumer(queue, destination=names, reply=True, timeout=5)
    else:
        app.control.cancel_consumer(queue, destination=names, reply=True, timeout=5)


def processed(ids: list[int]) -> int:
    from weather.models import WeatherSearch

    return WeatherSearch.objects.filter(id__in=ids, processing_status="processed").count()


def worker_run(bed: Bed, hosts: int, searches: int) -> dict:
    from weather.tests.factories import WeatherSearchFactory
    from weather.worker import queue

    backlog = [WeatherSearchFactory() for _ in range(searches)]
    for search in backlog:
        queue.queue_search(search.id, search.task_id)
    ids = [search.id for search in backlog]
    meter = Meter(bed, {"workers": WORKERS, "broker": BROKERS})
    consume(bed, list(range(1, hosts + 1)), on=True)
    while processed(ids) == 0:
        time.sleep(0.05)
    meter.start()
    first = processed(ids)
    deadline = time.monotonic() + 600
    while (done := processed(ids)) < len(ids) and time.monotonic() < deadline:
        time.sleep(0.1)
    seconds, cpu = meter.stop()
    consume(bed, list(range(1, hosts + 1)), on=False)
    if done < len(ids):
        raise RuntimeError(f"{len(ids) - done} searches not processed within 600 s")
    timed = len(ids) - first
    return {
        "worker hosts": hosts,
        "searches": timed,
        "seconds": round(seconds, 1),
        "searches/s": round(timed / seconds),
        "worker CPU ms/search": round(1000 * cpu["workers"] / timed, 1),
        "broker CPU ms/search": round(1000 * cpu["broker"] / timed, 1),
        "PostgreSQL CPU ms/search": round(1000 * cpu["postgres"] / timed, 1),
    }


# --- Web hosts --------------------------------------------------------------------------------

POST_SCRIPT = """wrk.method = "POST"
wrk.body = '{"city": "Paris"}'
wrk.headers["Content-Type"] = "application/json"
"""


def wrk(url: str, seconds: float, script: Path | None) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    out = subprocess.run(
        [*command, *(["-s", str(script)] if script else []), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non-2xx": int(failed.group(1)) if failed else 0,
        "socket errors": errors.group(1).strip() if errors else "none",
        # The latency distribution's lines, not the thread statistics' columns.
        "p50": re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1),
    }


def web_run(bed: Bed, hosts: int, what: str, seconds: float, script: Path | None) -> dict:
    url = f"{bed.base}/api/v1/searches/" if script else f"{bed.base}/api/v1/weather/?city=Paris"
    meter = Meter(bed, {"web": WEBS, "nginx": ("wc-nginx",), "broker": BROKERS})
    meter.start()
    load = wrk(url, seconds, script)
    elapsed, cpu = meter.stop()
    n = load["requests"]
    return {
        "web hosts": hosts,
        "request": what,
        "requests/s": round(n / elapsed),
        "non-2xx": load["non-2xx"],
        "p50 / p99": f"{load['p50']} / {load['p99']}",
        "web CPU ms/req": round(1000 * cpu["web"] / n, 2),
        "nginx CPU ms/req": round(1000 * cpu["nginx"] / n, 2),
        "broker CPU ms/req": round(1000 * cpu["broker"] / n, 2),
        "PostgreSQL CPU ms/req": round(1000 * cpu["postgres"] / n, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--searches", type=int, default=600, help="backlog per worker run")
    parser.add_argument("--seconds", type=float, default=15, help="of wrk per web run")
    args = parser.parse_args()
    lock = exclusive("the multi-host bench")  # noqa: F841 (held until exit)

    bed = Bed(REPO / "var" / "cluster-bench", api_cache=False)  # the web rows measure Django
    try:
        bed.up()
        import django

        django.setup()
        bed.hosts["wc-beat"].stop_all(grace=10)
        consume(bed, [1, 2, 3], on=False)
        worker_rows = []
        for hosts in (1, 2, 3):
            log(f"workers: {hosts} host(s), a backlog of {args.searches}")
            worker_rows.append(worker_run(bed, hosts, args.searches))
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(POST_SCRIPT)
            script.flush()
            web_rows = []
            for hosts in (2, 1):
                if hosts == 1:
                    bed.hosts["wc-web2"].stop_all(grace=10)
                for what, lua in (("POST /searches/", Path(script.name)), ("GET /weather/", None)):
                    log(f"web: {hosts} host(s), {what}")
                    wrk(f"{bed.base}/api/v1/weather/?city=Paris", 2, None)  # warm and cached
                    web_rows.append(web_run(bed, hosts, what, args.seconds, lua))
        print_table(worker_rows)
        print_table(web_rows)
        return 0
    finally:
        bed.teardown()


if __name__ == "__main__":
    sys.exit(main())
