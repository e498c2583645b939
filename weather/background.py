"""A small per-process thread pool for work the response need not wait for.

Publishing a processing message waits for the broker's confirm (a disk write on RabbitMQ); doing
that after the response keeps searches fast, and nothing depends on it succeeding: the search row
is committed first, and the re-queue sweep publishes any search whose message never left.
"""

from __future__ import annotations

import contextvars
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None
_owner_pid: int | None = None


def _get_executor() -> ThreadPoolExecutor:
    global _executor, _owner_pid
    with _lock:
        # A forked process (a gunicorn worker) must not reuse its parent's threads.
        if _executor is None or _owner_pid != os.getpid():
            _executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="background")
            _owner_pid = os.getpid()
        return _executor


def submit(fn: Callable, *args) -> Future:
    # In the caller's context, so the job's log lines and the tasks it publishes carry the
    # request id of the request that asked for it.
    future = _get_executor().submit(contextvars.copy_context().run, _run, fn, *args)
    future.add_done_callback(_log_failure)
    return future


def _run(fn: Callable, *args) -> None:
    # As Django does around a request: never hold on to a broken or outdated connection.
    close_old_connections()
    try:
        fn(*args)
    finally:
        close_old_connections()


def _log_failure(future: Future) -> None:
    if future.exception() is not None:
        logger.error("background job failed", exc_info=future.exception())
