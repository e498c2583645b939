"""Readiness checks: each dependency answers within about a second, or counts as down."""

import logging
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from . import queue
from .providers import breaker, budget

logger = logging.getLogger(__name__)


def _timed(check: Callable[[], None]) -> dict:
    started = time.perf_counter()
    try:
        check()
    except Exception as exc:  # any failure means "down"
        # Anyone may ask: the kind of failure only; hosts, ports and users go to the log.
        logger.warning("readiness: %s down: %s: %s", check.__qualname__, type(exc).__name__, exc)
        return {"status": "down", "error": type(exc).__name__}
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

    result = _timed(roundtrip)
    if result["status"] == "ok" and getattr(cache, "degraded", False):
        # Still answering, from each process's memory: no longer shared between processes.
        return {"status": "degraded", "error": "Redis unreachable: each process caches alone"}
    return result


def check_upstream() -> dict:
    """Open-Meteo as we see it, without calling it: the circuit and the budget left. An open
    circuit is "degraded", not "down": cached answers are still served."""
    state = breaker.state()
    status = "ok" if state["circuit"] == "closed" else "degraded"
    return {"status": status, **state, "budget": budget.usage()}


def check_all() -> dict:
    return {
        "database": check_database(),
        "cache": check_cache(),
        "broker": queue.check_broker(),
        "upstream": check_upstream(),
    }


def overall(checks: dict) -> str:
    """ "unavailable" when a dependency is down, "degraded" when one only limps, else "ok"."""
    statuses = {check["status"] for check in checks.values()}
    return "unavailable" if "down" in statuses else "degraded" if "degraded" in statuses else "ok"
