"""The fault suites' common parts: a steady stream of searches, per-phase bookkeeping, and the
checks read from the database (processed once, lost, counted twice).

`make chaos` (tests/chaos/run.py, one host) and `make cluster` (tests/cluster/, hosts in network
namespaces) both run phases: a Stream posts searches at a rate while a fault is injected and
healed, then settle() waits until every accepted search is processed and gives the phase's row.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field

import requests

# The stream is one client sending far more than a person would: limits off for the run.
UNLIMITED = {
    "THROTTLE_SEARCH_RATE": "1000000/min",
    "THROTTLE_AUTOCOMPLETE_RATE": "1000000/min",
    "OPEN_METEO_BUDGET_PER_MINUTE": "1000000",
    "OPEN_METEO_BUDGET_PER_HOUR": "1000000",
    "OPEN_METEO_BUDGET_PER_DAY": "1000000",
}
CITIES = ["Paris", "Berlin", "London", "Tokyo", "New York", "Sydney", "Yakutsk", "Phoenix"]
# As the SPA does (frontend/src/lib/api-client.ts): each search carries an Idempotency-Key of
# its own and is sent once more, with the same key, after one of these answers or none.
RETRIED_STATUSES = {502, 503, 504}
RETRY_DELAY_S = 0.3


def say(message: str, label: str = "chaos") -> None:
    print(f"[{label} {time.strftime('%H:%M:%S')}] {message}", flush=True)


def wait_for(predicate, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up within {timeout:g} s")
        time.sleep(0.2)


@dataclass
class Phase:
    name: str
    inject: object  # callable
    heal: object  # callable
    accepted: list[str] = field(default_factory=list)  # the searches' public ids
    errors_5xx: int = 0
    statuses: dict = field(default_factory=dict)  # the client's last answer per search
    retried: int = 0  # searches sent a second time
    healed_at: float = 0.0
    ended_at: float = 0.0
    first_ok_after_heal: float | None = None


class Stream:
    def __init__(self, base: str, rate: float, label: str = "chaos"):
        self.base, self.rate, self.label = base, rate, label

    def run(self, phase: Phase, seconds: float, at_inject: float, at_heal: float) -> None:
        lock = threading.Lock()
        started = time.monotonic()
        threads = []

        def one():
            city, key = random.choice(CITIES), str(uuid.uuid4())
            status, response = self._post(city, key)
            if status in RETRIED_STATUSES or not isinstance(status, int):
                with lock:
                    phase.retried += 1
                time.sleep(RETRY_DELAY_S)
                status, response = self._post(city, key)
            with lock:
                phase.statuses[status] = phase.statuses.get(status, 0) + 1
                if status == 201:
                    phase.accepted.append(response.json()["id"])
                    if phase.healed_at and phase.first_ok_after_heal is None:
                        phase.first_ok_after_heal = time.monotonic() - phase.healed_at
                elif isinstance(status, int) and status >= 500:
                    phase.errors_5xx += 1

        def fault():
            # Beside the stream, not in its loop: a slow inject or heal (a broker that takes
            # seconds to stop or start) must not hold back the searches meant to meet it.
            time.sleep(at_inject)
            say(f"{phase.name}: injecting", self.label)
            phase.inject()
            time.sleep(max(0.0, started + at_heal - time.monotonic()))
            say(f"{phase.name}: healing", self.label)
            phase.heal()
            phase.healed_at = time.monotonic()

        faulting = threading.Thread(target=fault, daemon=True)
        faulting.start()
        sent = 0
        while (elapsed := time.monotonic() - started) < seconds:
            if sent < elapsed * self.rate:
                thread = threading.Thread(target=one)
                thread.start()
                threads.append(thread)
                sent += 1
            else:
                time.sleep(0.005)
        for thread in threads:
            thread.join()
        faulting.join()  # a heal still running past the stream's end
        phase.ended_at = time.monotonic()

    def _post(self, city: str, key: str) -> tuple[int | str, requests.Response | None]:
        """The answer's status (an exception's name when there is none) and the answer."""
        try:
            response = requests.post(
                f"{self.base}/api/v1/searches/",
                json={"city": city},
                headers={"Idempotency-Key": key},
                timeout=15,
            )
        except requests.RequestException as exc:
            return type(exc).__name__, None
        return response.status_code, response


def _query(sql: str, params: list) -> int:
    from django.db import close_old_connections, connection

    close_old_connections()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def counts(ids: list[str]) -> tuple[int, int]:
    """(processed, counted twice) among `ids`, read from the database."""
    processed = _query(
        "SELECT count(*) FROM weather_weathersearch"
        " WHERE public_id = ANY(%s::uuid[]) AND processing_status = 'processed'",
        [ids],
    )
    counted = _query("SELECT coalesce(sum(search_count), 0) FROM weather_locationstatistics", [])
    all_processed = _query(
        "SELECT count(*) FROM weather_weathersearch WHERE processing_status = 'processed'", []
    )
    return processed, counted - all_processed


def republished(ids: list[str]) -> int:
    """How many of `ids` were published more than once (by the re-queue sweep)."""
    return _query(
        "SELECT count(*) FROM weather_weathersearch"
        " WHERE public_id = ANY(%s::uuid[]) AND publish_attempts > 1",
        [ids],
    )


def settle(phase: Phase, timeout: float, sweep=None, label: str = "chaos") -> dict:
    """Waits until every accepted search is processed (calling `sweep` every 5 s, if given);
    the phase's row of the results table."""
    deadline = time.monotonic() + timeout
    last_sweep = 0.0
    processed = doubled = 0
    while True:
        try:
            processed, doubled = counts(phase.accepted)
        except Exception as exc:  # the database may still be coming back
            say(f"{phase.name}: cannot count yet ({type(exc).__name__})", label)
        if processed == len(phase.accepted) or time.monotonic() > deadline:
            break
        if sweep is not None and time.monotonic() - last_sweep > 5:
            last_sweep = time.monotonic()
            with contextlib.suppress(Exception):
                sweep()
        time.sleep(0.5)
    drained = time.monotonic() - phase.ended_at
    first_ok = phase.first_ok_after_heal
    return {
        "phase": phase.name,
        "sent": sum(phase.statuses.values()),
        "accepted": len(phase.accepted),
        "processed once": processed,
        "lost": len(phase.accepted) - processed,
        "processed twice": doubled,
        "5xx": phase.errors_5xx,
        "retried": phase.retried,
        "answers": " ".join(f"{k}:{v}" for k, v in sorted(phase.statuses.items(), key=str)),
        "recovered s": None if first_ok is None else round(first_ok, 1),
        "drained s": round(drained, 1) if processed == len(phase.accepted) else None,
    }


