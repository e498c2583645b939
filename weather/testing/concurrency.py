"""Calls released at the same moment from threads of their own, as concurrent requests,
probes or task runs would arrive."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def run_together(calls: Sequence[Callable[[], T]], *, timeout: float = 60.0) -> list[T]:
    """Runs each call in its own thread, all held at a barrier until every thread is ready;
    returns their results in the order of `calls` and raises the first exception one raised.
    Each thread closes its own database connections when its call is done."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], T]) -> None:
        try:
            barrier.wait(timeout)
            results[index] = call()
        except BaseException as exc:  # raised in the caller's thread below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, call), daemon=True)
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"concurrent calls still running after {timeout} s")
    if errors:
        raise errors[0]
    return results
