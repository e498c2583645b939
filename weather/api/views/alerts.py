"""Weather alerts for signed-in people: subscriptions, the last notifications, a test, Web
Push registration; and the one-click unsubscribe of an alert email's link (the signed token is
the only credential it needs)."""

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, permissions, status
from rest_framework.parsers import FormParser
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api.drf import JSONParser
from weather.api.errors import error_body
from weather.api.serializers import alerts as shapes
from weather.api.serializers.public import error_response
from weather.services import alerts as service
from weather.worker.alert_queue import publish_deliveries

_UNAUTHENTICATED = {
    401: error_response("Not signed in"),
    403: error_response("CSRF check failed, or not a person's account"),
}


class IsPerson(permissions.BasePermission):
    """A signed-in person's account (the ops token is no one's)."""

    message = "Sign in to manage your alerts."

    def has_permission(self, request, view):
        return bool(request.user.is_authenticated and getattr(request.user, "pk", None))


_STATUS_CODES = {409: "conflict", 404: "not_found", 410: "expired", 503: "service_unavailable"}


def _refused(exc: service.AlertRefused) -> Response:
    """Our error shape; `code` names the problem (e.g. threshold_out_of_range) and `params` its
    numbers (min, max, unit; limit), so a client can word it in its own language."""
    code = exc.code or _STATUS_CODES.get(exc.status, "invalid_input")
    extra = {"params": exc.params} if exc.params else {}
    body = error_body(code, str(exc), {exc.field: [str(exc)]}, **extra)
    return Response(body, status=exc.status)


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PersonView(APIView):
    permission_classes = [IsPerson]


class SubscriptionListView(PersonView):
    @extend_schema(
        operation_id="alerts_subscriptions_list",
        summary="Your alert subscriptions, oldest first",
        responses={200: shapes.SubscriptionOutput(many=True), **_UNAUTHENTICATED},
    )
    def get(self, request):
        rows = service.subscriptions(request.user)
        return Response(shapes.SubscriptionOutput(rows, many=True).data)

    @extend_schema(
        operation_id="alerts_subscriptions_create",
        summary=f"Subscribe a place to a rule (at most {settings.ALERTS_MAX_SUBSCRIPTIONS})",
        request=shapes.SubscriptionInput,
        responses={
            201: shapes.SubscriptionOutput,
            400: error_response("Invalid input: an unknown place, a threshold out of bounds"),
            409: error_response("You have the most subscriptions one may have"),
            **_UNAUTHENTICATED,
        },
    )
    def post(self, request):
        values = _valid(shapes.SubscriptionInput, request.data)
        try:
            row = service.create_subscription(request.user, values)
        except service.AlertRefused as exc:
            return _refused(exc)
        return Response(shapes.SubscriptionOutput(row).data, status=status.HTTP_201_CREATED)


