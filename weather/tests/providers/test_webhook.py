"""The notification webhook's destinations: no redirects, no private or loopback addresses
unless NOTIFY_WEBHOOK_ALLOW_PRIVATE says so. Receivers are real HTTP servers on loopback."""

from __future__ import annotations

import pytest

from weather.providers import webhook


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_a_failure_and_never_followed(settings, start_webhook_receiver, status):
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    elsewhere = start_webhook_receiver()  # say, redis:6379 or rabbitmq:15672 inside the stack
    hostile = start_webhook_receiver(status=status, location=elsewhere.url)
    settings.NOTIFY_WEBHOOK_URL = hostile.url
    assert webhook.post({"event": "test"}) is False
    assert len(hostile.received) == 1
    assert elsewhere.received == []


def test_a_loopback_receiver_is_refused_unless_allowed(settings, start_webhook_receiver):
    receiver = start_webhook_receiver()
    settings.NOTIFY_WEBHOOK_URL = receiver.url
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = False
    assert webhook.post({"event": "test"}) is False
    assert receiver.received == []  # refused before a byte of the request was sent
    settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE = True
    assert webhook.post({"event": "test"}) is True
    assert receiver.received == [{"event": "test"}]


def test_a_name_that_resolves_to_loopback_is_refused(settings, start_webhook_receiver):
    receiver = start_webhook_receiver()
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
