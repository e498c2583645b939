"""The alerts API's shapes: subscriptions, notifications, push subscriptions, unsubscribe."""

from rest_framework import serializers

from weather.api.serializers.strict_fields import (
    StrictCharField,
    StrictFloatField,
    StrictIntegerField,
)
from weather.domain import alert_rules

CHANNELS = ("email", "push")
STATUSES = ("pending", "sent", "failed")


class AlertLocationOutput(serializers.Serializer):
    id = serializers.IntegerField(source="geonames_id", help_text="GeoNames id")
    name = serializers.CharField()
    country = serializers.CharField()
    admin1 = serializers.CharField()


class SubscriptionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    location = AlertLocationOutput()
    kind = serializers.ChoiceField(choices=alert_rules.KINDS)
    threshold = serializers.FloatField(allow_null=True, help_text="°C, km/h or mm; null: none")
    horizon_hours = serializers.ChoiceField(choices=alert_rules.HORIZONS)
    email = serializers.BooleanField()
    push = serializers.BooleanField()
    active = serializers.BooleanField()
    created = serializers.DateTimeField()


_THRESHOLD_HELP = (
    "frost: minimum <= T °C (-60..10); heat: maximum >= T °C (15..60); wind, gusts: >= X km/h "
    "(10..250); rain_hour: >= N mm in an hour (1..200); rain_day: >= N mm in a day (1..500); "
    "thunderstorm: none (null)"
)


class SubscriptionInput(serializers.Serializer):
    location_id = StrictIntegerField(min_value=1, max_value=2**63 - 1, help_text="GeoNames id")
    kind = serializers.ChoiceField(choices=alert_rules.KINDS)
    threshold = StrictFloatField(required=False, allow_null=True, help_text=_THRESHOLD_HELP)
    horizon_hours = serializers.ChoiceField(choices=alert_rules.HORIZONS, default=24)
    email = serializers.BooleanField(default=True)
    push = serializers.BooleanField(default=False)
    active = serializers.BooleanField(default=True)


class SubscriptionPatchInput(SubscriptionInput):
    """Any of the fields; the rule is checked as it will be."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, partial=True, **kwargs)


class DeliveryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    subscription_id = serializers.IntegerField(allow_null=True, help_text="null: a test")
    kind = serializers.CharField(help_text="The rule's kind, or 'test'")
    location_name = serializers.CharField(allow_null=True)
    day = serializers.DateField(allow_null=True)
    channel = serializers.ChoiceField(choices=CHANNELS)
    status = serializers.ChoiceField(choices=STATUSES)
    attempts = serializers.IntegerField()
    last_error = serializers.CharField(allow_blank=True)
    created = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    message = serializers.CharField(allow_blank=True)


class TestQueuedOutput(serializers.Serializer):
    deliveries = serializers.ListField(child=serializers.IntegerField())
    channels = serializers.ListField(child=serializers.ChoiceField(choices=CHANNELS))


class PushKeyOutput(serializers.Serializer):
    public_key = serializers.CharField(help_text="The VAPID application server key, base64url")


class PushKeysInput(serializers.Serializer):
    p256dh = StrictCharField(max_length=100)
    auth = StrictCharField(max_length=50)


class PushSubscriptionInput(serializers.Serializer):
    """A browser's PushSubscription as its toJSON() gives it (expirationTime is ignored)."""

    endpoint = StrictCharField(max_length=1000)
    keys = PushKeysInput()
    expirationTime = serializers.IntegerField(required=False, allow_null=True)


class PushEndpointInput(serializers.Serializer):
    endpoint = StrictCharField(max_length=1000)


class PushSubscriptionOutput(serializers.Serializer):
    endpoint = serializers.CharField()
    created = serializers.DateTimeField()


class UnsubscribeInput(serializers.Serializer):
    token = StrictCharField(max_length=500)


class UnsubscribeOutput(serializers.Serializer):
    subscription_id = serializers.IntegerField()
    kind = serializers.CharField()
    threshold = serializers.FloatField(allow_null=True)
    location_name = serializers.CharField()
    active = serializers.BooleanField()


def delivery_values(delivery) -> dict:
    event = delivery.event
    subscription = event.subscription if event is not None else None
    return {
        "id": delivery.pk,
        "subscription_id": subscription.pk if subscription else None,
        "kind": subscription.kind if subscription else "test",
        "location_name": subscription.location.name if subscription else None,
        "day": event.day if event is not None else None,
        "channel": delivery.channel,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "last_error": delivery.last_error,
        "created": delivery.created,
        "sent_at": delivery.sent_at,
        "message": delivery.message,
    }
