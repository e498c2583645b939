"""Request ids in log lines; the HTTP metrics of every request."""

import logging
import time

from django.core.exceptions import MiddlewareNotUsed
from django_guid.log_filters import CorrelationId

from . import metrics


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
