"""Processing endpoints: task status, the operators' test task, notifications, weekly reports."""

import logging
import re

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api import visitors
from weather.api.auth import IsOperator, is_operator
from weather.api.serializers.operators import (
    MaintenanceReportOutput,
    NotificationListInput,
    NotificationOutput,
    ReportOutput,
    TaskQueuedOutput,
    TaskStatusOutput,
    TaskTestInput,
)
from weather.api.serializers.public import error_response, task_status_url
from weather.models import MaintenanceReport, Notification, WeatherReport, WeatherSearch
from weather.worker import queue

logger = logging.getLogger(__name__)

_TASK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
# The answers of an endpoint for operators only (IsOperator) to anyone else.
_OPERATORS_ONLY = {
    401: error_response("Not authenticated (no or wrong operator token)"),
    403: error_response("Authenticated, but not an operator"),
}


class TaskStatusView(APIView):
    @extend_schema(
        operation_id="tasks_retrieve",
        summary="State of a background task, with its result or error",
        responses={
            200: TaskStatusOutput,
            404: error_response("Not a task id"),
            503: error_response("The result store (Redis) is unavailable"),
        },
    )
    def get(self, request, task_id: str):
        if not _TASK_ID.match(task_id):
            raise exceptions.NotFound("No task has this id.")
        body = queue.task_status(task_id)
        if isinstance(body.get("result"), dict) and not is_operator(request.user):
            # A search's row id is for operators: the API addresses searches by public id.
            body["result"] = {k: v for k, v in body["result"].items() if k != "search_id"}
        return Response(body)


class TaskTestView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="tasks_test_create",
        summary="Queue the system check task (operators: the ops token or the permission)",
        request=TaskTestInput,
        responses={
            202: TaskQueuedOutput,
            400: error_response("Invalid input"),
            **_OPERATORS_ONLY,
            503: error_response("The task queue (RabbitMQ) is unavailable"),
        },
    )
    def post(self, request):
        params = TaskTestInput(data=request.data)
        params.is_valid(raise_exception=True)
        task_id = queue.queue_test_task(
            params.validated_data["message"], params.validated_data["duration"]
        )
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
        viewer = visitors.viewer(self.request)
        notifications = Notification.objects.select_related("location").order_by(
            "-created_at", "-id"
        )
        if not viewer.operator:  # a visitor's own searches' notifications
            notifications = notifications.filter(
                search__in=WeatherSearch.objects.visible_to(viewer).values("pk")
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
        summary="Weather notifications raised by processing of your searches (operators: "
        "all), newest first",
        parameters=[NotificationListInput],
        responses={
            200: NotificationOutput(many=True),
            400: error_response("Invalid filter"),
            404: error_response("No such page"),
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
        responses={200: ReportOutput(many=True), 404: error_response("No such page")},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MaintenanceReportView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="maintenance_latest",
        summary="The last database maintenance report (operators)",
        responses={
            200: MaintenanceReportOutput,
            **_OPERATORS_ONLY,
            404: error_response("Maintenance has not run yet"),
        },
    )
    def get(self, request):
        report = MaintenanceReport.objects.order_by("-started_at", "-id").first()
        if report is None:
            raise exceptions.NotFound("Maintenance has not run yet.")
        return Response(MaintenanceReportOutput(report).data)
