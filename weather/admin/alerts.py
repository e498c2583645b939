"""Admin pages for people's weather alerts: subscriptions (turned on or off), the events that
fired, their deliveries (failed ones with their last error; a failed one can be sent again)
and the browsers that receive push messages."""

from django.contrib import admin, messages

from weather.admin.operators import ReadOnlyAdmin
from weather.models import AlertDelivery, AlertEvent, AlertSubscription, PushSubscription
from weather.worker.alert_queue import publish_deliveries


@admin.action(description="Turn the selected subscriptions off")
def deactivate(modeladmin, request, subscriptions):
    changed = subscriptions.update(active=False)
    modeladmin.message_user(request, f"{changed} subscriptions turned off.")


@admin.action(description="Turn the selected subscriptions on")
def activate(modeladmin, request, subscriptions):
    changed = subscriptions.update(active=True)
    modeladmin.message_user(request, f"{changed} subscriptions turned on.")


@admin.register(AlertSubscription)
class AlertSubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "user",
        "kind",
        "threshold",
        "location",
        "horizon_hours",
        "email",
        "push",
        "active",
        "created",
    )
    list_filter = ("kind", "active", "email", "push", "horizon_hours")
    search_fields = ("user__email", "user__username", "location__name")
    list_select_related = ("user", "location")
    raw_id_fields = ("user", "location")
    actions = [deactivate, activate]


@admin.register(AlertEvent)
class AlertEventAdmin(ReadOnlyAdmin):
    list_display = ("subscription", "day", "value", "first_at", "created")
    list_filter = ("subscription__kind", "day")
    search_fields = ("subscription__user__email", "subscription__location__name")
    list_select_related = ("subscription__location",)
    raw_id_fields = ("subscription",)
    date_hierarchy = "created"


@admin.action(description="Send the selected failed deliveries again", permissions=["change"])
def send_again(modeladmin, request, deliveries):
    ids = list(deliveries.filter(status=AlertDelivery.Status.FAILED).values_list("pk", flat=True))
    AlertDelivery.objects.filter(pk__in=ids).update(status=AlertDelivery.Status.PENDING, attempts=0)
    published = publish_deliveries(ids)
    level = messages.SUCCESS if published == len(ids) else messages.WARNING
    modeladmin.message_user(request, f"{published} of {len(ids)} deliveries queued again.", level)


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created",
        "user",
        "channel",
        "status",
        "attempts",
        "title",
        "last_error",
        "sent_at",
    )
    list_filter = ("status", "channel", "created")
    search_fields = ("user__email", "user__username", "title", "last_error")
    list_select_related = ("user",)
    raw_id_fields = ("user", "event")
    date_hierarchy = "created"
    actions = [send_again]
    readonly_fields = [f.name for f in AlertDelivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(PushSubscription)
class PushSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("user", "endpoint", "created")
    search_fields = ("user__email", "user__username", "endpoint")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