# In the JSON results only: the refresh column says it in words.
_NOT_PRINTED = {"ended in time", "reasons"}


def print_table(rows: list[dict]) -> None:
    """A Markdown table of the rows; a column only some phases have (a refresh's) shows "-"
    in the others."""
    columns = [c for c in dict.fromkeys(k for row in rows for k in row) if c not in _NOT_PRINTED]
    print("\n| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join("-" if row.get(c) is None else str(row[c]) for c in columns) + " |")


# --- A bulk refresh under a fault -------------------------------------------------------------


def store_places(count: int, first_id: int = 9_100_000) -> list[int]:
    """Stored places a little apart (each its own forecast), for the refreshes of the faults."""
    from weather.models import Location

    Location.objects.bulk_create(
        [
            Location(
                geonames_id=first_id + i, name=f"Chaos {i}", country="Nowhere",
                latitude=30.0 + i * 0.1, longitude=-20.0 + i * 0.1, timezone="UTC",
            )
            for i in range(count)
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    return [first_id + i for i in range(count)]


class RefreshProbe:
    """A bulk refresh a phase starts beside the stream of searches, and how it ended: when,
    how many places were refreshed or failed and why, and the multi-location upstream calls
    made while `watching` (each batch of k places counts k - 1, single searches nothing)."""

    def __init__(self, fake_base: str, places: list[int]):
        self.fake_base, self.places = fake_base, places
        self.refresh_id = None
        self.started = 0.0
        self.batched: int | None = None
        self._watch_from = 0

    def _batch_extra(self) -> int:
        calls = requests.get(f"{self.fake_base}/__fake__/calls", timeout=5).json()
        return calls["forecast_locations"] - calls["forecast"]

    def watch(self) -> None:
        self._watch_from = self._batch_extra()

    def unwatch(self) -> None:
        self.batched = self._batch_extra() - self._watch_from

    def start(self) -> None:
        from django.db import close_old_connections

        from weather.worker import queue

        close_old_connections()
        self.refresh_id = queue.start_bulk_refresh(self.places, requested_by="chaos").pk
        self.started = time.monotonic()
        close_old_connections()

    def done(self) -> int:
        """Places with an outcome so far."""
        from django.db import close_old_connections

        from weather.models import BulkRefresh

        close_old_connections()
        return len(BulkRefresh.objects.get(pk=self.refresh_id).outcomes)

    def result(self, sweep) -> dict:
        """Waits until the refresh has finished (running `sweep` every 5 s, past its deadline
        and a sweep at most); its cell of the results table and whether it ended in time."""
        from django.db import close_old_connections
        from django.utils import timezone

        from weather.models import BulkRefresh

        close_old_connections()
        refresh = BulkRefresh.objects.get(pk=self.refresh_id)
        allowed = (refresh.deadline_at - timezone.now()).total_seconds() + 10
        give_up = time.monotonic() + allowed
        while refresh.status != BulkRefresh.Status.FINISHED and time.monotonic() < give_up:
            time.sleep(5)
            with contextlib.suppress(Exception):
                sweep()
            refresh.refresh_from_db()
        ended_s = (
            (refresh.finished_at - refresh.created_at).total_seconds()
            if refresh.finished_at
            else None
        )
        deadline_s = (refresh.deadline_at - refresh.created_at).total_seconds()
        why = sorted(set(refresh.failures.values()))
        cell = (
            f"{refresh.total} places: {refresh.done} ok, {len(refresh.failures)} failed"
            f"{' (' + ', '.join(why) + ')' if why else ''}, "
            + (f"ended in {ended_s:.1f} s" if ended_s is not None else "NOT ENDED")
            + f" (deadline {deadline_s:.0f} s)"
        )
        if self.batched is not None:
            cell += f"; batched places fetched while Redis was down: {self.batched}"
        ended = ended_s is not None and ended_s <= deadline_s
        return {"refresh": cell, "ended in time": ended, "reasons": why}


# 200 places in 20 chunks of 10, no rate limit; each refresh's deadline is 60 s + 1 s a chunk.
REFRESH_ENV = {
    "BULK_REFRESH_CHUNK_SIZE": "10",
    "BULK_REFRESH_RATE_LIMIT": "100/s",
    "BULK_REFRESH_DEADLINE_S": "60",
    "BULK_REFRESH_CHUNK_DEADLINE_S": "1",
}


def no_latency(fake_base: str) -> None:
    requests.post(f"{fake_base}/__fake__/latency", json={"seconds": 0}, timeout=5)


def refresh_faults(fake_base: str, refresher, redis) -> dict:
    """The faults met by a bulk refresh: name -> (inject, heal, the refresh's probe). The
    refresh worker and Redis are tests/chaos/run.py's (pool_pids(); stop() and start())."""
    places = store_places(200)
    redis_probe, pool_probe = RefreshProbe(fake_base, places), RefreshProbe(fake_base, places)

    def redis_down():  # the refresh starts into the outage
        redis.stop()
        redis_probe.watch()
        redis_probe.start()

    def redis_up():
        redis_probe.unwatch()
        redis.start()

    def kill_mid_chunk():  # each chunk's call takes 0.5 s: the one process is mid-chunk
        requests.post(f"{fake_base}/__fake__/latency", json={"seconds": 0.5}, timeout=5)
        pool_probe.start()
        wait_for(lambda: refresher.pool_pids() and pool_probe.done() > 0, "a refreshed chunk", 60)
        pid = refresher.pool_pids()[0]
        os.kill(pid, signal.SIGKILL)
        say(f"refresh-pool-kill: killed pool process {pid} after {pool_probe.done()} places")

    return {
        "redis-refresh": (redis_down, redis_up, redis_probe),
        "refresh-pool-kill": (kill_mid_chunk, lambda: no_latency(fake_base), pool_probe),
    }


def refresh_ok(row: dict) -> bool:
    """A refresh met by a fault ended within its deadline; killed mid-chunk, that chunk's places
    failed for it; with Redis down, no batch was fetched (background work spends nothing)."""
    if "refresh" not in row:
        return True
    if row["phase"] == "refresh-pool-kill" and "WorkerLostError" not in row["reasons"]:
        return False
    if row["phase"] == "redis-refresh" and "fetched while Redis was down: 0" not in row["refresh"]:
        return False
    return row["ended in time"]
