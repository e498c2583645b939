"""GET /api/v1/air-quality/: air quality and pollen at a point, the same for every visitor
(no session, no cookie), cacheable by browsers and nginx for as long as the cached answer
stays fresh, like GET /api/v1/weather/."""

import time

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.views import APIView

from weather.api.air_quality_body import air_quality_body
from weather.api.serializers.air_quality import AirQualityInput, AirQualityOutput
from weather.api.serializers.public import error_response
from weather.api.throttles import SearchThrottle
from weather.api.views.public import JSONOnly
from weather.services import air_quality as services

ERRORS = {
    400: error_response("Invalid input (the field is named)"),
    404: error_response("No place has this id"),
    429: error_response("Too many requests (see Retry-After)"),
    502: error_response("Open-Meteo answered an error or garbage"),
    503: error_response(
        "Open-Meteo is unavailable, or our share of its quota is spent for now (see Retry-After)"
    ),
    504: error_response("Open-Meteo did not answer in time"),
}


def _header(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description=description,
    )


class AirQualityView(APIView):
    # Public and the same for everyone: no session to look up, no Accept header to weigh.
    authentication_classes: list = []
    content_negotiation_class = JSONOnly
    throttle_classes = [SearchThrottle]  # a cold point costs upstream calls

    @extend_schema(
        operation_id="air_quality",
        summary="Air quality (European and US AQI, PM2.5, PM10, NO₂, O₃) and pollen now and "
        "for the next 48 hours at a point or a place",
        parameters=[
            AirQualityInput,
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="An ETag from an earlier answer: 304 while the answer is the same",
            ),
            _header("ETag", "Strong; changes whenever the body does"),
            _header(
                "Cache-Control",
                "max-age = seconds the cached values stay fresh; no-store when stale",
            ),
        ],
        responses={
            200: AirQualityOutput,
            304: OpenApiResponse(description="Not modified: the If-None-Match ETag still holds"),
            **ERRORS,
        },
    )
    def get(self, request):
        params = AirQualityInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        p = params.validated_data
        if "location" in p:
            latitude, longitude = services.point_of_place(p["location"])
        else:
            latitude, longitude = p["latitude"], p["longitude"]
        result = services.get_air_quality(latitude, longitude)
        body = air_quality_body(result)
        response = HttpResponse(body.content, content_type="application/json")
        etag = response["ETag"] = body.etag
        if result.stale:
            response["Cache-Control"] = "no-store"
        else:
            fresh_for = max(0, int(result.fresh_until - time.time()))
            response["Cache-Control"] = f"max-age={fresh_for}"
        return get_conditional_response(request, etag=etag, response=response)
