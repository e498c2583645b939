"""The fault suites' common parts: a steady stream of searches, per-phase bookkeeping, and the
checks read from the database (processed once, lost, counted twice).

`make chaos` (tests/chaos/run.py, one host) and `make cluster` (tests/cluster/, hosts in network
namespaces) both run phases: a Stream posts searches at a rate while a fault is injected and
healed, then settle() waits until every accepted search is processed and gives the phase's row.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
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
    accepted: list[int] = field(default_factory=list)
    errors_5xx: int = 0
    statuses: dict = field(default_factory=dict)
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
            city = random.choice(CITIES)
            try:
                response = requests.post(
                    f"{self.base}/api/v1/searches/", json={"city": city}, timeout=15
                )
            except requests.RequestException as exc:
                status = type(exc).__name__
            else:
                status = response.status_code
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


def _query(sql: str, params: list) -> int:
    from django.db import close_old_connections, connection

    close_old_connections()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def counts(ids: list[int]) -> tuple[int, int]:
    """(processed, counted twice) among `ids`, read from the database."""
    processed = _query(
        "SELECT count(*) FROM weather_weathersearch"
        " WHERE id = ANY(%s) AND processing_status = 'processed'",
        [ids],
    )
    counted = _query("SELECT coalesce(sum(search_count), 0) FROM weather_locationstatistics", [])
    all_processed = _query(
        "SELECT count(*) FROM weather_weathersearch WHERE processing_status = 'processed'", []
    )
    return processed, counted - all_processed


def republished(ids: list[int]) -> int:
    """How many of `ids` were published more than once (by the re-queue sweep)."""
    return _query(
        "SELECT count(*) FROM weather_weathersearch WHERE id = ANY(%s) AND publish_attempts > 1",
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
        "answers": " ".join(f"{k}:{v}" for k, v in sorted(phase.statuses.items(), key=str)),
        "recovered s": None if first_ok is None else round(first_ok, 1),
        "drained s": round(drained, 1) if processed == len(phase.accepted) else None,
    }


def print_table(rows: list[dict]) -> None:
    columns = list(rows[0]) if rows else []
    print("\n| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join("-" if row[c] is None else str(row[c]) for c in columns) + " |")
