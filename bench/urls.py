"""The app's URLs plus the framework's own ceilings to compare against."""

from django.http import JsonResponse
from django.urls import include, path

from weather.models import WeatherSearch

_PAYLOAD = {"status": "ok", "values": list(range(20))}


def bare_json(request):
    return JsonResponse(_PAYLOAD)


_row: dict = {}


def bare_insert(request):
    """One INSERT of the same row a weather search stores (forecast included), nothing else."""
    if not _row:
        first = WeatherSearch.objects.values().order_by("id").first()
        _row.update({k: v for k, v in first.items() if k != "id"})
    search = WeatherSearch(**_row)
    search.save(force_insert=True)
    return JsonResponse({"id": search.pk})


urlpatterns = [
    path("bench/bare/", bare_json),
    path("bench/insert/", bare_insert),
    path("", include("server_config.urls")),
]