class SubscriptionDetailView(PersonView):
    @extend_schema(
        operation_id="alerts_subscriptions_update",
        summary="Change some of a subscription's fields",
        request=shapes.SubscriptionPatchInput,
        responses={
            200: shapes.SubscriptionOutput,
            400: error_response("Invalid input"),
            404: error_response("No subscription of yours has this id"),
            **_UNAUTHENTICATED,
        },
    )
    def patch(self, request, subscription_id: int):
        values = _valid(shapes.SubscriptionPatchInput, request.data)
        try:
            row = service.update_subscription(request.user, subscription_id, values)
        except service.AlertRefused as exc:
            return _refused(exc)
        if row is None:
            raise exceptions.NotFound("No subscription of yours has this id.")
        return Response(shapes.SubscriptionOutput(row).data)

    @extend_schema(
        operation_id="alerts_subscriptions_delete",
        summary="Delete a subscription (and its notifications)",
        responses={
            204: None,
            404: error_response("No subscription of yours has this id"),
            **_UNAUTHENTICATED,
        },
    )
    def delete(self, request, subscription_id: int):
        if not service.delete_subscription(request.user, subscription_id):
            raise exceptions.NotFound("No subscription of yours has this id.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliveryListView(PersonView):
    @extend_schema(
        operation_id="alerts_deliveries_list",
        summary=f"Your last {service.DELIVERIES_SHOWN} notifications, newest first; a "
        "failed one says why",
        responses={200: shapes.DeliveryOutput(many=True), **_UNAUTHENTICATED},
    )
    def get(self, request):
        rows = [shapes.delivery_values(d) for d in service.deliveries(request.user)]
        return Response(shapes.DeliveryOutput(rows, many=True).data)


class TestView(PersonView):
    @extend_schema(
        operation_id="alerts_test",
        summary="Send a test notification to each of your channels (email, push)",
        request=None,
        responses={
            202: shapes.TestQueuedOutput,
            400: error_response("No channel: no email address and no push subscription"),
            503: error_response("The task queue is unavailable"),
            **_UNAUTHENTICATED,
        },
    )
    def post(self, request):
        try:
            created = service.test_deliveries(request.user)
        except service.AlertRefused as exc:
            return _refused(exc)
        ids = [pk for pk, _ in created]
        publish_deliveries(ids)  # one not taken is published again by the next evaluation
        body = {"deliveries": ids, "channels": [channel for _, channel in created]}
        return Response(body, status=status.HTTP_202_ACCEPTED)


class PushKeyView(PersonView):
    @extend_schema(
        operation_id="alerts_push_key",
        summary="The VAPID application server key to subscribe a browser with",
        responses={
            200: shapes.PushKeyOutput,
            503: error_response("Web Push is not configured"),
            **_UNAUTHENTICATED,
        },
    )
    def get(self, request):
        try:
            return Response({"public_key": service.push_public_key()})
        except service.AlertRefused as exc:
            return _refused(exc)


class PushSubscriptionView(PersonView):
    @extend_schema(
        operation_id="alerts_push_subscribe",
        summary="Receive your alerts in this browser (its PushSubscription JSON)",
        request=shapes.PushSubscriptionInput,
        responses={
            201: shapes.PushSubscriptionOutput,
            400: error_response("Not a usable push subscription"),
            **_UNAUTHENTICATED,
        },
    )
    def post(self, request):
        values = _valid(shapes.PushSubscriptionInput, request.data)
        keys = values["keys"]
        try:
            row = service.add_push_subscription(
                request.user, values["endpoint"], keys["p256dh"], keys["auth"]
            )
        except service.AlertRefused as exc:
            return _refused(exc)
        body = shapes.PushSubscriptionOutput(row).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="alerts_push_unsubscribe",
        summary="Stop push messages to this browser",
        request=shapes.PushEndpointInput,
        responses={
            204: None,
            400: error_response("Invalid input"),
            404: error_response("No push subscription of yours has this endpoint"),
            **_UNAUTHENTICATED,
        },
    )
    def delete(self, request):
        values = _valid(shapes.PushEndpointInput, request.data)
        if not service.remove_push_subscription(request.user, values["endpoint"]):
            raise exceptions.NotFound("No push subscription of yours has this endpoint.")
        return Response(status=status.HTTP_204_NO_CONTENT)


_TOKEN = OpenApiParameter(
    "token", OpenApiTypes.STR, OpenApiParameter.QUERY, required=True,
    description="The signed token of an alert email's unsubscribe link",
)  # fmt: skip
_UNSUBSCRIBE_ERRORS = {
    400: error_response("A missing, malformed or forged token"),
    404: error_response("The alert no longer exists"),
    410: error_response("The link has expired"),
}


class UnsubscribeView(APIView):
    """No session, no CSRF: the signed token is the credential (RFC 8058's one-click POST
    comes from the mail provider, without cookies). GET only reads: mail scanners follow links."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    parser_classes = [JSONParser, FormParser]  # RFC 8058 posts `List-Unsubscribe=One-Click`

    def _answer(self, request, action):
        data = request.query_params
        if "token" not in data and hasattr(request.data, "get") and "token" in request.data:
            data = {"token": request.data.get("token")}
        values = _valid(shapes.UnsubscribeInput, data)
        try:
            row = action(values["token"])
        except service.AlertRefused as exc:
            return _refused(exc)
        body = {
            "subscription_id": row.pk,
            "kind": row.kind,
            "threshold": row.threshold,
            "location_name": row.location.name,
            "active": row.active,
        }
        return Response(body)

    @extend_schema(
        operation_id="alerts_unsubscribe_describe",
        summary="What an email's unsubscribe link would stop (changes nothing)",
        parameters=[_TOKEN],
        responses={200: shapes.UnsubscribeOutput, **_UNSUBSCRIBE_ERRORS},
    )
    def get(self, request):
        return self._answer(request, service.unsubscribed)

    @extend_schema(
        operation_id="alerts_unsubscribe_one_click",
        summary="Stop the alert an email names: RFC 8058's one-click POST (again: no change)",
        parameters=[_TOKEN],
        request=None,
        responses={200: shapes.UnsubscribeOutput, **_UNSUBSCRIBE_ERRORS},
    )
    def post(self, request):
        return self._answer(request, service.unsubscribe)
