from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse

from weather.admin.refreshes import export_searches_csv, refresh_forecasts
from weather.infra import counters
from weather.infra.client_identity import client_ip, client_key
from weather.models import Location, WeatherSearch
from weather.models.permissions import is_operator


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ("name", "admin1", "country", "country_code", "population", "geonames_id")
    list_filter = ("country",)
    search_fields = ("name", "admin1", "country", "=geonames_id")
    readonly_fields = ("geonames_id", "created_at", "updated_at")
    actions = [refresh_forecasts]

    def has_operate_permission(self, request) -> bool:
        return is_operator(request.user)  # the refresh action is for operators


@admin.register(WeatherSearch)
class WeatherSearchAdmin(admin.ModelAdmin):
    list_display = (
        "query",
        "location",
        "public_id",
        "owner",
        "created_at",
        "temperature_c",
        "weather_description",
        "processing_status",
        "stale",
    )
    list_filter = ("processing_status", "stale", "lang", "created_at", "location__country")
    search_fields = ("query", "location__name", "task_id", "=public_id", "owner__email")
    date_hierarchy = "created_at"
    list_select_related = ("location", "owner")
    raw_id_fields = ("location", "owner")
    actions = [export_searches_csv]
    # What upstream said and what the worker computed is evidence, not something to edit.
    readonly_fields = (
        "public_id",
        "owner_visitor",
        "created_at",
        "upstream_units",
        "forecast",
        "processing_result",
        "processing_error",
        "processed_at",
        "task_id",
        "queued_at",
        "publish_attempts",
    )


def _limit_login_attempts(login):
    """The admin login, refusing a client's attempts past ADMIN_LOGIN_ATTEMPTS_PER_MINUTE
    (nginx limits them too; this holds behind any proxy, and for clients of gunicorn itself)."""

    def limited(request, extra_context=None):
        if request.method == "POST":
            key = f"admin-login:{client_key(client_ip(request))}"
            limit = settings.ADMIN_LOGIN_ATTEMPTS_PER_MINUTE
            if not counters.take([counters.Counter(key, 60, limit)]).granted:
                return HttpResponse(
                    "Too many login attempts. Try again in a minute.\n",
                    status=429,
                    content_type="text/plain",
                    headers={"Retry-After": "60"},
                )
        return login(request, extra_context)

    return limited


admin.site.login = _limit_login_attempts(admin.site.login)
