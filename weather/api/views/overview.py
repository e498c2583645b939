"""Every favourite at a glance: GET /api/v1/weather/overview/?ids=..."""

from __future__ import annotations

import time

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from weather.api.serializers.weather_extras import OverviewInput, OverviewOutput, chosen_units
from weather.api.throttles import SearchThrottle
from weather.api.views.public import UPSTREAM_ERRORS, JSONOnly
from weather.api.weather_parts import overview_card
from weather.services import overview as services


class WeatherOverviewView(APIView):
    # Public and the same for everyone, like /weather/: no session, cacheable by nginx.
    authentication_classes: list = []
    content_negotiation_class = JSONOnly
    throttle_classes = [SearchThrottle]

    @extend_schema(
        operation_id="weather_overview",
        summary="Several places at a glance (favourites): now, today's range, the next rain "
        "and an alert flag. Fresh cached forecasts are used; the others come in one upstream "
        "call. An id that names no place is a 400 naming it.",
        parameters=[OverviewInput],
        responses={200: OverviewOutput, **UPSTREAM_ERRORS},
    )
    def get(self, request):
        params = OverviewInput(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        p = params.validated_data
        chosen = chosen_units(p)
        try:
            found = services.overview(p["ids"], lang=p["lang"])
        except services.UnknownPlaces as exc:
            raise serializers.ValidationError({"ids": [str(exc)]}) from exc
        body = {
            "results": [
                overview_card(f.place, f.forecast, f.stale, chosen, p["lang"]) for f in found
            ],
            "units": chosen.labels,
            "unit_system": chosen.system,
            "unit_choice": chosen.choice,
            "lang": p["lang"],
        }
        response = Response(body)
        if any(f.stale for f in found):
            response["Cache-Control"] = "no-store"
        else:
            oldest = min(f.fetched_at for f in found)
            fresh_for = max(0, int(oldest + settings.FORECAST_CACHE_TTL_S - time.time()))
            response["Cache-Control"] = f"max-age={fresh_for}"
        return response
