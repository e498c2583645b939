"""Thin views: validate with a serializer, call one service, answer with the documented shape."""

import time

from django.conf import settings
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api import idempotency, rendering, visitors
from weather.api.drf import SearchCursorPagination
from weather.api.errors import ServiceUnavailable
from weather.api.serializers.health import HealthOutput, ReadinessOutput
from weather.api.serializers.places import NearestInput, NearestLocationOutput
from weather.api.serializers.public import (
    LocationListOutput,
    LocationQueryInput,
    SearchDetailInput,
    SearchInput,
    SearchListInput,
    SearchOutput,
    SearchSummaryOutput,
    StatsInput,
    StatsOutput,
    WeatherOutput,
    error_response,
)
from weather.api.serializers.weather_extras import chosen_units
from weather.api.throttles import AutocompleteThrottle, ReadThrottle, SearchThrottle
from weather.domain.units import Units
from weather.jobs import reports
from weather.models import WeatherSearch
from weather.services import health
from weather.services import searches as services


def _errors(*statuses: int) -> dict:
    descriptions = {
        400: "Invalid input",
        404: "City or record not found",
        429: "Too many requests (see Retry-After)",
        502: "Open-Meteo answered an error or garbage",
        503: "Open-Meteo or one of our dependencies is unavailable",
        504: "Open-Meteo did not answer in time",
    }
    return {code: error_response(descriptions[code]) for code in statuses}


UPSTREAM_ERRORS = _errors(400, 404, 429, 502, 503, 504)


def _search_params(data) -> tuple[services.PlaceQuery, Units]:
    """What the search names, and the units of the answer."""
    params = SearchInput(data=data)
    params.is_valid(raise_exception=True)
    p = params.validated_data
    query = services.PlaceQuery(
        city=p.get("city"),
        location_id=p.get("location_id"),
        latitude=p.get("latitude"),
        longitude=p.get("longitude"),
        lang=p["lang"],
    )
    return query, chosen_units(p)


# Django's gzip (with its BREACH mitigation), for the answers nginx does not compress.
_gzip = GZipMiddleware(lambda request: None)


