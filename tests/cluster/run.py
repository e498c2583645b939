"""`make cluster`: faults across hosts under a steady stream of searches (docs/scaling.md,
RELIABILITY.md). Root only: the hosts are network namespaces (tests/cluster/bed.py).

Each phase posts searches through the nginx host at --rate per second for --seconds, injects
its fault a third of the way in and heals it at two thirds, then waits until every accepted
search is processed. The test never runs the re-queue sweep itself: beat, on its own host,
does (every 5 s here), and each row says how many searches that sweep published again. Each
search carries an Idempotency-Key and is sent once more after a 502, 503, 504 or no answer,
as the SPA does. Exit status 1 when any phase lost or doubled a search, or when the client
saw an error in web-host-kill.

    .venv/bin/python tests/cluster/run.py [--phases worker-host-kill,...] [--rate 10] [--short]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bed import REPO, Bed, exclusive, log

from weather.testing.chaos import Phase, Stream, counts, print_table, republished, settle

PHASES = [
    "worker-host-kill",
    "worker-link-cut",
    "web-host-stop",
    "web-host-kill",
    "rabbitmq-leader-stop",
    "rabbitmq-partition",
]
SHORT = {"phases": "worker-host-kill,rabbitmq-leader-stop", "rate": 5, "seconds": 24}
# Phases where the client must see no error at all: a search in flight on the web host that
# dies is passed by nginx to the other (its Idempotency-Key makes that safe), or sent again
# by the client, which the stream does once like the SPA.
NO_CLIENT_ERRORS = {"web-host-kill"}


class Faults:
    """Each phase's inject and heal, and the check that says its host is back in service.
    Slow steps (a RabbitMQ node stopping or starting) run in the background, so the stream of
    searches goes on meanwhile; join() waits for them."""

    def __init__(self, bed: Bed):
        self.bed = bed
        self.threads: list[threading.Thread] = []
        self.node = None  # the RabbitMQ node of the current phase

    def background(self, fn):
        def start():
            thread = threading.Thread(target=fn, daemon=True)
            thread.start()
            self.threads.append(thread)

        return start

    def then(self, fn):
        """`fn` once the background steps started earlier are done (a heal after its fault)."""

        def run():
            self.join()
            fn()

        return run

    def join(self) -> None:
        for thread in list(self.threads):
            if thread is not threading.current_thread():
                thread.join()
                # A heal's thread may be joining it too (a slow fault): whoever is first.
                with contextlib.suppress(ValueError):
                    self.threads.remove(thread)

    def _pick_leader(self, what: str) -> None:
        self.node = self.bed.queue_leader()
        log(f"{what} {self.node.node}, the processing queue's leader")

    def _stop_leader(self):
        self._pick_leader("stopping")
        self.node.stop()

    def _start_node(self):
        self.node.start()
        self.node.await_startup()

    def _partition(self):
        self._pick_leader("cutting off")
        self.node.host.link(up=False)

    def _cluster_whole(self) -> bool:
        status = json.loads(self.bed.rabbits[0].ctl("cluster_status", "--formatter", "json",
                                                    timeout=30, check=False) or "{}")  # fmt: skip
        return len(status.get("running_nodes", [])) == 3 and not status.get("partitions")

    def _worker_answers(self, n: int) -> bool:
        from server_config.celery import app

        name = self.bed.worker_name(n)
        return bool(app.control.ping(destination=[name], timeout=1.0))

    def phases(self) -> dict:
        """name: (inject, heal, back in service)."""
        bed = self.bed
        worker1, worker2, web1 = (bed.hosts[n] for n in ("wc-worker1", "wc-worker2", "wc-web1"))
        return {
            "worker-host-kill": (
                worker1.kill_all, lambda: bed.start_worker(1), lambda: self._worker_answers(1),
            ),
            "worker-link-cut": (
                lambda: worker2.link(up=False), lambda: worker2.link(up=True),
                lambda: self._worker_answers(2),
            ),
            "web-host-stop": (
                self.background(web1.stop_all), self.then(lambda: bed.start_web(1)),
                lambda: bed.web_answers(1),
            ),
            "web-host-kill": (web1.kill_all, lambda: bed.start_web(1), lambda: bed.web_answers(1)),
            "rabbitmq-leader-stop": (
                self.background(self._stop_leader),
                self.background(self.then(self._start_node)),
                self._cluster_whole,
            ),
            "rabbitmq-partition": (
                self.background(self._partition),
                self.then(lambda: self.node.host.link(up=True)),
                self._cluster_whole,
            ),
        }  # fmt: skip


class Recovery:
    """Started by the healing: polls `check` until it holds, for the "recovered s" column
    (seconds from the healing until the host is back in service)."""

    def __init__(self, heal, check, timeout: float):
        self.heal, self.check, self.timeout = heal, check, timeout
        self.seconds: float | None = None
        self.thread: threading.Thread | None = None

    def __call__(self) -> None:
        self.heal()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        started = time.monotonic()
        while time.monotonic() - started < self.timeout:
            with contextlib.suppress(Exception):
                if self.check():
                    self.seconds = round(time.monotonic() - started, 1)
                    return
            time.sleep(0.5)

    def result(self) -> float | None:
        if self.thread:
            self.thread.join()
        return self.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--rate", type=float, default=10, help="searches per second")
    parser.add_argument("--seconds", type=float, default=45, help="of stream per phase")
    parser.add_argument("--settle", type=float, default=120, help="most seconds to drain")
    parser.add_argument("--results", type=Path, help="also write the table as JSON here")
    parser.add_argument("--short", action="store_true", help=f"the CI version: {SHORT}")
    args = parser.parse_args()
    if args.short:
        for key, value in SHORT.items():
            setattr(args, key, value)
    wanted = args.phases.split(",")
    unknown = set(wanted) - set(PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")

    lock = exclusive("make cluster")  # noqa: F841 (held until exit)
    # A timeout's SIGTERM or a Ctrl-C still tears the bed down (the finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    started = time.monotonic()
    bed = Bed(REPO / "var" / "cluster")
    try:
        bed.up()
        import django

        django.setup()
        rows = []
        stream = Stream(bed.base, args.rate, label="cluster")
        faults = Faults(bed)
        phases = faults.phases()
        for name in wanted:
            inject, heal, check = phases[name]
            recovery = Recovery(heal, check, args.settle)
            phase = Phase(name, inject, recovery)
            third = args.seconds / 3
            stream.run(phase, args.seconds, third, 2 * third)
            row = settle(phase, args.settle, label="cluster")
            faults.join()
            row["recovered s"] = recovery.result()
            row["re-queued by beat's sweep"] = republished(phase.accepted)
            rows.append(row)
            log(json.dumps(row))
        _, doubled = counts([])  # anywhere in the database, phases or not
        print_table(rows)
        print(
            f"\n{len(rows)} phases in {time.monotonic() - started:.0f} s (bed start included);"
            " the test never ran the sweep: every re-queue above was beat's"
        )
        if args.results:
            args.results.write_text(json.dumps(rows, indent=2))
        bad = [r["phase"] for r in rows if r["lost"] or r["processed twice"]]
        if bad:
            log(f"FAILED: lost or doubled searches in {', '.join(bad)}")
        if refused := [r["phase"] for r in rows if client_errors(r)]:
            log(f"FAILED: the client saw errors in {', '.join(refused)}")
            bad += refused
        return 1 if bad or doubled else 0
    finally:
        bed.teardown()


def client_errors(row: dict) -> int:
    """Searches whose client got no 201 in the end, in a phase that allows none."""
    return row["sent"] - row["accepted"] if row["phase"] in NO_CLIENT_ERRORS else 0


if __name__ == "__main__":
    sys.exit(main())
