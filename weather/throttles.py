"""Per-client rate limits. The client is the peer address, or, when the peer is our own proxy,
the address that proxy put in X-Forwarded-For (from anyone else the header is dropped, see
weather.middleware.ForwardedHeadersMiddleware)."""

import ipaddress
import logging
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.cache.backends.locmem import LocMemCache
from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)

# While Redis is away, each process counts on its own: limits per process beat none.
_process_cache = LocMemCache("throttle", {})
_warned = False


@cache
def _trusted_networks() -> tuple:
    return tuple(ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks())


def client_ip(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and is_trusted_proxy(peer):
        return forwarded.split(",")[-1].strip()  # the last one is our proxy's
    return peer


def client_key(address: str) -> str:
    """Whom a limit counts: an IPv4 address, or an IPv6 client's /64 (the least a provider
    hands one customer, who could otherwise take a fresh address for every request)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


class SearchThrottle(AnonRateThrottle):
    """For everyone, signed in or not: searches cost upstream calls whoever makes them."""

    scope = "search"

    def get_ident(self, request):
        return client_key(client_ip(request))

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if self.rate is None or not hasattr(django_cache, "client"):
            return super().allow_request(request, view)  # the embedded in-memory cache
        # Redis: a counter per client and window, counted, expired and read in one round trip
        # (DRF's own throttle reads then writes a list of timestamps: two, and a race).
        key = django_cache.make_key(self.get_cache_key(request, view))
        pipe = django_cache.client.get_client(write=True).pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.duration, nx=True)
        pipe.ttl(key)
        try:
            count, _, ttl = pipe.execute()
        except RedisError as exc:
            global _warned
            if not _warned:
                _warned = True
                logger.warning("Redis unreachable (%s): throttling per process", exc)
            self.cache = _process_cache
            return super().allow_request(request, view)
        self._wait = ttl if ttl > 0 else self.duration
        return count <= self.num_requests

    def wait(self):
        return getattr(self, "_wait", None) or super().wait()


class AutocompleteThrottle(SearchThrottle):
    scope = "autocomplete"


class RefreshThrottle(SearchThrottle):
    """Bulk refreshes by anyone but operators (each costs upstream calls)."""

    scope = "refresh"

    def allow_request(self, request, view):
        if request.user and request.user.is_staff:
            return True
        return super().allow_request(request, view)


class ExportThrottle(RefreshThrottle):
    """Exports read the whole history: few per client (operators unlimited)."""

    scope = "export"
