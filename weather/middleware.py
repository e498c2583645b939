"""Request ids for log lines, and a clean 503 when the database is unreachable."""

import contextvars
import logging
import re
import uuid

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
logger = logging.getLogger(__name__)


def current_request_id() -> str:
    return _request_id.get()


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    """Takes X-Request-ID from the proxy (or makes one), logs with it, and echoes it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            return response
        finally:
            _request_id.reset(token)


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
