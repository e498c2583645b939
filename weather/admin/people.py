"""People in the admin: each account with its preferences and favourites, and the operators'
"Disable account" action (a disabled person can no longer sign in, and the session they have
stops working at its next request: Django's backends refuse inactive users).

Who sees and disables people: operators (the weather.operate permission), besides Django's own
user permissions; the staff flag alone opens the admin, nothing more."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from weather.models import AlertDelivery, AlertSubscription, Favourite, Preferences
from weather.models.permissions import is_operator

User = get_user_model()


class OperatorsSee:
    """Operators see people's rows (Django's own permissions still decide who edits them)."""

    def has_view_permission(self, request, obj=None) -> bool:
        return is_operator(request.user) or super().has_view_permission(request, obj)


class PreferencesInline(OperatorsSee, admin.StackedInline):
    model = Preferences
    can_delete = False
    max_num = 1
    readonly_fields = ("updated_at",)


class FavouriteInline(OperatorsSee, admin.TabularInline):
    model = Favourite
    extra = 0
    max_num = 50
    raw_id_fields = ("location",)
    fields = ("position", "location", "created_at")
    readonly_fields = ("created_at",)
    ordering = ("position",)


class AlertSubscriptionInline(OperatorsSee, admin.TabularInline):
    """The person's alert rules, read here; changed on the alerts' own page (the link)."""

    model = AlertSubscription
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("kind", "threshold", "location", "horizon_hours", "email", "push", "active")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.action(
    description="Disable the selected accounts (no sign-in, sessions end)", permissions=["operate"]
)
def disable_accounts(modeladmin, request, users):
    disabled = users.filter(is_active=True).exclude(pk=request.user.pk).update(is_active=False)
    modeladmin.message_user(request, f"Disabled {disabled} accounts.")


@admin.action(description="Enable the selected accounts again", permissions=["operate"])
def enable_accounts(modeladmin, request, users):
    enabled = users.filter(is_active=False).update(is_active=True)
    modeladmin.message_user(request, f"Enabled {enabled} accounts.")


class PersonAdmin(OperatorsSee, UserAdmin):
    inlines = [PreferencesInline, FavouriteInline, AlertSubscriptionInline]
    list_display = ("email", "username", "is_active", "is_staff", "date_joined", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups")
    search_fields = ("email", "username")
    ordering = ("-date_joined",)
    actions = [disable_accounts, enable_accounts]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj is None else [*fieldsets, ("Alerts", {"fields": ["deliveries"]})]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "deliveries"]

    @admin.display(description="alert deliveries")
    def deliveries(self, user):
        """How many of their alert deliveries are in each state, each linking to the list."""
        counts = (
            AlertDelivery.objects.filter(user=user)
            .values("status")
            .annotate(n=Count("pk"))
            .order_by("status")
        )
        url = reverse("admin:weather_alertdelivery_changelist")
        links = format_html_join(
            ", ",
            '<a href="{}?user__id__exact={}&status__exact={}">{} {}</a>',
            ((url, user.pk, row["status"], row["n"], row["status"]) for row in counts),
        )
        return links or format_html("{}", "none")

    def has_operate_permission(self, request) -> bool:
        return is_operator(request.user)

    def has_module_permission(self, request) -> bool:
        return is_operator(request.user) or super().has_module_permission(request)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PersonAdmin)
