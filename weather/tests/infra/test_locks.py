"""The advisory-lock helper: one holder at a time across database sessions."""

import pytest
from django.db import connection

from weather.infra.locks import advisory_lock

KEY = 0x7465737473  # "tests": taken by no part of the app


def held_here() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND pid = pg_backend_pid() AND ((classid::bigint << 32) | objid::bigint) = %s",
            [KEY],
        )
        return cursor.fetchone()[0] > 0


def try_lock(session) -> bool:
    with session.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [KEY])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_lock_is_held_for_the_block_and_released_after_it(other_db_session):
    with advisory_lock(KEY) as acquired:
        assert acquired and held_here()
        assert not try_lock(other_db_session)
    assert not held_here()
    assert try_lock(other_db_session)


@pytest.mark.django_db
def test_the_lock_is_released_when_the_block_raises():
    with pytest.raises(RuntimeError), advisory_lock(KEY):
        raise RuntimeError("the work failed")
    assert not held_here()


@pytest.mark.django_db
def test_without_waiting_a_lock_held_elsewhere_is_not_taken(other_db_session):
    assert try_lock(other_db_session)
    with advisory_lock(KEY, wait=False) as acquired:
        assert not acquired and not held_here()
    # Releasing nothing it did not take: the other session still holds it.
    with advisory_lock(KEY, wait=False) as acquired:
        assert not acquired
