"""The notification webhook: our weather alerts and operator alerts, POSTed as JSON to the
operator's NOTIFY_WEBHOOK_URL.

The worker that POSTs sits inside the stack's network, next to Redis, RabbitMQ and the
database. So a receiver cannot send our POST on elsewhere (redirects are not followed) and,
unless NOTIFY_WEBHOOK_ALLOW_PRIVATE is set, the POST goes to public addresses only: the
address is checked on the connection itself, after the name was resolved, so a name that
resolves to 127.0.0.1 or 10.x (now or later) is refused too.
"""

import ipaddress
import logging

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from weather.infra import metrics

logger = logging.getLogger(__name__)


class DestinationRefused(Exception):
    """The webhook's address is private, loopback or otherwise not on the internet."""


def configured() -> bool:
    return bool(settings.NOTIFY_WEBHOOK_URL)


def post(payload: dict, *, hook: str = "notifications") -> bool:
    """POSTs the payload with a bounded wait; whether the receiver accepted it (2xx; a
    redirect is a failure). A failure is logged and counted under `hook`, never raised: the
    caller keeps what was not delivered."""
    try:
        with requests.Session() as session:
            if not settings.NOTIFY_WEBHOOK_ALLOW_PRIVATE:
                session.mount("http://", _PublicOnlyAdapter())
                session.mount("https://", _PublicOnlyAdapter())
            response = session.post(
                settings.NOTIFY_WEBHOOK_URL,
                json=payload,
                timeout=settings.NOTIFY_WEBHOOK_TIMEOUT_S,
                allow_redirects=False,
            )
        if not 200 <= response.status_code < 300:
            raise requests.HTTPError(f"receiver answered {response.status_code}")
    except (requests.RequestException, DestinationRefused) as exc:
        logger.warning("webhook (%s) failed: %s", hook, exc)
        metrics.record_webhook_failure(hook)
        return False
    return True


def _check_public(sock) -> None:
    address = ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if not address.is_global or address.is_multicast:
        sock.close()
        raise DestinationRefused(
            f"{address} is not a public address (NOTIFY_WEBHOOK_ALLOW_PRIVATE allows it)"
        )


class _PublicHTTPConnection(HTTPConnection):
    def _new_conn(self):
        sock = super()._new_conn()
        _check_public(sock)  # before a byte of the request is sent
        return sock


class _PublicHTTPSConnection(HTTPSConnection, _PublicHTTPConnection):
    pass


class _PublicHTTPPool(HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PublicHTTPPool,
            "https": _PublicHTTPSPool,
        }
