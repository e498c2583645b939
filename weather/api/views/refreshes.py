"""Bulk refresh endpoints: start a refresh of many places' forecasts, cancel one. Progress is
read at GET /api/v1/tasks/{id}/."""

import logging

from django.conf import settings
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api import idempotency, visitors
from weather.api.serializers.operators import TaskStatusOutput
from weather.api.serializers.public import error_response, task_status_url
from weather.api.serializers.strict_fields import StrictIntegerField
from weather.api.throttles import RefreshThrottle
from weather.services import refreshes
from weather.worker import queue

logger = logging.getLogger(__name__)


class RefreshInput(serializers.Serializer):
    location_ids = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1),
        min_length=1,
        max_length=settings.BULK_REFRESH_MAX_PLACES,
        required=False,
        help_text="GeoNames ids. A signed-in person: their favourites; a visitor: places "
        "their session has searched; either up to BULK_REFRESH_PUBLIC_MAX_PLACES (50); "
        "operators: up to BULK_REFRESH_MAX_PLACES.",
    )
    all_locations = serializers.BooleanField(
        default=False, help_text="Operators: every stored location"
    )

    def validate(self, attrs):
        if bool(attrs.get("location_ids")) == attrs["all_locations"]:
            raise serializers.ValidationError("Give either location_ids or all_locations.")
        return attrs


class RefreshQueuedOutput(serializers.Serializer):
    task_id = serializers.CharField(help_text="The refresh's id")
    status_url = serializers.CharField(help_text="GET it for the progress")
    total = serializers.IntegerField(help_text="Distinct places to refresh")


class RefreshListView(APIView):
    throttle_classes = [RefreshThrottle]

    @extend_schema(
        operation_id="refreshes_create",
        summary="Refresh the forecasts of many places (multi-location upstream calls, in "
        "chunks); progress at the status URL",
        request=RefreshInput,
        parameters=[idempotency.PARAMETER, idempotency.replayed_header(202)],
        responses={
            202: RefreshQueuedOutput,
            400: error_response("Invalid input, or more places than the caller may refresh"),
            401: error_response("Wrong operator token"),
            403: error_response("all_locations is for operators"),
            429: error_response("Too many refreshes (see Retry-After)"),
            503: error_response("The task queue (RabbitMQ) is unavailable"),
            **idempotency.ERRORS,
        },
    )
    def post(self, request):
        # The refresh's row and its key in one transaction, its message published on commit.
        return idempotency.respond(request, "refreshes", lambda: self._create(request), atomic=True)

    def _create(self, request):
        params = RefreshInput(data=request.data)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        viewer = visitors.viewer(request)
        try:
            refresh = refreshes.start_refresh(
                None if p["all_locations"] else p["location_ids"],
                viewer=viewer,
                requested_by=request.user.username if viewer.operator else "",
            )
        except refreshes.OperatorsOnly as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except refreshes.RefreshRefused as exc:
            raise exceptions.ValidationError({exc.field: [str(exc)]}) from exc
        task_id = str(refresh.id)
        body = {"task_id": task_id, "status_url": task_status_url(task_id), "total": refresh.total}
        return JsonResponse(body, status=status.HTTP_202_ACCEPTED)  # rendered: the key keeps it


class RefreshCancelView(APIView):
    @extend_schema(
        operation_id="refreshes_cancel",
        summary="Stop your bulk refresh (operators: any): places not yet fetched are skipped "
        "(harmless when it has ended already)",
        request=None,
        responses={
            200: TaskStatusOutput,
            403: error_response("CSRF check failed (a session's write from another site)"),
            404: error_response("No refresh of yours (or, for operators, at all) has this id"),
        },
    )
    def post(self, request, refresh_id):
        if not refreshes.cancel_refresh(refresh_id, viewer=visitors.viewer(request)):
            raise exceptions.NotFound("No refresh of yours has this id.")
        return Response(queue.task_status(str(refresh_id)))
