"""Open-Meteo's fair-use quota, spent by every process of ours together.

What is counted is what Open-Meteo bills: an attempt weighs
`open_meteo.call_weight` calls (more than 10 variables or 2 weeks of data per location cost
more than one), failed attempts and retries included.

Counters per minute, hour and day (weather.infra.counters) are checked and spent together in
one step, so no two processes can both take the last call. Each window is a fixed one (the
minute, hour or UTC day a call falls in), as Open-Meteo's own limits are ("try again in the next
hour").

Interactive searches may spend every window whole; background work (warm-up, bulk refreshes:
code run under `background()`) stops short of the share reserved for them
(`OPEN_METEO_BUDGET_INTERACTIVE_SHARE`). While Redis is down, each process counts on its own:
it may spend only its share of each window (limit / `OPEN_METEO_BUDGET_PROCESSES`) and no
background work spends at all, so the processes together still stay within the limits.

    from weather.providers import budget
    budget.spend(3)   # three calls of the quota, or BudgetExhausted (a ProviderUnavailable)
    with budget.background():
        ...           # calls that must leave the interactive share alone
"""

from __future__ import annotations

import contextvars
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from weather.infra import counters
from weather.providers.base import ProviderUnavailable

WINDOWS = (("minute", 60), ("hour", 3600), ("day", 86400))

_in_background = contextvars.ContextVar("open_meteo_budget_background", default=False)


class BudgetExhausted(ProviderUnavailable):
    """Our share of Open-Meteo's quota is spent for now: no call is made."""

    http_status = 503
    code = "upstream_budget_exhausted"
    kind = "budget"  # weather_open_meteo_errors_total{kind}

    def __init__(self, window: str, retry_after: float):
        super().__init__(f"the Open-Meteo budget per {window} is spent; try again later")
        self.window = window
        self.retry_after = retry_after


def limits() -> dict[str, int]:
    return {
        "minute": settings.OPEN_METEO_BUDGET_PER_MINUTE,
        "hour": settings.OPEN_METEO_BUDGET_PER_HOUR,
        "day": settings.OPEN_METEO_BUDGET_PER_DAY,
    }


def spend(n: int = 1) -> None:
    """Takes `n` upstream calls from the budget, or raises BudgetExhausted (taking none)."""
    now = time.time()
    taken = counters.take(_counters(now, background=_in_background.get()), n)
    if not taken.granted:
        name, length = WINDOWS[taken.full]
        raise BudgetExhausted(name, length - now % length)


@contextmanager
def background() -> Iterator[None]:
    """Upstream calls made inside (or in a function it decorates) are background work: they
    leave the interactive share of each window alone, and stop while Redis is down."""
    token = _in_background.set(True)
    try:
        yield
    finally:
        _in_background.reset(token)


def spender() -> str:
    """Who is spending now: "background" (inside `background()`) or "interactive"."""
    return "background" if _in_background.get() else "interactive"


def usage() -> dict[str, dict[str, int]]:
    """Calls spent and the limit in each current window (readiness shows it)."""
    now = time.time()
    wanted = limits()
    used = counters.read([_key(name, length, now) for name, length in WINDOWS])
    return {
        name: {"used": value, "limit": wanted[name]}
        for (name, _), value in zip(WINDOWS, used, strict=True)
    }


def _counters(now: float, *, background: bool) -> list[counters.Counter]:
    wanted = limits()
    reserved = settings.OPEN_METEO_BUDGET_INTERACTIVE_SHARE
    found = []
    for name, length in WINDOWS:
        limit = wanted[name]
        if background:
            limit, alone = limit - math.ceil(limit * reserved), 0
        else:
            alone = limit // settings.OPEN_METEO_BUDGET_PROCESSES
        found.append(counters.Counter(_key(name, length, now), length, limit, alone))
    return found


def _key(window: str, length: int, now: float) -> str:
    return f"open-meteo:budget:{window}:{int(now // length)}"
