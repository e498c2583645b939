"""Per-client rate limits. The client is the peer address, or, when the peer is our own proxy,
the address that proxy appended to X-Forwarded-For (what a client claims before it is ignored)."""

import ipaddress
from functools import cache

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


@cache
def _trusted_networks() -> tuple:
    return tuple(ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def _is_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks())


def client_ip(request) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and _is_trusted_proxy(peer):
        return forwarded.split(",")[-1].strip()  # appended by the one proxy we run
    return peer


class SearchThrottle(AnonRateThrottle):
    """For everyone, signed in or not: searches cost upstream calls whoever makes them."""

    scope = "search"

    def get_ident(self, request):
        return client_ip(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AutocompleteThrottle(SearchThrottle):
    scope = "autocomplete"
