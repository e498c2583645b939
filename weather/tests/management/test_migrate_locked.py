"""migrate_locked: the release steps' migrate runs under a PostgreSQL advisory lock."""

import pytest
from django.core.management import call_command
from django.db import connection

from weather.management.commands import migrate_locked

HELD = """
    SELECT count(*) FROM pg_locks
    WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()
      AND ((classid::bigint << 32) | objid::bigint) = %s
"""


def lock_held() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(HELD, [migrate_locked.MIGRATE_LOCK_KEY])
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db
def test_migrate_runs_holding_the_lock_and_releases_it(monkeypatch):
    seen = []

    def fake_call_command(name, **options):
        seen.append((name, options["interactive"], lock_held()))

    monkeypatch.setattr(migrate_locked, "call_command", fake_call_command)
    call_command("migrate_locked", verbosity=0)
    assert seen == [("migrate", False, True)]
    assert not lock_held()


@pytest.mark.django_db
def test_the_lock_is_released_when_migrate_fails(monkeypatch):
    def failing_call_command(name, **options):
        raise RuntimeError("a migration failed")

    monkeypatch.setattr(migrate_locked, "call_command", failing_call_command)
    with pytest.raises(RuntimeError):
        call_command("migrate_locked", verbosity=0)
    assert not lock_held()
