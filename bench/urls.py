"""The app's URLs plus the framework's own ceilings to compare against."""

import requests
from django.conf import settings
from django.http import JsonResponse
from django.urls import include, path

from weather.models import WeatherSearch
from weather.providers.open_meteo import forecast_params

_PAYLOAD = {"status": "ok", "values": list(range(20))}


def bare_json(request):
    return JsonResponse(_PAYLOAD)


_row: dict = {}


def bare_insert(request):
    """One INSERT of the same row a weather search stores (forecast included), nothing else."""
    if not _row:
        first = WeatherSearch.objects.values().order_by("id").first()
        # Each row gets its own keys, as a search's does.
        _row.update({k: v for k, v in first.items() if k not in ("id", "public_id")})
    search = WeatherSearch(**_row)
    search.save(force_insert=True)
    return JsonResponse({"id": search.pk})


_session = requests.Session()


def one_call_insert(request):
    """The forecast a search asks for, read as JSON, and one INSERT: the least a cold search
    can cost with one upstream round trip (no geocoding, no parsing, no cache)."""
    answer = _session.get(
        f"{settings.OPEN_METEO_FORECAST_URL}/forecast",
        params=forecast_params("48.8534", "2.3488"),
        timeout=10,
    )
    answer.raise_for_status()
    answer.json()
    return bare_insert(request)


urlpatterns = [
    path("bench/bare/", bare_json),
    path("bench/insert/", bare_insert),
    path("bench/one-call/", one_call_insert),
    path("", include("server_config.urls")),
]
