"""django-redis, with this process's memory standing in while Redis is unreachable.

Redis shares the cache, the single-flight locks and the counters between our processes, but
the API must not go down with it: while it does not answer, every operation is served from a
local-memory cache in each process instead (logged once per outage), and Redis is tried again
a few seconds later (so a dead Redis costs one timeout per process every few seconds, not
one per request). `degraded` tells readiness which of the two answered last.

This is the one place that knows Redis can be down: the rest of the app uses the cache, or the
raw counters of weather.infra.counters, which ask `redis_or_memory` and count in `memory`.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)

RETRY_REDIS_AFTER_S = 5.0

# One lock per key for this process: single flight where no Redis lock can be had (the embedded
# cache, a Redis outage). Each lives while someone holds or waits for it.
_process_locks: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
_process_locks_lock = threading.Lock()


def process_lock(key: str) -> threading.Lock:
    """The lock of `key` in this process (the same object for every caller while it is used)."""
    with _process_locks_lock:
        lock = _process_locks.get(key)
        if lock is None:
            lock = _process_locks[key] = threading.Lock()
        return lock


class RedisCacheWithFallback(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._memory = LocMemCache("redis-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_until = 0.0

    @property
    def memory(self) -> LocMemCache:
        """What stands in for Redis while it is down (raw counters keep theirs here too)."""
        return self._memory

    @property
    def degraded(self) -> bool:
        return self._down_until > 0

    def redis_or_memory(self, on_redis, on_memory):
        """on_redis(), or on_memory() while Redis is down; public so the raw counters, which
        talk to Redis directly, share this one outage state."""
        if time.monotonic() < self._down_until:
            return on_memory()
        try:
            result = on_redis()
        except RedisError as exc:
            if not self._down_until:
                logger.error("Redis unreachable (%s): caching in each process's memory", exc)
            self._down_until = time.monotonic() + RETRY_REDIS_AFTER_S
            return on_memory()
        if self._down_until:
            logger.warning("Redis answers again: the shared cache is back")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None, client=None):
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).get(key, default, version, client),
            lambda: self._memory.get(key, default, version),
        )

    def set(self, key, value, timeout=..., version=None, client=None, nx=False, xx=False):
        timeout = self.default_timeout if timeout is ... else timeout
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).set(
                key, value, timeout, version=version, client=client, nx=nx, xx=xx
            ),
            lambda: self._memory.set(key, value, timeout, version),
        )

    def add(self, key, value, timeout=..., version=None, client=None):
        timeout = self.default_timeout if timeout is ... else timeout
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).add(
                key, value, timeout, version=version, client=client
            ),
            lambda: self._memory.add(key, value, timeout, version),
        )

    def has_key(self, key, version=None, client=None):  # `key in cache`: the sessions ask it
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).has_key(key, version, client),
            lambda: self._memory.has_key(key, version),
        )

    def delete(self, key, version=None, prefix=None, client=None):
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).delete(
                key, version=version, prefix=prefix, client=client
            ),
            lambda: self._memory.delete(key, version),
        )

    def get_many(self, keys, version=None, client=None):
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).get_many(keys, version, client),
            lambda: self._memory.get_many(keys, version),
        )

    def set_many(self, data, timeout=..., version=None, client=None):
        timeout = self.default_timeout if timeout is ... else timeout
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).set_many(
                data, timeout, version=version, client=client
            ),
            lambda: self._memory.set_many(data, timeout, version),
        )

    def delete_many(self, keys, version=None, client=None):
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).delete_many(
                keys, version=version, client=client
            ),
            lambda: self._memory.delete_many(keys, version),
        )

    def incr(self, key, delta=1, version=None, client=None, ignore_key_check=False):
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).incr(
                key, delta, version=version, client=client, ignore_key_check=ignore_key_check
            ),
            lambda: self._memory.incr(key, delta, version),
        )

    def clear(self):
        self._memory.clear()
        return self.redis_or_memory(
            lambda: super(RedisCacheWithFallback, self).clear(), lambda: None
        )

    def lock(self, key, **kwargs):
        return _FallbackLock(self, key, super().lock(key, **kwargs))


class _FallbackLock:
    """A Redis lock that is a lock of this process while Redis is unreachable."""

    def __init__(self, cache: RedisCacheWithFallback, key: str, redis_lock):
        self._cache, self._key, self._redis_lock = cache, key, redis_lock
        self._held = None

    def acquire(self, blocking=True, **kwargs):
        def on_memory():
            lock = process_lock(self._key)
            if lock.acquire(blocking):
                self._held = lock
                return True
            return False

        def on_redis():
            if self._redis_lock.acquire(blocking=blocking, **kwargs):
                self._held = self._redis_lock
                return True
            return False

        return self._cache.redis_or_memory(on_redis, on_memory)

    def release(self):
        held, self._held = self._held, None
        if held is None:
            raise LockError("not held")
        try:
            held.release()
        except RedisError as exc:
            if isinstance(exc, LockError):
                raise
            logger.warning("could not release %s in Redis: %s (it expires)", self._key, exc)
