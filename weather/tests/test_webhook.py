"""The notification webhook's destinations: no redirects, no private or loopback addresses
unless NOTIFY_WEBHOOK_ALLOW_PRIVATE says so. Receivers are real HTTP servers on loopback."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from weather.providers import webhook


class Receiver:
    """An HTTP server on loopback that keeps what is POSTed to it and answers `status`
    (with Location: `location` when it is a redirect)."""

    def __init__(self, status: int = 204, location: str = "") -> None:
        self.received: list[dict] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append(json.loads(body or b"null"))
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hook"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def receivers() -> Iterator[callable]:
    started: list[Receiver] = []

    def start(**kwargs) -> Receiver:
        started.append(Receiver(**kwargs))
        return started[-1]

    yield start
    for receiver in started:
        receiver.close()


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_a_failure_and_never_followed(settings, receivers, status):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    elsewhere = receivers()  # say, redis:6379 or rabbitmq:15672 inside the stack
    hostile = receivers(status=status, location=elsewhere.url)
    settings.NOTIFY_WEBHOOK_URL = hostile.url
    assert webhook.post({"event": "test"}) is False
    assert len(hostile.received) == 1
    assert elsewhere.received == []


def test_a_loopback_receiver_is_refused_unless_allowed(settings, receivers):
    receiver = receivers()
    settings.NOTIFY_WEBHOOK_URL = receiver.url
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    assert webhook.post({"event": "test"}) is False
    assert receiver.received == []  # refused before a byte of the request was sent
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    assert webhook.post({"event": "test"}) is True
    assert receiver.received == [{"event": "test"}]


def test_a_name_that_resolves_to_loopback_is_refused(settings, receivers):
    receiver = receivers()
    settings.NOTIFY_WEBHOOK_URL = receiver.url.replace("127.0.0.1", "localhost")
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    assert webhook.post({"event": "test"}) is False
    assert receiver.received == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.30.87.10", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("::1", False),
        ("fd00::1", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
        ("93.184.215.14", True),
        ("2606:4700::1111", True),
    ],
)
def test_which_addresses_count_as_public(address, public):
    class Socket:
        closed = False

        def getpeername(self):
            return (address, 443)

        def close(self):
            self.closed = True

    sock = Socket()
    if public:
        webhook._check_public(sock)
        assert not sock.closed
    else:
        with pytest.raises(webhook.DestinationRefused):
            webhook._check_public(sock)
        assert sock.closed
