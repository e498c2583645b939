"""Per-client rate limits (whom they count: weather.infra.client_identity)."""

from django.core.cache import cache as django_cache
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.throttling import AnonRateThrottle

from weather.api.auth import is_operator
from weather.infra.client_identity import client_ip, client_key

_process_cache = LocMemCache("throttle", {})


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
        if is_operator(request.user):
            return True
        return super().allow_request(request, view)


class ExportThrottle(RefreshThrottle):
    """Exports read the whole history: few per client (operators unlimited)."""

    scope = "export"
