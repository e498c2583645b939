"""Thin views: validate with a serializer, call one service, present the answer."""

from django.conf import settings
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from . import health, services
from .models import WeatherSearch
from .serializers import (
    ErrorOutput,
    HealthOutput,
    LocationListOutput,
    LocationQueryInput,
    ReadinessOutput,
    SearchDetailInput,
    SearchInput,
    SearchListInput,
    SearchOutput,
    SearchSummaryOutput,
    StatsInput,
    StatsOutput,
    present_location,
    present_search,
)
from .throttles import AutocompleteThrottle, SearchThrottle


def _errors(*statuses: int) -> dict:
    descriptions = {
        400: "Invalid input",
        404: "City or record not found",
        429: "Too many requests (see Retry-After)",
        502: "Open-Meteo answered an error or garbage",
        503: "Open-Meteo or one of our dependencies is unavailable",
        504: "Open-Meteo did not answer in time",
    }
    return {code: OpenApiResponse(ErrorOutput, description=descriptions[code]) for code in statuses}


UPSTREAM_ERRORS = _errors(400, 404, 429, 502, 503, 504)


def _search_response(data: dict, http_status: int) -> Response:
    params = SearchInput(data=data)
    params.is_valid(raise_exception=True)
    p = params.validated_data
    search = services.search_weather(
        p.get("city"),
        location_id=p.get("location_id"),
        latitude=p.get("latitude"),
        longitude=p.get("longitude"),
        lang=p["lang"],
        unit_system=p["units"],
    )
    return Response(present_search(search), status=http_status)


class WeatherView(APIView):
    throttle_classes = [SearchThrottle]

    @extend_schema(
        operation_id="weather_current",
        summary="Current weather and forecast for a city (recorded as a search)",
        parameters=[SearchInput],
        responses={200: SearchOutput, **UPSTREAM_ERRORS},
    )
    def get(self, request):
        return _search_response(request.query_params.dict(), status.HTTP_200_OK)


class SearchListCreateView(generics.GenericAPIView):
    throttle_classes = [SearchThrottle]
    queryset = WeatherSearch.objects.select_related("location")

    def get_throttles(self):
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        operation_id="searches_list",
        summary="Stored searches, newest first",
        parameters=[SearchListInput],
        responses={200: SearchSummaryOutput(many=True), **_errors(400, 404)},
    )
    def get(self, request):
        params = SearchListInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        searches = self.get_queryset().defer("forecast", "upstream_units")
        if city := params.validated_data.get("city"):
            searches = searches.filter(location__name__icontains=city.split(",")[0].strip())
        page = self.paginate_queryset(searches)
        return self.get_paginated_response(
            [
                present_search(
                    s,
                    full=False,
                    unit_system=params.validated_data["units"],
                    lang=params.validated_data["lang"],
                )
                for s in page
            ]
        )

    @extend_schema(
        operation_id="searches_create",
        summary="Search a city's weather; the search is stored and processed in the background",
        request=SearchInput,
        responses={201: SearchOutput, **UPSTREAM_ERRORS},
    )
    def post(self, request):
        return _search_response(request.data, status.HTTP_201_CREATED)


class SearchDetailView(generics.GenericAPIView):
    queryset = WeatherSearch.objects.select_related("location")

    @extend_schema(
        operation_id="searches_retrieve",
        summary="One stored search, with its forecast and processing result",
        parameters=[SearchDetailInput],
        responses={200: SearchOutput, **_errors(400, 404)},
    )
    def get(self, request, pk: int):
        params = SearchDetailInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        search = self.get_object()
        return Response(
            present_search(
                search,
                unit_system=params.validated_data.get("units"),
                lang=params.validated_data.get("lang"),
            )
        )


class LocationSearchView(APIView):
    throttle_classes = [AutocompleteThrottle]

    @extend_schema(
        operation_id="locations_autocomplete",
        summary="Up to 10 places matching a name prefix (autocomplete)",
        parameters=[LocationQueryInput],
        responses={200: LocationListOutput, **_errors(400, 429, 502, 503, 504)},
    )
    def get(self, request):
        params = LocationQueryInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        places = services.find_places(
            params.validated_data["q"], lang=params.validated_data["lang"]
        )
        return Response({"results": [present_location(p) for p in places]})


class StatsView(APIView):
    @extend_schema(
        operation_id="stats",
        summary="Top cities, searches per day and temperature ranges per city",
        parameters=[StatsInput],
        responses={200: StatsOutput, **_errors(400)},
    )
    def get(self, request):
        params = StatsInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        stats = services.search_statistics(days=params.validated_data["days"])
        return Response({**stats, "units": {"temperature": "°C"}})


class HealthView(APIView):
    authentication_classes: list = []

    @extend_schema(operation_id="health", summary="Liveness", responses={200: HealthOutput})
    def get(self, request):
        return Response({"status": "ok", "sample_data": settings.WEATHER_SAMPLE_DATA})


class ReadinessView(APIView):
    authentication_classes: list = []

    @extend_schema(
        operation_id="health_ready",
        summary="Readiness: database, cache and broker, each with its status",
        responses={200: ReadinessOutput, 503: ReadinessOutput},
    )
    def get(self, request):
        checks = health.check_all()
        ok = all(check["status"] == "ok" for check in checks.values())
        return Response(
            {"status": "ok" if ok else "unavailable", "checks": checks},
            status=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE,
        )
