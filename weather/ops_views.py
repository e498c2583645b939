"""Processing endpoints: task status, the operators' test task, notifications, weekly reports."""

import logging
import re
import uuid

from celery.result import AsyncResult
from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from . import tasks
from .auth import IsOperator, OpsTokenAuthentication
from .errors import ServiceUnavailable
from .models import Notification, WeatherReport, WeatherSearch
from .ops_serializers import (
    NotificationListInput,
    NotificationOutput,
    ReportOutput,
    TaskQueuedOutput,
    TaskStatusOutput,
    TaskTestInput,
)
from .serializers import ErrorOutput, task_status_url

logger = logging.getLogger(__name__)

_TASK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorOutput, description=description)


class TaskStatusView(APIView):
    @extend_schema(
        operation_id="tasks_retrieve",
        summary="State of a background task, with its result or error",
        responses={
            200: TaskStatusOutput,
            404: _error("Not a task id"),
            503: _error("The result store (Redis) is unavailable"),
        },
    )
    def get(self, request, task_id: str):
        if not _TASK_ID.match(task_id):
            raise exceptions.NotFound("No task has this id.")
        return Response(task_status(task_id))


def task_status(task_id: str) -> dict:
    """The task's state from the result store; for a search's processing task whose state
    has expired there, what the search itself records."""
    result = AsyncResult(task_id, app=tasks.async_weather_processing.app)
    state = result.state
    body = {"id": task_id, "state": "PENDING", "result": None, "error": None}
    if state == "SUCCESS":
        body.update(state="SUCCESS", result=result.result)
    elif state in ("FAILURE", "REVOKED"):
        body.update(state="FAILURE", error=_describe(result.result) or state.lower())
    elif state == "RETRY":
        body.update(state="RETRY", error=_describe(result.result))
    elif state == "STARTED":
        body.update(state="STARTED")
    else:
        search = (
            WeatherSearch.objects.filter(task_id=task_id)
            .only("id", "processing_status", "processing_result", "processing_error")
            .first()
        )
        if search is not None and search.processing_status == WeatherSearch.Status.PROCESSED:
            body.update(
                state="SUCCESS",
                result={
                    "search_id": search.id,
                    "status": "processed",
                    "result": search.processing_result,
                },
            )
        elif search is not None and search.processing_status == WeatherSearch.Status.FAILED:
            body.update(state="FAILURE", error=search.processing_error or "failed")
    return body


def _describe(error) -> str | None:
    if error is None:
        return None
    if isinstance(error, BaseException):
        return f"{type(error).__name__}: {error}"[:1000]
    return str(error)[:1000]


class TaskTestView(APIView):
    # The token first: an anonymous caller is told to authenticate (401, WWW-Authenticate).
    authentication_classes = [OpsTokenAuthentication, SessionAuthentication]
    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="tasks_test_create",
        summary="Queue the system check task (operators: staff session or ops token)",
        request=TaskTestInput,
        responses={
            202: TaskQueuedOutput,
            400: _error("Invalid input"),
            401: _error("Not authenticated (no or wrong operator token)"),
            403: _error("Authenticated, but not an operator"),
            503: _error("The task queue (RabbitMQ) is unavailable"),
        },
    )
    def post(self, request):
        params = TaskTestInput(data=request.data)
        params.is_valid(raise_exception=True)
        task_id = str(uuid.uuid4())
        timeout = settings.CELERY_PUBLISH_TIMEOUT_S
        try:
            tasks.test_celery_task.apply_async(
                args=[params.validated_data["message"], params.validated_data["duration"]],
                task_id=task_id,
                timeout=timeout,
                confirm_timeout=timeout,
            )
        except Exception as exc:
            logger.warning("could not queue the test task: %s: %s", type(exc).__name__, exc)
            raise ServiceUnavailable(
                "The task queue is unavailable. Please try again shortly."
            ) from exc
        return Response(
            {"task_id": task_id, "status_url": task_status_url(task_id)},
            status=status.HTTP_202_ACCEPTED,
        )


class NotificationListView(generics.ListAPIView):
    serializer_class = NotificationOutput

    def get_queryset(self):
        params = NotificationListInput(data=self.request.query_params.dict())
        params.is_valid(raise_exception=True)
        filters = params.validated_data
        notifications = Notification.objects.select_related("location").order_by(
            "-created_at", "-id"
        )
        if "kind" in filters:
            notifications = notifications.filter(kind=filters["kind"])
        if "location_id" in filters:
            notifications = notifications.filter(location__geonames_id=filters["location_id"])
        if "search_id" in filters:
            notifications = notifications.filter(search_id=filters["search_id"])
        return notifications

    @extend_schema(
        operation_id="notifications_list",
        summary="Weather notifications raised by processing, newest first",
        parameters=[NotificationListInput],
        responses={
            200: NotificationOutput(many=True),
            400: _error("Invalid filter"),
            404: _error("No such page"),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReportListView(generics.ListAPIView):
    serializer_class = ReportOutput
    queryset = WeatherReport.objects.order_by("-period_end", "-id")

    @extend_schema(
        operation_id="reports_list",
        summary="Weekly weather reports, newest first",
        responses={200: ReportOutput(many=True), 404: _error("No such page")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
