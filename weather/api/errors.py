"""One error shape for the whole API: {"error": {"code", "message", "fields"}}."""

import logging
import math

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.views import defaults
from redis.exceptions import RedisError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from weather.infra.publishing import TASK_QUEUE_UNAVAILABLE, PublishFailed
from weather.providers import ProviderError
from weather.services.searches import PlaceNotFound

logger = logging.getLogger(__name__)


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"
    default_detail = "A service the API depends on is unavailable. Please try again shortly."


_CODES = {
    exceptions.ParseError: "malformed_json",
    exceptions.ValidationError: "invalid_input",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
}


def error_body(code: str, message: str, fields: dict | None = None, **extra) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}, **extra}}


def _flatten(detail) -> dict:
    """DRF's nested ValidationError detail as {"field": ["message", ...]}."""
    if isinstance(detail, dict):
        return {
            key: [str(m) for m in value] if isinstance(value, list) else [str(value)]
            for key, value in detail.items()
        }
    return {"non_field_errors": [str(m) for m in detail]} if isinstance(detail, list) else {}


def database_unavailable(exc: Exception) -> JsonResponse:
    """The one answer to a database outage, for API views and other pages alike."""
    logger.error("database unavailable: %s", exc)
    return _json_error(
        503, "database_unavailable", "The database is unavailable. Please try again shortly."
    )


def api_exception_handler(exc, context):
    if isinstance(exc, PlaceNotFound):
        return Response(error_body("city_not_found", str(exc)), status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, ProviderError):
        logger.warning("upstream failure: %s", exc)
        retry_after = getattr(exc, "retry_after", None)  # an open circuit, a spent budget
        if retry_after is None:
            return Response(error_body(exc.code, str(exc)), status=exc.http_status)
        wait = max(1, math.ceil(retry_after))
        body = error_body(exc.code, str(exc), retry_after=wait)
        return Response(body, status=exc.http_status, headers={"Retry-After": str(wait)})
    if isinstance(exc, OperationalError | InterfaceError):
        return database_unavailable(exc)
    if isinstance(exc, PublishFailed):
        logger.warning("could not queue a task: %s", exc)
        exc = ServiceUnavailable(TASK_QUEUE_UNAVAILABLE)
    elif isinstance(exc, RedisError):
        logger.error("cache unavailable: %s", exc)
        return Response(
            error_body("service_unavailable", "The cache is unavailable. Please try again."),
            status=503,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = exception_handler(exc, context)
    if response is None:
        return None  # an unexpected bug: Django logs it and answers a plain 500
    code = _CODES.get(type(exc)) or getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        first = next(iter(fields.items()), ("input", ["is invalid"]))
        message = f"{first[0]}: {first[1][0]}" if first[0] != "non_field_errors" else first[1][0]
        response.data = error_body(code, message, fields)
    elif isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        response.data = error_body(
            code, f"Too many requests. Try again in {wait} seconds.", retry_after=wait
        )
    else:
        response.data = error_body(code, str(exc.detail))
    return response


def _json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status)


def not_found(request, exception=None):
    """404 outside any view: JSON for the API, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return _json_error(404, "not_found", f"No API endpoint at {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    """An unexpected bug: a JSON error for the API (the traceback goes to the log only)."""
    if request.path.startswith("/api/"):
        return _json_error(500, "server_error", "Something went wrong on our side.")
    return defaults.server_error(request)


class DatabaseUnavailableMiddleware:
    """Pages outside the API (the admin) get the same JSON 503 instead of a traceback page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return database_unavailable(exception)
        return None
