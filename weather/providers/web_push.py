"""Web Push: a JSON message, encrypted for one browser (aes128gcm, RFC 8291) and signed with
our VAPID key (RFC 8292), POSTed to the browser's push service (pywebpush).

Push services are public https hosts; like the webhook, the POST never goes to a private or
loopback address nor follows a redirect, unless the endpoint's host is one of
WEB_PUSH_ALLOWED_TEST_HOSTS (a local test receiver, over plain http too).

    web_push.send(endpoint, p256dh, auth, {"title": ..., "body": ..., "url": ..., "tag": ...})
"""

from __future__ import annotations

import base64
import functools
import json
import logging
from urllib.parse import urlsplit

import requests
from django.conf import settings
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from weather.providers.base import ProviderError, ProviderUnavailable
from weather.providers.webhook import DestinationRefused, _PublicOnlyAdapter

logger = logging.getLogger(__name__)

TTL_S = 24 * 3600  # a push service keeps an undelivered message this long


class PushRejected(ProviderError):
    """The push service refused the message for good (a bad request, a refused address)."""


class PushGone(PushRejected):
    """The browser's subscription no longer exists (404 or 410): forget it."""


class PushUnavailable(ProviderUnavailable):
    """The push service could not be reached or asked us to come back (429, 5xx)."""


def endpoint_problem(endpoint: str) -> str | None:
    """Why this URL cannot be a push endpoint, in words; None when it can."""
    try:
        url = urlsplit(endpoint)
        host = url.hostname or ""
        url.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        return "the endpoint is not a valid URL"
    if not host:
        return "the endpoint must be an absolute URL"
    if url.scheme == "https" or (
        url.scheme == "http" and host in settings.WEB_PUSH_ALLOWED_TEST_HOSTS
    ):
        return None
    return "the endpoint must be an https URL"


def configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY and settings.VAPID_PUBLIC_KEY)


@functools.lru_cache(maxsize=4)
def _vapid(private_key: str) -> Vapid:
    if "-----BEGIN" in private_key:
        return Vapid.from_pem(private_key.encode())
    return Vapid.from_string(private_key)


def _session(endpoint: str) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment between us and the service
    if urlsplit(endpoint).hostname not in settings.WEB_PUSH_ALLOWED_TEST_HOSTS:
        session.mount("http://", _PublicOnlyAdapter())
        session.mount("https://", _PublicOnlyAdapter())
    return session


def send(endpoint: str, p256dh: str, auth: str, payload: dict) -> None:
    """Sends one message; raises PushGone, PushRejected or PushUnavailable."""
    if not configured():
        raise PushRejected("Web Push is not configured (VAPID_PRIVATE_KEY, VAPID_PUBLIC_KEY)")
    problem = endpoint_problem(endpoint)
    if problem:
        raise PushRejected(problem)
    try:
        with _session(endpoint) as session:
            webpush(
                {"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
                data=json.dumps(payload, ensure_ascii=False),
                vapid_private_key=_vapid(settings.VAPID_PRIVATE_KEY),
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                content_encoding="aes128gcm",
                timeout=settings.WEB_PUSH_TIMEOUT_S,
                ttl=TTL_S,
                requests_session=session,
            )
    except WebPushException as exc:
        raise _failure(exc) from exc
    except DestinationRefused as exc:
        raise PushRejected(str(exc)) from exc
    except requests.RequestException as exc:
        if isinstance(exc.__context__, DestinationRefused):
            raise PushRejected(str(exc.__context__)) from exc
        raise PushUnavailable(f"the push service cannot be reached: {exc}") from exc
    except (ValueError, TypeError) as exc:  # keys that are not what a browser makes
        raise PushRejected(f"the subscription's keys are not usable: {exc}") from exc


def _failure(exc: WebPushException) -> ProviderError:
    status = exc.response.status_code if exc.response is not None else None
    if status in (404, 410):
        return PushGone(f"the push service answered {status}: the subscription is gone")
    if status is None or status == 429 or status >= 500:
        return PushUnavailable(f"the push service answered {status or 'nothing'}")
    return PushRejected(f"the push service refused the message: HTTP {status}")


def new_vapid_keys() -> tuple[str, str]:
    """A new VAPID key pair: (private key, public key), both base64url (the raw 32-byte
    scalar; the uncompressed point the browsers' applicationServerKey takes)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )

    def b64url(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return b64url(private), b64url(public)
