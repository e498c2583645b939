"""Where `weather.infra.caching` keeps its entries, failures and locks: Redis, in one Lua
script per step (one round trip each), or a local-memory cache (the embedded mode, and each
process while Redis is down), with the same steps.

Keys: the entry under `key`, its last failure under `key:failure`, its lock under `key:lock`
(holding a random token, so only its holder releases it). An entry is `b"<fetched at>|..."`.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass

from django.core.cache import cache
from redis.exceptions import NoScriptError

# KEYS: entry, failure, lock. ARGV: fetched after (fresh), token, lock ms.
# {entry, nil, 0} when fresh; else {entry, failure, 0} after a failure; else {entry, nil,
# 1 when the lock was taken}.
_READ_OR_LOCK = """
local entry = redis.call('GET', KEYS[1])
if entry then
  local at = tonumber(string.match(entry, '^[^|]*'))
  if at and at > tonumber(ARGV[1]) then return {entry, false, 0} end
end
local failure = redis.call('GET', KEYS[2])
if failure then return {entry, failure, 0} end
local locked = 0
if redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[3]) then locked = 1 end
return {entry, false, locked}
"""
# KEYS: key to set, key to delete, lock. ARGV: value, ms to keep, token. 1 when the lock was
# ours (and is released now).
_SET_AND_RELEASE = """
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if KEYS[2] ~= KEYS[1] then redis.call('DEL', KEYS[2]) end
if redis.call('GET', KEYS[3]) == ARGV[3] then
  redis.call('DEL', KEYS[3])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
"""
_SHA = {
    script: hashlib.sha1(script.encode(), usedforsecurity=False).hexdigest()
    for script in (_READ_OR_LOCK, _SET_AND_RELEASE, _RELEASE)
}


@dataclass(frozen=True)
class Found:
    entry: bytes | None  # fresh or not
    failure: Exception | None  # the last fetch's, while it is remembered
    locked: bool  # the lock is ours: fetch


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))


def _fetched_at(entry: bytes) -> float:
    return float(entry.partition(b"|")[0])


class RedisStore:
    def __init__(self, client):
        self.client = client

    def _run(self, script: str, keys: list[str], args: list):
        try:
            return self.client.evalsha(_SHA[script], len(keys), *keys, *args)
        except NoScriptError:  # the first call since Redis started (or flushed its scripts)
            return self.client.eval(script, len(keys), *keys, *args)

    def read_or_lock(self, key: str, fresh_after: float, token: str, lock_s: float) -> Found:
        entry, failure, locked = self._run(
            _READ_OR_LOCK, _keys(key), [repr(fresh_after), token, _ms(lock_s)]
        )
        return Found(entry, pickle.loads(failure) if failure else None, bool(locked))  # noqa: S301 (our own)

    def put(self, key: str, entry: bytes, keep_s: float, token: str | None) -> bool:
        entry_key, failure_key, lock_key = _keys(key)
        args = [entry, _ms(keep_s), token or ""]
        return bool(self._run(_SET_AND_RELEASE, [entry_key, failure_key, lock_key], args))

    def fail(self, key: str, error: Exception, ttl_s: float, token: str) -> bool:
        _, failure_key, lock_key = _keys(key)
        args = [pickle.dumps(error), _ms(ttl_s), token]
        return bool(self._run(_SET_AND_RELEASE, [failure_key, failure_key, lock_key], args))

    def release(self, key: str, token: str) -> bool:
        return bool(self._run(_RELEASE, [_keys(key)[2]], [token]))

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        values = self.client.mget([cache.make_key(k) for k in keys])
        return {k: v for k, v in zip(keys, values, strict=True) if v is not None}


def _keys(key: str) -> list[str]:
    return [cache.make_key(key), cache.make_key(f"{key}:failure"), cache.make_key(f"{key}:lock")]


class MemoryStore:
    """The same steps on a Django cache of this process (each call is atomic in it)."""

    def __init__(self, memory):
        self.memory = memory

    def read_or_lock(self, key: str, fresh_after: float, token: str, lock_s: float) -> Found:
        entry = self.memory.get(key)
        if entry is not None and _fetched_at(entry) > fresh_after:
            return Found(entry, None, False)
        failure = self.memory.get(f"{key}:failure")
        if failure is not None:
            return Found(entry, failure, False)
        return Found(entry, None, self.memory.add(f"{key}:lock", token, timeout=lock_s))

    def put(self, key: str, entry: bytes, keep_s: float, token: str | None) -> bool:
        self.memory.set(key, entry, timeout=keep_s)
        self.memory.delete(f"{key}:failure")
        return self.release(key, token) if token else False

    def fail(self, key: str, error: Exception, ttl_s: float, token: str) -> bool:
        self.memory.set(f"{key}:failure", error, timeout=ttl_s)
        return self.release(key, token)

    def release(self, key: str, token: str) -> bool:
        if self.memory.get(f"{key}:lock") != token:
            return False
        self.memory.delete(f"{key}:lock")
        return True

    def get_many(self, keys: list[str]) -> dict[str, bytes]:
        return self.memory.get_many(keys)


class _RedisOrMemory:
    """Each step on Redis, or on the backend's memory while Redis is down (the backend owns
    the outage state and its log line)."""

    def __init__(self, backend):
        self.backend = backend

    def __getattr__(self, step: str):
        def run(*args):
            return self.backend.redis_or_memory(
                lambda: getattr(RedisStore(self.backend.client.get_client(write=True)), step)(
                    *args
                ),
                lambda: getattr(MemoryStore(self.backend.memory), step)(*args),
            )

        return run


def store_for():
    """The store behind the configured cache."""
    if hasattr(cache, "redis_or_memory"):
        return _RedisOrMemory(cache)
    return MemoryStore(cache)  # the embedded cache: this process is all there is
