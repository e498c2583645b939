"""Request ids in log lines, and a clean 503 when the database is unreachable."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django_guid.log_filters import CorrelationId

logger = logging.getLogger(__name__)


class RequestIdLogFilter(CorrelationId):
    """django-guid's log filter (the id of the request or task being served), with "-" on
    lines that belong to neither."""

    def __init__(self):
        super().__init__(correlation_id_field="request_id")

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        record.request_id = record.request_id or "-"
        return True


class DatabaseUnavailableMiddleware:
    """Pages outside the API (the admin) get the same JSON 503 instead of a traceback page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("database unavailable: %s", exception)
            return JsonResponse(
                {
                    "error": {
                        "code": "database_unavailable",
                        "message": "The database is unavailable. Please try again shortly.",
                        "fields": {},
                    }
                },
                status=503,
            )
        return None
