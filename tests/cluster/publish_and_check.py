"""Publishes searches from the host once every worker host answers, waits until each search is
processed, and checks that every worker host took a share and that no search ran twice."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
django.setup()

from server_config.celery import app  # noqa: E402
from weather import queue  # noqa: E402
from weather.models import WeatherSearch  # noqa: E402
from weather.tests.factories import WeatherSearchFactory  # noqa: E402

SUCCEEDED = re.compile(r"Task weather\.async_weather_processing\[([0-9a-f-]+)\] succeeded")


def wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            sys.exit(f"cluster: FAILED: {what} within {timeout} s")
        time.sleep(0.5)
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=2)
    parser.add_argument("--logs", type=Path, required=True)
    args = parser.parse_args()

    # By name: other workers may share this broker.
    names = [f"worker{n}@{os.environ['CLUSTER_RUN']}" for n in range(1, args.hosts + 1)]
    wait(
        lambda: len(app.control.ping(destination=names, timeout=1.0)) == args.hosts,
        60,
        "every worker host answers",
    )
    searches = [WeatherSearchFactory() for _ in range(args.searches)]
    started = time.monotonic()
    for search in searches:
        queue.queue_search(search.id, search.task_id)
    ids = [search.id for search in searches]
    wait(
        lambda: (
            WeatherSearch.objects.filter(id__in=ids, processing_status="processed").count()
            == len(ids)
        ),
        120,
        f"all {len(ids)} searches processed",
    )
    elapsed = time.monotonic() - started

    per_host, seen = [], []
    for n in range(1, args.hosts + 1):
        tasks = SUCCEEDED.findall((args.logs / f"worker{n}.log").read_text())
        per_host.append(len(tasks))
        seen.extend(tasks)
    twice = len(seen) - len(set(seen))
    print(
        f"cluster: {len(ids)} searches processed in {elapsed:.1f} s "
        f"({len(ids) / elapsed:.0f}/s); per worker host {per_host}; processed twice {twice}"
    )
    if twice or len(set(seen)) != len(ids) or min(per_host) == 0:
        sys.exit("cluster: FAILED: every host must take a share, each search exactly once")


if __name__ == "__main__":
    main()
