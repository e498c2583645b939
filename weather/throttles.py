"""Per-client rate limits. The client is the peer address, or, when the peer is our own proxy,
the address that proxy put in X-Forwarded-For (from anyone else the header is dropped, see
weather.middleware.ForwardedHeadersMiddleware)."""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import AnonRateThrottle

_process_cache = LocMemCache("throttle", {})


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
        redis_or_memory = getattr(django_cache, "redis_or_memory", None)
        if self.rate is None or redis_or_memory is None:
            return super().allow_request(request, view)  # the embedded in-memory cache
        return redis_or_memory(
            lambda: self._allow_in_redis(request, view),
            lambda: self._allow_in_process(request, view),
        )

    def _allow_in_redis(self, request, view) -> bool:
        # A counter per client and window, counted, expired and read in one round trip
        # (DRF's own throttle reads then writes a list of timestamps: two, and a race).
        key = django_cache.make_key(self.get_cache_key(request, view))
        pipe = django_cache.client.get_client(write=True).pipeline(transaction=False)
        pipe.incr(key)
        pipe.expire(key, self.duration, nx=True)
        pipe.ttl(key)
        count, _, ttl = pipe.execute()
        self._wait = ttl if ttl > 0 else self.duration
        return count <= self.num_requests

    def _allow_in_process(self, request, view) -> bool:
        # While Redis is away, each process counts on its own: limits per process beat none.
        self.cache = _process_cache
        return super().allow_request(request, view)

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
