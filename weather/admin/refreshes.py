"""Admin pages for bulk refreshes (with a live progress bar); the
"refresh forecasts" action on locations and the CSV export of searches. Imported by
weather.admin.searches."""

from django.contrib import admin, messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header

from weather.admin.operators import ReadOnlyAdmin
from weather.infra.publishing import TASK_QUEUE_UNAVAILABLE
from weather.models import BulkRefresh
from weather.models.permissions import Viewer
from weather.services import export, refreshes
from weather.worker import queue


@admin.action(
    description="Refresh the forecasts of the selected locations", permissions=["operate"]
)
def refresh_forecasts(modeladmin, request, locations):
    # The API's rules (the operators' cap); one message published, the worker fans it out.
    ids = list(locations.values_list("geonames_id", flat=True))
    try:
        refresh = refreshes.start_refresh(
            ids, viewer=Viewer(operator=True), requested_by=request.user.get_username()
        )
    except refreshes.RefreshRefused as refused:
        modeladmin.message_user(request, str(refused), messages.ERROR)
        return None
    except queue.PublishFailed:
        modeladmin.message_user(request, TASK_QUEUE_UNAVAILABLE, messages.ERROR)
        return None
    return redirect(reverse("admin:weather_bulkrefresh_change", args=[refresh.pk]))


@admin.action(description="Export the selected searches as CSV")
def export_searches_csv(modeladmin, request, searches):
    response = StreamingHttpResponse(
        export.csv_lines(export.rows(searches)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=export.ExportFilter().filename("csv")
    )
    return response


@admin.action(description="Cancel the selected refreshes")
def cancel_refreshes(modeladmin, request, refreshes):
    cancelled = sum(BulkRefresh.cancel(refresh.pk) for refresh in refreshes)
    modeladmin.message_user(request, f"Cancelled {cancelled} refreshes.")


@admin.register(BulkRefresh)
class BulkRefreshAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "requested_by", "status", "progress_text", "finished_at")
    list_filter = ("status", "created_at")
    actions = [cancel_refreshes]
    fields = (
        "progress_bar",
        "status",
        "requested_by",
        "created_at",
        "started_at",
        "finished_at",
        "failures",
    )
    readonly_fields = fields

    class Media:
        js = ["weather/bulk-progress.js"]

    @admin.display(description="progress")
    def progress_text(self, refresh):
        return f"{refresh.done} / {refresh.total} ({len(refresh.failures)} failed)"

    @admin.display(description="progress")
    def progress_bar(self, refresh):
        return format_html(
            '<progress data-refresh-status-url="{}" value="{}" max="{}" '
            'aria-labelledby="refresh-progress-label"></progress> '
            '<span id="refresh-progress-label" aria-live="polite">{}</span>',
            reverse("task-status", kwargs={"task_id": str(refresh.pk)}),
            refresh.done + len(refresh.failures),
            max(refresh.total, 1),
            self.progress_text(refresh),
        )

    @admin.display(description="failed places")
    def failures(self, refresh):
        return ", ".join(f"{place}: {why}" for place, why in refresh.failures.items()) or "-"
