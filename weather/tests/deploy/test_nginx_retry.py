"""nginx passes a POST that creates a search or a refresh to the next web host when the first
dies mid-request, but only when the POST carries an Idempotency-Key (the API then answers the
second try as it did the first); a POST without one is never sent twice. A real nginx,
rendered by server/nginx_config.py, in front of a web host that dies and one that answers."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid

import pytest
import requests

from weather.tests.deploy.test_nginx_cache import (
    NGINX,
    Upstream,
    UpstreamHandler,
    start_nginx,  # noqa: F401  (a fixture)
)

pytestmark = pytest.mark.skipif(not NGINX, reason="nginx is not installed")
SEARCHES = "/api/v1/searches/"


class DyingHost:
    """A web host that reads each request, then dies: its connection closes unanswered."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.received: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.socket.getsockname()[1]}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    self.received.append(conn.recv(65536))

    def close(self) -> None:
        # Shut down first: closing alone leaves the thread blocked in accept() on a socket
        # that keeps listening, while its descriptor number goes to the next socket opened.
        with contextlib.suppress(OSError):
            self.socket.shutdown(socket.SHUT_RDWR)
        self.socket.close()


class AnsweringHandler(UpstreamHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with self.server.lock:
            self.server.seen.append((self.path, dict(self.headers)))
        body = b'{"id": 1}'
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def two_hosts(start_nginx):  # noqa: F811
    dying = DyingHost()
    answering = Upstream()
    answering.RequestHandlerClass = AnsweringHandler
    threading.Thread(target=answering.serve_forever, daemon=True).start()
    base = start_nginx(f"{dying.address} 127.0.0.1:{answering.server_address[1]}")
    yield base, dying, answering
    answering.shutdown()
    answering.server_close()
    dying.close()


def post(base: str, path: str = SEARCHES, **headers: str) -> requests.Response:
    return requests.post(f"{base}{path}", json={"city": "Paris"}, headers=headers, timeout=10)


def test_a_post_with_a_key_reaches_the_next_host_when_the_first_dies(two_hosts):
    base, dying, answering = two_hosts
    answers = [post(base, **{"Idempotency-Key": str(uuid.uuid4())}) for _ in range(4)]
    assert [a.status_code for a in answers] == [201] * 4
    assert dying.received  # some reached the dying host first, and were passed on
    assert answering.count(SEARCHES) == 4


def test_a_post_without_a_key_is_never_sent_to_a_second_host(two_hosts):
    base, dying, answering = two_hosts
    answers = [post(base) for _ in range(4)]
    failed = [a for a in answers if a.status_code == 502]
    assert len(failed) == len(dying.received) >= 1
    assert answering.count(SEARCHES) == 4 - len(failed)


def test_only_the_posts_that_honour_the_key_are_passed_on(two_hosts):
    base, dying, _ = two_hosts
    key = {"Idempotency-Key": str(uuid.uuid4())}
    answers = [post(base, "/api/v1/tasks/test/", **key) for _ in range(4)]
    assert len([a for a in answers if a.status_code == 502]) == len(dying.received) >= 1
