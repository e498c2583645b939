"""Streaming exports of the search history: CSV and JSON Lines, with the same filters.

A client may ask for the export's own type by name (`Accept: text/csv`) or for anything;
errors are always our JSON shape. Only a request that starts an export counts against the
export throttle: one refused for its Accept header or its filter costs nothing.

nginx buffers an export to disk and feeds slow readers from there, so a gunicorn thread is
held only while Django writes it; at most EXPORT_MAX_CONCURRENCY run at once (then 429).
"""

from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api import visitors
from weather.api.serializers.public import error_response
from weather.api.serializers.strict_fields import StrictCharField
from weather.api.throttles import ExportThrottle
from weather.services import export


class ExportsBusy(exceptions.APIException):
    status_code = 429
    default_code = "too_many_exports"
    default_detail = "Too many exports are running right now. Please try again in a minute."
    wait = 30  # Retry-After


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


class CSVExportInput(ExportInput):
    bom = serializers.BooleanField(
        default=False,
        help_text="Start the file with a UTF-8 byte order mark (EF BB BF), so spreadsheets "
        "that assume another encoding (Excel) read it as UTF-8",
    )


def _params(request, input_class) -> dict:
    params = input_class(data=request.query_params.dict())
    params.is_valid(raise_exception=True)
    return dict(params.validated_data)


def _errors() -> dict:
    return {
        (400, "application/json"): error_response("Invalid filter"),
        (406, "application/json"): error_response("Accept names no type this export serves"),
        (429, "application/json"): error_response(
            "Too many exports started (`throttled`) or running at once (`too_many_exports`); "
            "see Retry-After"
        ),
    }


class _CSVRenderer(BaseRenderer):
    """Accept: text/csv is served (the body is the view's stream, never rendered here)."""

    media_type, format = "text/csv", "csv"


class _JSONLinesRenderer(BaseRenderer):
    media_type, format = "application/jsonl", "jsonl"


_COLUMNS = ", ".join(export.COLUMNS)
# DRF's ?format= picks among the renderers above, which only decide what Accept may say: the
# URL already names the format, so the schema does not offer it.
_NO_FORMAT_PARAMETER = OpenApiParameter("format", exclude=True)


class _ExportView(APIView):
    # Operators (the ops token or the permission) are not throttled.
    throttle_classes = [ExportThrottle]
    input_class = ExportInput
    extension = content_type = ""

    def lines(self, values, *, bom: bool):
        raise NotImplementedError

    def check_throttles(self, request):
        pass  # in get(), once the request is known to start an export

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response):  # an error: our JSON shape, whatever was accepted
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = "application/json"
        return super().finalize_response(request, response, *args, **kwargs)

    def get(self, request):
        params = _params(request, self.input_class)
        running = export.running()
        if running is None:
            raise ExportsBusy()
        try:
            super().check_throttles(request)
        except exceptions.Throttled:
            running.close()
            raise
        bom = params.pop("bom", False)
        wanted = export.ExportFilter(**params)
        rows = export.rows(export=wanted, viewer=visitors.viewer(request))
        lines = self.lines(rows, bom=bom)
        response = StreamingHttpResponse(_Holding(lines, running), content_type=self.content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=wanted.filename(self.extension)
        )
        response["Cache-Control"] = "no-store"
        return response


class _Holding:
    """An export's lines holding its slot: Django closes the response's content when the
    response is done (sent, or the client gone), which frees the slot, even if never read."""

    def __init__(self, lines, running: export.Running):
        self.lines, self.close = lines, running.close

    def __iter__(self):
        return iter(self.lines)


class SearchExportCSVView(_ExportView):
    renderer_classes = [JSONRenderer, _CSVRenderer]
    input_class = CSVExportInput
    extension, content_type = "csv", "text/csv; charset=utf-8; header=present"

    def lines(self, values, *, bom: bool):
        return export.csv_lines(values, bom=bom)

    @extend_schema(
        operation_id="searches_export_csv",
        summary="Your search history (operators: everyone's) as CSV (RFC 4180, UTF-8, "
        "header row), oldest first",
        description=f"Columns: {_COLUMNS}. Text cells starting with =, +, -, @, tab or CR, "
        "also after leading spaces or line breaks, get a leading apostrophe "
        "(spreadsheet-safe). Times are UTC ISO 8601. `bom=true` starts the file with a UTF-8 "
        "byte order mark for spreadsheets.",
        parameters=[CSVExportInput, _NO_FORMAT_PARAMETER],
        responses={(200, "text/csv"): OpenApiTypes.STR, **_errors()},
    )
    def get(self, request):
        return super().get(request)


class SearchExportJSONLinesView(_ExportView):
    renderer_classes = [JSONRenderer, _JSONLinesRenderer]
    extension, content_type = "jsonl", "application/jsonl; charset=utf-8"

    def lines(self, values, *, bom: bool):
        return export.jsonl_lines(values)  # JSON Lines never starts with a byte order mark

    @extend_schema(
        operation_id="searches_export_jsonl",
        summary="Your search history (operators: everyone's) as JSON Lines (one object per "
        "search), oldest first",
        description=f"Keys: {_COLUMNS}. Times are UTC ISO 8601.",
        parameters=[ExportInput, _NO_FORMAT_PARAMETER],
        responses={(200, "application/jsonl"): OpenApiTypes.STR, **_errors()},
    )
    def get(self, request):
        return super().get(request)
