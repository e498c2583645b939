"""Open-Meteo's fair-use quota, spent by every process of ours together.

Counters per minute, hour and day (weather.infra.counters) are checked and spent together in
one step, so no two processes can both take the last call. Each window is a fixed one (the
minute, hour or UTC day a call falls in), as Open-Meteo's own limits are ("try again in the next
hour"). While Redis is down, each process counts on its own: the limits then hold per process
instead of overall, which is better than calling without any.

    from weather.providers import budget
    budget.spend(3)   # three upstream calls, or BudgetExhausted (a ProviderUnavailable)
"""

from __future__ import annotations

import time

from django.conf import settings

from weather.infra import counters
from weather.providers.base import ProviderUnavailable

WINDOWS = (("minute", 60), ("hour", 3600), ("day", 86400))


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
    wanted = limits()
    taken = counters.take(
        [
            counters.Counter(_key(name, length, now), length, wanted[name])
            for name, length in WINDOWS
        ],
        n,
    )
    if not taken.granted:
        name, length = WINDOWS[taken.full]
        raise BudgetExhausted(name, length - now % length)


def usage() -> dict[str, dict[str, int]]:
    """Calls spent and the limit in each current window (readiness shows it)."""
    now = time.time()
    wanted = limits()
    used = counters.read([_key(name, length, now) for name, length in WINDOWS])
    return {
        name: {"used": value, "limit": wanted[name]}
        for (name, _), value in zip(WINDOWS, used, strict=True)
    }


def _key(window: str, length: int, now: float) -> str:
    return f"open-meteo:budget:{window}:{int(now // length)}"
