from rest_framework.throttling import AnonRateThrottle


class SearchThrottle(AnonRateThrottle):
    """Per client IP (taken from X-Forwarded-For behind `NUM_PROXIES` proxies), for everyone:
    searches cost upstream calls whoever makes them."""

    scope = "search"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AutocompleteThrottle(SearchThrottle):
    scope = "autocomplete"
