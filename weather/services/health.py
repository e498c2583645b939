"""Readiness checks: each dependency answers within about a second, or counts as down.

Anyone may ask for readiness, as often as they like: `readiness` runs the checks at most once
per READINESS_CACHE_S in each process, over the connections the process keeps anyway.
`open_connections` opens those connections before a web thread takes traffic.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from weather.infra import process_state
from weather.providers import breaker, budget
from weather.worker import queue

logger = logging.getLogger(__name__)

# The last round of this process: (monotonic time it ended, its checks). One round at a time:
# a caller arriving during a round waits for it and shares its result.
_latest: tuple[float, dict] | None = None
_checking = threading.Lock()


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


def readiness() -> dict:
    """`check_all()`, run again only once the last round is READINESS_CACHE_S old (0: every
    time). A flood of probes costs each process one round of checks a second."""
    global _latest
    max_age = settings.READINESS_CACHE_S
    if max_age <= 0:
        return check_all()
    latest = _latest
    if latest is None or time.monotonic() - latest[0] >= max_age:
        with _checking:
            latest = _latest
            if latest is None or time.monotonic() - latest[0] >= max_age:
                checks = check_all()
                latest = _latest = (time.monotonic(), checks)
    return latest[1]


@process_state.on_reset
def forget() -> None:
    """Drops the last round (a forked process, and the tests, which change the dependencies
    between two requests)."""
    global _latest
    _latest = None


def open_connections() -> None:
    """Opens the connections a web thread keeps, before it takes traffic: its own database
    connection (Django keeps one per thread), one of the Redis client's pooled connections,
    and a pooled broker connection, which publishing and the broker check share. One that
    cannot be opened now is opened by the first request that needs it; never raises."""
    for name, opener in (
        ("database", connection.ensure_connection),
        ("cache", lambda: cache.get("health:ping")),
        ("broker", queue.open_broker_connection),
    ):
        try:
            opener()
        except Exception as exc:
            logger.warning("warm-up: %s not connected: %s: %s", name, type(exc).__name__, exc)
