"""A circuit breaker on Open-Meteo, shared by every process of ours through the cache.

Closed: calls go through; each transient failure (429, 5xx, unreachable, timeout) is counted.
Open: after `OPEN_METEO_BREAKER_FAILURES` failures within `OPEN_METEO_BREAKER_WINDOW_S`, no
call goes out for `OPEN_METEO_BREAKER_COOLDOWN_S` (or the longer Retry-After Open-Meteo gave):
callers fail fast with CircuitOpen, which the cache answers with a stale entry where it has one.
Half-open: once the cooldown ends, one caller at a time probes; success closes the circuit,
failure opens it again.

The state lives in the cache and the failures in a shared counter (weather.infra.counters):
while Redis is down, the cache backend keeps both in each process instead.

A closed circuit costs a call no Redis round trip most of the time: a process that found the
circuit closed believes it for `CLOSED_RECHECK_S` (a circuit another process opens meanwhile
stops this one's calls that much later), and a success after such a call changes nothing.
"""

from __future__ import annotations

import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import cache

from weather.infra import counters, process_state
from weather.providers.base import ProviderUnavailable

logger = logging.getLogger(__name__)

_OPEN_UNTIL = "open-meteo:breaker:open-until"
_FAILURES = "open-meteo:breaker:failures"
_PROBE = "open-meteo:breaker:probe"
_KEEP_S = 86400  # the open state outlives its cooldown: it ends with a successful probe
CLOSED_RECHECK_S = 1.0

# When this process last found the circuit closed (time.monotonic()).
_closed_seen: dict[str, float] = process_state.memo({})
# Whether this thread's (or task's) last before_call found the circuit closed: its success
# then has no open state to end.
_saw_closed = contextvars.ContextVar("open_meteo_breaker_saw_closed", default=False)


class CircuitOpen(ProviderUnavailable):
    """Open-Meteo failed too often lately: we do not call it until the cooldown ends."""

    http_status = 503
    code = "upstream_unavailable"
    kind = "circuit_open"  # weather_open_meteo_errors_total{kind}

    def __init__(self, retry_after: float):
        super().__init__("Open-Meteo is failing; not calling it for a moment")
        self.retry_after = retry_after


def before_call() -> None:
    """Raises CircuitOpen while the circuit is open, or half-open and another caller probes."""
    seen = _closed_seen.get("at")
    if seen is not None and time.monotonic() - seen < CLOSED_RECHECK_S:
        _saw_closed.set(True)
        return
    _saw_closed.set(False)
    open_until = cache.get(_OPEN_UNTIL)
    if open_until is None:
        _closed_seen["at"] = time.monotonic()
        _saw_closed.set(True)
        return
    now = time.time()
    if now < open_until:
        raise CircuitOpen(open_until - now)
    probe_s = settings.OPEN_METEO_CONNECT_TIMEOUT_S + settings.OPEN_METEO_READ_TIMEOUT_S
    if not cache.add(_PROBE, now, timeout=probe_s):
        raise CircuitOpen(1)
    logger.info("Open-Meteo circuit half-open: probing")


def record_success() -> None:
    if _saw_closed.get():
        return
    if cache.get(_OPEN_UNTIL) is not None:
        cache.delete_many([_OPEN_UNTIL, _PROBE])
        counters.reset(_FAILURES)
        logger.warning("Open-Meteo circuit closed: the probe succeeded")


def record_failure(retry_after: float | None = None) -> None:
    """A transient failure: counted, and the circuit opened when they add up (or the probe
    failed)."""
    now = time.time()
    probing = cache.get(_OPEN_UNTIL) is not None
    if probing:
        failures = settings.OPEN_METEO_BREAKER_FAILURES
    else:
        failures = counters.count(_FAILURES, settings.OPEN_METEO_BREAKER_WINDOW_S)
    if failures < settings.OPEN_METEO_BREAKER_FAILURES:
        return
    cooldown = max(settings.OPEN_METEO_BREAKER_COOLDOWN_S, retry_after or 0)
    cache.set(_OPEN_UNTIL, now + cooldown, timeout=_KEEP_S)
    cache.delete(_PROBE)
    _closed_seen.clear()
    logger.warning("Open-Meteo circuit open for %.0f s after %d failures", cooldown, failures)


def state() -> dict:
    """ "closed", "open" (with the seconds left) or "half_open", for readiness."""
    open_until = cache.get(_OPEN_UNTIL)
    if open_until is None:
        return {"circuit": "closed"}
    left = open_until - time.time()
    if left > 0:
        return {"circuit": "open", "retry_after": round(left, 1)}
    return {"circuit": "half_open"}
