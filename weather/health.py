"""Readiness checks: each dependency answers within about a second, or counts as down."""

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from . import queue


def _timed(check: Callable[[], None]) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # any failure means "down"; the message says why
        return {"status": "down", "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def check_database() -> dict:
    def query():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    return _timed(query)


def check_cache() -> dict:
    def roundtrip():
        cache.set("health:ping", "pong", timeout=5)
        if cache.get("health:ping") != "pong":
            raise RuntimeError("cache did not return what was written")

    return _timed(roundtrip)


def check_all() -> dict:
    return {
        "database": check_database(),
        "cache": check_cache(),
        "broker": queue.check_broker(),
    }