class JSONOnly(DefaultContentNegotiation):
    """The API answers only JSON: no Accept header to weigh on a hot path."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _header(name: str, description: str, statuses: list[int]) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.STR, OpenApiParameter.HEADER, response=statuses, description=description
    )


class WeatherView(APIView):
    # Public and the same for everyone: no session to look up, no Accept header to weigh.
    authentication_classes: list = []
    content_negotiation_class = JSONOnly
    throttle_classes = [SearchThrottle]

    @extend_schema(
        operation_id="weather_current",
        summary="Current weather and forecast for a city (a pure read: records nothing)",
        parameters=[
            SearchInput,
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="An ETag from an earlier answer: 304 while the answer is the same",
            ),
            _header("ETag", "Strong; changes whenever the body does", [200, 304]),
            _header(
                "Cache-Control",
                "max-age = seconds the cached forecast stays fresh; no-store when stale",
                [200, 304],
            ),
        ],
        responses={
            200: WeatherOutput,
            304: OpenApiResponse(description="Not modified: the If-None-Match ETag still holds"),
            **UPSTREAM_ERRORS,
        },
    )
    def get(self, request):
        query, unit_system = _search_params(request.query_params.dict())
        reading = services.read_weather(query)
        body = rendering.weather_body(
            reading.identity, reading.weather, lang=query.lang, unit_system=unit_system
        )
        response = HttpResponse(body.content, content_type="application/json")
        response["ETag"] = body.etag
        if reading.result.stale:
            response["Cache-Control"] = "no-store"
        else:
            fresh_for = max(0, int(reading.result.fresh_until - time.time()))
            response["Cache-Control"] = f"max-age={fresh_for}"
        return get_conditional_response(request, etag=body.etag, response=response)


class SearchListCreateView(generics.GenericAPIView):
    content_negotiation_class = JSONOnly
    throttle_classes = [SearchThrottle]
    queryset = WeatherSearch.objects.select_related("location")
    # Keyset pages (no COUNT(*), no OFFSET): each page costs the same however deep it is.
    pagination_class = SearchCursorPagination

    def get_throttles(self):
        return super().get_throttles() if self.request.method == "POST" else [ReadThrottle()]

    @extend_schema(
        operation_id="searches_list",
        summary="Your searches (this browser session's; operators: everyone's), newest "
        "first, 20 a page: follow `next` for older ones",
        parameters=[SearchListInput],
        responses={200: SearchSummaryOutput(many=True), **_errors(400, 404, 429)},
    )
    def get(self, request):
        params = SearchListInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        p = params.validated_data
        searches = (
            self.get_queryset()
            .visible_to(visitors.viewer(request))
            .defer("forecast", "upstream_units")
        )
        if city := p.get("city"):
            searches = searches.filter(location__name__icontains=city.split(",")[0].strip())
        page = self.paginate_queryset(searches)
        return self.get_paginated_response(
            [
                rendering.search_summary_data(s, lang=p["lang"], unit_system=chosen_units(p))
                for s in page
            ]
        )

    @extend_schema(
        operation_id="searches_create",
        summary="Search a city's weather: the search is recorded (yours: the first one starts "
        "a browser session) and processed in the background",
        request=SearchInput,
        parameters=[
            _header("Location", "The new search's URL", [201]),
            idempotency.PARAMETER,
            idempotency.replayed_header(201),
        ],
        responses={201: SearchOutput, **UPSTREAM_ERRORS, **idempotency.ERRORS},
    )
    def post(self, request):
        # Stored with its key in one transaction; its message is published on commit.
        response = idempotency.respond(
            request, "searches", lambda: self._create(request), atomic=True
        )
        # Compressed here: nginx compresses a 200 but not this 201, ~15 KB of forecast that a
        # phone waits for before it can draw the report.
        return _gzip.process_response(request, response)

    def _create(self, request):
        query, unit_system = _search_params(request.data)
        owner = visitors.visitor_for_write(request)
        search, reading = services.search_weather(
            query, unit_system=unit_system.nearest_system, owner=owner
        )
        weather = rendering.weather_body(
            reading.identity, reading.weather, lang=query.lang, unit_system=unit_system
        )
        content = rendering.search_json(
            search, lang=query.lang, unit_system=unit_system, weather=weather
        )
        response = HttpResponse(content, content_type="application/json", status=201)
        response["Location"] = reverse("search-detail", kwargs={"public_id": search.public_id})
        return response


class SearchDetailView(generics.GenericAPIView):
    content_negotiation_class = JSONOnly
    # The forecast is read only when this process has not rendered the search yet.
    queryset = WeatherSearch.objects.select_related("location").defer("forecast", "upstream_units")
    # Anyone with the link reads it (read-only): the id is unguessable.
    lookup_field = "public_id"

    @extend_schema(
        operation_id="searches_retrieve",
        summary="One stored search by its public id (a shared link), with its forecast and "
        "processing result",
        parameters=[SearchDetailInput],
        responses={200: SearchOutput, **_errors(400, 404)},
    )
    def get(self, request, public_id):
        params = SearchDetailInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        search = self.get_object()
        p = params.validated_data
        content = rendering.search_json(
            search,
            lang=p.get("lang") or search.lang,
            unit_system=chosen_units(p, default_system=search.unit_system),
        )
        return HttpResponse(content, content_type="application/json")


class LocationSearchView(APIView):
    # Public and the same for everyone (no session to look up, so no Vary: Cookie): browsers
    # and nginx may share an answer for an hour, as places rarely move.
    authentication_classes: list = []
    throttle_classes = [AutocompleteThrottle]
    max_age_s = 3600

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
        # Plain data (the schema, which LocationOutput documents, is checked by the tests).
        response = Response({"results": [rendering.location_data(p) for p in places]})
        response["Cache-Control"] = f"max-age={self.max_age_s}"
        return response


class NearestLocationView(APIView):
    # Public and the same for everyone: no session to look up.
    authentication_classes: list = []
    throttle_classes = [AutocompleteThrottle]

    @extend_schema(
        operation_id="locations_nearest",
        summary="The populated place nearest to a point, with its distance",
        parameters=[NearestInput],
        responses={200: NearestLocationOutput, **_errors(400, 429, 503)},
    )
    def get(self, request):
        params = NearestInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        p = params.validated_data
        try:
            place, km = services.nearest_place(p["latitude"], p["longitude"], lang=p["lang"])
        except services.GazetteerNotLoaded as exc:
            raise ServiceUnavailable(str(exc)) from exc
        body = {"place": rendering.location_data(place), "distance_km": round(km, 2)}
        return Response(body)


class StatsView(APIView):
    throttle_classes = [ReadThrottle]

    @extend_schema(
        operation_id="stats",
        summary="Top cities, searches per day and temperature ranges per city",
        parameters=[StatsInput],
        responses={200: StatsOutput, **_errors(400, 429)},
    )
    def get(self, request):
        params = StatsInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        p = params.validated_data
        stats = reports.cached_search_statistics(days=p["days"])
        return Response(StatsOutput(stats, context={"unit_system": chosen_units(p)}).data)


class HealthView(APIView):
    # Probes without credentials, the same for everyone: no session or token to look up.
    authentication_classes: list = []

    @extend_schema(operation_id="health", summary="Liveness", responses={200: HealthOutput})
    def get(self, request):
        return Response({"status": "ok", "sample_data": settings.WEATHER_SAMPLE_DATA})


class ReadinessView(APIView):
    # Probes without credentials, the same for everyone: no session or token to look up.
    authentication_classes: list = []

    @extend_schema(
        operation_id="health_ready",
        summary="Readiness: database, cache, broker and Open-Meteo (circuit, budget)",
        responses={200: ReadinessOutput, 503: ReadinessOutput},
    )
    def get(self, request):
        checks = health.readiness()
        overall = health.overall(checks)
        return Response(
            {"status": overall, "checks": checks},
            status=status.HTTP_503_SERVICE_UNAVAILABLE
            if overall == "unavailable"
            else status.HTTP_200_OK,
        )
