"""PostgreSQL advisory locks: one holder at a time across every process and host that shares
the database, released when the block ends (or when the session does, if a process dies)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def advisory_lock(key: int, *, wait: bool = True) -> Iterator[bool]:
    """Holds the session-level advisory lock `key` for the block and yields True; with
    `wait=False`, yields False at once when another session holds it (and holds nothing).

    Session-level, not transaction-level: the block may commit many transactions of its own.
    On a database other than PostgreSQL there is no one to take turns with: yields True."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        if wait:
            cursor.execute("SELECT pg_advisory_lock(%s)", [key])
            acquired = True
        else:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
