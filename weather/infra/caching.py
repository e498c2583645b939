"""Cache-aside with single flight and stale fallback, shared by every gunicorn worker via Redis.

An entry is kept for `keep_s` but counts as fresh only for `fresh_s`. When it is not fresh, one
caller (whoever takes the key's lock) fetches it; the others wait for its answer. When the fetch
fails with one of the errors the caller names in `stale_on`, waiting callers share that failure
and a kept (stale) entry is served instead of it. Any other error is a bug and propagates.
Fresh entries are also kept in process memory, so a hot key costs no Redis round trip.

Values are plain data (what JSON holds), stored as compact bytes: the fetch time, then the
value's JSON (`FORMAT` is in the key, so entries of an older format are ignored, not misread).
Against Redis, a miss costs two round trips, each one Lua script (`weather.infra.cache_scripts`):
read the entry, the last failure and take the lock in one; store the answer (or the failure)
and release the lock in the other. While Redis is down, and with the embedded cache, the same
steps run on the process's local-memory cache (`cache_stores.MemoryStore`).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from cachetools import TLRUCache

from weather.infra import metrics, process_state
from weather.infra.cache_stores import Found, store_for

logger = logging.getLogger(__name__)

FORMAT = 2  # of the stored bytes; a change of format takes new keys
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
class Cached:
    value: Any
    # When the value was fetched (time.time()): with `fresh_s`, how long it stays fresh, and
    # with the key, which fetch a caller got.
    fetched_at: float
    stale: bool = False


def encode(value: Any, fetched_at: float) -> bytes:
    # Compact UTF-8 JSON, keys as json.dumps writes them; a NaN (no answer carries one) is null.
    return b"%.6f|%s" % (fetched_at, orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))


def decode(raw: bytes | None) -> Cached | None:
    if raw is None:
        return None
    at, _, data = raw.partition(b"|")
    return Cached(orjson.loads(data), float(at))


def get_or_fetch(
    key: str,
    fetch: Callable[[], Any],
    *,
    fresh_s: float,
    keep_s: float,
    wait_s: float,
    lock_s: float,
    stale_on: tuple[type[Exception], ...],
    wait_timeout: Callable[[], Exception],
) -> Cached:
    """The value under `key`, fetched by one caller at a time when it is not fresh.

    `lock_s` must cover the longest a fetch can take (retries included), or a second caller
    would start fetching while the first still is. Callers wait at most `wait_s` for another
    caller's fetch; then they get the kept entry or the error `wait_timeout()` makes.
    """
    with _local_lock:
        entry = local_entries.get(key)
    if entry is not None and entry["at"] > time.time() - fresh_s:
        metrics.record_cache(key, "hit")
        return Cached(entry["value"], entry["at"])
    token = uuid.uuid4().hex
    found = store_for().read_or_lock(_stored(key), time.time() - fresh_s, token, lock_s)
    kept = decode(found.entry)
    if kept is not None and kept.fetched_at > time.time() - fresh_s:
        _local_put(key, kept, fresh_s)
        metrics.record_cache(key, "hit")
        return kept
    if found.failure is None and not found.locked:
        # Someone else is fetching: wait for their answer (or their failure).
        found = _wait_for_other(key, kept, token, fresh_s, lock_s, wait_s, wait_timeout)
        if isinstance(found, Cached):
            return found
    if found.failure is not None:
        return _fallback(key, kept, found.failure)
    return _fetch_holding_the_lock(key, kept, token, fetch, fresh_s, keep_s, stale_on)


def _fetch_holding_the_lock(key, kept, token, fetch, fresh_s, keep_s, stale_on) -> Cached:
    store = store_for()
    try:
        value = fetch()
    except stale_on as exc:
        _released(store.fail(_stored(key), exc, _FAILURE_TTL_S, token), key)
        return _fallback(key, kept, exc)
    except BaseException:
        _released(store.release(_stored(key), token), key)
        raise
    fresh = Cached(value, time.time())
    _released(store.put(_stored(key), encode(value, fresh.fetched_at), keep_s, token), key)
    _local_put(key, fresh, fresh_s)
    metrics.record_cache(key, "miss")
    return fresh


def _wait_for_other(key, kept, token, fresh_s, lock_s, wait_s, wait_timeout) -> Cached | Found:
    """Polls until the caller holding the lock stored an answer (returned) or a failure, the
    lock is ours (fetch) or `wait_s` passed (the kept entry, or an error)."""
    started = time.monotonic()
    try:
        while True:
            time.sleep(_POLL_S)
            found = store_for().read_or_lock(_stored(key), time.time() - fresh_s, token, lock_s)
            newer = decode(found.entry)
            if newer is not None and (kept is None or newer.fetched_at > kept.fetched_at):
                metrics.record_cache(key, "shared")
                return newer
            if found.failure is not None or found.locked:
                return found
            if time.monotonic() > started + wait_s:
                return Found(None, wait_timeout(), False)
    finally:
        metrics.record_cache_wait(key, time.monotonic() - started)


def _stored(key: str) -> str:
    return f"{key}:v{FORMAT}"


def _released(released: bool, key: str) -> None:
    if not released:
        # Our lock expired during the fetch; whoever holds the key now keeps it.
        logger.warning("the fetch of %s outlived its lock", key)


def _local_put(key: str, cached: Cached, fresh_s: float) -> None:
    entry = {
        "value": cached.value,
        "at": cached.fetched_at,
        "fresh_until": cached.fetched_at + fresh_s,
    }
    with _local_lock:
        local_entries[key] = entry


def _fallback(key: str, kept: Cached | None, error: Exception) -> Cached:
    if kept is None:
        metrics.record_cache(key, "error")
        raise error
    metrics.record_cache(key, "stale")
    logger.warning("serving stale cache entry after upstream failure: %s", error)
    return Cached(kept.value, kept.fetched_at, stale=True)


def forecast_key(latitude: float, longitude: float) -> str:
    """The forecast's cache key: two decimals (~1 km) is finer than the forecast grid, so
    nearby requests share an entry."""
    return f"forecast:{latitude:.2f}:{longitude:.2f}"


def store(key: str, value: Any, *, keep_s: float) -> None:
    """Puts a value fetched just now, as `get_or_fetch` would (a bulk fetch of many keys)."""
    store_for().put(_stored(key), encode(value, time.time()), keep_s, None)


def read(key: str) -> Cached | None:
    """The kept entry under `key`, fresh or not (None when there is none)."""
    return decode(store_for().get_many([_stored(key)]).get(_stored(key)))


def fetched_at_many(keys: list[str]) -> dict[str, float]:
    """When each cached key's value was fetched (time.time()); missing keys are left out."""
    found = store_for().get_many([_stored(key) for key in keys])
    return {key: decode(found[_stored(key)]).fetched_at for key in keys if _stored(key) in found}


def read_many(keys: list[str]) -> dict[str, Cached]:
    """The kept entries under these keys, fresh or not, in one round trip; missing keys are
    left out."""
    found = store_for().get_many([_stored(key) for key in keys])
    return {key: decode(found[_stored(key)]) for key in keys if _stored(key) in found}
