"""Admin pages for what the workers produce: notifications, weekly reports, statistics,
maintenance reports and operator alerts (tasks that failed for good).

Imported by weather.admin.searches. All read-only: these rows are records of what the workers did.
"""

from django.contrib import admin

from weather.models import (
    LocationStatistics,
    MaintenanceReport,
    Notification,
    OperatorAlert,
    WeatherReport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("kind", "severity", "location", "message", "created_at", "webhook_delivered_at")
    list_filter = ("kind", "severity", "created_at")
    search_fields = ("message", "location__name")
    date_hierarchy = "created_at"
    list_select_related = ("location",)
    raw_id_fields = ("search", "location")


@admin.register(WeatherReport)
class WeatherReportAdmin(ReadOnlyAdmin):
    list_display = ("period_start", "period_end", "searches", "created_at")
    readonly_fields = ("period_start", "period_end", "summary", "created_at")

    @admin.display(description="searches")
    def searches(self, report):
        return report.summary.get("searches")


@admin.register(LocationStatistics)
class LocationStatisticsAdmin(ReadOnlyAdmin):
    list_display = (
        "location",
        "search_count",
        "temperature_min_c",
        "temperature_avg",
        "temperature_max_c",
        "last_searched_at",
    )
    search_fields = ("location__name",)
    list_select_related = ("location",)
    ordering = ("-search_count",)

    @admin.display(description="temperature avg c")
    def temperature_avg(self, stats):
        avg = stats.temperature_avg_c
        return None if avg is None else round(avg, 1)


@admin.register(OperatorAlert)
class OperatorAlertAdmin(ReadOnlyAdmin):
    list_display = ("task_name", "created_at", "delivered_at", "task_id")
    list_filter = ("task_name", "created_at")
    search_fields = ("task_name", "task_id", "error")
    date_hierarchy = "created_at"


@admin.register(MaintenanceReport)
class MaintenanceReportAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "finished_at", "duration_ms", "repaired")
    readonly_fields = ("started_at", "finished_at", "duration_ms", "report")

    @admin.display(description="statistics repaired")
    def repaired(self, report):
        return len(report.report.get("statistics", {}).get("repaired", []))
