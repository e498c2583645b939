"""Request ids in log lines; the HTTP metrics of every request; proxy headers believed only
from our proxy."""

import logging
import time

from django.core.exceptions import MiddlewareNotUsed
from django_guid.log_filters import CorrelationId

from weather.infra import metrics
from weather.infra.client_identity import is_trusted_proxy


class RequestIdLogFilter(CorrelationId):
    """django-guid's log filter (the id of the request or task being served), with "-" on
    lines that belong to neither."""

    def __init__(self):
        super().__init__(correlation_id_field="request_id")

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        record.request_id = record.request_id or "-"
        return True


class RequestMetricsMiddleware:
    """Counts and times every request by its route template ("/api/v1/searches/<int:pk>/"),
    never its raw path, so any number of distinct URLs makes a bounded number of series.
    First in MIDDLEWARE, so the time covers every other middleware too."""

    def __init__(self, get_response):
        if not metrics.ENABLED:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = f"/{match.route}" if match is not None and match.route else "unmatched"
        metrics.record_http(
            route, request.method, response.status_code, time.perf_counter() - started
        )
        return response


class ForwardedHeadersMiddleware:
    """Drops X-Forwarded-For and X-Forwarded-Proto unless the peer is our proxy (nginx, which
    sets both itself), so a client reaching gunicorn directly can neither pose as another
    address nor claim HTTPS. First in MIDDLEWARE: nothing after it sees a forged value."""

    HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in self.HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
