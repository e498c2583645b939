"""Cache-aside with single flight and stale fallback, shared by every gunicorn worker via Redis.

An entry is kept for `keep_s` but counts as fresh only for `fresh_s`. When it is not fresh, one
caller (whoever takes the key's lock) fetches it; the others wait for its answer. When the fetch
fails with one of the errors the caller names in `stale_on`, waiting callers share that failure
and a kept (stale) entry is served instead of it. Any other error is a bug and propagates.
Fresh entries are also kept in process memory, so a hot key costs neither a Redis round trip
nor unpickling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from cachetools import TLRUCache
from django.core.cache import cache
from redis.exceptions import LockError

from server_config.cache_backend import process_lock
from weather.infra import metrics, process_state

logger = logging.getLogger(__name__)
T = TypeVar("T")

_POLL_S = 0.02
# A failed fetch is remembered this long, so waiting callers share the leader's error
# instead of each trying again (which would multiply upstream calls during an outage).
_FAILURE_TTL_S = 2

# Fresh entries in this process, each dropped once its freshness ends (or when the least
# recently used must make room). cachetools objects are not thread-safe: gthread workers share
# this one, hence the lock.
local_entries: TLRUCache[str, dict] = process_state.memo(
    TLRUCache(maxsize=1000, ttu=lambda _key, entry, _now: entry["fresh_until"], timer=time.time)
)
_local_lock = threading.Lock()


@dataclass(frozen=True)
class Cached(Generic[T]):
    value: T
    # When the value was fetched (time.time()): with `fresh_s`, how long it stays fresh, and
    # with the key, which fetch a caller got.
    fetched_at: float
    stale: bool = False


def get_or_fetch(
    key: str,
    fetch: Callable[[], T],
    *,
    fresh_s: float,
    keep_s: float,
    wait_s: float,
    lock_s: float,
    stale_on: tuple[type[Exception], ...],
    wait_timeout: Callable[[], Exception],
) -> Cached[T]:
    """The value under `key`, fetched by one caller at a time when it is not fresh.

    `lock_s` must cover the longest a fetch can take (retries included), or a second caller
    would start fetching while the first still is. Callers wait at most `wait_s` for another
    caller's fetch; then they get the kept entry or the error `wait_timeout()` makes.
    """
    entry = _local_get(key)
    if _is_fresh(entry, fresh_s):
        metrics.record_cache(key, "hit")
        return Cached(entry["value"], entry["at"])
    entry = cache.get(key)
    if _is_fresh(entry, fresh_s):
        _local_put(key, entry, fresh_s)
        metrics.record_cache(key, "hit")
        return Cached(entry["value"], entry["at"])

    lock = _lock(key, lock_s)
    if not lock.acquire(blocking=False):
        # Someone else is fetching: wait for their answer (or their failure).
        answer = _wait_for_other(key, entry, lock, wait_s, wait_timeout)
        if answer is not None:
            return answer
    try:
        return _fetch_holding_the_lock(key, entry, fetch, fresh_s, keep_s, stale_on)
    finally:
        _release(lock, key)


def _fetch_holding_the_lock(
    key: str, entry: dict | None, fetch, fresh_s: float, keep_s: float, stale_on
) -> Cached:
    # The previous holder may have finished between our first read and taking the lock, with
    # an answer or with a failure that is still fresh enough to share.
    newer = cache.get(key)
    if _is_fresh(newer, fresh_s):
        metrics.record_cache(key, "shared")
        return Cached(newer["value"], newer["at"])
    failure = cache.get(_failure_key(key))
    if failure is not None:
        return _fallback(key, entry, failure)
    try:
        value = fetch()
    except stale_on as exc:
        cache.set(_failure_key(key), exc, timeout=_FAILURE_TTL_S)
        return _fallback(key, entry, exc)
    entry = {"value": value, "at": time.time()}
    cache.set(key, entry, timeout=keep_s)
    _local_put(key, entry, fresh_s)
    cache.delete(_failure_key(key))
    metrics.record_cache(key, "miss")
    return Cached(value, entry["at"])


def _wait_for_other(
    key: str, entry: dict | None, lock, wait_s: float, wait_timeout
) -> Cached | None:
    """Polls until the caller holding `lock` stored an answer or a failure (returned), the
    lock is free (None: ours now, fetch) or `wait_s` passed (the kept entry, or an error)."""
    started = time.monotonic()
    try:
        while True:
            time.sleep(_POLL_S)
            newer = cache.get(key)
            if newer is not None and (entry is None or newer["at"] > entry["at"]):
                metrics.record_cache(key, "shared")
                return Cached(newer["value"], newer["at"])
            failure = cache.get(_failure_key(key))
            if failure is not None:
                return _fallback(key, entry, failure)
            if time.monotonic() > started + wait_s:
                return _fallback(key, entry, wait_timeout())
            if lock.acquire(blocking=False):
                return None
    finally:
        metrics.record_cache_wait(key, time.monotonic() - started)


def _is_fresh(entry: dict | None, fresh_s: float) -> bool:
    return entry is not None and time.time() - entry["at"] < fresh_s


def _failure_key(key: str) -> str:
    return f"{key}:failure"


def forecast_key(latitude: float, longitude: float) -> str:
    """The forecast's cache key: two decimals (~1 km) is finer than the forecast grid, so
    nearby requests share an entry."""
    return f"forecast:{latitude:.2f}:{longitude:.2f}"


def store(key: str, value, *, keep_s: float) -> None:
    """Puts a value fetched just now, as `get_or_fetch` would (a bulk fetch of many keys)."""
    cache.set(key, {"value": value, "at": time.time()}, timeout=keep_s)


def fetched_at_many(keys: list[str]) -> dict[str, float]:
    """When each cached key's value was fetched (time.time()); missing keys are left out."""
    return {key: entry["at"] for key, entry in cache.get_many(keys).items()}


def _local_get(key: str) -> dict | None:
    with _local_lock:
        return local_entries.get(key)


def _local_put(key: str, entry: dict, fresh_s: float) -> None:
    with _local_lock:
        local_entries[key] = {**entry, "fresh_until": entry["at"] + fresh_s}


def _lock(key: str, timeout_s: float):
    if hasattr(cache, "lock"):
        # django-redis: a redis-py lock, whose release checks its token and deletes the key in
        # one Lua script, so an expired holder never deletes the next holder's lock.
        return cache.lock(f"{key}:lock", timeout=timeout_s)
    return process_lock(f"{key}:lock")  # the embedded cache: this process is all there is


def _release(lock, key: str) -> None:
    try:
        lock.release()
    except LockError:
        # Our lock expired during the fetch; whoever holds the key now keeps it.
        logger.warning("the fetch of %s outlived its lock", key)


def _fallback(key: str, entry: dict | None, error: Exception) -> Cached:
    if entry is None:
        metrics.record_cache(key, "error")
        raise error
    metrics.record_cache(key, "stale")
    logger.warning("serving stale cache entry after upstream failure: %s", error)
    return Cached(entry["value"], entry["at"], stale=True)
