"""Counters in fixed windows, shared by every process through Redis: the one way we count and
rate-limit (request throttles, the upstream budget, the circuit breaker's failures, admin logins).

A window starts with its counter's first count and ends `window_s` later (the key expires), or
the caller puts the window in the key (the budget's calendar minutes, hours and days). `take`
checks and counts several counters in one Lua script, so it costs one round trip, no two
callers can both take the last unit, and a key expiring between two steps cannot fail it.
While Redis is down the cache backend says so, and each process counts alone in the backend's
memory, against each counter's `limit_alone` (its share) where one is given; with the embedded
cache (one process, no Redis), in that cache against the full limits.

    taken = counters.take([Counter("throttle_search_1.2.3.4", window_s=60, limit=30)])
    if not taken.granted:
        wait(taken.retry_after)

Slots count what is running rather than what started: `acquire` holds one of `limit` slots
(None when all are held) until `release`, or until its lease ends if the holder died.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import NoScriptError

# KEYS: the counters. ARGV: n, then each counter's limit (-1: none), then each one's window.
# Returns {0, 0, count...} when counted, else {i, ms left in counter i's window, count...}
# with nothing counted: i is the first counter that n would take past its limit.
_TAKE = """
local n = tonumber(ARGV[1])
local size = #KEYS
local counts = {}
for i = 1, size do
  counts[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
end
for i = 1, size do
  local limit = tonumber(ARGV[1 + i])
  if limit >= 0 and counts[i] + n > limit then
    local left = redis.call('PTTL', KEYS[i])
    if left < 0 then left = 1000 * tonumber(ARGV[1 + size + i]) end
    return {i, left, unpack(counts)}
  end
end
for i = 1, size do
  counts[i] = redis.call('INCRBY', KEYS[i], n)
  if redis.call('TTL', KEYS[i]) < 0 then
    redis.call('EXPIRE', KEYS[i], ARGV[1 + size + i])
  end
end
return {0, 0, unpack(counts)}
"""
_TAKE_SHA = hashlib.sha1(_TAKE.encode(), usedforsecurity=False).hexdigest()

# KEYS: a sorted set of holders, scored by the end of their lease (ms, Redis' clock).
# ARGV: lease ms, limit, the new holder. Returns 1 when held, else 0.
_ACQUIRE = """
local now = redis.call('TIME')
now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
"""
_ACQUIRE_SHA = hashlib.sha1(_ACQUIRE.encode(), usedforsecurity=False).hexdigest()

# Taking is read, check, write: in memory, this lock makes it one step for the process.
_memory_lock = threading.Lock()


@dataclass(frozen=True)
class Counter:
    key: str
    window_s: int
    limit: int | None = None  # None: count without a limit
    # The limit while this process counts alone (Redis down), e.g. its share of `limit`.
    limit_alone: int | None = None


@dataclass(frozen=True)
class Taken:
    counts: tuple[int, ...]  # each counter after this call (as found, when refused)
    full: int | None = None  # the index of the counter that refused, None when counted
    retry_after: float = 0.0  # seconds until that counter's window ends

    @property
    def granted(self) -> bool:
        return self.full is None


def take(counters: Sequence[Counter], n: int = 1) -> Taken:
    """Adds `n` to every counter if none would pass its limit; otherwise adds nothing."""
    return _redis_or_memory(
        lambda client: _take_in_redis(client, counters, n),
        lambda memory, alone: _take_in_memory(memory, counters, n, alone),
    )


def count(key: str, window_s: int, n: int = 1) -> int:
    """Adds `n` to the counter `key` (without a limit) and returns its count in this window."""
    return take([Counter(key, window_s)], n).counts[0]


def read(keys: Sequence[str]) -> list[int]:
    """The current count of each key (0 for a window that has not started or has ended)."""

    def in_memory(memory, _alone) -> list[int]:
        found = memory.get_many(keys)
        now = time.time()
        return [_live(found.get(key), now)[0] for key in keys]

    def in_redis(client) -> list[int]:
        return [int(value or 0) for value in client.mget([cache.make_key(k) for k in keys])]

    return _redis_or_memory(in_redis, in_memory)


def reset(*keys: str) -> None:
    """Ends the keys' windows now: they count from zero again."""
    _redis_or_memory(
        lambda client: client.delete(*(cache.make_key(k) for k in keys)),
        lambda memory, _alone: memory.delete_many(keys),
    )


def acquire(key: str, limit: int, lease_s: float) -> str | None:
    """Holds one of `limit` slots under `key` for at most `lease_s` seconds: the holder's
    token, or None when every slot is held. While Redis is down, this process counts alone."""
    token = uuid.uuid4().hex

    def in_redis(client) -> bool:
        args = [math.ceil(lease_s * 1000), limit, token]
        return bool(_eval(client, _ACQUIRE, _ACQUIRE_SHA, [cache.make_key(key)], args))

    def in_memory(memory, _alone) -> bool:
        now = time.time()
        with _memory_lock:
            held = {t: end for t, end in (memory.get(key) or {}).items() if end > now}
            if len(held) >= limit:
                return False
            held[token] = now + lease_s
            memory.set(key, held, timeout=lease_s)
        return True

    return token if _redis_or_memory(in_redis, in_memory) else None


def release(key: str, token: str) -> None:
    """Gives back the slot `token` holds (nothing if its lease already ended)."""

    def in_memory(memory, _alone) -> None:
        with _memory_lock:
            held = memory.get(key) or {}
            if held.pop(token, None) is not None:
                memory.set(key, held, timeout=max(1.0, max(held.values(), default=0) - time.time()))

    _redis_or_memory(lambda client: client.zrem(cache.make_key(key), token), in_memory)


def _eval(client, script: str, sha: str, keys: list, args: list):
    try:
        return client.evalsha(sha, len(keys), *keys, *args)
    except NoScriptError:  # the first call since Redis started (or flushed its scripts)
        return client.eval(script, len(keys), *keys, *args)


def _redis_or_memory(on_redis, on_memory):
    """on_redis(client) on the Redis behind the cache, or on_memory(memory cache, alone) while
    it is down (alone: the backend owns the outage state and its log line) or when the cache is
    not Redis (the embedded cache: this process is all there is)."""
    redis_or_memory = getattr(cache, "redis_or_memory", None)
    if redis_or_memory is None:
        return on_memory(cache, False)
    return redis_or_memory(
        lambda: on_redis(cache.client.get_client(write=True)),
        lambda: on_memory(cache.memory, True),
    )


def _take_in_redis(client, counters: Sequence[Counter], n: int) -> Taken:
    keys = [cache.make_key(counter.key) for counter in counters]
    args = [
        n,
        *(-1 if c.limit is None else c.limit for c in counters),
        *(math.ceil(c.window_s) for c in counters),  # EXPIRE takes whole seconds
    ]
    full, left_ms, *counts = _eval(client, _TAKE, _TAKE_SHA, keys, args)
    counts = tuple(int(c) for c in counts)
    if not full:
        return Taken(counts)
    return Taken(counts, int(full) - 1, int(left_ms) / 1000)


def _take_in_memory(memory, counters: Sequence[Counter], n: int, alone: bool) -> Taken:
    now = time.time()
    with _memory_lock:
        found = memory.get_many([c.key for c in counters])
        windows = [_live(found.get(c.key), now, c.window_s) for c in counters]
        counts = tuple(used for used, _ in windows)
        for i, (counter, (used, ends_at)) in enumerate(zip(counters, windows, strict=True)):
            limit = (
                counter.limit_alone if alone and counter.limit_alone is not None else counter.limit
            )
            if limit is not None and used + n > limit:
                return Taken(counts, i, ends_at - now)
        for counter, (used, ends_at) in zip(counters, windows, strict=True):
            memory.set(counter.key, (used + n, ends_at), timeout=ends_at - now)
    return Taken(tuple(used + n for used in counts))


def _live(value, now: float, window_s: float = 0) -> tuple[int, float]:
    """A counter kept in memory as (count, end of window), or a fresh window if it ended."""
    if value is None or value[1] <= now:
        return 0, now + window_s
    return value
