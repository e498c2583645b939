"""A person's weather alerts: subscriptions (at most ALERTS_MAX_SUBSCRIPTIONS), their last
notifications, test notifications, the browsers that receive push messages, and the one-click
unsubscribe of an email's link. Every refusal is an `AlertRefused` naming the field and why,
raised before anything is written."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction

from weather.domain import alert_rules
from weather.jobs import alert_delivery
from weather.models import AlertDelivery, AlertSubscription, Location, PushSubscription, gazetteer
from weather.models.places import upsert_location
from weather.providers import web_push

DELIVERIES_SHOWN = 50
_FIELDS = ("kind", "threshold", "horizon_hours", "email", "push", "active")


class AlertRefused(Exception):
    """Input the service will not store: `field` and the reason; `status` 400 or 409; `code`
    names the problem for machines (stable), `params` the numbers it names (bounds, limit)."""

    def __init__(
        self, field: str, message: str, status: int = 400, code: str = "", **params
    ):  # fmt: skip
        super().__init__(message)
        self.field = field
        self.status = status
        self.code = code
        self.params = params


# --- Subscriptions --------------------------------------------------------------------------


def subscriptions(user):
    return AlertSubscription.objects.filter(user=user).select_related("location")


def _location(geonames_id: int) -> Location:
    """The place's row: stored already, or from the gazetteer (stored now). Never an upstream
    call: a place nobody knows here is refused."""
    location = Location.objects.filter(geonames_id=geonames_id).first()
    if location is not None:
        return location
    place = gazetteer.place(geonames_id)
    if place is None:
        raise AlertRefused(
            "location_id", f"No known place has the id {geonames_id}.", code="unknown_place"
        )
    return upsert_location(place)


def _sentence(problem: str) -> str:
    return problem[0].upper() + problem[1:] + "."


def _check_rule(values: dict) -> None:
    kind, threshold = values["kind"], values.get("threshold")
    problem = alert_rules.threshold_problem(kind, threshold)
    if problem:
        if kind not in alert_rules.KINDS:
            raise AlertRefused("kind", _sentence(problem), code="unknown_kind")
        if kind == alert_rules.THUNDERSTORM:
            raise AlertRefused("threshold", _sentence(problem), code="threshold_not_taken")
        if threshold is None:
            raise AlertRefused("threshold", _sentence(problem), code="threshold_required")
        low, high = alert_rules.BOUNDS[kind]
        unit = alert_rules.UNITS[kind]
        raise AlertRefused(
            "threshold", _sentence(problem), code="threshold_out_of_range",
            min=low, max=high, unit=unit,
        )  # fmt: skip
    problem = alert_rules.horizon_problem(values["horizon_hours"])
    if problem:
        raise AlertRefused(
            "horizon_hours", _sentence(problem), code="horizon_not_offered",
            choices=list(alert_rules.HORIZONS),
        )  # fmt: skip


def create_subscription(user, values: dict) -> AlertSubscription:
    """`values`: location_id (GeoNames), kind, threshold, horizon_hours, email, push, active."""
    values = {"horizon_hours": 24, "threshold": None, **values}
    _check_rule(values)
    location = _location(values["location_id"])
    limit = settings.ALERTS_MAX_SUBSCRIPTIONS
    with transaction.atomic():
        # The person's row locked: two requests at once cannot both take the last place.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if AlertSubscription.objects.filter(user=user).count() >= limit:
            raise AlertRefused(
                "non_field_errors",
                f"You have {limit} alert subscriptions already, the most one may have: "
                "delete one first.",
                status=409,
                code="too_many_subscriptions",
                limit=limit,
            )
        fields = {name: values[name] for name in _FIELDS if name in values}
        return AlertSubscription.objects.create(user=user, location=location, **fields)


def update_subscription(user, subscription_id: int, values: dict) -> AlertSubscription | None:
    """Changes some fields (the rule checked as it will be); None when it is not theirs."""
    with transaction.atomic():
        subscription = (
            subscriptions(user).select_for_update(of=("self",)).filter(pk=subscription_id).first()
        )
        if subscription is None:
            return None
        merged = {name: getattr(subscription, name) for name in _FIELDS}
        merged.update({k: v for k, v in values.items() if k in _FIELDS})
        if values.get("kind") == alert_rules.THUNDERSTORM and "threshold" not in values:
            merged["threshold"] = None
        _check_rule(merged)
        if "location_id" in values:
            subscription.location = _location(values["location_id"])
        for name, value in merged.items():
            setattr(subscription, name, value)
        subscription.save()
        return subscription


def delete_subscription(user, subscription_id: int) -> bool:
    deleted, _ = subscriptions(user).filter(pk=subscription_id).delete()
    return bool(deleted)


# --- Notifications --------------------------------------------------------------------------


def deliveries(user) -> list[AlertDelivery]:
    """The person's last notifications, newest first."""
    return list(
        AlertDelivery.objects.filter(user=user)
        .select_related("event__subscription__location")
        .order_by("-created", "-id")[:DELIVERIES_SHOWN]
    )


