"""Cache-aside with single flight and stale fallback, shared by every gunicorn worker via Redis.

An entry is kept for `keep_s` but counts as fresh only for `fresh_s`. When it is not fresh, one
caller (whoever wins a `cache.add` lock) fetches it; the others wait for its answer. When the
fetch fails, a kept (stale) entry is served instead of the error. Fresh entries are also kept in
process memory, so a hot key costs neither a Redis round trip nor unpickling.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.core.cache import cache

from .providers import ProviderError, ProviderTimeout

logger = logging.getLogger(__name__)
T = TypeVar("T")

_POLL_S = 0.02
# A failed fetch is remembered this long, so waiting callers share the leader's error
# instead of each trying again (which would multiply upstream calls during an outage).
_FAILURE_TTL_S = 2


_local: dict[str, dict] = {}
_LOCAL_MAX = 1000


def clear_local() -> None:
    """Forget the in-process copies (Redis still has them)."""
    _local.clear()


def _remember(key: str, entry: dict) -> None:
    if len(_local) >= _LOCAL_MAX:
        _local.clear()
    _local[key] = entry


@dataclass(frozen=True)
class Cached(Generic[T]):
    value: T
    stale: bool = False


def get_or_fetch(
    key: str, fetch: Callable[[], T], *, fresh_s: int, keep_s: int, wait_s: float
) -> Cached[T]:
    entry = _local.get(key)
    if entry is not None and time.time() - entry["at"] < fresh_s:
        return Cached(entry["value"])
    entry = cache.get(key)
    if entry is not None and time.time() - entry["at"] < fresh_s:
        _remember(key, entry)
        return Cached(entry["value"])

    lock_key, failure_key = f"{key}:lock", f"{key}:failure"
    token = uuid.uuid4().hex
    deadline = time.monotonic() + wait_s
    while not cache.add(lock_key, token, timeout=max(1, int(wait_s) + 1)):
        # Someone else is fetching: wait for their answer (or their failure).
        time.sleep(_POLL_S)
        newer = cache.get(key)
        if newer is not None and (entry is None or newer["at"] > entry["at"]):
            return Cached(newer["value"])
        failure = cache.get(failure_key)
        if failure is not None:
            return _fallback(entry, failure)
        if time.monotonic() > deadline:
            return _fallback(entry, ProviderTimeout("timed out waiting for a concurrent fetch"))
    try:
        # The previous leader may have finished between our first read and taking the lock.
        newer = cache.get(key)
        if newer is not None and time.time() - newer["at"] < fresh_s:
            return Cached(newer["value"])
        try:
            value = fetch()
        except ProviderError as exc:
            cache.set(failure_key, exc, timeout=_FAILURE_TTL_S)
            return _fallback(entry, exc)
        entry = {"value": value, "at": time.time()}
        cache.set(key, entry, timeout=keep_s)
        _remember(key, entry)
        cache.delete(failure_key)
        return Cached(value)
    finally:
        if cache.get(lock_key) == token:
            cache.delete(lock_key)


def _fallback(entry: dict | None, error: ProviderError) -> Cached:
    if entry is None:
        raise error
    logger.warning("serving stale cache entry after upstream failure: %s", error)
    return Cached(entry["value"], stale=True)
