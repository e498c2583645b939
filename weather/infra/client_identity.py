"""Who is asking: the peer address, or, when the peer is our own proxy, the address that proxy
put in X-Forwarded-For (from anyone else the header is dropped, see
weather.api.middleware.ForwardedHeadersMiddleware); and whom a limit counts."""

import ipaddress
from functools import cache

from django.conf import settings


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
