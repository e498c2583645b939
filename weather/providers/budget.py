"""Open-Meteo's fair-use quota, spent by every process of ours together.

Counters per minute, hour and day live in Redis and are checked and spent in one Lua script,
so no two processes can both take the last call. Each window is a fixed one (the minute, hour
or UTC day a call falls in), as Open-Meteo's own limits are ("try again in the next hour").
When Redis cannot be reached, each process counts on its own (and says so once): the limits
then hold per process instead of overall, which is better than calling without any.

    from weather.providers import budget
    budget.spend(3)   # three upstream calls, or BudgetExhausted (a ProviderUnavailable)
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache

from weather.providers.base import ProviderUnavailable

WINDOWS = (("minute", 60), ("hour", 3600), ("day", 86400))

# KEYS: one counter per window. ARGV: n, then each window's limit, then each window's length.
# Returns 0 when spent, else the seconds until the first full window ends (nothing spent).
_SPEND = """
local n = tonumber(ARGV[1])
local count = #KEYS
for i = 1, count do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used + n > tonumber(ARGV[1 + i]) then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl > 0 then return ttl end
    return tonumber(ARGV[1 + count + i])
  end
end
for i = 1, count do
  if redis.call('INCRBY', KEYS[i], n) == n then
    redis.call('EXPIRE', KEYS[i], ARGV[1 + count + i])
  end
end
return 0
"""


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
    wait = _redis_or_memory(
        lambda client: _spend_in_redis(client, n, now, wanted),
        lambda: _spend_in_memory(n, now, wanted),
    )
    if wait:
        window, seconds = wait
        raise BudgetExhausted(window, seconds)


def usage() -> dict[str, dict[str, int]]:
    """Calls spent and the limit in each current window (readiness shows it)."""
    now = time.time()
    wanted = limits()
    keys = [_key(name, length, now) for name, length in WINDOWS]

    def in_memory() -> list[int]:
        with _memory_lock:
            return [_memory.get(key, 0) for key in keys]

    values = _redis_or_memory(lambda client: client.mget(keys), in_memory)
    return {
        name: {"used": int(value or 0), "limit": wanted[name]}
        for (name, _), value in zip(WINDOWS, values, strict=True)
    }


def _key(window: str, length: int, now: float) -> str:
    return cache.make_key(f"open-meteo:budget:{window}:{int(now // length)}")


def _redis_or_memory(on_redis, on_memory):
    """on_redis(client) on the Redis behind the cache, or on_memory() when the cache is not
    Redis or Redis is down (the cache backend owns the outage state and its one log line)."""
    redis_or_memory = getattr(cache, "redis_or_memory", None)
    if redis_or_memory is None:
        return on_memory()
    return redis_or_memory(lambda: on_redis(cache.client.get_client(write=True)), on_memory)


def _spend_in_redis(client, n: int, now: float, wanted: dict) -> tuple[str, float] | None:
    keys = [_key(name, length, now) for name, length in WINDOWS]
    args = [n, *(wanted[name] for name, _ in WINDOWS), *(length for _, length in WINDOWS)]
    wait = int(client.eval(_SPEND, len(keys), *keys, *args))
    if not wait:
        return None
    return _full_window(n, now, wanted, lambda key: int(client.get(key) or 0)), wait


def _full_window(n: int, now: float, wanted: dict, used) -> str:
    for name, length in WINDOWS:
        if used(_key(name, length, now)) + n > wanted[name]:
            return name
    return "minute"  # freed meanwhile: the shortest window is the honest guess


# --- Per process, while Redis is away -------------------------------------------------------

_memory: dict[str, int] = {}
_memory_lock = threading.Lock()


def _spend_in_memory(n: int, now: float, wanted: dict) -> tuple[str, float] | None:
    keys = {name: (_key(name, length, now), length) for name, length in WINDOWS}
    with _memory_lock:
        for key in [k for k in _memory if k not in {k for k, _ in keys.values()}]:
            del _memory[key]  # windows that have ended
        for name, (key, length) in keys.items():
            if _memory.get(key, 0) + n > wanted[name]:
                return name, length - now % length
        for key, _ in keys.values():
            _memory[key] = _memory.get(key, 0) + n
    return None
