"""A slow reader of an export holds nginx, not gunicorn: nginx buffers the export to disk and
feeds the reader from there (nginx/templates/default.conf.template), each client may run two
at once, and the app caps the exports running at once over every process."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest
import requests
from django.db import connection, models

from weather.infra import counters
from weather.models import WeatherSearch
from weather.testing import processes
from weather.tests.deploy.test_nginx_cache import NGINX, start_nginx  # noqa: F401 (a fixture)
from weather.tests.factories import LocationFactory

EXPORT = "/api/v1/searches/export.csv"
# An operator's export holds every search, whoever made it.
OPS_TOKEN = "slow-reader-test-ops-token"
AS_OPERATOR = {"Authorization": f"Bearer {OPS_TOKEN}"}
# About 9 MB: three times what the socket buffers and nginx's memory buffers held between
# gunicorn and a stalled reader when nginx did not buffer (about 18,500 rows).
ROWS = 60_000


def insert_searches(rows: int) -> None:
    """`rows` searches in one statement (creating them one by one would take a minute)."""
    location = LocationFactory()
    # Ids Django makes in Python (uuid4) are made by PostgreSQL here.
    uuids = [
        f.column
        for f in WeatherSearch._meta.concrete_fields
        if isinstance(f, models.UUIDField) and not f.null
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO weather_weathersearch (query, location_id, created_at, lang, unit_system,
                stale, temperature_c, relative_humidity_pct, wind_speed_kmh, weather_code,
                weather_description, upstream_units, forecast, processing_status,
                processing_error, task_id, publish_attempts{"".join(", " + c for c in uuids)})
            SELECT 'Place number ' || g, %s, now() - g * interval '1 second', 'en', 'metric',
                false, (g %% 40) - 10.5, 70, 12, 3, 'Overcast, light breeze', '{{}}'::jsonb,
                '{{}}'::jsonb, 'processed', '', '', 1{", gen_random_uuid()" * len(uuids)}
            FROM generate_series(1, %s) AS g
            """,
            [location.pk, rows],
        )


@pytest.fixture
def one_thread_behind_nginx(start_nginx, tmp_path):  # noqa: F811
    """gunicorn with a single worker thread, logging each response once it is sent, behind
    nginx; returns nginx's URL, gunicorn's URL and the access log."""
    access_log = tmp_path / "gunicorn-access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "server_config.settings.test",
        "DATABASE_URL": processes.database_url(connection.settings_dict),
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "1",
        "GUNICORN_LOG_LEVEL": "warning",
        "OPS_API_TOKEN": OPS_TOKEN,
    }
    process, base = processes.start_web(
        env, "--access-logfile", str(access_log), stdout=subprocess.DEVNULL
    )
    try:
        processes.wait_for_api(base, process)
        yield start_nginx(base.removeprefix("http://")), access_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a thread still stuck writing to a stalled reader
            process.kill()
            process.wait(timeout=10)


def slow_reader(site: str) -> socket.socket:
    """A client that asks for the export, reads its first bytes and then stops reading."""
    host, port = site.removeprefix("http://").split(":")
    reader = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window
    reader.connect((host, int(port)))
    request = f"GET {EXPORT} HTTP/1.0\r\nHost: localhost\r\n"  # 1.0: not chunked
    reader.sendall(f"{request}Authorization: {AS_OPERATOR['Authorization']}\r\n\r\n".encode())
    assert reader.recv(12) == b"HTTP/1.1 200"
    return reader


def read_all(reader: socket.socket) -> bytes:
    reader.settimeout(60)
    chunks = []
    while chunk := reader.recv(1 << 16):
        chunks.append(chunk)
    reader.close()
    return b"".join(chunks)


def exports_served(access_log) -> int:
    return access_log.read_text().count(f"GET {EXPORT} ")


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


pytestmark = [
    pytest.mark.skipif(not NGINX, reason="nginx is not installed"),
    pytest.mark.django_db(transaction=True),
]


def test_a_slow_reader_of_an_export_does_not_hold_gunicorn(one_thread_behind_nginx):
    site, access_log = one_thread_behind_nginx
    insert_searches(ROWS)
    reader = slow_reader(site)
    # gunicorn logs a response once it has sent all of it: nginx took the whole export, before
    # nginx's send_timeout (60 s) would have dropped the stalled reader and freed gunicorn...
    assert wait_for(lambda: exports_served(access_log) == 1, timeout=50)
    # ...and gunicorn's only thread answers others while the reader has read almost nothing.
    assert requests.get(f"{site}/api/v1/health/", timeout=10).status_code == 200
    # The reader still gets all of it, from nginx's buffer: a header row and every search.
    body = read_all(reader).split(b"\r\n\r\n", 1)[1]
    assert body.count(b"\r\n") == ROWS + 1
    assert b",Place number 1," in body and f",Place number {ROWS},".encode() in body


def test_a_client_runs_at_most_two_exports_at_once_through_nginx(one_thread_behind_nginx):
    site, access_log = one_thread_behind_nginx
    insert_searches(ROWS)
    readers = [slow_reader(site), slow_reader(site)]  # neither read yet
    third = requests.get(f"{site}{EXPORT}", headers=AS_OPERATOR, timeout=30)
    assert third.status_code == 429
    assert third.json()["error"]["code"] == "throttled"
    for reader in readers:
        read_all(reader)
    assert requests.get(f"{site}{EXPORT}", headers=AS_OPERATOR, timeout=120).status_code == 200
    assert wait_for(lambda: exports_served(access_log) == 3, timeout=30)  # not the refused one


# --- The app's own cap, without nginx --------------------------------------------------------


def test_exports_past_the_cap_are_refused_until_one_is_done(client, settings):
    settings.EXPORT_MAX_CONCURRENCY = 1
    running = client.get(EXPORT)  # streaming: running until its content is read or closed
    assert running.status_code == 200
    refused = client.get(EXPORT)
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "too_many_exports"
    assert int(refused["Retry-After"]) > 0
    b"".join(running.streaming_content)  # done: its slot is free again
    assert client.get(EXPORT).status_code == 200


def test_an_export_left_unread_frees_its_slot_when_closed(client, settings):
    settings.EXPORT_MAX_CONCURRENCY = 1
    client.get("/api/v1/searches/export.jsonl").close()  # the client went away
    assert client.get(EXPORT).status_code == 200


def test_a_slot_whose_holder_died_is_free_after_its_lease():
    assert counters.acquire("test-slots", limit=1, lease_s=0.3) is not None
    assert counters.acquire("test-slots", limit=1, lease_s=0.3) is None
    time.sleep(0.4)  # never released: the holder's process was killed
    token = counters.acquire("test-slots", limit=1, lease_s=0.3)
    assert token is not None
    counters.release("test-slots", token)
    assert counters.acquire("test-slots", limit=1, lease_s=0.3) is not None


def test_without_redis_each_process_caps_its_own_exports(redis_unreachable, client, settings):
    settings.EXPORT_MAX_CONCURRENCY = 1
    running = client.get(EXPORT)
    assert running.status_code == 200
    assert client.get(EXPORT).status_code == 429
    running.close()
    assert client.get(EXPORT).status_code == 200
