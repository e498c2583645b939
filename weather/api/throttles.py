"""Per-client rate limits (whom they count: weather.infra.client_identity)."""

from rest_framework.throttling import AnonRateThrottle

from weather.api.auth import is_operator
from weather.infra import counters
from weather.infra.client_identity import client_ip, client_key


class SearchThrottle(AnonRateThrottle):
    """For everyone, signed in or not: searches cost upstream calls whoever makes them."""

    scope = "search"

    def get_ident(self, request):
        return client_key(client_ip(request))

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        # A counter per client and window, checked and counted in one round trip (DRF's own
        # throttle reads then writes a list of timestamps: two, and a race).
        key = self.get_cache_key(request, view)
        taken = counters.take([counters.Counter(key, self.duration, self.num_requests)])
        self._wait = taken.retry_after
        return taken.granted

    def wait(self):
        return self._wait  # asked only after allow_request refused


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


class ReadThrottle(SearchThrottle):
    """Reads of the database anyone may ask for (the search history, /stats/)."""

    scope = "read"
