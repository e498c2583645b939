"""What a process keeps in memory for itself, in one registry.

Memos (rendered bodies, known places, the last readiness round), per-process thread pools and
HTTP sessions all live here, so that two things hold for every one of them:

- a forked child (a gunicorn worker, a Celery pool process) never uses its parent's: one
  after-fork hook drops them all, and each is made again on first use in the child. A thread
  pool's threads do not survive a fork, and a session's sockets would be shared with the parent;
- `reset()` forgets them all at once (the tests, whose rows and Redis entries vanish between
  two tests, so the memos in front of them must too).

Three ways to take part: `Local(make)` for a value made on first use (a pool, a session),
`memo(container)` for a dict or cache emptied in place, `on_reset(forget)` for anything else.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")
M = TypeVar("M", bound="_Clearable")


class _Clearable(Protocol):
    def clear(self) -> None: ...


_forgetters: list[Callable[[], None]] = []
_locals: list[Local] = []


def on_reset(forget: Callable[[], None]) -> Callable[[], None]:
    """Registers `forget`, called by `reset()` and in a forked child (where it runs before any
    other thread exists, so it must not wait for a lock another thread may have held at the
    fork). Returns it, so it can decorate a function."""
    _forgetters.append(forget)
    return forget


def memo(container: M) -> M:
    """Registers a dict or cache of this process, emptied by `reset()` and after a fork;
    returns it. A memo shared by threads keeps its own lock, which `clear()` does not take."""
    on_reset(container.clear)
    return container


class Local(Generic[T]):
    """A value of this process, made by `make()` on first use; made again after a fork or a
    `reset()`. `close` (optional) releases the value that `reset()` drops; a forked child never
    closes its parent's."""

    def __init__(self, make: Callable[[], T], close: Callable[[T], None] | None = None):
        self._make = make
        self._close = close
        self._value: T | None = None
        self._lock = threading.Lock()
        _locals.append(self)

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._make()
                value = self._value
        return value

    def _drop(self, *, closing: bool = True) -> None:
        value, self._value = self._value, None
        if closing and value is not None and self._close is not None:
            try:
                self._close(value)
            except Exception:
                logger.warning("could not close %r", value, exc_info=True)

    def _forget_in_child(self) -> None:
        self._lock = threading.Lock()  # may have been held by a parent's thread at the fork
        self._drop(closing=False)


def reset() -> None:
    """Forgets everything registered (the tests, between two tests)."""
    for local in list(_locals):
        local._drop()
    for forget in list(_forgetters):
        forget()


def _after_fork_in_child() -> None:
    for local in list(_locals):
        local._forget_in_child()
    for forget in list(_forgetters):
        try:
            forget()
        except Exception:  # a fork must go on: the child makes what it needs again
            logger.warning("could not forget %r after a fork", forget, exc_info=True)


# The one after-fork hook: gunicorn and Celery's prefork pool both fork with os.fork.
os.register_at_fork(after_in_child=_after_fork_in_child)