def test_deliveries(user) -> list[tuple[int, str]]:
    """A test notification on each of the person's channels: (delivery id, channel) each."""
    if not user.email and not PushSubscription.objects.filter(user=user).exists():
        raise AlertRefused(
            "non_field_errors",
            "No channel to test: no email address and no push subscription.",
            code="no_channel",
        )
    return alert_delivery.new_test_deliveries(user)


def unsubscribed(token: str) -> AlertSubscription:
    """The subscription an email's signed link names, unchanged (a link only read, as mail
    scanners do, stops nothing)."""
    try:
        subscription_id, user_id = alert_delivery.read_unsubscribe_token(token)
    except signing.SignatureExpired as exc:
        raise AlertRefused(
            "token", "This unsubscribe link has expired.", status=410, code="token_expired"
        ) from exc
    except signing.BadSignature as exc:
        raise AlertRefused(
            "token", "This unsubscribe link is not valid.", code="token_invalid"
        ) from exc
    subscription = (
        AlertSubscription.objects.filter(pk=subscription_id, user_id=user_id)
        .select_related("location")
        .first()
    )
    if subscription is None:
        raise AlertRefused("token", "This alert no longer exists.", status=404, code="alert_gone")
    return subscription


def unsubscribe(token: str) -> AlertSubscription:
    """Turns off the subscription an email's signed link names (again: no change)."""
    subscription = unsubscribed(token)
    AlertSubscription.objects.filter(pk=subscription.pk, active=True).update(active=False)
    subscription.active = False
    return subscription


# --- Web Push -------------------------------------------------------------------------------


def _key_bytes(value: str, field: str, length: int) -> None:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise AlertRefused(field, f"{field} must be base64url.", code="invalid_push_key") from exc
    if len(raw) != length or (field == "p256dh" and raw[0] != 4):
        what = "an uncompressed P-256 point" if field == "p256dh" else "a secret"
        raise AlertRefused(
            field, f"{field} must be {what} of {length} bytes, base64url.", code="invalid_push_key"
        )


def add_push_subscription(user, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """The browser's subscription, stored for this person (a browser that signed in as
    someone else before now belongs to this person)."""
    problem = web_push.endpoint_problem(endpoint)
    if problem:
        raise AlertRefused("endpoint", _sentence(problem), code="invalid_push_endpoint")
    _key_bytes(p256dh, "p256dh", 65)
    _key_bytes(auth, "auth", 16)
    row, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"user": user, "p256dh": p256dh, "auth": auth}
    )
    return row


def remove_push_subscription(user, endpoint: str) -> bool:
    deleted, _ = PushSubscription.objects.filter(user=user, endpoint=endpoint).delete()
    return bool(deleted)


def push_public_key() -> str:
    if not web_push.configured():
        raise AlertRefused(
            "non_field_errors",
            "Web Push is not configured on this server.",
            status=503,
            code="service_unavailable",
        )
    return settings.VAPID_PUBLIC_KEY
