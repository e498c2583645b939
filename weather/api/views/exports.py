"""Streaming exports of the search history: CSV and JSON Lines, with the same filters."""

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from weather.api.serializers.public import StrictCharField, error_response
from weather.api.throttles import ExportThrottle
from weather.services import export


class ExportInput(serializers.Serializer):
    city = StrictCharField(
        max_length=100, required=False, help_text="Searches whose city name contains this"
    )
    date_from = serializers.DateField(required=False, help_text="First UTC day (YYYY-MM-DD)")
    date_to = serializers.DateField(required=False, help_text="Last UTC day, inclusive")

    def validate(self, attrs):
        start, end = attrs.get("date_from"), attrs.get("date_to")
        if start and end and start > end:
            raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
        return attrs


def _filter(request) -> export.ExportFilter:
    params = ExportInput(data=request.query_params.dict())
    params.is_valid(raise_exception=True)
    return export.ExportFilter(**params.validated_data)


def _errors() -> dict:
    return {
        400: error_response("Invalid filter"),
        429: error_response("Too many exports (see Retry-After)"),
    }


_COLUMNS = ", ".join(export.COLUMNS)


class _ExportView(APIView):
    # Operators (the ops token or the permission) are not throttled.
    throttle_classes = [ExportThrottle]
    extension = content_type = ""

    def lines(self, values):
        raise NotImplementedError

    def get(self, request):
        wanted = _filter(request)
        response = StreamingHttpResponse(
            self.lines(export.rows(export=wanted)), content_type=self.content_type
        )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=wanted.filename(self.extension)
        )
        response["Cache-Control"] = "no-store"
        response["X-Accel-Buffering"] = "no"  # nginx passes the stream through as it comes
        return response


class SearchExportCSVView(_ExportView):
    extension, content_type = "csv", "text/csv; charset=utf-8; header=present"

    def lines(self, values):
        return export.csv_lines(values)

    @extend_schema(
        operation_id="searches_export_csv",
        summary="The search history as CSV (RFC 4180, UTF-8, header row), oldest first",
        description=f"Columns: {_COLUMNS}. Text cells starting with =, +, -, @ get a "
        "leading apostrophe (spreadsheet-safe). Times are UTC ISO 8601.",
        parameters=[ExportInput],
        responses={(200, "text/csv"): OpenApiTypes.STR, **_errors()},
    )
    def get(self, request):
        return super().get(request)


class SearchExportJSONLinesView(_ExportView):
    extension, content_type = "jsonl", "application/jsonl; charset=utf-8"

    def lines(self, values):
        return export.jsonl_lines(values)

    @extend_schema(
        operation_id="searches_export_jsonl",
        summary="The search history as JSON Lines (one object per search), oldest first",
        description=f"Keys: {_COLUMNS}. Times are UTC ISO 8601.",
        parameters=[ExportInput],
        responses={(200, "application/jsonl"): OpenApiTypes.STR, **_errors()},
    )
    def get(self, request):
        return super().get(request)
