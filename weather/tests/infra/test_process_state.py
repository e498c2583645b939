"""What a process keeps for itself: one registry that a test resets and a forked child
(a gunicorn worker, a Celery pool process) starts without."""

from __future__ import annotations

import os

import pytest

from weather.api import rendering
from weather.infra import caching, process_state, publishing
from weather.models import places
from weather.providers import open_meteo_http
from weather.services import health
from weather.worker import queue, task_signals

pytestmark = pytest.mark.django_db


def _fill_every_memo(settings) -> None:
    settings.READINESS_CACHE_S = 60
    health.readiness()
    caching.local_entries["key"] = {"fresh_until": 2**40}
    places.known_locations["place"] = "location"
    rendering._weather_bodies["identity"] = "body"
    task_signals._started["task id"] = 1.0
    publishing._brokers["amqp://elsewhere"] = publishing._Broker(paused_until=2**40)


def _every_memo_is_empty() -> bool:
    return not (
        health._latest
        or caching.local_entries
        or places.known_locations
        or rendering._weather_bodies
        or task_signals._started
        or publishing._brokers
    )


def test_reset_forgets_every_memo_pool_and_connection_pool(settings):
    _fill_every_memo(settings)
    pool, transport = publishing._publishers.get(), open_meteo_http._adapter.get()
    assert not _every_memo_is_empty()

    process_state.reset()

    assert _every_memo_is_empty()
    assert publishing._publishers.get() is not pool
    assert open_meteo_http._adapter.get() is not transport
    assert pool._shutdown  # the dropped pool's threads end


def test_a_forked_child_starts_without_its_parents_state(settings):
    """A thread pool's threads do not survive a fork: the child's pools must be its own, or
    what it submits never runs. Nor may it share the parent's HTTP connections."""
    _fill_every_memo(settings)
    pools = [publishing._publishers, queue._publishing_threads]
    parents = [pool.get() for pool in pools]
    for pool in parents:
        assert pool.submit(os.getpid).result(timeout=5) == os.getpid()  # threads started
    transport = open_meteo_http._adapter.get()

    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: report, and leave without running anything of pytest's
        try:
            ran = [pool.get().submit(os.getpid).result(timeout=5) for pool in pools]
            fine = (
                _every_memo_is_empty()
                and ran == [os.getpid()] * len(pools)
                and all(pool.get() is not parent for pool, parent in zip(pools, parents))
                and open_meteo_http._adapter.get() is not transport
            )
            os.write(write, b"ok" if fine else b"state kept")
        except BaseException as exc:
            os.write(write, repr(exc).encode()[:200])
        finally:
            os._exit(0)
    os.close(write)
    _, status = os.waitpid(child, 0)
    answer = os.read(read, 200)
    os.close(read)
    assert os.waitstatus_to_exitcode(status) == 0
    assert answer == b"ok"
    assert not _every_memo_is_empty()  # the parent keeps its own
